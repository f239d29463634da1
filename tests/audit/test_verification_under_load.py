"""Item 8 of issue 14: the verifier must be right while people work.

The writers and the verifier run in a separate process against a database of their own, so
they commit for real, each on its own connection, as the web servers and the nightly check do.
On SQLite that is a copy of the test database in a file, in write-ahead-log mode as the demo
runs it. On PostgreSQL it is a database created for this test, which only CI does: developers
share one PostgreSQL server.
"""

import json
import os
import sqlite3
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _run(database_url: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "parent_charter.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(  # noqa: S603 -- our own interpreter and script
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def own_database_url(db, tmp_path):
    if connection.vendor == "sqlite":
        path = tmp_path / "audit-load.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)  # the migrated schema, triggers included
        finally:
            copy.close()
        options = urllib.parse.urlencode(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": "20",
                "init_command": "PRAGMA journal_mode=WAL",
            }
        )
        yield f"sqlite:///{path}?{options}"
        return
    if connection.vendor != "postgresql" or not os.environ.get("CI"):
        pytest.skip("on PostgreSQL this needs a database of its own, which only CI creates")
    import psycopg
    from psycopg import sql

    params = {
        key: value
        for key, value in {
            "host": connection.settings_dict["HOST"],
            "port": connection.settings_dict["PORT"],
            "user": connection.settings_dict["USER"],
            "password": connection.settings_dict["PASSWORD"],
        }.items()
        if value
    }
    name = f"{settings.DATABASES['default']['NAME']}_audit_load"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    credentials = params["user"] + (f":{params['password']}" if "password" in params else "")
    url = f"postgres://{credentials}@{params.get('host', '')}:{params.get('port', 5432)}/{name}"
    try:
        # Inside the try, so a migration that fails or times out still drops the database.
        migrated = _run(url, "manage.py", "migrate", "--no-input", "-v", "0")
        assert migrated.returncode == 0, migrated.stderr[-3000:]
        yield url
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def test_verifier_raises_no_false_alarm_while_events_are_written(own_database_url):
    finished = _run(own_database_url, "-m", "tests.audit.load_check", "4")
    assert finished.returncode == 0, finished.stderr[-3000:]
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    # The check is only worth something if it ran many times while events were written.
    assert result["runs"] >= 5 and result["written_during"] >= 50, result
    assert result["alarms"] == [], result
    assert result["final"] == []
