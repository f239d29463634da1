"""`manage.py import_directory FILE --council SLUG`: load Open Referral UK 3.0 JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parent_charter.authorities.models import Council
from parent_charter.directory.importer import DirectoryImportError, import_directory, read_file


class Command(BaseCommand):
    help = (
        "Validate an Open Referral UK 3.0 file (services with all their details, an organisation "
        "with its services, or a taxonomy) and load it into a council's directory. Matching is "
        "by id, so importing the same file again changes nothing; any error stops the import "
        "before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--council", required=True, help="the council's short name (slug)")

    def handle(self, *args, file, council, **options):
        found = Council.objects.filter(slug=council).first()
        if found is None:
            raise CommandError(f"No council has the short name {council!r}.")
        try:
            report = import_directory(read_file(file), council=found, file_name=file.name)
        except DirectoryImportError as error:
            lines = "\n".join(f"  - {line}" for line in error.errors)
            raise CommandError(f"{file.name} was not imported:\n{lines}") from None
        for warning in report.warnings:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.write(
            f"{file.name} imported into {found.name}: {report.services_created} services added, "
            f"{report.services_updated} updated, {report.taxonomies} taxonomies."
        )
