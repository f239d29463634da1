# The README's two commands are `make run` and `make test`; the rest are for developers.
.PHONY: run test install frontend lint format migrations-check messages deploy-check verify-audit bench bench-worker

run:  ## Install, set up the SQLite demo with demo data, and serve on http://127.0.0.1:8000
	scripts/run.sh

test:  ## Install test tools and run every check and test (PostgreSQL too when DATABASE_URL is set)
	scripts/test.sh

install:
	scripts/install.sh test

frontend:
	scripts/build-frontend.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

migrations-check:
	DJANGO_SETTINGS_MODULE=parent_charter.settings.test .venv/bin/python manage.py makemigrations --check --dry-run

messages:  ## Extract English strings into the Welsh catalogue (needs gettext), then compile
	cd parent_charter && ../.venv/bin/python ../manage.py makemessages -l cy --no-obsolete
	.venv/bin/python manage.py compile_translations

verify-audit:
	.venv/bin/python manage.py verify_audit_trail

bench:  ## National-scale data in PostgreSQL, then staff pages timed under the production server
	.venv/bin/python bench/run.py

bench-worker:  ## The task worker's resident memory after 1,000 tasks (the profiling database)
	.venv/bin/python bench/worker_memory.py
