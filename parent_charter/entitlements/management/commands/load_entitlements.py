"""`manage.py load_entitlements [FILE]`: validate the entitlements data file and load it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parent_charter.charter.catalogue import CatalogueError
from parent_charter.entitlements import catalogue
from parent_charter.entitlements.services import load_entitlements_file


class Command(BaseCommand):
    help = "Validate the entitlements data file and bring the rules in line with it."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=catalogue.DATA_FILE)

    def handle(self, *args, file, **options):
        try:
            result = load_entitlements_file(file)
        except CatalogueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Entitlements ({file.name}): {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.retired} retired."
        )
