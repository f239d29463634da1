"""`manage.py send_apart_reminders`: queue one reminder run per council (run it daily)."""

from django.core.management.base import BaseCommand, CommandError

from parent_charter.apart.reminders import reminder_days
from parent_charter.apart.tasks import send_council_reminders
from parent_charter.authorities.models import Council


class Command(BaseCommand):
    help = (
        "Queue a task per council that reminds advisers of letter-box letters and contact "
        "sessions coming up. Each date is reminded once, so running it twice is harmless."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Remind this many days ahead (default: PARENT_CHARTER_APART_REMINDER_DAYS, 7).",
        )

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else reminder_days()
        if not 0 <= days <= 60:
            raise CommandError("--days must be between 0 and 60.")
        queued = 0
        for council_id in Council.objects.order_by("pk").values_list("pk", flat=True):
            send_council_reminders.enqueue(council_id, days)
            queued += 1
        self.stdout.write(
            f"Queued {queued} living-apart reminder tasks, one per council ({days} days ahead)."
        )
