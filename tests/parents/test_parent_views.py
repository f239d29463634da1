"""Parents' records: every read and change audited, conflicts caught, nothing created twice."""

import datetime
import uuid
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from parent_charter.accounts.roles import Role
from parent_charter.audit.models import AuditEvent
from parent_charter.authorities.models import Nation
from parent_charter.charter.models import Stage
from parent_charter.parents.models import Parent, ParentStage
from parent_charter.plans.models import SupportPlan
from tests.factories import (
    CouncilFactory,
    LocalOfferFactory,
    ParentFactory,
    TOTPDeviceFactory,
    UserFactory,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _form(pa, **overrides):
    data = {
        "given_name": "Kai",
        "family_name": "Morrow",
        "preferred_name": "",
        "pronouns": "",
        "date_of_birth_day": "4",
        "date_of_birth_month": "9",
        "date_of_birth_year": "2005",
        "parent_role": "father",
        "email": "",
        "phone": "",
        "address": "",
        "postcode": "",
        "preferred_contact": "",
        "preferred_language": "en",
        "care_status": "leaving_care",
        "care_category": "",
        "personal_adviser": str(pa.pk),
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


FULL = {
    "preferred_name": "KJ",
    "pronouns": "he/him",
    "email": "kai@example.org",
    "phone": "07700 900 982",
    "address": "2 Mill Lane\nHillford",
    "postcode": "hf1  2ab",
    "preferred_contact": "text",
    "preferred_language": "cy",
    "care_status": "leaving_care",
    "care_category": "eng_former_relevant",
}


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_list_is_audited_without_names(client_for, pa, hillford_parent):
    response = client_for(pa).get("/staff/parents/")
    assert hillford_parent.family_name in response.content.decode()
    [event] = _events("parent.list.viewed")
    assert event.actor == pa and event.council == pa.council
    assert event.detail == {"shown": 1, "page": 1}
    assert hillford_parent.family_name not in str(event.detail)


def test_list_search(client_for, pa, hillford, hillford_parent):
    with scope(council=hillford.pk):
        ParentFactory(council=hillford, given_name="Robin", family_name="Oakley")
    body = client_for(pa).get("/staff/parents/?q=oak").content.decode()
    assert "Oakley" in body and hillford_parent.family_name not in body


def test_list_query_count_does_not_grow_with_parents(client_for, pa, hillford):
    LocalOfferFactory(council=hillford)
    client = client_for(pa)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/parents/").status_code == 200
        return len(queries)

    with scope(council=hillford.pk):
        ParentFactory.create_batch(5, council=hillford, personal_adviser=pa)
    few = count_queries()
    with scope(council=hillford.pk):
        ParentFactory.create_batch(195, council=hillford, personal_adviser=pa)
    assert count_queries() == few


def _list_row(body: str, name: str) -> str:
    start = body.index(name)
    return body[start : body.index("</tr>", start)]


@pytest.mark.parametrize(
    ("today", "tag"),
    [
        (datetime.date(2025, 12, 14), "Eligible"),  # the day before the six-month warning
        (datetime.date(2025, 12, 15), "Support ending soon"),  # the warning starts
        (datetime.date(2026, 6, 14), "Support ending soon"),  # the last day of support
        (datetime.date(2026, 6, 15), "Support has ended"),  # the 25th birthday
    ],
)
def test_list_shows_eligibility_either_side_of_the_boundary(client_for, pa, hillford, today, tag):
    LocalOfferFactory(council=hillford)  # up to the age of 25, warned six months ahead
    with scope(council=hillford.pk):
        ParentFactory(
            council=hillford, family_name="Boundary", date_of_birth=datetime.date(2001, 6, 15)
        )
    with time_machine.travel(
        datetime.datetime.combine(today, datetime.time(12), LONDON), tick=False
    ):
        body = client_for(pa).get("/staff/parents/").content.decode()
    row = _list_row(body, "Boundary")
    assert tag in row
    others = {"Eligible", "Support ending soon", "Support has ended"} - {tag}
    assert not any(f">{other}<" in row for other in others)
    if tag == "Support has ended":
        assert "govuk-tag--grey" in row and "Ended on 15 June 2026" in row


def test_list_follows_the_councils_age_limit(client_for, pa, hillford):
    LocalOfferFactory(council=hillford, eligibility_boundary="through_age")
    with scope(council=hillford.pk):
        ParentFactory(
            council=hillford, family_name="Boundary", date_of_birth=datetime.date(2001, 6, 15)
        )
    moment = datetime.datetime(2026, 6, 15, 12, tzinfo=LONDON)
    with time_machine.travel(moment, tick=False):
        body = client_for(pa).get("/staff/parents/").content.decode()
    assert ">Eligible<" in _list_row(body, "Boundary")


def test_detail_is_audited(client_for, assessor, hillford_parent):
    response = client_for(assessor).get(f"/staff/parents/{hillford_parent.public_id}/")
    assert response.status_code == 200
    [event] = _events("parent.viewed")
    assert event.actor == assessor and event.object_id == str(hillford_parent.public_id)


def test_create_writes_the_record_and_its_audit_row(client_for, pa):
    response = client_for(pa).post("/staff/parents/new/", _form(pa))
    assert response.status_code == 302
    with scopes_disabled():
        parent = Parent.objects.get(family_name="Morrow")
    assert parent.council == pa.council and parent.parent_role == "father"
    assert response["Location"] == f"/staff/parents/{parent.public_id}/"
    [event] = _events("parent.created")
    assert event.object_id == str(parent.public_id)
    assert "Morrow" not in str(event.detail)


def test_create_keeps_every_field(client_for, pa):
    response = client_for(pa).post("/staff/parents/new/", _form(pa, **FULL))
    assert response.status_code == 302
    with scopes_disabled():
        parent = Parent.objects.get(family_name="Morrow")
    assert (parent.preferred_name, parent.pronouns) == ("KJ", "he/him")
    assert parent.email == "kai@example.org" and parent.phone == "07700 900 982"
    assert parent.address == "2 Mill Lane\nHillford" and parent.postcode == "HF1 2AB"
    assert parent.preferred_contact == "text" and parent.preferred_language == "cy"
    assert parent.care_status == "leaving_care" and parent.care_category == "eng_former_relevant"
    assert parent.personal_adviser == pa


def test_create_makes_the_plan_and_stages_at_once(client_for, pa):
    client_for(pa).post("/staff/parents/new/", _form(pa))
    with scopes_disabled():
        parent = Parent.objects.get(family_name="Morrow")
        assert SupportPlan.objects.filter(parent=parent).exists()
        stages = set(ParentStage.objects.filter(parent=parent).values_list("stage", flat=True))
    assert stages == {Stage.BEFORE_PARENTHOOD, Stage.THROUGHOUT}
    assert len(_events("parent.stages.changed")) == 1


def test_the_add_form_starts_with_english_and_leaving_care(client_for, pa):
    body = client_for(pa).get("/staff/parents/new/").content.decode()
    assert 'value="en" id="id_preferred_language_0" checked' in body.replace("\n", "")
    assert 'value="leaving_care"' in body


def test_double_submission_creates_one_record(client_for, pa):
    client = client_for(pa)
    data = _form(pa)
    first = client.post("/staff/parents/new/", data)
    second = client.post("/staff/parents/new/", data)
    with scopes_disabled():
        assert Parent.objects.filter(family_name="Morrow").count() == 1
    assert first["Location"] == second["Location"]
    assert len(_events("parent.created")) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"given_name": ""}, "Enter the parent&#x27;s first name"),
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, "real date"),
        ({"date_of_birth_year": "2099"}, "Date of birth must be in the past"),
        ({"parent_role": "uncle"}, "Select mother, father or parent"),
        ({"given_name": "Kai\x00"}, "Null characters are not allowed"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"phone": "call me maybe"}, "Enter a telephone number"),
        ({"phone": "0" * 25}, "Enter a telephone number"),
        ({"postcode": "NOT A CODE"}, "Enter a real postcode, like SW1A 1AA"),
        ({"preferred_contact": "pigeon"}, "Select how they prefer to be contacted"),
        ({"preferred_language": ""}, "Select English or Welsh"),
        ({"preferred_language": "fr"}, "Select English or Welsh"),
        ({"care_status": ""}, "Select in care, or leaving care or left care"),
        ({"pronouns": "x" * 41}, "Pronouns must be 40 characters or fewer"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(client_for, pa, overrides, message):
    response = client_for(pa).post("/staff/parents/new/", _form(pa, **overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert 'value="Morrow"' in body  # what was typed is kept
    with scopes_disabled():
        assert not Parent.objects.exists()


def test_a_welsh_category_is_refused_for_an_english_council(client_for, pa):
    response = client_for(pa).post("/staff/parents/new/", _form(pa, care_category="wal_cat2"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["care_category"] == ["Select a care-leaver category used in England"]
    body = response.content.decode()
    assert "id_care_category-error" in body
    # Only England's categories (and "another nation's, or not known") are offered.
    assert "Former relevant child (England)" in body and "(Wales)" not in body
    with scopes_disabled():
        assert not Parent.objects.exists()


def test_a_welsh_council_offers_only_welsh_categories(client_for):
    council = CouncilFactory(
        name="Cwm Council",
        slug="cwm",
        gss_code="W06000901",
        nation=Nation.WALES,
        welsh_required=True,
    )
    adviser = UserFactory(council=council, roles=[Role.PERSONAL_ADVISER])
    TOTPDeviceFactory(user=adviser)
    client = client_for(adviser)
    body = client.get("/staff/parents/new/").content.decode()
    assert "Category 3 young person (Wales)" in body and "(England)" not in body
    refused = client.post("/staff/parents/new/", _form(adviser, care_category="eng_relevant"))
    assert refused.context["form"].errors["care_category"] == [
        "Select a care-leaver category used in Wales"
    ]
    accepted = client.post("/staff/parents/new/", _form(adviser, care_category="wal_cat3"))
    assert accepted.status_code == 302
    with scopes_disabled():
        assert Parent.objects.get(council=council).care_category == "wal_cat3"


def test_another_councils_adviser_cannot_be_chosen(client_for, pa, other_pa):
    response = client_for(pa).post("/staff/parents/new/", _form(pa, personal_adviser=other_pa.pk))
    assert "Select a valid choice" in response.content.decode()


def test_edit_form_shows_the_saved_record(client_for, pa, hillford, hillford_parent):
    with scope(council=hillford.pk):
        Parent.objects.filter(pk=hillford_parent.pk).update(
            pronouns="they/them", postcode="HF1 2AB", care_category="eng_relevant"
        )
    body = client_for(pa).get(f"/staff/parents/{hillford_parent.public_id}/edit/").content.decode()
    assert 'value="they/them"' in body and 'value="HF1 2AB"' in body
    assert 'value="eng_relevant" id="id_care_category_1" checked' in body.replace("\n", "")


def test_edit_saves_and_audits_changed_fields(client_for, pa, hillford_parent):
    url = f"/staff/parents/{hillford_parent.public_id}/edit/"
    data = _form(pa, given_name="Jamie", family_name="Rivers-Hart", version="1", **FULL)
    response = client_for(pa).post(url, data)
    assert response.status_code == 302
    hillford_parent.refresh_from_db()
    assert hillford_parent.family_name == "Rivers-Hart" and hillford_parent.version == 2
    assert hillford_parent.pronouns == "he/him" and hillford_parent.preferred_language == "cy"
    [event] = _events("parent.updated")
    assert {"family_name", "pronouns", "email", "care_category"} <= set(event.detail["fields"])
    assert "given_name" not in event.detail["fields"]
    assert "kai@example.org" not in str(event.detail) and "Rivers" not in str(event.detail)


def test_an_address_sent_back_by_a_browser_is_not_a_change(client_for, pa, hillford_parent):
    hillford_parent.address = "2 Mill Lane\nHillford"
    hillford_parent.save()
    url = f"/staff/parents/{hillford_parent.public_id}/edit/"
    # Browsers send a textarea's lines with CRLF endings.
    data = _form(pa, given_name="Jamie", family_name="Rivers", version="1")
    data["address"] = "2 Mill Lane\r\nHillford"
    assert client_for(pa).post(url, data).status_code == 302
    [event] = _events("parent.updated")
    assert "address" not in event.detail["fields"]
    hillford_parent.refresh_from_db()
    assert hillford_parent.address == "2 Mill Lane\nHillford"


def test_edit_is_refused_to_the_wrong_role_and_another_council(
    client_for, assessor, other_pa, pa, hillford_parent
):
    url = f"/staff/parents/{hillford_parent.public_id}/edit/"
    assert client_for(assessor).post(url, _form(pa, version="1")).status_code == 403
    assert client_for(other_pa).post(url, _form(pa, version="1")).status_code == 404
    hillford_parent.refresh_from_db()
    assert hillford_parent.version == 1


def test_concurrent_edit_is_detected_and_nothing_is_overwritten(
    client_for, pa, manager, hillford_parent
):
    url = f"/staff/parents/{hillford_parent.public_id}/edit/"
    # Both open the form at version 1; the manager saves first.
    assert client_for(manager).post(url, _form(pa, family_name="Rivers-Manager", version="1"))[
        "Location"
    ]
    response = client_for(pa).post(
        url, _form(pa, family_name="Rivers-Adviser", pronouns="they/them", version="1")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record while you were editing it" in body
    assert "Rivers-Manager" in body and 'value="Rivers-Adviser"' in body
    assert 'value="they/them"' in body
    hillford_parent.refresh_from_db()
    assert hillford_parent.family_name == "Rivers-Manager"
    # Saving again, having seen the other version, is a deliberate choice and goes through.
    response = client_for(pa).post(url, _form(pa, family_name="Rivers-Adviser", version="2"))
    assert response.status_code == 302
    hillford_parent.refresh_from_db()
    assert hillford_parent.family_name == "Rivers-Adviser" and hillford_parent.version == 3


@pytest.mark.parametrize("version", ["", "abc", "-1", "99999999999999999999", "1.5"])
def test_unreadable_version_is_a_conflict_not_an_error(client_for, pa, hillford_parent, version):
    url = f"/staff/parents/{hillford_parent.public_id}/edit/"
    response = client_for(pa).post(url, _form(pa, family_name="Changed", version=version))
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    hillford_parent.refresh_from_db()
    assert hillford_parent.family_name == "Rivers"


def test_unreadable_form_token_still_creates_one_record(client_for, pa):
    response = client_for(pa).post("/staff/parents/new/", _form(pa, form_token="not-a-uuid"))
    assert response.status_code == 302
    with scopes_disabled():
        assert Parent.objects.filter(family_name="Morrow").count() == 1


def test_garbage_id_in_the_url_is_a_404(client_for, pa):
    assert client_for(pa).get(f"/staff/parents/{uuid.uuid4()}/").status_code == 404
