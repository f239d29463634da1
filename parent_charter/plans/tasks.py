"""Background work on support plans, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task
from django_scopes import scope

from parent_charter.parents.models import Parent

from .services import refresh_parent

BATCH = 500


@task
def refresh_council_plans(council_id: int) -> int:
    """Bring every plan of one council up to date, so milestones appear as their window opens.

    Each parent is refreshed in its own transaction, so one council's run can be stopped and
    started again without harm (refresh_parent is idempotent). Returns how many were refreshed.
    """
    refreshed = 0
    with scope(council=council_id):
        parents = Parent.objects.filter(council_id=council_id)
        # Ids first, then batches: writing while a cursor is open over the same rows is unsafe
        # on SQLite, and a whole council's parents need not sit in memory at once.
        ids = list(parents.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = parents.filter(pk__in=ids[start : start + BATCH]).select_related(
                "council", "personal_adviser"
            )
            for parent in batch.order_by("pk"):
                refresh_parent(parent=parent, actor=None, reason="Daily plan refresh")
                refreshed += 1
    return refreshed
