"""`manage.py load_charter [FILE ...]`: validate and load charter catalogue files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parent_charter.charter.catalogue import CatalogueError, shipped_catalogues
from parent_charter.charter.services import load_catalogue_file


class Command(BaseCommand):
    help = "Validate charter catalogue files and load them (default: every shipped file)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path)

    def handle(self, *args, files, **options):
        for path in files or shipped_catalogues():
            try:
                result = load_catalogue_file(path)
            except CatalogueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                f"Charter {result.version.version}: {result.outcome} "
                f"({result.commitments} commitments, {path.name})"
            )
