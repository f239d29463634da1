"""Background work of the committee reports, run by the task worker (`manage.py db_worker`).

Arguments are ids only: the PDF's bytes go into its row, never through the task queue.
"""

from django.tasks import task
from django_scopes import scope

from .models import PdfStatus, ReportPdf


@task
def build_pdf_task(pdf_id: int, council_id: int) -> str:
    """Build one language's PDF of a report. Returns the PDF's status."""
    from . import services

    with scope(council=council_id):
        pdf = (
            ReportPdf.objects.select_related("report", "report__council", "requested_by")
            .defer("content")
            .filter(pk=pdf_id)
            .first()
        )
        if pdf is None or pdf.status not in (PdfStatus.QUEUED, PdfStatus.BUILDING):
            return pdf.status if pdf else "gone"
        return services.build_pdf(pdf=pdf).status
