"""Recording a data-sharing agreement: the GOV.UK error summary for bad input, who may be the
approver, the audit rows, the list's query count, and the agreement's page with the export's
progress."""

import datetime
import uuid
from pathlib import Path

import polib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.research.models import DataSharingAgreement, ResearchExport
from tests.access.research import agreement_in
from tests.factories import UserFactory
from tests.helpers import date_fields, events, page, today

pytestmark = pytest.mark.django_db

ADD = "/staff/research/agreements/add/"


def _post(approver, **overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "organisation": "Prifysgol Hillford",
        "purpose": "Does Baby Steps help parents keep their babies?",
        "article_6": "6_1_e",
        "article_9": "9_2_j",
        "lawful_basis_detail": "Schedule 1, paragraph 4 of the Data Protection Act 2018.",
        "fields": ["parent_role", "partner_referrals"],
        **date_fields("starts_on", today()),
        **date_fields("ends_on", today() + datetime.timedelta(days=365)),
        "approver": str(approver.pk),
    }
    data.update(overrides)
    return data


def test_an_agreement_is_recorded_and_audited(hillford, council_admin, client_for):
    response = client_for(council_admin).post(ADD, _post(council_admin))
    assert response.status_code == 302
    with scope(council=hillford.pk):
        agreement = DataSharingAgreement.objects.get()
    assert response["Location"] == reverse(
        "research:agreement", kwargs={"public_id": agreement.public_id}
    )
    assert agreement.fields == ["parent_role", "partner_referrals"]
    assert agreement.approver == council_admin
    [recorded] = events("research.agreement.recorded")
    assert recorded.actor_id == council_admin.pk
    assert recorded.detail["fields"] == ["parent_role", "partner_referrals"]


def test_sending_the_form_twice_records_one_agreement(hillford, council_admin, client_for):
    data = _post(council_admin)
    client_for(council_admin).post(ADD, data)
    client_for(council_admin).post(ADD, data)
    with scope(council=hillford.pk):
        assert DataSharingAgreement.objects.count() == 1


def test_an_empty_form_shows_every_message_in_the_error_summary(council_admin, client_for):
    response = client_for(council_admin).post(ADD, {"form_token": str(uuid.uuid4())})
    assert response.status_code == 200
    text = page(response)
    assert "There is a problem" in text
    for message in (
        "Enter the organisation the data is shared with",
        "Enter what the research or evaluation is for",
        "Select the Article 6 lawful basis",
        "Select the Article 9 condition",
        "Enter more about the lawful basis",
        "Select at least one kind of information to share",
        "Enter the start date",
        "Enter the end date",
        "Select the council administrator who approved the agreement",
    ):
        assert text.count(message) == 2, message  # in the summary and beside the field
    assert events("research.agreement.recorded") == []


def test_the_end_must_follow_the_start(council_admin, client_for):
    data = _post(
        council_admin,
        **date_fields("starts_on", today()),
        **date_fields("ends_on", today() - datetime.timedelta(days=1)),
    )
    text = page(client_for(council_admin).post(ADD, data))
    assert "The end date must be after the start date" in text
    assert 'value="Prifysgol Hillford"' in text  # nothing typed is lost


def test_an_agreement_that_has_already_ended_is_refused(council_admin, client_for):
    data = _post(
        council_admin,
        **date_fields("starts_on", today() - datetime.timedelta(days=60)),
        **date_fields("ends_on", today() - datetime.timedelta(days=1)),
    )
    assert "The end date must be today or in the future" in page(
        client_for(council_admin).post(ADD, data)
    )


def test_unknown_field_and_basis_are_refused(council_admin, client_for):
    data = _post(council_admin, fields=["free_text_notes"], article_6="consent-ish")
    text = page(client_for(council_admin).post(ADD, data))
    assert "Select at least one kind of information to share" in text
    assert "Select the Article 6 lawful basis" in text


