"""`manage.py refresh_plans`: queue one plan refresh per council (run it daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from parent_charter.authorities.models import Council
from parent_charter.plans.tasks import refresh_council_plans


class Command(BaseCommand):
    help = "Queue a task per council that refreshes every support plan (time-based milestones)."

    def handle(self, *args, **options):
        queued = 0
        for council_id in Council.objects.order_by("pk").values_list("pk", flat=True):
            refresh_council_plans.enqueue(council_id)
            queued += 1
        self.stdout.write(f"Queued {queued} plan refresh tasks, one per council.")
