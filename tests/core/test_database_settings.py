"""Settings of the database connection that change how PostgreSQL runs the app's queries."""

import pytest
from django.db import connection

from tests.helpers import settings_print


@pytest.mark.django_db
def test_postgresql_runs_the_apps_queries_without_jit():
    """ADR 0027: the app's connections turn PostgreSQL's JIT compiler off."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        # The test settings' own option is kept beside it.
        cursor.execute("SHOW parent_charter.allow_truncate")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.django_db
def test_postgresql_keeps_a_query_run_often_prepared():
    """ADR 0028: parameters are bound on the server, and a query run five times on a
    connection is prepared there, so it is not planned again."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert connection.features.uses_server_side_binding
    with connection.cursor() as cursor:
        for _run in range(6):
            cursor.execute("SELECT count(*) FROM django_content_type WHERE app_label = %s", ["x"])
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 1


OPTIONS = "' '.join(str(s.DATABASES['default']['OPTIONS'].get(k)) for k in {keys})"


@pytest.mark.parametrize(
    ("variable", "value", "keys", "expected"),
    [
        ("DATABASE_JIT", "", ("options",), "-c jit=off"),
        ("DATABASE_JIT", "true", ("options",), "None"),
        (
            "DATABASE_PREPARED_STATEMENTS",
            "",
            ("server_side_binding", "prepare_threshold"),
            "True 5",
        ),
        (
            "DATABASE_PREPARED_STATEMENTS",
            "false",
            ("server_side_binding", "prepare_threshold"),
            "None None",
        ),
    ],
)
def test_each_database_variable_turns_its_option_on_and_off(variable, value, keys, expected):
    result = settings_print(
        {
            "DJANGO_SETTINGS_MODULE": "parent_charter.settings.dev",
            "DATABASE_URL": "postgres://u@h/db",
            variable: value,
        },
        OPTIONS.format(keys=keys),
    )
    assert result.stdout.strip() == expected, result.stderr
