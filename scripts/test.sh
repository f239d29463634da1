#!/usr/bin/env bash
# Installs what the tests need and runs all of them: lint, import rules, migrations check, the
# deploy check, the suite on SQLite, again on PostgreSQL when DATABASE_URL points at one, and
# the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh test
py=.venv/bin/python
step() { printf '\n==> %s\n' "$*"; }

step "Lint (ruff)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

step "Import rules: apps in layers, no cycles between apps (import-linter, pyproject.toml)"
.venv/bin/lint-imports

step "Migrations are up to date"
DJANGO_SETTINGS_MODULE=parent_charter.settings.test DATABASE_URL= $py manage.py makemigrations --check --dry-run

step "Production settings pass check --deploy"
SECRET_KEY="ci-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  AUDIT_HMAC_KEY="ci-audit-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  AUDIT_CHECKPOINT_DIR="$(mktemp -d)" \
  ALLOWED_HOSTS=parent-charter.example.org \
  DATABASE_URL=postgres://parent_charter@127.0.0.1:5432/parent_charter \
  DJANGO_SETTINGS_MODULE=parent_charter.settings.production \
  $py manage.py check --deploy --fail-level WARNING

step "Production static files collect (manifest storage checks every file a stylesheet names)"
static_check="$(mktemp -d)"
STATIC_ROOT="$static_check" SECRET_KEY="ci-static-check-$(date +%s)-0123456789abcdefghij0123456789" \
  AUDIT_HMAC_KEY="ci-static-check-audit-key-0123456789abcdefghij" AUDIT_CHECKPOINT_DIR="$static_check" \
  ALLOWED_HOSTS=parent-charter.example.org \
  DATABASE_URL=postgres://parent_charter@127.0.0.1:5432/parent_charter \
  DJANGO_SETTINGS_MODULE=parent_charter.settings.production \
  $py manage.py collectstatic --no-input --ignore '*.map' -v 0
rm -rf "$static_check"
echo "collected"

step "Translations compile"
DJANGO_SETTINGS_MODULE=parent_charter.settings.test DATABASE_URL= $py manage.py compile_translations

pg_url="${DATABASE_URL:-}"
step "Test suite on SQLite"
DATABASE_URL= $py -m pytest -m "not browser" -q

if [[ "$pg_url" == postgres* ]]; then
  step "Test suite on PostgreSQL"
  DATABASE_URL="$pg_url" $py -m pytest -m "not browser" -q
else
  step "PostgreSQL suite SKIPPED: set DATABASE_URL=postgres://... to run it (CI does)."
fi

step "Browser tests (Playwright + Debian chromium + axe-core)"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium with apt-get..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
if command -v chromium >/dev/null 2>&1; then
  DATABASE_URL= DJANGO_ALLOW_ASYNC_UNSAFE=true $py -m pytest -m browser -q
else
  echo "Browser tests SKIPPED: Debian's chromium is not installed and this user cannot install"
  echo "it (run 'sudo apt-get install chromium', then this command again)."
fi
