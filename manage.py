#!/usr/bin/env python
"""Django's command-line utility for Parent Charter."""

import os
import sys


def main():
    if sys.version_info < (3, 12):  # noqa: UP036 - the project's own guard for plain python3
        sys.exit("Parent Charter needs Python 3.12 or newer (Django 6). Use .venv/bin/python.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parent_charter.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
