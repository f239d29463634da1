"""A council administrator sets up the column mapping, uploads a file with bad rows and reads
the dry run's problems by line and column, in English and in Welsh, then imports the example
Liquidlogic files. Real Chromium, axe-core on every page."""

import re

import pytest
from django_scopes import scope

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import follow, sign_in, switch_language

pytestmark = pytest.mark.browser

BAD_PARENTS = (
    "Person ID,Forename,Surname,Date of Birth,Parental Role,Postcode\n"
    "LL-1,Ann,Able,31/02/2003,Birth Mother,HR1 1AA\n"
    "LL-1,Ben,Baker,01/02/2003,Uncle,\n"
)


def _csv(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode()}


def test_administrator_maps_columns_checks_a_bad_file_and_imports(page, live_server):
    from parent_charter.authorities.models import Council
    from parent_charter.caseimport.models import ImportRun, RunStatus
    from parent_charter.parents.models import Parent
    from tests.caseimport.helpers import DATA

    seed_demo()
    axe = []
    base = live_server.url
    council = Council.objects.get(slug="herefordshire")

    sign_in(page, live_server, "ceri@herefordshire.demo")
    page.get_by_role("link", name="Import parents from a case system").click()
    page.wait_for_url(re.compile(r"/staff/case-import/$"))
    check_accessibility(page, failures=axe)

    # --- The demo saved Liquidlogic's columns. The mapping, sent without the identifier's
    # column first, then filled in again from the Liquidlogic shape.
    page.get_by_role("link", name="Change the column mapping").click()
    page.wait_for_url(re.compile(r"/staff/case-import/columns/$"))
    check_accessibility(page, failures=axe)
    page.get_by_label("the case system's identifier").fill("")
    follow(page.get_by_role("button", name="Save the column mapping"))
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=axe)
    page.get_by_role("link", name="Liquidlogic").click()
    page.wait_for_url(re.compile(r"\?preset=liquidlogic$"))
    assert page.get_by_label("the case system's identifier").input_value() == "Person ID"
    page.get_by_role("button", name="Save the column mapping").click()
    page.wait_for_url(re.compile(r"/staff/case-import/$"))
    assert "Column mapping saved" in page.locator("main").inner_text()

    # --- An upload with nothing chosen, then a file with bad rows.
    page.get_by_role("button", name="Upload files").click()
    page.wait_for_url(re.compile(r"/staff/case-import/upload/$"))
    check_accessibility(page, failures=axe)
    follow(page.get_by_role("button", name="Check the files"))
    assert "Select a CSV file to import" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=axe)
    page.locator("#id_parents_file").set_input_files(files=[_csv("parents.csv", BAD_PARENTS)])
    page.get_by_role("button", name="Check the files").click()
    page.wait_for_url(re.compile(r"/staff/case-import/runs/[0-9a-f-]{36}/$"))
    problems = page.locator("#problems").inner_text()
    assert "Nothing was imported" in page.locator(".govuk-error-summary").inner_text()
    assert "Not a date in a form we accept" in problems
    assert "Unknown code “Uncle”" in problems
    assert "The same identifier is already on line 2 of this file." in problems
    check_accessibility(page, failures=axe)
    run_url = page.url

    # --- The same in Welsh: the dry run's page, the upload and the mapping.
    switch_language(page, "cy")
    assert page.locator("h1").inner_text() == "Mewnforio o'r system achosion"
    assert "Nid yw'n ddyddiad ar ffurf rydym yn ei derbyn" in page.locator("#problems").inner_text()
    check_accessibility(page, failures=axe)
    page.goto(f"{base}/staff/case-import/upload/")
    assert page.locator("h1").inner_text() == "Llwytho ffeiliau i fyny o'ch system achosion"
    check_accessibility(page, failures=axe)
    follow(page.get_by_role("button", name="Gwirio'r ffeiliau"))
    assert "Dewiswch ffeil CSV i'w mewnforio" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=axe)
    page.goto(f"{base}/staff/case-import/columns/")
    assert page.locator("h1").inner_text() == "Mapio colofnau"
    check_accessibility(page, failures=axe)
    page.goto(f"{base}/staff/case-import/")
    check_accessibility(page, failures=axe)

    # --- A run still being checked: the progress bar, in Welsh and in English.
    with scope(council=council.pk):
        running = ImportRun.objects.create(
            council=council, status=RunStatus.CHECKING, total_rows=10_000, done_rows=4_000
        )
    page.goto(f"{base}/staff/case-import/runs/{running.public_id}/")
    assert page.locator("#import-progress").get_attribute("value") == "4000"
    check_accessibility(page, failures=axe)
    switch_language(page, "en")
    assert "4000 of 10000 rows (40%)" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    page.get_by_role("link", name="Look again automatically every few seconds").click()
    page.wait_for_url(re.compile(r"\?refresh=on$"))
    assert page.get_by_role("link", name="Stop looking again automatically").is_visible()

    # --- The example Liquidlogic files: checked, then imported.
    page.goto(f"{base}/staff/case-import/upload/")
    page.locator("#id_parents_file").set_input_files(str(DATA / "liquidlogic-parents.csv"))
    page.locator("#id_children_file").set_input_files(str(DATA / "liquidlogic-children.csv"))
    page.get_by_role("button", name="Check the files").click()
    page.wait_for_url(re.compile(r"/staff/case-import/runs/[0-9a-f-]{36}/$"))
    assert page.url != run_url
    assert "Checked: ready to import" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    with scope(council=council.pk):
        before = Parent.objects.count()
    follow(page.get_by_role("button", name="Import these records"))
    assert "What the import changed" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    with scope(council=council.pk):
        assert Parent.objects.count() == before + 5
    assert_no_failures(axe)
