"""Reads of the case-import area: the council's mapping and its runs (scoped to the council)."""

from django.core.paginator import Paginator

from .models import ColumnMapping, ImportRun
from .reading import describe, file_label

PROBLEMS_PER_PAGE = 200


def mapping_of(council) -> ColumnMapping | None:
    return ColumnMapping.objects.filter(council=council).first()


def recent_runs(council, limit: int = 10) -> list[ImportRun]:
    return list(
        ImportRun.objects.filter(council=council)
        .select_related("created_by")
        .defer("parents_csv", "children_csv", "problems", "mapping")[:limit]
    )


def run_for(public_id) -> ImportRun:
    """Raises DoesNotExist for another council's run (the scope filters it out)."""
    return (
        ImportRun.objects.select_related("created_by")
        .defer("parents_csv", "children_csv")
        .get(public_id=public_id)
    )


def problems_page(run: ImportRun, page_number) -> tuple[list[dict], object]:
    """One page of the run's problems, in the active language, by file and line."""
    paginator = Paginator(run.problems, PROBLEMS_PER_PAGE)
    page = paginator.get_page(page_number)
    rows = [
        {
            "file": file_label(problem),
            "line": problem["line"],
            "column": problem["column"],
            "message": describe(problem),
        }
        for problem in page.object_list
    ]
    return rows, page
