#!/usr/bin/env bash
# Installs what the tests need and runs all of them: lint, import rules, migrations check, the
# deploy check, the suite on SQLite, again on PostgreSQL when DATABASE_URL points at one, and
# the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python

# Each stage's wall-clock time is printed when it ends, and all of them again in a table at the
# end, also when a stage fails (the EXIT trap), so a slow or failing stage is plain to see.
stage_names=()
stage_seconds=()
stage=""
stage_started=0
script_started=$SECONDS
end_stage() {
  if [ -n "$stage" ]; then
    local took=$((SECONDS - stage_started))
    stage_names+=("$stage")
    stage_seconds+=("$took")
    printf '<== %s: %ss (%s)\n' "$stage" "$took" "$1"
    stage=""
  fi
}
step() {
  end_stage done
  stage="$*"
  stage_started=$SECONDS
  printf '\n==> %s\n' "$*"
}
summary() {
  local status=$?
  local failed="$stage"
  if [ "$status" -eq 0 ]; then end_stage done; else end_stage FAILED; fi
  printf '\n%8s  %s\n' "seconds" "stage"
  local i
  for i in "${!stage_names[@]}"; do
    local mark=""
    if [ "$status" -ne 0 ] && [ "${stage_names[$i]}" = "$failed" ]; then mark="  <- FAILED"; fi
    printf '%8s  %s%s\n' "${stage_seconds[$i]}" "${stage_names[$i]}" "$mark"
  done
  printf '%8s  %s\n' "$((SECONDS - script_started))" "total"
  exit "$status"
}
trap summary EXIT

step "Install (pinned requirements, front-end build)"
scripts/install.sh test

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
  NOTIFY_API_KEY="ci-$(cat /proc/sys/kernel/random/uuid)-$(cat /proc/sys/kernel/random/uuid)" \
  NOTIFY_CALLBACK_TOKEN="ci-callback-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  DJANGO_SETTINGS_MODULE=parent_charter.settings.production \
  $py manage.py check --deploy --fail-level WARNING

step "Production static files collect (manifest storage checks every file a stylesheet names)"
static_check="$(mktemp -d)"
STATIC_ROOT="$static_check" SECRET_KEY="ci-static-check-$(date +%s)-0123456789abcdefghij0123456789" \
  AUDIT_HMAC_KEY="ci-static-check-audit-key-0123456789abcdefghij" AUDIT_CHECKPOINT_DIR="$static_check" \
  ALLOWED_HOSTS=parent-charter.example.org \
  DATABASE_URL=postgres://parent_charter@127.0.0.1:5432/parent_charter \
  NOTIFY_API_KEY="ci-$(cat /proc/sys/kernel/random/uuid)-$(cat /proc/sys/kernel/random/uuid)" \
  NOTIFY_CALLBACK_TOKEN="ci-callback-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  DJANGO_SETTINGS_MODULE=parent_charter.settings.production \
  $py manage.py collectstatic --no-input --ignore '*.map' -v 0
rm -rf "$static_check"
echo "collected"

step "Translations compile"
DJANGO_SETTINGS_MODULE=parent_charter.settings.test DATABASE_URL= $py manage.py compile_translations

# The suites and the browser tests run in parallel processes (pytest-xdist), each with its own
# test database (on PostgreSQL test_<name>_gw0, _gw1...) and, for the browser tests, its own live
# server on a free port and its own Chromium; TEST_WORKERS=0 runs them in this one process. The
# ten slowest tests are listed so a test that makes the suite slow is seen when it arrives.
workers="${TEST_WORKERS:-2}"
pytest_args=(-q -n "$workers" --durations=10)
pg_url="${DATABASE_URL:-}"
step "Test suite on SQLite"
DATABASE_URL= $py -m pytest -m "not browser" "${pytest_args[@]}"

if [[ "$pg_url" == postgres* ]]; then
  step "Test suite on PostgreSQL"
  DATABASE_URL="$pg_url" $py -m pytest -m "not browser" "${pytest_args[@]}"
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
  DATABASE_URL= DJANGO_ALLOW_ASYNC_UNSAFE=true $py -m pytest -m browser "${pytest_args[@]}"
else
  echo "Browser tests SKIPPED: Debian's chromium is not installed and this user cannot install"
  echo "it (run 'sudo apt-get install chromium', then this command again)."
fi
