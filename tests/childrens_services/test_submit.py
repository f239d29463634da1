"""Making a referral: sent when the evidence is current, held when it rests on the parent's past.

Also: field errors for missing evidence, refused (and counted) care-status grounds, the
parent told, the managers told, one referral per form however often it is sent.
"""

import datetime

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.childrens_services.models import (
    ChildrenServicesReferral,
    GuardEvent,
    ReferralEvidence,
    ReferralStep,
)
from parent_charter.notifications.models import ParentNotice, StaffNotification
from tests.children.helpers import add_child
from tests.helpers import events, today

from .helpers import CLEAN, FLAGGED, form_data


def _url(parent):
    return f"/staff/safeguarding/new/{parent.public_id}/"


def _referrals():
    with scopes_disabled():
        return list(ChildrenServicesReferral.objects.order_by("pk"))


def _guard_events(kind=None):
    with scopes_disabled():
        rows = GuardEvent.objects.order_by("pk")
        return list(rows.filter(kind=kind) if kind else rows)


def test_the_form_offers_only_current_grounds(client_for, pa, hillford_parent):
    response = client_for(pa).get(_url(hillford_parent))
    assert response.status_code == 200
    body = response.content.decode()
    for label in (
        "Physical injury seen",
        "Neglect of the child&#x27;s needs observed",
        "Domestic abuse reported",
        "Threats or harm to the unborn baby",
    ):
        assert label in body
    assert 'value="care' not in body and "looked_after" not in body
    [event] = events("parent.viewed")
    assert event.detail == {"form": "safeguards.referral"}


def test_current_evidence_is_sent_to_the_front_door(client_for, pa, manager, hillford_parent):
    child = add_child(hillford_parent, pa)
    response = client_for(pa).post(
        _url(hillford_parent),
        form_data(
            {"what": CLEAN},
            {"what": "Neighbour reported the baby crying alone for two hours on Friday night."},
            child=str(child.public_id),
            grounds=["physical_injury", "neglect"],
        ),
    )
    [referral] = _referrals()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/safeguarding/{referral.public_id}/"
    assert referral.status == "sent" and referral.sent_to == "front_door"
    assert referral.sent_by == pa and referral.sent_at is not None
    assert referral.grounds == ["physical_injury", "neglect"] and referral.child == child
    with scopes_disabled():
        evidence = list(ReferralEvidence.objects.filter(referral=referral))
        assert [e.position for e in evidence] == [0, 1]
        assert all(e.findings == [] for e in evidence)
        assert [s.step for s in ReferralStep.objects.filter(referral=referral)] == ["sent"]
        assert not StaffNotification.objects.exists()
        assert not ParentNotice.objects.exists()
    assert _guard_events() == []
    [event] = events("safeguards.referral.submitted")
    assert event.actor == pa and event.object_id == str(referral.public_id)
    assert event.detail["outcome"] == "sent" and event.detail["evidence"] == 2
    assert CLEAN not in str(event.detail) and "Jamie" not in str(event.detail)


def test_evidence_resting_on_care_history_is_held_and_everyone_told(
    client_for, pa, manager, assessor, hillford, hillford_parent
):
    response = client_for(pa).post(
        _url(hillford_parent), form_data({"what": CLEAN}, {"what": FLAGGED})
    )
    [referral] = _referrals()
    assert referral.status == "held" and referral.sent_at is None
    with scopes_disabled():
        clean, flagged = ReferralEvidence.objects.filter(referral=referral).order_by("position")
        [notice] = ParentNotice.objects.all()
        notifications = list(StaffNotification.objects.all())
    assert clean.findings == []
    words = {FLAGGED[f["start"] : f["end"]] for f in flagged.findings}
    assert "grew up in care" in words
    # Team managers are told (not the adviser, nor the assessor); the parent has a notice.
    assert [n.recipient for n in notifications] == [manager]
    assert notifications[0].url == f"/staff/safeguarding/{referral.public_id}/decide/"
    assert "Jamie Rivers" in notifications[0].text
    assert notice.parent == hillford_parent and notice.told_at is None
    assert "based on what is happening now" in notice.text
    [counted] = _guard_events("flagged")
    assert counted.referral == referral and "care-history" in counted.rules
    assert counted.referral_kind == "referral"
    # The worker sees why: the words highlighted on the referral's page.
    page = client_for(pa).get(response["Location"])
    body = page.content.decode()
    assert "Not sent: held for a team manager" in body
    assert "<mark" in body and "grew up in care</mark>" in body
    assert "Care status or care history is never evidence of risk" in body
    [event] = events("safeguards.referral.submitted")
    assert event.detail["outcome"] == "held" and "care-history" in event.detail["rules"]


def test_a_pre_birth_request_tells_the_parent_in_its_own_words(client_for, pa, hillford_parent):
    expected = add_child(hillford_parent, pa, due_date=today() + datetime.timedelta(days=90))
    client_for(pa).post(
        _url(hillford_parent),
        form_data(
            {"what": FLAGGED},
            kind="pre_birth",
            child=str(expected.public_id),
            grounds=["harm_to_unborn"],
        ),
    )
    [referral] = _referrals()
    assert referral.kind == "pre_birth" and referral.status == "held"
    with scopes_disabled():
        [notice] = ParentNotice.objects.all()
    assert notice.kind == "safeguards.parent.request_held"
    assert "pre-birth assessment" in notice.text


