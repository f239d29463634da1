"""Staff pages: making a referral (consent first), the council's list, one referral, updates,
and the referrals section of a parent's page."""

import html
import re
import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.partner_referrals.contributions import referrals_section
from parent_charter.partner_referrals.models import Referral, ReferralStatus, Status
from parent_charter.partner_referrals.selectors import delivery_of
from tests.factories import ParentFactory
from tests.helpers import events

from .factories import DeliveryContactFactory, DeliveryFactory, ReferralFactory
from .helpers import consent_for, move, refer


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def create_url(parent) -> str:
    return f"/staff/referrals/new/{parent.public_id}/"


def create_data(partner, **overrides) -> dict:
    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "advocacy",
        "programme": "none",
        "organisation": str(partner.pk),
        "referred_by": "adviser",
        "reason": "Would like an advocate at the review meeting.",
        "shared": ["contact", "reason"],
        "confirmed": "on",
    }
    data.update(overrides)
    return data


def _referrals(council):
    with scope(council=council.pk):
        return list(Referral.objects.all())


# --- Making a referral ---------------------------------------------------------------------


def test_other_pages_can_choose_the_kind_of_service(client_for, pa, hillford_parent, home_start):
    body = page(client_for(pa).get(create_url(hillford_parent) + "?kind=advocacy"))
    [chosen] = re.findall(r'<input[^>]*name="kind"[^>]*checked[^>]*>', body)
    assert 'value="advocacy"' in chosen
    assert "Make a referral" in body
    [event] = events("parent.viewed")
    assert event.detail == {"form": "referral.create"}


def test_without_consent_the_form_says_so_and_links_to_the_consent_page(
    client_for, pa, hillford, hillford_parent, home_start, partner_worker
):
    response = client_for(pa).post(create_url(hillford_parent), create_data(home_start))
    body = page(response)
    message = (
        "Jamie has not agreed to share information with Home-Start Hillford. "
        "Record their consent first."
    )
    assert body.count(message) == 2  # in the error summary and next to the field
    assert 'class="govuk-error-summary"' in body
    assert f'href="/staff/parents/{hillford_parent.public_id}/consents/add/"' in body
    assert _referrals(hillford) == []
    assert events("referral.sent") == []


def test_with_consent_the_referral_is_sent(
    client_for, pa, hillford, hillford_parent, home_start, partner_worker
):
    consent_for(hillford_parent, home_start, pa)
    response = client_for(pa).post(create_url(hillford_parent), create_data(home_start))
    [referral] = _referrals(hillford)
    assert response.status_code == 302
    assert response["Location"] == f"/staff/referrals/{referral.public_id}/"
    assert referral.kind == "advocacy" and referral.organisation == home_start
    assert referral.created_by == pa and referral.status == Status.SENT
    assert len(events("referral.sent")) == 1
    body = page(client_for(pa).get(response["Location"]))
    assert "Referral sent to Home-Start Hillford" in body


def test_a_double_submit_sends_once(client_for, pa, hillford, hillford_parent, home_start):
    consent_for(hillford_parent, home_start, pa)
    data = create_data(home_start)
    client = client_for(pa)
    first = client.post(create_url(hillford_parent), data)
    second = client.post(create_url(hillford_parent), data)
    assert first["Location"] == second["Location"]
    assert len(_referrals(hillford)) == 1


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"kind": ""}, "kind", "Select the kind of service"),
        ({"reason": "  "}, "reason", "Enter why you are making this referral"),
        ({"shared": []}, "shared", "Select the information that will be shared"),
        ({"confirmed": ""}, "confirmed", "Confirm that the parent agreed to share"),
        ({"kind": "programme"}, "programme", "Select the programme"),
        (
            {"referred_by": "midwife"},
            "professional_name",
            "Enter the name of the person who asked",
        ),
        (
            {
                "referred_by": "health_visitor",
                "professional_name": "Ann",
                "professional_organisation": "HV team",
            },
            "professional_phone",
            "Enter a phone number or an email address for them",
        ),
        (
            {"referred_by": "midwife", "professional_email": "not-an-email"},
            "professional_email",
            "Enter an email address in the correct format",
        ),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field(
    client_for, pa, hillford, hillford_parent, home_start, baby_steps, overrides, field, message
):
    consent_for(hillford_parent, home_start, pa)
    body = page(
        client_for(pa).post(create_url(hillford_parent), create_data(home_start, **overrides))
    )
    assert f'id="id_{field}-error"' in body
    assert message in body
    assert _referrals(hillford) == []


def test_a_programme_must_go_to_the_organisation_that_runs_it(
    client_for, pa, hillford, hillford_parent, home_start, other_partner, baby_steps
):
    consent_for(hillford_parent, other_partner, pa)
    data = create_data(other_partner, kind="programme", programme=str(baby_steps.pk))
    body = page(client_for(pa).post(create_url(hillford_parent), data))
    assert "Baby Steps is run by Home-Start Hillford. Choose that organisation." in body
    assert _referrals(hillford) == []


