"""Background work of the living-apart area, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task
from django.utils import timezone
from django_scopes import scope

from parent_charter.authorities.models import Council

from .reminders import reminder_days, send_reminders


@task
def send_council_reminders(council_id: int, days: int | None = None) -> dict:
    """Remind one council's advisers of letter-box and contact dates coming up.

    Safe to run more than once a day: each date is reminded once. Returns the counts sent.
    """
    council = Council.objects.get(pk=council_id)
    with scope(council=council_id):
        counts = send_reminders(
            council=council,
            today=timezone.localdate(),
            days=reminder_days() if days is None else days,
        )
    return counts.as_dict()