def test_only_a_council_administrator_of_the_council_may_approve(
    hillford, eastmere, council_admin, manager, client_for
):
    elsewhere = UserFactory(council=eastmere, roles=[Role.COUNCIL_ADMIN])
    for approver in (manager, elsewhere):
        response = client_for(council_admin).post(ADD, _post(approver))
        assert "Select the council administrator who approved the agreement" in page(response)
    form_page = page(client_for(council_admin).get(ADD))
    assert council_admin.full_name in form_page
    assert manager.full_name not in form_page
    with scope(council=hillford.pk):
        assert not DataSharingAgreement.objects.exists()


def test_the_agreement_page_is_audited_and_shows_progress(hillford, council_admin, client_for):
    with scope(council=hillford.pk):
        agreement = agreement_in(hillford, council_admin)
        ResearchExport.objects.create(
            council=hillford, agreement=agreement, status="building", progress=40
        )
    url = reverse("research:agreement", kwargs={"public_id": agreement.public_id})
    text = page(client_for(council_admin).get(url))
    assert "Being built" in text and "40% done" in text
    assert "Hillford University" in text
    [viewed] = events("research.agreement.viewed")
    assert viewed.object_id == str(agreement.public_id)


def test_someone_who_is_not_the_approver_sees_no_download_link(hillford, council_admin, client_for):
    approver = UserFactory(council=hillford, roles=[Role.COUNCIL_ADMIN], full_name="Dai Approver")
    with scope(council=hillford.pk):
        agreement = agreement_in(hillford, approver)
        export = ResearchExport.objects.create(
            council=hillford, agreement=agreement, status="ready", events="join_key\n"
        )
    url = reverse("research:agreement", kwargs={"public_id": agreement.public_id})
    text = page(client_for(council_admin).get(url))
    assert "Only Dai Approver, who approved the agreement, can download them." in text
    assert str(export.public_id) not in text


def test_asking_for_an_export_from_the_page(
    hillford, council_admin, client_for, django_capture_on_commit_callbacks
):
    with scope(council=hillford.pk):
        agreement = agreement_in(hillford, council_admin)
    url = reverse("research:build", kwargs={"public_id": agreement.public_id})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(council_admin).post(url)
    assert response.status_code == 302
    with scope(council=hillford.pk):
        assert ResearchExport.objects.get().status == "ready"


@pytest.mark.parametrize(
    "who", ["pa", "manager", "assessor", "partner_worker", "analyst", "coordinator", "other_pa"]
)
def test_the_list_is_for_council_administrators_only(who, cast, client_for):
    assert client_for(cast[who]).get("/staff/research/").status_code == 403


def test_the_list_costs_the_same_however_many_agreements(hillford, council_admin, client_for):
    client = client_for(council_admin)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/staff/research/").status_code == 200
        return len(context.captured_queries)

    with scope(council=hillford.pk):
        agreement_in(hillford, council_admin)
    few = queries()
    with scope(council=hillford.pk):
        for _ in range(6):
            made = agreement_in(hillford, UserFactory(council=hillford, roles=[Role.COUNCIL_ADMIN]))
            ResearchExport.objects.create(council=hillford, agreement=made)
    many_text = page(client.get("/staff/research/"))
    assert many_text.count("Hillford University") == 7
    assert queries() == few


def test_the_pages_are_in_welsh(hillford, council_admin, client_for, settings):
    client = client_for(council_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    text = page(client.get(ADD))
    assert "Cofnodi cytundeb rhannu data" in text
    assert "Erthygl 9(2)(j): archifo, ymchwil wyddonol neu hanesyddol, neu ystadegau" in text
    errors = page(client.post(ADD, {"form_token": str(uuid.uuid4())}))
    assert "Rhowch y sefydliad y rhennir y data ag ef" in errors
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_every_string_of_the_research_catalogue_is_translated():
    from parent_charter.research import apps

    catalogue = polib.pofile(str(Path(apps.__file__).parent / "locale/cy/LC_MESSAGES/django.po"))
    assert catalogue.untranslated_entries() == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
