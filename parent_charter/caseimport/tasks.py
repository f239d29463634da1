"""Background work of the case import, run by the task worker (`manage.py db_worker`).

Arguments are ids only: the files stay in the run's row, never in the task queue.
"""

from django.contrib.auth import get_user_model
from django.tasks import task
from django_scopes import scope

from parent_charter.parents.models import Parent
from parent_charter.plans.services import refresh_parent

from .models import ImportRun, RunStatus


@task
def check_run(run_id: int, council_id: int) -> str:
    """The dry run of one upload. Returns the run's status."""
    from . import services

    with scope(council=council_id):
        run = ImportRun.objects.select_related("council", "created_by").get(pk=run_id)
        if run.status != RunStatus.CHECKING:
            return run.status
        try:
            return services.run_check(run=run).status
        except Exception:
            services.run_failed(run=run)
            raise


@task
def apply_run_task(run_id: int, council_id: int, actor_id: int) -> str:
    """Import a checked run, all or nothing. Returns the run's status."""
    from . import services

    actor = get_user_model().objects.get(pk=actor_id)
    with scope(council=council_id):
        run = ImportRun.objects.select_related("council").get(pk=run_id)
        if run.status != RunStatus.IMPORTING:
            return run.status
        try:
            services.apply_run(run=run, actor=actor)
        except services.ImportRefused:
            pass  # the run holds the problems and says that nothing was imported
        except Exception:
            services.run_failed(run=run, actor=actor)
            raise  # and the task is recorded as failed, with its traceback, by the worker
        return run.status


@task
def refresh_imported_plans(council_id: int, parent_ids: list[int]) -> int:
    """Bring the stages and plans of imported parents up to date, each in its own transaction
    (refresh_parent is idempotent, so running this twice does no harm)."""
    refreshed = 0
    with scope(council=council_id):
        for parent in Parent.objects.filter(pk__in=parent_ids).select_related(
            "council", "personal_adviser"
        ):
            refresh_parent(parent=parent, actor=None, reason="Imported from the case system")
            refreshed += 1
    return refreshed
