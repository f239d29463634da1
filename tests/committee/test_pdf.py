"""The report's PDF, built by the worker into the database, read back as text: no count from 1
to 4 anywhere in it, every chart's table present, Welsh in the Welsh one; its build and each
download audited; and the command that writes it to a file."""

import io
import re

import pypdf
import time_machine
from django.core.management import call_command
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.committee import services
from parent_charter.committee.models import ReportPdf
from tests.committee.conftest import NOW, build_queued_pdfs

CHART_TABLES = {
    "en": (
        "The chart's figures: Promises kept",
        "The chart's figures: The last four quarters",
        "The chart's figures: Referrals and pre-birth requests to children's services",
        "The chart's figures: Where the children of the parents supported lived",
    ),
    "cy": (
        "Ffigurau'r siart: Addewidion a gadwyd",
        "Ffigurau'r siart: Y pedwar chwarter diwethaf",
        "Ffigurau'r siart: Atgyfeiriadau a cheisiadau cyn geni i'r gwasanaethau plant",
        "Ffigurau'r siart: Ble roedd plant y rhieni a gefnogwyd yn byw",
    ),
}


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("’", "'"))


def small_counts(text: str, source: str = "") -> list[str]:
    """Standalone numbers from 1 to 4 left once the words that are not counts are taken out:
    quarters' names, dates, page and version numbers, percentages, sums of money, and the
    cited study (`source`, with its "1 in 4")."""
    source = re.sub(r"\s+", " ", source.replace("’", "'"))
    if source:
        text = text.replace(source, " ")
    for pattern in (
        r"\d{4} (quarter|chwarter) [1-4]",
        r"\b\d{1,2} \w+ \d{4}\b",
        r"(Page|Tudalen) \d+",
        r"(Version|Fersiwn) \d+",
        r"\d+%",
        r"£[\d,.]+",
    ):
        text = re.sub(pattern, " ", text)
    return re.findall(r"(?<![\w.,£])[1-4](?![\w.,%])", text)


@time_machine.travel(NOW, tick=False)
def test_the_pdfs_have_every_chart_table_welsh_in_welsh_and_no_small_count(hillford, approved):
    build_queued_pdfs(hillford)
    with scope(council=hillford.pk):
        pdfs = {pdf.language: pdf for pdf in ReportPdf.objects.filter(report=approved)}
    assert {language: pdf.status for language, pdf in pdfs.items()} == {
        "en": "ready",
        "cy": "ready",
    }
    for language, pdf in pdfs.items():
        content = bytes(pdf.content)
        assert content.startswith(b"%PDF") and pdf.size == len(content)
        text = pdf_text(content)
        for caption in CHART_TABLES[language]:
            assert caption in text, (language, caption)
        source = approved.figures[language]["one_in_four"]["source"]
        assert source.split(",")[0] in text  # the study is cited, and only it is taken out
        assert small_counts(text, source) == [], language
        assert "fewer than 5" in text if language == "en" else "llai na 5" in text
        assert "15" in text  # the parents supported
    welsh = pdf_text(bytes(pdfs["cy"].content))
    assert "Crynodeb" in welsh and "Argymhelliad i'r aelodau" in welsh
    assert "Summary" not in welsh
    assert AuditEvent.objects.filter(action="committee.pdf.built").count() == 2


def test_the_small_count_check_finds_a_small_count():
    assert small_counts("Parents supported 3 in 2026 quarter 3") == ["3"]
    assert small_counts("Page 2, 6 December 2026, 4%, £3.20, Version 1") == []
    assert small_counts("found 1 in 4 children. Held: 2", "found 1 in 4 children.") == ["2"]


@time_machine.travel(NOW, tick=False)
def test_the_page_shows_progress_and_the_pdf_is_downloaded_audited(
    client_for, analyst, hillford, approved
):
    client = client_for(analyst)
    page = client.get(f"/staff/committee/{approved.public_id}/").content.decode()
    assert "Waiting for the worker: 0% done" in page
    assert "Refresh to see how it is going" in page
    download = f"/staff/committee/{approved.public_id}/pdf/en/"
    assert client.get(download).status_code == 302  # not ready yet: back to the page
    build_queued_pdfs(hillford)
    page = client.get(f"/staff/committee/{approved.public_id}/").content.decode()
    assert "Download the PDF in English" in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="committee.pdf.downloaded")
    assert event.actor_id == analyst.pk
    assert event.detail == {"language": "en", "version": 1}


@time_machine.travel(NOW, tick=False)
def test_asking_for_a_pdf_queues_it_once_and_audits_the_request(
    client_for, analyst, hillford, approved
):
    with scope(council=hillford.pk):
        ReportPdf.objects.all().delete()
    client = client_for(analyst)
    url = f"/staff/committee/{approved.public_id}/pdf/cy/build/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # already on its way
    with scope(council=hillford.pk):
        assert list(ReportPdf.objects.values_list("language", "status")) == [("cy", "queued")]
    requested = AuditEvent.objects.filter(action="committee.pdf.requested", actor=analyst)
    assert requested.count() == 1
    assert client.post(f"/staff/committee/{approved.public_id}/pdf/fr/build/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_command_writes_the_approved_report(tmp_path, hillford, approved):
    output = tmp_path / "report.pdf"
    call_command(
        "committee_report",
        council=hillford.slug,
        quarter="2026-Q3",
        language="cy",
        output=str(output),
    )
    text = pdf_text(output.read_bytes())
    assert "Crynodeb" in text
    assert "Wedi'i gymeradwyo" in text
    assert small_counts(text, approved.figures["cy"]["one_in_four"]["source"]) == []
    event = AuditEvent.objects.filter(action="committee.pdf.built").latest("pk")
    assert event.detail["by"] == "command" and event.detail["language"] == "cy"


@time_machine.travel(NOW, tick=False)
def test_the_command_refuses_an_unknown_council_or_quarter(tmp_path, hillford):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No council"):
        call_command("committee_report", council="nowhere", quarter="2026-Q3", output="x.pdf")
    with pytest.raises(CommandError, match="not a quarter"):
        call_command("committee_report", council=hillford.slug, quarter="2026-07", output="x")
    assert not (tmp_path / "x.pdf").exists()


def test_services_refuse_an_unknown_language(hillford, manager, approved):
    import pytest

    with scope(council=hillford.pk), pytest.raises(services.ReportRefused):
        services.request_pdf(report=approved, language="fr", actor=manager)


@time_machine.travel(NOW, tick=False)
def test_the_command_without_a_report_prints_the_live_figures_marked_as_a_draft(
    tmp_path, hillford, world
):
    output = tmp_path / "draft.pdf"
    call_command(
        "committee_report",
        council=hillford.slug,
        quarter="2026-Q3",
        language="en",
        output=str(output),
    )
    text = pdf_text(output.read_bytes())
    assert "Draft: the figures will change until the report is approved" in text
    assert "the council supported 15 parents" in text
    assert "Not written yet." in text
    assert small_counts(text, "Cardiff Council, Corporate Parenting Advisory Committee") == [
        "1",
        "4",
    ]  # only the study's "1 in 4", whose citation is not taken out here
