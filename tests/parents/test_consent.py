"""Consent to share: given and withdrawn with who and when, audited, never withdrawn twice."""

import datetime
import uuid

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.parents import selectors, services
from parent_charter.parents.models import ConsentRecord
from tests.factories import ConsentRecordFactory, ParentFactory, PartnerOrganisationFactory


def _add_url(parent) -> str:
    return f"/staff/parents/{parent.public_id}/consents/add/"


def _withdraw_url(consent) -> str:
    return f"/staff/parents/{consent.parent.public_id}/consents/{consent.public_id}/withdraw/"


def _consent_form(**overrides):
    data = {
        "recipient": "other",
        "share_with": "Hillford Family Hub",
        "information": "Contact details and the support plan",
        "given_on_day": "3",
        "given_on_month": "2",
        "given_on_year": "2026",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def _withdraw_form(**overrides):
    data = {
        "withdrawn_on_day": "10",
        "withdrawn_on_month": "3",
        "withdrawn_on_year": "2026",
        "note": "Told me by phone",
    }
    data.update(overrides)
    return data


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


@pytest.fixture
def partner(hillford):
    return PartnerOrganisationFactory(council=hillford, name="Home-Start Hillford")


@pytest.fixture
def consent(hillford, hillford_parent, pa):
    with scope(council=hillford.pk):
        return ConsentRecordFactory(
            parent=hillford_parent, recorded_by=pa, given_on=datetime.date(2026, 1, 5)
        )


# Giving consent


def test_the_add_page_offers_the_councils_partners(client_for, pa, partner, hillford_parent):
    response = client_for(pa).get(_add_url(hillford_parent))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Home-Start Hillford" in body and "Someone else" in body
    [event] = _events("parent.viewed")
    assert event.object_id == str(hillford_parent.public_id)


def test_consent_to_someone_named_by_hand(client_for, pa, hillford_parent):
    response = client_for(pa).post(_add_url(hillford_parent), _consent_form())
    assert response.status_code == 302
    assert response["Location"] == f"/staff/parents/{hillford_parent.public_id}/#consent"
    with scopes_disabled():
        consent = ConsentRecord.objects.get()
    assert consent.parent == hillford_parent and consent.council == hillford_parent.council
    assert consent.share_with == "Hillford Family Hub" and consent.partner_organisation is None
    assert consent.given_on == datetime.date(2026, 2, 3) and consent.recorded_by == pa
    assert consent.is_active
    [event] = _events("consent.given")
    assert event.actor == pa and event.object_id == str(hillford_parent.public_id)
    assert event.detail == {"consent": str(consent.public_id), "partner_organisation": None}


def test_consent_to_a_partner_organisation(client_for, pa, partner, hillford_parent):
    response = client_for(pa).post(
        _add_url(hillford_parent), _consent_form(recipient=str(partner.pk), share_with="")
    )
    assert response.status_code == 302
    with scopes_disabled():
        consent = ConsentRecord.objects.get()
    assert consent.partner_organisation == partner and consent.share_with == "Home-Start Hillford"
    [event] = _events("consent.given")
    assert event.detail["partner_organisation"] == partner.pk


def test_without_partners_the_name_is_typed(client_for, pa, hillford_parent):
    body = client_for(pa).get(_add_url(hillford_parent)).content.decode()
    assert "Someone else" not in body and 'name="share_with"' in body
    response = client_for(pa).post(
        _add_url(hillford_parent), _consent_form(recipient="", share_with="")
    )
    assert "Enter the name of the person or organisation" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"recipient": ""}, "Select who the information may be shared with"),
        ({"recipient": "999999"}, "Select who the information may be shared with"),
        ({"recipient": "other", "share_with": ""}, "Enter the name of the person or organisation"),
        ({"share_with": "x" * 201}, "Name must be 200 characters or fewer"),
        ({"information": ""}, "Enter what may be shared"),
        ({"given_on_day": ""}, "Date must include a day"),
        ({"given_on_year": "2099"}, "The date consent was given must be today or in the past"),
        ({"given_on_month": "13"}, "Enter a real date"),
    ],
)
def test_bad_consent_input_is_explained_and_kept(
    client_for, pa, partner, hillford_parent, overrides, message
):
    response = client_for(pa).post(_add_url(hillford_parent), _consent_form(**overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert "Contact details and the support plan" in body or overrides.get("information") == ""
    with scopes_disabled():
        assert not ConsentRecord.objects.exists()


def test_another_councils_partner_cannot_be_chosen(
    client_for, pa, partner, eastmere, hillford_parent
):
    theirs = PartnerOrganisationFactory(council=eastmere, name="Home-Start Eastmere")
    response = client_for(pa).post(
        _add_url(hillford_parent), _consent_form(recipient=str(theirs.pk))
    )
    assert response.status_code == 200
    assert "Select who the information may be shared with" in response.content.decode()
    with scopes_disabled():
        assert not ConsentRecord.objects.exists()


def test_double_submission_records_one_consent(client_for, pa, hillford_parent):
    client, data = client_for(pa), _consent_form()
    first = client.post(_add_url(hillford_parent), data)
    second = client.post(_add_url(hillford_parent), data)
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert ConsentRecord.objects.count() == 1
    assert len(_events("consent.given")) == 1


def test_unreadable_form_token_still_records_once(client_for, pa, hillford_parent):
    response = client_for(pa).post(_add_url(hillford_parent), _consent_form(form_token="nope"))
    assert response.status_code == 302
    with scopes_disabled():
        assert ConsentRecord.objects.count() == 1


def test_adding_consent_needs_the_permission_and_the_council(
    client_for, assessor, other_pa, hillford_parent
):
    assert client_for(assessor).post(_add_url(hillford_parent), _consent_form()).status_code == 403
    assert client_for(other_pa).post(_add_url(hillford_parent), _consent_form()).status_code == 404
    with scopes_disabled():
        assert not ConsentRecord.objects.exists()
    assert not _events("consent.given")


# Withdrawing consent


def test_withdrawing_consent(client_for, manager, consent):
    client = client_for(manager)
    page = client.get(_withdraw_url(consent))
    assert page.status_code == 200 and "The health visiting team" in page.content.decode()
    response = client.post(_withdraw_url(consent), _withdraw_form())
    assert response.status_code == 302
    assert response["Location"].endswith("#consent")
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 3, 10)
    assert consent.withdrawn_by == manager and consent.withdrawal_note == "Told me by phone"
    [event] = _events("consent.withdrawn")
    assert event.actor == manager and event.object_id == str(consent.parent.public_id)
    assert event.detail == {"consent": str(consent.public_id), "note_given": True}
    assert "phone" not in str(event.detail)


def test_a_withdrawn_consent_cannot_be_withdrawn_again(client_for, pa, manager, consent):
    client_for(manager).post(_withdraw_url(consent), _withdraw_form())
    page = client_for(pa).get(_withdraw_url(consent))
    assert page.status_code == 200
    body = page.content.decode()
    assert "This consent has already been withdrawn" in body
    assert 'name="withdrawn_on_day"' not in body  # no form to withdraw it again
    response = client_for(pa).post(_withdraw_url(consent), _withdraw_form(withdrawn_on_day="20"))
    assert response.status_code == 200
    assert "cannot be withdrawn again" in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 3, 10) and consent.withdrawn_by == manager
    assert len(_events("consent.withdrawn")) == 1


