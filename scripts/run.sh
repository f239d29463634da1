#!/usr/bin/env bash
# The demo: install, set up an embedded SQLite database with demo data, and serve on :8000.
# Safe to run again: migrations and demo data are idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh base
export DJANGO_SETTINGS_MODULE=parent_charter.settings.dev
unset DATABASE_URL
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py compile_translations
.venv/bin/python manage.py seed_demo
# The background worker sends invitations, sign-in links and other messages to parents (printed
# to this console in the demo, by messaging's console backend) and runs reminders; it stops
# with the server.
.venv/bin/python manage.py db_worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo
echo "Parent Charter is running at http://127.0.0.1:${PORT:-8000}/  (Ctrl+C to stop)"
echo "A background worker runs beside it: texts and emails to parents (invitations, sign-in links,"
echo "reminders, notices) and staff emails print here, as GOV.UK Notify would send them."
.venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}" --skip-checks
