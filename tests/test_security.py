"""Headers, CSP, error pages, deploy settings: the controls every page relies on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.helpers import settings_print

ROOT = Path(__file__).resolve().parent.parent


def test_security_headers_on_a_public_page(client, db):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Request-ID"]


def test_the_inline_script_carries_the_csp_nonce(client, db):
    response = client.get("/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_signed_in_pages_are_not_cached(client_for, pa):
    response = client_for(pa).get("/staff/parents/")
    assert response["Cache-Control"] == "no-store"


def test_request_id_from_the_load_balancer_is_kept_if_well_formed(client, db):
    assert client.get("/", HTTP_X_REQUEST_ID="lb-0123456789abcdef")["X-Request-ID"] == (
        "lb-0123456789abcdef"
    )
    forged = client.get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert forged != "<script>" and len(forged) == 32


def test_server_error_page_has_a_reference_and_no_details(db, settings):
    from django.urls import path

    from parent_charter import urls as project_urls

    def boom(request):
        raise ValueError("secret detail from the database driver")

    boom.is_public = True
    boom.login_required = False
    settings.ROOT_URLCONF = type(
        "U",
        (),
        {
            "urlpatterns": [path("boom/", boom), *project_urls.urlpatterns],
            "handler500": project_urls.handler500,
        },
    )
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "secret detail" not in body and "Traceback" not in body
    assert response["X-Request-ID"] in body


def test_database_outage_answers_503_with_retry_after(db, settings):
    from django.db import OperationalError
    from django.urls import path

    from parent_charter import urls as project_urls

    def down(request):
        raise OperationalError("could not connect to server at 10.1.2.3 port 5432")

    down.is_public = True
    down.login_required = False
    settings.ROOT_URLCONF = type(
        "U", (), {"urlpatterns": [path("down/", down)], "handler500": project_urls.handler500}
    )
    response = Client(raise_request_exception=False).get("/down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"10.1.2.3" not in response.content and b"5432" not in response.content


def test_health_check(client, db):
    response = client.get("/health/")
    assert response.status_code == 200 and response.content == b"ok"


def _check_deploy(settings_module: str, extra_env: dict) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "k" * 20 + "a-long-random-production-secret-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "parent-charter.example.org",
        "DATABASE_URL": "postgres://parent_charter@db.example.org:5432/parent_charter",
        "AUDIT_HMAC_KEY": "an-audit-key-of-its-own-0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "AUDIT_CHECKPOINT_DIR": "/srv/parent-charter/audit-checkpoints",
        "NOTIFY_API_KEY": "ci-3d3c6a6e-5b9c-4f47-9a0c-5a8d2c1e0b11-"
        "8f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "NOTIFY_CALLBACK_TOKEN": "a-callback-token-of-its-own-1a2b3c4d5e6f",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("module", ["parent_charter.settings.production"])
def test_production_settings_pass_check_deploy(module):
    result = _check_deploy(module, {})
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_notify_credentials_fails_check_deploy():
    result = _check_deploy(
        "parent_charter.settings.production", {"NOTIFY_API_KEY": "", "NOTIFY_CALLBACK_TOKEN": ""}
    )
    assert result.returncode != 0
    assert "messaging.W001" in result.stderr + result.stdout
    assert "messaging.W002" in result.stderr + result.stdout


def test_development_settings_fail_check_deploy_so_the_gate_is_real():
    result = _check_deploy("parent_charter.settings.dev", {"DEBUG": "true"})
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _check_deploy("parent_charter.settings.production", {"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_sqlite():
    result = _check_deploy("parent_charter.settings.production", {"DATABASE_URL": "sqlite:///x"})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_keeps_demo_mode_off_and_two_factor_on():
    env = {
        "DJANGO_SETTINGS_MODULE": "parent_charter.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "a.example",
        "DATABASE_URL": "postgres://u@h/db",
        "AUDIT_HMAC_KEY": "y" * 40,
        "AUDIT_CHECKPOINT_DIR": "/srv/audit-checkpoints",
        "DEMO_MODE": "true",
        "REQUIRE_TWO_FACTOR": "false",
    }
    result = settings_print(
        env,
        "s.PARENT_CHARTER_DEMO_MODE, s.PARENT_CHARTER_REQUIRE_TWO_FACTOR, "
        "s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE",
    )
    assert result.stdout.split() == ["False", "True", "__Host-sessionid", "True"], result.stderr


def test_environment_helpers_fail_loudly(monkeypatch):
    from parent_charter.settings.env import ConfigurationError, env_bool, env_int

    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ConfigurationError, match="SOME_FLAG must be true or false"):
        env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ConfigurationError, match="SOME_NUMBER must be a whole number"):
        env_int("SOME_NUMBER", 1)


def test_service_navigation_marks_the_current_area(client_for, manager, hillford_parent):
    client = client_for(manager)
    nav = client.get("/staff/caseload/").context["nav_items"]
    assert [item["text"] for item in nav if item["active"]] == ["Caseload"]
    nav = client.get("/staff/").context["nav_items"]
    assert [item["text"] for item in nav if item["active"]] == ["Home"]
    nav = client.get(f"/staff/plans/{hillford_parent.public_id}/").context["nav_items"]
    assert not [item for item in nav if item["active"]]
