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


@pytest.mark.parametrize(("jit", "expected"), [("", "-c jit=off"), ("true", "None")])
def test_database_jit_turns_the_option_on_and_off(jit, expected):
    result = settings_print(
        {
            "DJANGO_SETTINGS_MODULE": "parent_charter.settings.dev",
            "DATABASE_URL": "postgres://u@h/db",
            "DATABASE_JIT": jit,
        },
        "s.DATABASES['default']['OPTIONS'].get('options')",
    )
    assert result.stdout.strip() == expected, result.stderr


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


@pytest.mark.parametrize(("prepared", "expected"), [("", "True 5"), ("false", "None None")])
def test_database_prepared_statements_turns_them_on_and_off(prepared, expected):
    result = settings_print(
        {
            "DJANGO_SETTINGS_MODULE": "parent_charter.settings.dev",
            "DATABASE_URL": "postgres://u@h/db",
            "DATABASE_PREPARED_STATEMENTS": prepared,
        },
        "' '.join(str(s.DATABASES['default']['OPTIONS'].get(k)) "
        "for k in ('server_side_binding', 'prepare_threshold'))",
    )
    assert result.stdout.strip() == expected, result.stderr