def test_a_programme_referral_on_behalf_of_a_midwife(
    client_for, pa, hillford, hillford_parent, home_start, baby_steps
):
    consent_for(hillford_parent, home_start, pa)
    data = create_data(
        home_start,
        kind="programme",
        programme=str(baby_steps.pk),
        organisation="",
        referred_by="midwife",
        professional_name="Beth Lewis",
        professional_role="Community midwife",
        professional_organisation="Hillford maternity",
        professional_email="beth.lewis@example.org",
        shared=["contact", "pregnancy", "reason"],
    )
    response = client_for(pa).post(create_url(hillford_parent), data)
    assert response.status_code == 302, page(response)
    [referral] = _referrals(hillford)
    assert referral.programme == baby_steps and referral.organisation == home_start
    assert referral.professional_email == "beth.lewis@example.org"
    body = page(client_for(pa).get(response["Location"]))
    assert "Beth Lewis, Community midwife" in body and "A midwife" in body


def test_another_councils_parent_is_not_found(client_for, pa, eastmere_parent):
    assert client_for(pa).get(create_url(eastmere_parent)).status_code == 404


# --- One referral, and updates recorded by staff ------------------------------------------


@pytest.fixture
def referral(hillford_parent, pa, home_start):
    consent_for(hillford_parent, home_start, pa)
    return refer(hillford_parent, home_start, pa)


def test_the_referral_page_shows_history_and_is_audited(client_for, assessor, referral):
    body = page(client_for(assessor).get(f"/staff/referrals/{referral.public_id}/"))
    assert "Referral to Advocacy" in body and "Home-Start Hillford" in body
    assert "History" in body and "Sent" in body
    assert "Record an update" not in body  # an assessor reads only
    [event] = events("referral.viewed")
    assert event.actor == assessor and event.detail == {"referral": str(referral.public_id)}


def test_the_referral_page_shows_the_programmes_progress(
    client_for, pa, hillford, hillford_parent, home_start, baby_steps, partner_worker
):
    consent_for(hillford_parent, home_start, pa)
    referral = refer(hillford_parent, home_start, pa, kind="programme", programme=baby_steps)
    move(referral, partner_worker, Status.ACCEPTED, Status.STARTED)
    with scope(council=hillford.pk):
        DeliveryFactory(referral=referral, frequency="fortnightly", worker_name="Sue")
        DeliveryContactFactory(referral=referral, note="Went to the baby group together.")
    body = page(client_for(pa).get(f"/staff/referrals/{referral.public_id}/"))
    assert "Every two weeks" in body and "A trained volunteer: Sue" in body
    assert "Went to the baby group together." in body and "1 contact logged" in body


def _status_url(referral) -> str:
    return f"/staff/referrals/{referral.public_id}/status/"


