#!/usr/bin/env bash
# Prints the path of a Python 3.12 or newer, or explains what to install and fails.
# Django 6 needs 3.12+; a plain pip on an older Python silently installs Django 5.2 instead.
set -euo pipefail

ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }

candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.12 python3.13 python3.14 python3)
for c in "${candidates[@]}"; do
  if command -v "$c" >/dev/null 2>&1 && ok "$c"; then
    "$c" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
# pyenv keeps installed versions that its shims hide unless selected.
root="${PYENV_ROOT:-$HOME/.pyenv}"
for p in "$root"/versions/3.12*/bin/python3 "$root"/versions/3.1[3-9]*/bin/python3; do
  if [ -x "$p" ] && ok "$p"; then
    echo "$p"
    exit 0
  fi
done
echo "Parent Charter needs Python 3.12 or newer, and none was found." >&2
echo "Install it (for example 'apt-get install python3.12' or 'pyenv install 3.12'), or set" >&2
echo "PYTHON=/path/to/python3.12 and run the command again." >&2
exit 1
