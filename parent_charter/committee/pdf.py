"""The report as a PDF, by WeasyPrint: the same sections and charts as the web page, with
print styles, as a tagged PDF (PDF/UA-1) so screen readers can follow it."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from parent_charter.figures.selectors import council_figures

from . import charts, selectors

PDF_CSS = Path(__file__).parent / "static" / "committee" / "report-print.css"


def render_pdf(*, council, language: str, report=None, period=None, progress=None) -> bytes:
    """The PDF of a report (its stored figures once approved), or, without a report, of the
    live figures of `period` marked as a draft. `progress(percent)` hears how far it got."""
    import weasyprint

    def tell(percent):
        if progress:
            progress(percent)

    with translation.override(language):
        if report is not None:
            figures = selectors.report_figures(report, language)
        else:
            figures = council_figures(council=council, period=period)
        tell(30)
        drawn = charts.report_charts(figures)
        tell(50)
        html = render_to_string(
            "committee/pdf.html",
            {
                "council": council,
                "report": report,
                "figures": figures,
                "summary": selectors.summary(figures),
                "charts": drawn,
                "pdf": True,
                "print_css": PDF_CSS.read_text(),
                "LANGUAGE_CODE": language,
            },
        )
        tell(60)
        document = weasyprint.HTML(string=html, base_url=str(Path(__file__).parent)).render()
        tell(90)
        return document.write_pdf(pdf_variant="pdf/ua-1")
