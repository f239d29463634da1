"""Background work of research exports, run by the task worker (`manage.py db_worker`).

Arguments are ids only: the files go into the export's row, never through the task queue.
"""

from django.tasks import task
from django_scopes import scope

from .models import ExportStatus, ResearchExport


@task
def build_export_task(export_id: int, council_id: int) -> str:
    """Build one export's files. Returns the export's status."""
    from . import services

    with scope(council=council_id):
        export = (
            ResearchExport.objects.select_related("agreement", "council", "requested_by")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status not in (ExportStatus.QUEUED, ExportStatus.BUILDING):
            return export.status if export else "gone"
        return services.build_export(export=export).status


@task
def remove_expired_exports_task() -> int:
    """Empty the files of exports whose agreement has ended. Returns how many."""
    from . import services

    return services.remove_expired()
