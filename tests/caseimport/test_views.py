"""The administrator's pages: mapping, upload, the run's progress and problems, the import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.caseimport.forms import PRESETS
from parent_charter.caseimport.models import ColumnMapping, ImportRun, RunStatus
from parent_charter.parents.models import Parent

from .helpers import LL_PARENTS, csv_text, example, save_mapping


def upload(client, parents: str, children: str = "", name="parents.csv"):
    data = {"parents_file": SimpleUploadedFile(name, parents.encode(), "text/csv")}
    if children:
        data["children_file"] = SimpleUploadedFile("children.csv", children.encode(), "text/csv")
    return client.post(reverse("caseimport:upload"), data)


@pytest.fixture
def admin_client(client_for, council_admin):
    return client_for(council_admin)


@pytest.mark.django_db
def test_the_mapping_is_saved_per_council_and_audited(admin_client, hillford, council_admin):
    page = admin_client.get(reverse("caseimport:mapping") + "?preset=mosaic")
    assert page.status_code == 200
    assert 'value="PERSON_ID"' in page.content.decode()
    fields = dict(PRESETS["mosaic"])
    response = admin_client.post(reverse("caseimport:mapping"), fields)
    assert response.status_code == 302
    with scope(council=hillford.pk):
        mapping = ColumnMapping.objects.get()
    assert mapping.council == hillford and mapping.parent_id_column == "PERSON_ID"
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            council=hillford, action="caseimport.mapping.saved", actor=council_admin
        ).exists()


@pytest.mark.django_db
def test_a_bad_mapping_gets_messages_next_to_the_fields(admin_client, hillford):
    fields = {
        **PRESETS["liquidlogic"],
        "parent_id_column": "",
        "parent_role_codes": "Birth Mother = mum",
        "child_id_column": "",
    }
    response = admin_client.post(reverse("caseimport:mapping"), fields)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the column that holds the case system&#x27;s identifier" in body
    assert "Line 1 does not end in one of the values listed" in body
    assert "Enter the column that holds the child&#x27;s identifier" in body
    with scope(council=hillford.pk):
        assert not ColumnMapping.objects.exists()


@pytest.mark.django_db
def test_upload_without_a_mapping_asks_for_one_first(admin_client):
    response = admin_client.get(reverse("caseimport:upload"))
    assert response.status_code == 302 and response["Location"] == reverse("caseimport:mapping")


@pytest.mark.django_db
def test_upload_refuses_what_is_not_a_csv_file(admin_client, hillford, council_admin):
    save_mapping(hillford, council_admin)
    response = upload(admin_client, "%PDF-1.7\x00", name="scan.pdf")
    assert response.status_code == 200
    assert "The selected file must be a CSV file" in response.content.decode()
    response = admin_client.post(reverse("caseimport:upload"), {})
    assert "Select a CSV file to import" in response.content.decode()


@pytest.mark.django_db
def test_upload_dry_run_then_import(
    admin_client, hillford, council_admin, django_capture_on_commit_callbacks
):
    save_mapping(hillford, council_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            admin_client,
            example("liquidlogic-parents.csv"),
            example("liquidlogic-children.csv"),
        )
    assert response.status_code == 302
    run_url = response["Location"]
    page = admin_client.get(run_url).content.decode()
    assert "Checked: ready to import" in page
    assert "Import these records" in page
    with scope(council=hillford.pk):
        assert not Parent.objects.exists()  # the dry run saved nothing
        run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("caseimport:confirm", args=[run.public_id]))
    assert response.status_code == 302
    page = admin_client.get(run_url).content.decode()
    assert "What the import changed" in page
    with scope(council=hillford.pk):
        run.refresh_from_db()
        assert run.status == RunStatus.IMPORTED
        assert (run.summary["parents_created"], run.summary["children_created"]) == (5, 5)
        assert run.parents_csv == "" and run.children_csv == ""  # the files are not kept
        assert Parent.objects.count() == 5
    # Confirming again does nothing more.
    response = admin_client.post(reverse("caseimport:confirm", args=[run.public_id]))
    assert response.status_code == 302
    with scope(council=hillford.pk):
        assert Parent.objects.count() == 5
    # The same files again: the check says there is nothing to change.
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            admin_client,
            example("liquidlogic-parents.csv"),
            example("liquidlogic-children.csv"),
        )
    page = admin_client.get(response["Location"]).content.decode()
    assert "Nothing to change: every record is already up to date." in page
    assert "Import these records" not in page


@pytest.mark.django_db
def test_problems_are_listed_by_line_and_column(
    admin_client, hillford, council_admin, django_capture_on_commit_callbacks
):
    save_mapping(hillford, council_admin)
    text = csv_text(
        LL_PARENTS,
        [
            ["A1", "Ann", "Able", "31/02/2003", "Mother", ""],
            ["A1", "Ben", "Baker", "01/02/2003", "Uncle", ""],
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, text)
    page = admin_client.get(response["Location"]).content.decode()
    assert "Nothing was imported" in page
    assert "<title>Error:" in page
    assert "<code>Date of Birth</code>" in page and "Not a date in a form we accept" in page
    assert "Unknown code “Uncle”" in page
    assert "The same identifier is already on line 2 of this file." in page
    assert "Import these records" not in page
    with scope(council=hillford.pk):
        assert ImportRun.objects.get().parents_csv == ""  # a file that cannot be imported
    # No row's values are repeated back: only the code that was not understood.
    assert "Ann" not in page and "31/02/2003" not in page


@pytest.mark.django_db
def test_the_progress_page_works_without_javascript(admin_client, hillford, council_admin):
    with scope(council=hillford.pk):
        run = ImportRun.objects.create(
            council=hillford, status=RunStatus.CHECKING, total_rows=10_000, done_rows=2_500
        )
    url = reverse("caseimport:run", args=[run.public_id])
    page = admin_client.get(url).content.decode()
    assert '<progress id="import-progress"' in page and 'value="2500"' in page
    assert "2500 of 10000 rows (25%)" in page
    assert 'http-equiv="refresh"' not in page  # only when asked for
    assert f'href="{url}?refresh=on"' in page
    page = admin_client.get(url + "?refresh=on").content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Stop looking again automatically" in page


@pytest.mark.django_db
def test_the_start_page_lists_runs_with_a_fixed_number_of_queries(
    admin_client, hillford, council_admin, django_assert_max_num_queries
):
    with scope(council=hillford.pk):
        for _ in range(3):
            ImportRun.objects.create(council=hillford, created_by=council_admin)
    with django_assert_max_num_queries(15) as few:
        admin_client.get(reverse("caseimport:start"))
    with scope(council=hillford.pk):
        for _ in range(6):
            ImportRun.objects.create(council=hillford, created_by=council_admin)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(reverse("caseimport:start"))
    assert response.content.decode().count("/staff/case-import/runs/") == 9


@pytest.mark.django_db
def test_another_councils_run_is_not_found(client_for, hillford, eastmere, council_admin):
    with scope(council=eastmere.pk):
        theirs = ImportRun.objects.create(council=eastmere, status=RunStatus.CHECKED)
    client = client_for(council_admin)
    assert client.get(reverse("caseimport:run", args=[theirs.public_id])).status_code == 404
    response = client.post(reverse("caseimport:confirm", args=[theirs.public_id]))
    assert response.status_code == 404
    with scope(council=eastmere.pk):
        theirs.refresh_from_db()
        assert theirs.status == RunStatus.CHECKED


@pytest.mark.django_db
def test_the_start_page_links_only_for_administrators(client_for, council_admin, pa):
    assert "Import parents from a case system" in (
        client_for(council_admin).get(reverse("core:dashboard")).content.decode()
    )
    assert "Import parents from a case system" not in (
        client_for(pa).get(reverse("core:dashboard")).content.decode()
    )


@pytest.mark.django_db
def test_problems_are_told_in_welsh(
    admin_client, hillford, council_admin, django_capture_on_commit_callbacks
):
    save_mapping(hillford, council_admin)
    text = csv_text(LL_PARENTS, [["A1", "Ann", "Able", "31/02/2003", "Mother", ""]])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, text)
    admin_client.cookies["parent_charter_language"] = "cy"
    page = admin_client.get(response["Location"]).content.decode()
    assert "Ni fewnforiwyd dim" in page
    assert "Nid yw&#x27;n ddyddiad ar ffurf rydym yn ei derbyn" in page
    assert "Ffeil y rhieni" in page


@pytest.mark.django_db
def test_an_error_while_importing_saves_nothing_and_the_page_says_so(
    admin_client, hillford, council_admin, django_capture_on_commit_callbacks
):
    from unittest import mock

    from parent_charter.caseimport import services

    save_mapping(hillford, council_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, example("liquidlogic-parents.csv"))
    run_url = response["Location"]
    with scope(council=hillford.pk):
        run = ImportRun.objects.get()
    with (
        mock.patch.object(services._Writer, "children", side_effect=RuntimeError("disk full")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        admin_client.post(reverse("caseimport:confirm", args=[run.public_id]))
    with scope(council=hillford.pk):
        run.refresh_from_db()
        assert run.status == RunStatus.FAILED
        assert not Parent.objects.exists()
    page = admin_client.get(run_url).content.decode()
    assert "Something went wrong on our side, and nothing was saved." in page


@pytest.mark.django_db
def test_upload_check_and_import_are_each_in_the_trail(
    admin_client, hillford, council_admin, django_capture_on_commit_callbacks
):
    save_mapping(hillford, council_admin)
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, example("liquidlogic-parents.csv"))
    with scope(council=hillford.pk):
        run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("caseimport:confirm", args=[run.public_id]))
    with scopes_disabled():
        events = AuditEvent.objects.filter(council=hillford, object_id=str(run.public_id))
        assert sorted(events.values_list("action", flat=True)) == [
            "caseimport.checked",
            "caseimport.confirmed",
            "caseimport.imported",
            "caseimport.uploaded",
        ]
        assert {e.actor_id for e in events} == {council_admin.pk}
        imported = events.get(action="caseimport.imported")
        assert imported.detail["parents_created"] == 5
        created = AuditEvent.objects.filter(council=hillford, action="parent.created")
        assert created.count() == 5
        assert all(e.detail["import"] == str(run.public_id) for e in created)