def test_the_adviser_records_the_partners_answer(client_for, pa, hillford, referral):
    client = client_for(pa)
    body = page(client.get(_status_url(referral)))
    assert "Received: it will be looked at soon" in body
    assert "Started: support has begun" not in body  # not possible from "sent"
    response = client.post(_status_url(referral), {"status": "declined", "reason": ""})
    body = page(response)
    assert 'id="id_reason-error"' in body and "Enter why support cannot be offered" in body
    response = client.post(
        _status_url(referral), {"status": "declined", "reason": "They have no places."}
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        referral.refresh_from_db()
        assert referral.status == "declined"
        assert ReferralStatus.objects.get(referral=referral, status="declined").by == pa


def test_a_step_that_is_no_longer_possible_is_a_form_error_not_a_crash(
    client_for, pa, partner_worker, hillford, referral
):
    move(referral, partner_worker, Status.DECLINED)  # Hana declined it meanwhile
    response = client_for(pa).get(_status_url(referral))
    assert response.status_code == 302  # a closed referral has nothing more to record
    with scope(council=hillford.pk):
        other = ReferralFactory(parent=referral.parent, organisation=referral.organisation)
    move(other, partner_worker, Status.ACCEPTED)
    body = page(client_for(pa).post(_status_url(other), {"status": "received"}))
    assert 'id="id_status-error"' in body
    assert "The referral is now “Accepted”, so that is no longer possible." in body


def test_the_started_status_needs_acceptance_first(client_for, pa, hillford, referral):
    body = page(client_for(pa).post(_status_url(referral), {"status": "started"}))
    assert "no longer possible" in body
    with scope(council=hillford.pk):
        assert Referral.objects.get(pk=referral.pk).status == "sent"


# --- The council's list -------------------------------------------------------------------


def _make_referrals(council, count):
    with scope(council=council.pk):
        for _index in range(count):
            referral = ReferralFactory(parent=ParentFactory(council=council))
            DeliveryContactFactory(referral=referral)
            DeliveryContactFactory(referral=referral)


def test_the_list_costs_the_same_queries_for_one_or_many(client_for, pa, hillford):
    client = client_for(pa)
    _make_referrals(hillford, 1)
    client.get("/staff/referrals/")
    with CaptureQueriesContext(connection) as one:
        body = page(client.get("/staff/referrals/"))
    assert "1 referral" in body
    _make_referrals(hillford, 12)
    with CaptureQueriesContext(connection) as many:
        body = page(client.get("/staff/referrals/"))
    assert "13 referrals" in body
    assert len(many) == len(one)
    assert events("referral.list.viewed")[-1].detail == {"shown": 13, "page": 1, "partner": False}


def test_the_list_filters_by_status(
    client_for, pa, hillford, hillford_parent, partner_worker, referral
):
    with scope(council=hillford.pk):
        accepted = ReferralFactory(parent=ParentFactory(council=hillford, given_name="Robin"))
    move(accepted, partner_worker, Status.ACCEPTED)
    body = page(client_for(pa).get("/staff/referrals/?status=accepted"))
    assert "Robin" in body and "Jamie Rivers" not in body
    body = page(client_for(pa).get("/staff/referrals/?status=nonsense"))
    assert "Robin" in body and "Jamie Rivers" in body


def test_another_councils_referrals_are_not_listed(client_for, other_pa, referral):
    body = page(client_for(other_pa).get("/staff/referrals/"))
    assert "Jamie" not in body and "No referrals have been made yet." in body


# --- The parent's page ---------------------------------------------------------------------


def _section(body: str) -> str:
    start = body.index('id="referrals"')
    return body[start : body.index("</section>", start)]


def test_the_parent_page_shows_referrals_and_progress(
    client_for, pa, hillford, hillford_parent, home_start, baby_steps, partner_worker
):
    consent_for(hillford_parent, home_start, pa)
    referral = refer(hillford_parent, home_start, pa, kind="programme", programme=baby_steps)
    move(referral, partner_worker, Status.ACCEPTED)
    with scope(council=hillford.pk):
        DeliveryFactory(referral=referral)
        DeliveryContactFactory(referral=referral)
    section = _section(page(client_for(pa).get(f"/staff/parents/{hillford_parent.public_id}/")))
    assert "Baby Steps" in section and "Accepted" in section
    assert "Befriending, weekly" in section and "1 contact" in section
    assert f"/staff/referrals/{referral.public_id}/" in section
    assert f"/staff/referrals/new/{hillford_parent.public_id}/" in section
    assert events("referral.viewed") == []  # the page records parent.viewed only


def test_readers_who_cannot_refer_get_no_button(client_for, assessor, hillford_parent):
    section = _section(
        page(client_for(assessor).get(f"/staff/parents/{hillford_parent.public_id}/"))
    )
    assert "No referrals made." in section and "/staff/referrals/new/" not in section


def test_the_section_costs_two_queries_however_many_referrals(pa, hillford):
    """One for the referrals, one for the prompts to offer a programme."""
    with scope(council=hillford.pk):
        one, many = ParentFactory(council=hillford), ParentFactory(council=hillford)
        ReferralFactory(parent=one)
        for _index in range(8):
            referral = ReferralFactory(parent=many)
            DeliveryFactory(referral=referral)
            DeliveryContactFactory(referral=referral)
        request = RequestFactory().get("/")
        request.user = pa
        pa.has_perm("referrals.make_referral")  # the roles are read once per request
        counts = []
        for parent in (one, many):
            with CaptureQueriesContext(connection) as queries:
                section = referrals_section(request, parent)
                for row in section["referrals"]:
                    delivery_of(row)  # fetched with the referrals: no query of its own
            counts.append(len(queries))
    assert counts[0] == counts[1] == 2


# --- Start page ------------------------------------------------------------------------------


def test_the_start_page_links_advisers_and_partners_to_their_referrals(
    client_for, pa, partner_worker, referral
):
    assert 'href="/staff/referrals/"' in page(client_for(pa).get("/staff/"))
    body = page(client_for(partner_worker).get("/staff/"))
    assert 'href="/staff/referrals/partner/"' in body and "Referrals to your organisation" in body
    assert 'href="/staff/referrals/"' not in body


def test_a_parents_name_is_escaped_in_the_forms_hints(client_for, pa, hillford, home_start):
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford, given_name="<b>Kai</b>")
    body = client_for(pa).get(create_url(parent)).content.decode()
    assert "<b>Kai</b>" not in body and "&lt;b&gt;Kai&lt;/b&gt;" in body
