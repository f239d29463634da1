"""Background work of messaging, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task
from django.utils import timezone
from django_scopes import scope

from parent_charter.authorities.models import Council

from . import reminders, sending


@task
def send_message(message_id: int, council_id: int) -> str:
    with scope(council=council_id):
        return sending.attempt(message_id)


@task
def send_council_messages(council_id: int) -> dict:
    """One council's daily run: queue the reminders due today (each once), then send every
    message whose next attempt is due. Safe to run more than once a day."""
    council = Council.objects.get(pk=council_id)
    now = timezone.now()
    with scope(council=council_id):
        queued = reminders.queue_due(council=council, today=timezone.localdate(now))
        outcomes: dict[str, int] = {}
        for message_id in sending.due_for_retry(council=council, now=now):
            outcome = sending.attempt(message_id, now=now)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return {"reminders": queued, **outcomes}