def test_withdrawing_twice_at_once_is_refused_by_the_service(hillford, pa, manager, consent):
    with scope(council=hillford.pk):
        first = ConsentRecord.objects.select_related("parent__council").get(pk=consent.pk)
        second = ConsentRecord.objects.select_related("parent__council").get(pk=consent.pk)
        services.consent_withdraw(
            consent=first, actor=manager, withdrawn_on=datetime.date(2026, 3, 1)
        )
        with pytest.raises(services.ConsentAlreadyWithdrawn) as refused:
            services.consent_withdraw(
                consent=second, actor=pa, withdrawn_on=datetime.date(2026, 3, 2)
            )
    assert refused.value.consent.withdrawn_by == manager
    assert len(_events("consent.withdrawn")) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"withdrawn_on_day": ""}, "Date must include a day"),
        (
            {"withdrawn_on_month": "1", "withdrawn_on_day": "4"},
            "must be on or after the date it was given",
        ),
        ({"withdrawn_on_year": "2099"}, "must be today or in the past"),
        ({"withdrawn_on_day": "x"}, "Enter a real date"),
    ],
)
def test_bad_withdrawal_input_is_explained(client_for, pa, consent, overrides, message):
    response = client_for(pa).post(_withdraw_url(consent), _withdraw_form(**overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and message in body and "Told me by phone" in body
    consent.refresh_from_db()
    assert consent.is_active


def test_withdrawing_needs_the_permission_and_the_council(client_for, assessor, other_pa, consent):
    assert client_for(assessor).post(_withdraw_url(consent), _withdraw_form()).status_code == 403
    assert client_for(other_pa).post(_withdraw_url(consent), _withdraw_form()).status_code == 404
    consent.refresh_from_db()
    assert consent.is_active


def test_a_consent_is_found_only_under_its_own_parent(client_for, pa, hillford, consent):
    with scope(council=hillford.pk):
        someone_else = ParentFactory(council=hillford)
    url = f"/staff/parents/{someone_else.public_id}/consents/{consent.public_id}/withdraw/"
    assert client_for(pa).get(url).status_code == 404


# On the parent's page


def test_the_page_lists_consents_with_who_and_when(client_for, pa, manager, hillford, consent):
    with scope(council=hillford.pk):
        ConsentRecordFactory(
            parent=consent.parent,
            recorded_by=manager,
            share_with="Hillford Family Hub",
            given_on=datetime.date(2025, 9, 1),
            withdrawn_on=datetime.date(2025, 12, 1),
            withdrawn_by=pa,
        )
    body = client_for(pa).get(f"/staff/parents/{consent.parent.public_id}/").content.decode()
    assert "5 January 2026" in body and "Recorded by Priya Adviser" in body
    assert "1 September 2025" in body and "Recorded by Morgan Manager" in body
    assert "1 December 2025" in body
    assert body.count("/withdraw/") == 1  # only the consent still in force
    assert f"/staff/parents/{consent.parent.public_id}/consents/add/" in body


# For referrals


def test_active_consents_for_an_organisation(hillford, hillford_parent, pa, partner):
    other = PartnerOrganisationFactory(council=hillford, name="Family Hub")
    with scope(council=hillford.pk):
        in_force = ConsentRecordFactory(
            parent=hillford_parent, recorded_by=pa, partner_organisation=partner
        )
        ConsentRecordFactory(
            parent=hillford_parent,
            recorded_by=pa,
            partner_organisation=partner,
            withdrawn_on=datetime.date(2026, 2, 1),
            withdrawn_by=pa,
        )
        ConsentRecordFactory(parent=hillford_parent, recorded_by=pa, partner_organisation=other)
        ConsentRecordFactory(parent=hillford_parent, recorded_by=pa)  # named by hand
        assert list(selectors.active_consents(hillford_parent, partner)) == [in_force]
        # Before it was given, it was not in force.
        assert not selectors.active_consents(
            hillford_parent, partner, on=datetime.date(2025, 12, 31)
        ).exists()
