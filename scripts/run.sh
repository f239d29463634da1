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
echo
echo "Parent Charter is running at http://127.0.0.1:${PORT:-8000}/  (Ctrl+C to stop)"
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}" --skip-checks
