"""`manage.py build_network_figures [--quarter 2026-Q3]`: store the key measures of every council
that shares its figures with the network, for the comparison network coordinators see."""

from django.core.management.base import BaseCommand, CommandError

from parent_charter.figures import periods
from parent_charter.network.services import build_network_figures


class Command(BaseCommand):
    help = "Store the key measures of each council that shares its figures with the network."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quarter", help="the quarter, like 2026-Q3 (default: the last full one)"
        )

    def handle(self, *args, **options):
        period = None
        if options["quarter"]:
            try:
                period = periods.parse(options["quarter"])
            except ValueError as error:
                raise CommandError(f"Not a quarter: {options['quarter']}") from error
            if period.kind != periods.QUARTER:
                raise CommandError(f"Not a quarter: {options['quarter']}")
        built = build_network_figures(period=period)
        self.stdout.write(f"Shared figures built for {built} councils.")
