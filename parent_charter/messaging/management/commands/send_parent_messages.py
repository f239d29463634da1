"""`manage.py send_parent_messages`: queue one messaging run per council (run it at least
daily; hourly also resends failed messages sooner)."""

from django.core.management.base import BaseCommand

from parent_charter.authorities.models import Council
from parent_charter.messaging.tasks import send_council_messages


class Command(BaseCommand):
    help = (
        "Queue a task per council that sends the reminders due to parents (each once) and "
        "tries again the texts and emails whose next attempt is due."
    )

    def handle(self, *args, **options):
        queued = 0
        for council_id in Council.objects.order_by("pk").values_list("pk", flat=True):
            send_council_messages.enqueue(council_id)
            queued += 1
        self.stdout.write(f"Queued {queued} messaging tasks, one per council.")
