"""`manage.py escalate_overdue_challenges`: queue one escalation run per council (daily)."""

from django.core.management.base import BaseCommand

from parent_charter.authorities.models import Council
from parent_charter.portal.tasks import escalate_council_challenges


class Command(BaseCommand):
    help = "Queue a task per council that passes overdue challenges to its team managers."

    def handle(self, *args, **options):
        queued = 0
        for council_id in Council.objects.order_by("pk").values_list("pk", flat=True):
            escalate_council_challenges.enqueue(council_id)
            queued += 1
        self.stdout.write(f"Queued {queued} challenge escalation tasks, one per council.")
