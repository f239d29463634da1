"""Hillford's known figures (tests/figures/conftest.py), published with the default threshold
of 5, so that a report must never show a count from 1 to 4."""

import pytest
from django_scopes import scope

from parent_charter.committee import services
from parent_charter.figures import periods
from parent_charter.figures.models import FiguresSettings
from tests.figures.conftest import NOW, build_world  # noqa: F401 - NOW is shared with tests

Q3 = periods.parse("2026-Q3")


def known_world(council, pa, **kwargs):
    built = build_world(council, pa, **kwargs)
    FiguresSettings.objects.filter(council=council).update(suppression_threshold=5)
    return built


@pytest.fixture
def world(hillford, pa):
    with scope(council=hillford.pk):
        return known_world(hillford, pa)


@pytest.fixture
def draft(hillford, manager, world):
    with scope(council=hillford.pk):
        return services.create_draft(council=hillford, actor=manager, period=Q3)


@pytest.fixture
def approved(hillford, manager, draft):
    """An approved report; its PDFs are queued (the worker is not run)."""
    with scope(council=hillford.pk):
        services.sections_update(
            report=draft,
            actor=manager,
            expected_version=draft.version,
            services_changes="We now offer a plan meeting within ten working days.",
            financial_implications="Met from the leaving care budget.",
            recommendation="Members are asked to note the report.",
        )
        services.approve(report=draft, actor=manager, expected_version=draft.version)
        draft.refresh_from_db()
    return draft


def build_queued_pdfs(council):
    """Run the worker's task for every queued PDF of the council, as `db_worker` would."""
    from parent_charter.committee.models import ReportPdf
    from parent_charter.committee.tasks import build_pdf_task

    with scope(council=council.pk):
        queued = list(ReportPdf.objects.filter(status="queued").values_list("pk", flat=True))
    for pk in queued:
        build_pdf_task.call(pk, council.pk)