@pytest.mark.parametrize(
    "smuggled", ["care_history", "care_status", "looked_after", "Care-Leaver", "parent_in_care"]
)
def test_a_care_status_ground_is_refused_and_counted(client_for, pa, hillford_parent, smuggled):
    response = client_for(pa).post(_url(hillford_parent), form_data(grounds=["neglect", smuggled]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Care status or care history is never a ground for a referral" in body
    assert 'href="#id_grounds_0"' in body  # the summary links to the field
    assert _referrals() == []
    [counted] = _guard_events("refused_ground")
    assert counted.referral is None and counted.referral_kind == "referral"
    [event] = events("safeguards.ground_refused")
    assert event.object_id == str(hillford_parent.public_id)
    assert event.detail == {"kind": "referral", "refused": 1}


def test_an_unknown_ground_is_refused_without_being_counted(client_for, pa, hillford_parent):
    response = client_for(pa).post(_url(hillford_parent), form_data(grounds=["poor_hygiene"]))
    assert response.status_code == 200
    assert "Select current risks from the list" in response.content.decode()
    assert _referrals() == [] and _guard_events() == []


@pytest.mark.parametrize(
    ("piece", "field", "message"),
    [
        ({"what": ""}, "what", "Describe what was seen or reported"),
        ({"seen_on": None}, "seen_on_0", "Enter the date it was seen or reported"),
        ({"source_kind": ""}, "source_kind_0", "Select who the source is"),
        ({"source_detail": ""}, "source_detail", "Enter the source&#x27;s role and organisation"),
        (
            {"seen_on": today() + datetime.timedelta(days=2)},
            "seen_on_0",
            "The date must be today or in the past",
        ),
        (
            {"seen_on": datetime.date(2010, 1, 1)},
            "seen_on_0",
            "This date is from the parent&#x27;s own childhood",
        ),
    ],
)
def test_each_piece_of_evidence_needs_what_when_and_who(
    client_for, pa, hillford_parent, piece, field, message
):
    response = client_for(pa).post(_url(hillford_parent), form_data(piece))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'href="#id_evidence-0-{field}"' in body
    assert "Evidence 1:" in body  # the summary says which piece
    assert _referrals() == []


def test_no_evidence_at_all_is_refused_with_field_errors(client_for, pa, hillford_parent):
    data = form_data({"what": "", "seen_on": None, "source_kind": "", "source_detail": ""})
    response = client_for(pa).post(_url(hillford_parent), data)
    body = response.content.decode()
    for message in (
        "Describe what was seen or reported",
        "Enter the date it was seen or reported",
        "Select who the source is",
    ):
        assert message in body
    assert _referrals() == []


def test_a_second_piece_half_filled_is_an_error_and_an_empty_one_is_ignored(
    client_for, pa, hillford_parent
):
    half = form_data({"what": CLEAN}, {"what": "Seen drunk at contact.", "source_detail": ""})
    body = client_for(pa).post(_url(hillford_parent), half).content.decode()
    assert "Evidence 2: Enter the source&#x27;s role and organisation" in body
    assert _referrals() == []
    empty = form_data(
        {"what": CLEAN},
        {"what": "", "seen_on": None, "source_kind": "", "source_detail": "", "impact": ""},
    )
    response = client_for(pa).post(_url(hillford_parent), empty)
    assert response.status_code == 302
    with scopes_disabled():
        assert ReferralEvidence.objects.count() == 1


def test_add_another_shows_one_more_piece_and_no_errors(client_for, pa, hillford_parent):
    data = form_data({"what": "Typed so far"}, grounds=[], add_evidence="1")
    response = client_for(pa).post(_url(hillford_parent), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" not in body
    assert 'name="evidence-1-what"' in body and "Typed so far" in body
    assert _referrals() == [] and _guard_events() == []


def test_a_double_submit_makes_one_referral(client_for, pa, manager, hillford_parent):
    client = client_for(pa)
    data = form_data({"what": FLAGGED})
    first = client.post(_url(hillford_parent), data)
    second = client.post(_url(hillford_parent), data)
    [referral] = _referrals()
    assert first["Location"] == second["Location"] == f"/staff/safeguarding/{referral.public_id}/"
    assert len(_guard_events("flagged")) == 1
    with scopes_disabled():
        assert ParentNotice.objects.count() == 1 and StaffNotification.objects.count() == 1


def test_a_child_of_another_parent_cannot_be_chosen(client_for, pa, hillford, hillford_parent):
    with scope(council=hillford.pk):
        from tests.factories import ParentFactory

        someone_else = ParentFactory(council=hillford)
    child = add_child(someone_else, pa)
    response = client_for(pa).post(_url(hillford_parent), form_data(child=str(child.public_id)))
    assert "Select a child from the list" in response.content.decode()
    assert _referrals() == []


def test_evidence_is_shown_escaped(client_for, pa, hillford_parent):
    nasty = '<script>alert("x")</script> She grew up in care so <b>will</b> struggle.'
    client_for(pa).post(_url(hillford_parent), form_data({"what": nasty}))
    [referral] = _referrals()
    body = client_for(pa).get(f"/staff/safeguarding/{referral.public_id}/").content.decode()
    assert "<script>alert" not in body and "<b>will</b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert '<mark class="govuk-!-font-weight-bold">grew up in care</mark>' in body


def test_the_service_refuses_what_a_form_should_have_stopped(pa, hillford_parent):
    from parent_charter.childrens_services import services

    with scope(council=hillford_parent.council_id), pytest.raises(ValueError):
        services.submit_referral(
            parent=hillford_parent,
            actor=pa,
            form_token=None,
            kind="referral",
            grounds=["care_history"],
            evidence=[],
        )
    assert _referrals() == []
