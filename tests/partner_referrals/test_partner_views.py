"""A partner worker's pages: only their organisation's referrals, only what was consented to,
nothing once consent is withdrawn; answering, arranging support and logging contacts."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.parents import services as parent_services
from parent_charter.partner_referrals.models import Delivery, DeliveryContact, Referral, Status
from tests.factories import (
    ChildFactory,
    ChildParentFactory,
    ParentFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from tests.helpers import date_fields, events, today

from .factories import ReferralFactory
from .helpers import consent_for, move, refer, staff_notifications


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def detail_url(referral, suffix="") -> str:
    return f"/staff/referrals/partner/{referral.public_id}/{suffix}"


@pytest.fixture
def jamie(hillford, hillford_parent):
    """Jamie Rivers with details a partner must see only when Jamie agreed to share them."""
    with scope(council=hillford.pk):
        hillford_parent.phone = "07700 900 321"
        hillford_parent.email = "jamie.rivers@example.org"
        hillford_parent.address = "12 Orchard Row"
        hillford_parent.postcode = "HF1 2AB"
        hillford_parent.care_category = "eng_former_relevant"
        hillford_parent.save()
        born = ChildFactory(
            council=hillford, given_name="Skye", date_of_birth=datetime.date(2024, 2, 9)
        )
        ChildParentFactory(child=born, parent=hillford_parent)
        expected = ChildFactory(council=hillford, due_date=today() + datetime.timedelta(days=90))
        ChildParentFactory(child=expected, parent=hillford_parent)
    return hillford_parent


VALUES = {
    "contact": ["07700 900 321", "jamie.rivers@example.org", "12 Orchard Row", "HF1 2AB"],
    "date_of_birth": ["17 May 2004"],
    "children": ["Skye", "9 February 2024"],
    "pregnancy": [(today() + datetime.timedelta(days=90)).strftime("%-d %B %Y")],
    "reason": ["She would like a volunteer to visit on Tuesdays."],
    "care_leaver": ["Former relevant child (England)"],
}


@pytest.fixture
def referral(jamie, pa, home_start):
    consent_for(jamie, home_start, pa)
    return refer(
        jamie,
        home_start,
        pa,
        shared=["contact", "reason"],
        reason="She would like a volunteer to visit on Tuesdays.",
    )


def test_the_partner_sees_only_what_jamie_agreed_to_share(client_for, partner_worker, referral):
    body = page(client_for(partner_worker).get(detail_url(referral)))
    assert "Jamie Rivers" in body
    for category in ("contact", "reason"):
        for value in VALUES[category]:
            assert value in body, value
    for category in ("date_of_birth", "children", "pregnancy", "care_leaver"):
        for value in VALUES[category]:
            assert value not in body, value
    [event] = events("referral.viewed")
    assert event.actor == partner_worker
    assert event.detail["as"] == "partner" and event.detail["shown"] == ["contact", "reason"]


def test_after_withdrawal_the_partner_sees_only_that_consent_was_withdrawn(
    client_for, pa, partner_worker, hillford, referral
):
    with scope(council=hillford.pk):
        parent_services.consent_withdraw(
            consent=referral.consent, actor=pa, withdrawn_on=today(), note="By phone"
        )
    client = client_for(partner_worker)
    body = page(client.get(detail_url(referral)))
    assert "withdrew their consent" in body
    for value in ["Jamie", "Rivers", *VALUES["contact"], *VALUES["reason"]]:
        assert value not in body, value
    listing = page(client.get("/staff/referrals/partner/"))
    assert "Jamie" not in listing and "Consent withdrawn" in listing
    assert f"Referral {referral.reference}" in listing
    assert events("referral.viewed")[-1].detail["consent_in_force"] is False


def test_the_partner_can_still_close_a_referral_after_withdrawal(
    client_for, pa, partner_worker, hillford, referral
):
    move(referral, partner_worker, Status.ACCEPTED)
    with scope(council=hillford.pk):
        parent_services.consent_withdraw(consent=referral.consent, actor=pa, withdrawn_on=today())
    client = client_for(partner_worker)
    body = page(client.get(detail_url(referral, "status/")))
    assert "Jamie" not in body
    response = client.post(
        detail_url(referral, "status/"), {"status": "ended", "outcome": "parent_stopped"}
    )
    assert response.status_code == 302
    # Support can no longer be recorded: those pages send the worker back.
    assert client.get(detail_url(referral, "contacts/add/")).status_code == 302
    assert client.get(detail_url(referral, "support/")).status_code == 302


def test_another_organisations_referral_is_not_found(
    client_for, pa, partner_worker, jamie, other_partner
):
    consent_for(jamie, other_partner, pa)
    theirs = refer(jamie, other_partner, pa)
    client = client_for(partner_worker)
    for suffix in ("", "status/", "support/", "contacts/add/"):
        assert client.get(detail_url(theirs, suffix)).status_code == 404, suffix
    assert client.post(detail_url(theirs, "status/"), {"status": "accepted"}).status_code == 404
    with scope(council=theirs.council_id):
        assert Referral.objects.get(pk=theirs.pk).status == "sent"
    assert "Jamie" not in page(client.get("/staff/referrals/partner/"))


def test_a_partner_worker_without_an_organisation_is_refused(client_for, hillford, referral):
    loose = UserFactory(
        username="lou@hillford.example", council=hillford, roles=[Role.PARTNER_WORKER]
    )
    TOTPDeviceFactory(user=loose)
    assert client_for(loose).get("/staff/referrals/partner/").status_code == 403
    assert client_for(loose).get(detail_url(referral)).status_code == 403


def test_case_workers_cannot_use_the_partner_pages(client_for, pa, referral):
    assert client_for(pa).get(detail_url(referral)).status_code == 403


def _referrals_to(organisation, count):
    with scope(council=organisation.council_id):
        for _index in range(count):
            ReferralFactory(
                parent=ParentFactory(council=organisation.council), organisation=organisation
            )


def test_the_partner_list_costs_the_same_queries_for_one_or_many(
    client_for, partner_worker, home_start, other_partner
):
    client = client_for(partner_worker)
    _referrals_to(home_start, 1)
    _referrals_to(other_partner, 3)
    client.get("/staff/referrals/partner/")
    with CaptureQueriesContext(connection) as one:
        body = page(client.get("/staff/referrals/partner/"))
    assert "1 referral" in body
    _referrals_to(home_start, 12)
    with CaptureQueriesContext(connection) as many:
        body = page(client.get("/staff/referrals/partner/"))
    assert "13 referrals" in body  # and none of the other partner's
    assert len(many) == len(one)
    assert events("referral.list.viewed")[-1].detail == {"shown": 13, "page": 1, "partner": True}


def test_rows_with_consent_and_a_programme_cost_no_query_each(
    client_for, partner_worker, pa, home_start, baby_steps
):
    """The rows that show the parent's name and the programme read them with the list."""
    client = client_for(partner_worker)

    def add(count):
        for _index in range(count):
            with scope(council=home_start.council_id):
                parent = ParentFactory(council=home_start.council, preferred_name="Sky")
            consent_for(parent, home_start, pa)
            with scope(council=home_start.council_id):
                ReferralFactory(
                    parent=parent, organisation=home_start, kind="programme", programme=baby_steps
                )

    add(1)
    client.get("/staff/referrals/partner/")
    with CaptureQueriesContext(connection) as one:
        body = page(client.get("/staff/referrals/partner/"))
    assert body.count("Sky ") == 1 and baby_steps.name in body
    add(5)
    with CaptureQueriesContext(connection) as many:
        body = page(client.get("/staff/referrals/partner/"))
    assert body.count("Sky ") == 6
    assert len(many) == len(one)


