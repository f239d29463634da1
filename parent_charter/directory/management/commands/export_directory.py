"""`manage.py export_directory --council SLUG`: a council's services as Open Referral UK JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parent_charter.authorities.models import Council
from parent_charter.directory import oruk
from parent_charter.directory.feed import council_feed


class Command(BaseCommand):
    help = (
        "Write every service of a council, each with all its details, as a JSON list in the "
        "Open Referral UK 3.0 shape. Each service is checked against the profile's schema first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, help="the council's short name (slug)")
        parser.add_argument(
            "--language",
            choices=["en", "cy"],
            default="en",
            help="the language of the text (Welsh where a record has it); default English",
        )
        parser.add_argument("--output", type=Path, help="write to this file instead of stdout")

    def handle(self, *args, council, language, output, **options):
        found = Council.objects.filter(slug=council).first()
        if found is None:
            raise CommandError(f"No council has the short name {council!r}.")
        services = council_feed(found, language)
        errors = []
        for index, service in enumerate(services):
            errors += oruk.errors_in(
                service, oruk.SERVICE, f"service [{index}] (id {service['id']})"
            )
        if errors:
            raise CommandError("The export does not fit the profile:\n" + "\n".join(errors))
        text = json.dumps(services, ensure_ascii=False, indent=2) + "\n"
        if output:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"{len(services)} services of {found.name} written to {output}.")
        else:
            self.stdout.write(text, ending="")
