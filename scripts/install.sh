#!/usr/bin/env bash
# Creates .venv with Python 3.12+ and installs the pinned requirements (base or test).
set -euo pipefail
cd "$(dirname "$0")/.."
which_requirements="${1:-base}"
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
  python="$(scripts/find-python.sh)"
  echo "Using $python ($("$python" --version))"
  rm -rf .venv
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$which_requirements"
if [ ! -f "$stamp" ] || [ -n "$(find requirements -newer "$stamp" -name '*.txt' | head -1)" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "requirements/$which_requirements.txt"
  touch "$stamp"
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to build GOV.UK Frontend (install Node.js 18+ and npm)." >&2
  exit 1
fi
scripts/build-frontend.sh
