"""Build a council's committee report for a quarter as a PDF file.

    manage.py committee_report --council SLUG --quarter 2026-Q3 --language en --output FILE.pdf

The approved version in force is printed as it was approved; without one, the draft's
sections with the live figures, marked as a draft; without a draft, the live figures alone.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scope

from parent_charter.audit import services as audit
from parent_charter.authorities.models import Council
from parent_charter.figures import periods

from ...models import PdfStatus, ReportPdf, ReportStatus
from ...pdf import render_pdf
from ...selectors import current_report


class Command(BaseCommand):
    help = "Build a council's quarterly committee report as a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, help="the council's slug")
        parser.add_argument("--quarter", required=True, help="such as 2026-Q3")
        parser.add_argument("--language", choices=["en", "cy"], default="en")
        parser.add_argument("--output", required=True, help="the PDF file to write")

    def handle(self, *args, council, quarter, language, output, **options):
        found = Council.objects.filter(slug=council).first()
        if found is None:
            raise CommandError(f"No council has the slug {council!r}.")
        try:
            period = periods.parse(quarter)
        except ValueError:
            raise CommandError(f"{quarter!r} is not a quarter such as 2026-Q3.") from None
        if period.kind != periods.QUARTER:
            raise CommandError(f"{quarter!r} is not a quarter such as 2026-Q3.")
        with scope(council=found.pk):
            report = current_report(quarter=period.slug)
            stored = None
            if report is not None and report.status == ReportStatus.APPROVED:
                stored = (
                    ReportPdf.objects.filter(
                        report=report, language=language, status=PdfStatus.READY
                    )
                    .values_list("content", flat=True)
                    .first()
                )
            content = (
                bytes(stored)
                if stored
                else render_pdf(council=found, language=language, report=report, period=period)
            )
            with transaction.atomic():
                audit.record(
                    actor=None,
                    council=found,
                    action="committee.pdf.built",
                    obj=report,
                    detail={
                        "quarter": period.slug,
                        "language": language,
                        "by": "command",
                        "version": report.number if report else None,
                    },
                )
        Path(output).write_bytes(content)
        state = report.get_status_display() if report else "figures only, no report yet"
        self.stdout.write(f"Wrote {output} ({len(content):,} bytes; {period.slug}, {state}).")
