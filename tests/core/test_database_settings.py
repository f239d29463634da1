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