def test_the_start_page_counts_referrals_waiting_for_an_answer(
    client_for, partner_worker, referral
):
    body = page(client_for(partner_worker).get("/staff/"))
    assert (
        'Referrals to your organisation</a> <strong class="govuk-tag govuk-tag--blue">'
        "1 waiting for an answer</strong>" in body
    )


# --- Answering ------------------------------------------------------------------------------


def test_the_partner_accepts_and_the_adviser_is_told(
    client_for, pa, partner_worker, hillford, referral
):
    client = client_for(partner_worker)
    body = page(client.get(detail_url(referral, "status/")))
    assert "Accepted: support can be offered" in body and "Ended" not in body
    response = client.post(
        detail_url(referral, "status/"), {"status": "accepted", "note": "Sue will call"}
    )
    assert response["Location"] == detail_url(referral)
    with scope(council=hillford.pk):
        assert Referral.objects.get(pk=referral.pk).status == "accepted"
    assert staff_notifications(pa, "referrals.accepted")
    body = page(client.get(detail_url(referral)))
    assert "Referral updated: Accepted" in body and "Sue will call" in body


def test_declining_without_a_reason_is_a_message_next_to_the_field(
    client_for, partner_worker, hillford, referral
):
    body = page(
        client_for(partner_worker).post(detail_url(referral, "status/"), {"status": "declined"})
    )
    assert 'id="id_reason-error"' in body and "There is a problem" in body
    with scope(council=hillford.pk):
        assert Referral.objects.get(pk=referral.pk).status == "sent"


