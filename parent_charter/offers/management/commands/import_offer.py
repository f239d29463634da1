"""`manage.py import_offer FILE`: create or update a council and its local offer from a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parent_charter.charter.catalogue import CatalogueError
from parent_charter.offers.offer_file import load_offer_file
from parent_charter.offers.offer_import import apply_offer_file


class Command(BaseCommand):
    help = "Validate a local-offer file and apply it (idempotent). Load the charter first."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            spec = load_offer_file(file)
            council = apply_offer_file(spec, file_name=file.name)
        except CatalogueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Local offer of {council.name} imported from {file.name}.")