def test_an_answer_overtaken_by_another_is_a_form_error(
    client_for, pa, partner_worker, hillford, referral
):
    move(referral, pa, Status.ACCEPTED, by_partner=False)  # recorded by the adviser meanwhile
    body = page(
        client_for(partner_worker).post(detail_url(referral, "status/"), {"status": "received"})
    )
    assert "The referral is now “Accepted”, so that is no longer possible." in body


# --- Support and contacts ------------------------------------------------------------------


@pytest.fixture
def programme_referral(jamie, pa, home_start, baby_steps, partner_worker):
    consent_for(jamie, home_start, pa)
    referral = refer(jamie, home_start, pa, kind="programme", programme=baby_steps)
    return move(referral, partner_worker, Status.ACCEPTED)


ARRANGEMENT = {
    "support_form": "befriending",
    "support_giver": "dad_support",
    "place": "community",
    "frequency": "fortnightly",
    "worker_name": "Sam",
    "version": "0",
}


def test_the_partner_records_how_support_is_given(
    client_for, partner_worker, hillford, programme_referral
):
    client = client_for(partner_worker)
    url = detail_url(programme_referral, "support/")
    body = page(client.get(url))
    assert "Support for dads" in body and "Every two weeks" in body
    body = page(client.post(url, {**ARRANGEMENT, "place": ""}))
    assert 'id="id_place-error"' in body and "Select where the support happens" in body
    assert client.post(url, ARRANGEMENT).status_code == 302
    with scope(council=hillford.pk):
        delivery = Delivery.objects.get(referral=programme_referral)
    assert delivery.support_giver == "dad_support" and delivery.version == 1
    # Someone who opened the form before that save sees both versions, and nothing is lost.
    body = page(client.post(url, {**ARRANGEMENT, "frequency": "weekly"}))
    assert "govuk-error-summary" in body and "Every two weeks" in body
    with scope(council=hillford.pk):
        assert Delivery.objects.get(referral=programme_referral).frequency == "fortnightly"


def test_the_partner_logs_a_contact(client_for, partner_worker, hillford, programme_referral):
    client = client_for(partner_worker)
    url = detail_url(programme_referral, "contacts/add/")
    form = page(client.get(url))
    token = form.split('name="form_token" value="')[1].split('"')[0]
    bad = {
        "form_token": token,
        **date_fields("on", today() + datetime.timedelta(days=2)),
        "method": "home_visit",
        "duration_minutes": "a while",
    }
    body = page(client.post(url, bad))
    assert "The date of the contact must be today or in the past" in body
    assert "as a number of minutes" in body
    good = {**bad, **date_fields("on", today()), "duration_minutes": "45", "note": "Baby group"}
    assert client.post(url, good).status_code == 302
    assert client.post(url, good).status_code == 302  # sent twice: logged once
    with scope(council=hillford.pk):
        [contact] = DeliveryContact.objects.filter(referral=programme_referral)
    assert contact.duration_minutes == 45 and contact.method == "home_visit"
    assert "Baby group" in page(client.get(detail_url(programme_referral)))


def test_support_is_not_recorded_before_acceptance(
    client_for, partner_worker, jamie, pa, home_start, baby_steps
):
    consent_for(jamie, home_start, pa)
    referral = refer(jamie, home_start, pa, kind="programme", programme=baby_steps)
    client = client_for(partner_worker)
    for suffix in ("support/", "contacts/add/"):
        response = client.get(detail_url(referral, suffix))
        assert response.status_code == 302 and response["Location"] == detail_url(referral)
