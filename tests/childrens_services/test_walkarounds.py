"""Each way the referral guard was walked around (issue 9), as a test that failed before it held.

Old evidence passing as current, any reason releasing a held referral, a manager deciding their
own referral, care history written into other fields, a referral with no event at all, routine
referral, and wordings that used to slip through.
"""

import datetime

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.childrens_services import guard, services, services_decisions
from parent_charter.childrens_services.models import (
    ChildrenServicesReferral,
    GuardEvent,
    ReferralEvidence,
    ReferralStep,
)
from parent_charter.notifications.models import StaffNotification
from parent_charter.offers.models import LocalOffer
from tests.conftest import _staff
from tests.helpers import events, today

from .helpers import CLEAN, FLAGGED, form_data, piece, submit, submit_pieces

SEND_REASON = "The bruise the health visitor saw on the baby's cheek this week has no explanation."


def _url(parent):
    return f"/staff/safeguarding/new/{parent.public_id}/"


def _decide_url(referral):
    return f"/staff/safeguarding/{referral.public_id}/decide/"


def _referrals():
    with scopes_disabled():
        return list(ChildrenServicesReferral.objects.order_by("pk"))


def _counted(kind):
    with scopes_disabled():
        return GuardEvent.objects.filter(kind=kind).count()


def _fresh(referral):
    with scopes_disabled():
        referral.refresh_from_db()
    return referral


def _error_next_to(body: str, field_id: str) -> bool:
    return f'id="{field_id}-error"' in body


# --- 1. Old evidence is not current --------------------------------------------------------


def test_evidence_from_2019_by_a_residential_care_worker_is_refused_not_sent(
    client_for, pa, hillford_parent
):
    data = form_data(
        {
            "what": "Staff saw she often missed meals.",
            "seen_on": datetime.date(2019, 3, 3),
            "source_detail": "Residential care worker, Oak House",
        },
        grounds=["neglect"],
    )
    response = client_for(pa).post(_url(hillford_parent), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "more than 6 months old" in body
    assert _error_next_to(body, "id_evidence-0-seen_on")
    assert "Staff saw she often missed meals." in body  # nothing typed is lost
    assert _referrals() == []
    assert _counted("refused_evidence") == 1
    [event] = events("safeguards.evidence_refused")
    assert event.detail == {"kind": "referral"}


def test_evidence_dated_2015_about_a_baby_born_in_2026_is_refused(client_for, pa, hillford_parent):
    data = form_data({"seen_on": datetime.date(2015, 6, 1)})
    response = client_for(pa).post(_url(hillford_parent), data)
    assert response.status_code == 200 and _referrals() == []


def test_older_evidence_beside_a_current_event_is_kept_as_background(
    client_for, pa, hillford_parent
):
    old = {"what": "Missed three antenatal appointments.", "seen_on": today().replace(year=2024)}
    response = client_for(pa).post(_url(hillford_parent), form_data({}, old))
    assert response.status_code == 302
    with scopes_disabled():
        pieces = list(ReferralEvidence.objects.order_by("position"))
    assert [piece.background for piece in pieces] == [False, True]
    [referral] = _referrals()
    assert referral.status == "sent"


def test_the_recency_window_is_the_councils_setting(client_for, pa, hillford, hillford_parent):
    from tests.factories import LocalOfferFactory

    LocalOfferFactory(council=hillford, evidence_recency_months=1)
    seven_weeks = today() - datetime.timedelta(weeks=7)
    response = client_for(pa).post(_url(hillford_parent), form_data({"seen_on": seven_weeks}))
    body = response.content.decode()
    assert "more than 1 month old" in body and _referrals() == []
    with scopes_disabled():
        assert LocalOffer.objects.get(council=hillford).evidence_recency_months == 1


def test_the_service_refuses_evidence_with_no_current_event_whatever_the_form_did(
    pa, hillford_parent
):
    old = services.EvidenceInput(
        what="Seen drunk at contact with the baby.",
        seen_on=datetime.date(2019, 3, 3),
        source_kind="professional",
        source_detail="Contact worker",
        impact="The baby could be dropped.",
    )
    with scope(council=hillford_parent.council_id), pytest.raises(ValueError, match="current"):
        services.submit_referral(
            parent=hillford_parent,
            actor=pa,
            form_token="8b0c4c55-6c0e-4c83-9a55-4d8d43a3c5b1",
            kind="referral",
            grounds=["neglect"],
            evidence=[old],
        )


# --- 2 and 4. A manager's reason is read; "ok" is no reason ---------------------------------


@pytest.mark.parametrize(
    "reason",
    [
        "ok",
        "Fine to send.",
        "she grew up in care so this is needed",
        "Sending as per our protocol for young parents.",
    ],
)
def test_a_reason_that_says_nothing_or_rests_on_the_past_does_not_send(
    client_for, pa, manager, hillford_parent, reason
):
    referral = submit(
        hillford_parent, pa, "Jade grew up in foster care and doesn't know how to be a mum."
    )
    assert referral.status == "held"
    response = client_for(manager).post(
        _decide_url(referral),
        {"version": referral.version, "decision": "send", "reason": reason, "relied_on": ["0"]},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert _error_next_to(body, "id_reason")
    assert _fresh(referral).status == "held"
    assert _counted("refused_reason") == 1


def test_sending_needs_the_evidence_it_rests_on_picked(client_for, pa, manager, hillford_parent):
    referral = submit(hillford_parent, pa, CLEAN, FLAGGED)
    data = {"version": referral.version, "decision": "send", "reason": SEND_REASON}
    response = client_for(manager).post(_decide_url(referral), data)
    assert "Select the evidence that shows a current risk" in response.content.decode()
    assert _fresh(referral).status == "held"
    response = client_for(manager).post(_decide_url(referral), {**data, "relied_on": ["0"]})
    assert response.status_code == 302
    assert _fresh(referral).status == "sent"
    with scopes_disabled():
        step = ReferralStep.objects.get(referral=referral, step="sent_after_check")
    assert step.relied_on == [0] and step.reason == SEND_REASON


def test_background_evidence_cannot_be_relied_on(client_for, pa, manager, hillford_parent):
    referral = submit_pieces(
        hillford_parent,
        pa,
        piece(FLAGGED, seen_on=today(), source_detail="Midwife"),
        piece(
            "Missed every antenatal appointment that spring.",
            seen_on=datetime.date(2024, 4, 1),
            source_detail="Midwife",
        ),
    )
    response = client_for(manager).post(
        _decide_url(referral),
        {
            "version": referral.version,
            "decision": "send",
            "reason": SEND_REASON,
            "relied_on": ["1"],
        },
    )
    assert "Older evidence is background" in response.content.decode()
    assert _fresh(referral).status == "held"


# --- 3. Four eyes --------------------------------------------------------------------------


def test_a_manager_cannot_decide_their_own_referral(client_for, manager, hillford, hillford_parent):
    other = _staff(hillford, "Mo Second", ["team_manager"])
    referral = submit(hillford_parent, manager, FLAGGED)
    page = client_for(manager).get(_decide_url(referral))
    body = page.content.decode()
    assert page.status_code == 200
    assert "you cannot decide it" in body and 'name="decision"' not in body
    refused = client_for(manager).post(
        _decide_url(referral),
        {
            "version": referral.version,
            "decision": "send",
            "reason": SEND_REASON,
            "relied_on": ["0"],
        },
    )
    assert refused.status_code == 403
    assert _fresh(referral).status == "held"
    with scope(council=hillford.pk), pytest.raises(services_decisions.OwnReferral):
        services_decisions.decide(
            referral=referral,
            actor=manager,
            expected_version=referral.version,
            decision="withdraw",
            reason="I made it by mistake.",
        )
    with scopes_disabled():
        told = list(StaffNotification.objects.filter(kind="safeguards.held_for_decision"))
    assert [note.recipient for note in told] == [other]
    detail = client_for(manager).get(f"/staff/safeguarding/{referral.public_id}/")
    assert "Make a decision" not in detail.content.decode()


def test_with_no_other_manager_the_council_administrator_is_told(
    manager, council_admin, hillford_parent
):
    submit(hillford_parent, manager, FLAGGED)
    with scopes_disabled():
        notes = list(StaffNotification.objects.values_list("recipient", "kind"))
    assert (council_admin.pk, "safeguards.no_one_to_decide") in notes
    assert all(kind != "safeguards.held_for_decision" for _, kind in notes)


# --- 4. Every field is read -----------------------------------------------------------------


def test_care_history_in_the_source_field_holds_the_referral(pa, hillford_parent):
    source = "Her former foster carer, who says she grew up in care so will struggle"
    referral = submit_pieces(hillford_parent, pa, piece(CLEAN, source_detail=source))
    with scopes_disabled():
        [saved] = referral.evidence.all()
    assert referral.status == "held"
    assert {finding.get("field") for finding in saved.findings} == {"source_detail"}


def test_the_effect_on_the_child_is_read_too(pa, hillford_parent):
    impact = "Care leavers often struggle, so the baby will suffer."
    referral = submit_pieces(
        hillford_parent, pa, piece(CLEAN, source_detail="Health visitor", impact=impact)
    )
    assert referral.status == "held"


def test_the_detail_page_highlights_words_in_the_source_and_the_effect(
    client_for, pa, hillford_parent
):
    data = form_data(
        {"source_detail": "Foster carer, who says she grew up in care so will struggle"}
    )
    client_for(pa).post(_url(hillford_parent), data)
    [referral] = _referrals()
    body = client_for(pa).get(f"/staff/safeguarding/{referral.public_id}/").content.decode()
    assert "<mark" in body and "grew up in care" in body


def test_seen_by_me_fills_in_the_workers_role_and_council(client_for, pa, hillford_parent):
    data = form_data({"source_kind": "seen_by_me", "source_detail": ""})
    assert client_for(pa).post(_url(hillford_parent), data).status_code == 302
    with scopes_disabled():
        [piece] = ReferralEvidence.objects.all()
    assert piece.source_detail == "Personal adviser, Hillford Council"


def test_the_effect_on_the_child_is_required(client_for, pa, hillford_parent):
    response = client_for(pa).post(_url(hillford_parent), form_data({"impact": ""}))
    body = response.content.decode()
    assert "Say how this affects the child" in body and _error_next_to(body, "id_evidence-0-impact")
    assert _referrals() == []


# --- 5. A label is not an event -------------------------------------------------------------


@pytest.mark.parametrize(
    "what",
    ["Referral requested.", "Concerns re mum's parenting.", "Risk to baby.", "Safeguarding issues"],
)
def test_a_label_is_refused_next_to_the_field(client_for, pa, hillford_parent, what):
    data = form_data({"what": what}, grounds=["other_current"])
    response = client_for(pa).post(_url(hillford_parent), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "are labels, not events" in body and _error_next_to(body, "id_evidence-0-what")
    assert _referrals() == []
    assert _counted("refused_evidence") == 1


# --- 6. Routine referral --------------------------------------------------------------------

ROUTINE_REASONS = [
    "Referred because she is open to the 16+ team.",
    "As standard for all young people under 18 who are pregnant.",
    "This is our usual pre-birth notification, in line with the young parents protocol.",
    "Mum is seventeen and on the young parents caseload, so a referral is required.",
    "Sent as a matter of course for every expectant young parent we support.",
]


@pytest.mark.parametrize("what", ROUTINE_REASONS)
def test_a_routine_referral_is_held_as_routine_and_counted_apart(
    client_for, pa, hillford_parent, what
):
    response = client_for(pa).post(_url(hillford_parent), form_data({"what": what}))
    assert response.status_code == 302
    [referral] = _referrals()
    assert referral.status == "held"
    assert _counted("held_routine") == 1 and _counted("flagged") == 0
    with scopes_disabled():
        [step] = ReferralStep.objects.filter(referral=referral)
    assert step.step == "held_routine"
    body = client_for(pa).get(response["Location"]).content.decode()
    assert "as a routine referral" in body


def test_a_protocol_named_beside_a_current_event_is_not_routine(pa, hillford_parent):
    referral = submit(
        hillford_parent,
        pa,
        "In line with the protocol I am telling you that on 2 December mum left the baby "
        "alone in the bath and went out to the shop.",
    )
    assert referral.status == "sent"


# --- 7. Wording no longer decides the outcome -----------------------------------------------

SAME_FACT_IN_OTHER_WORDS = [
    "Mum, who was looked after from the age of eight, is likely to struggle with a newborn.",
    "Mum was looked after from the age of eight and is likely to struggle with a newborn.",
    "Her care background means she will find a newborn hard.",
    "She was placed with foster carers at nine, so she has no model of family life to draw on.",
    "While in care there were many missing episodes; it would be prudent to assess.",
    "Her childhood was chaotic; this is why I am referring.",
    "Her upbringing was chaotic. That is why I am referring.",
    "Dad, who himself grew up in residential units, will not know how to parent.",
    "Brought up by the local authority from infancy, she has not been parented herself.",
]


@pytest.mark.parametrize("text", SAME_FACT_IN_OTHER_WORDS)
def test_the_same_fact_in_other_words_is_held(text):
    assert guard.check(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "Her partner (himself a care leaver) hit her in front of the baby on 1 December.",
        "Mum said 'when I was in care nobody hit me' but nursery saw a handprint on the baby "
        "yesterday.",
        "Not being referred because she was in care: on 3 December the baby was found alone.",
    ],
)
def test_care_words_about_someone_else_or_quoted_or_disclaimed_do_not_hold(text):
    assert not guard.check(text).flagged, text


# --- Other records that can reach a decision about a child ----------------------------------


def test_a_concerns_evidence_resting_on_the_past_is_refused_next_to_the_field(
    client_for, pa, hillford_parent
):
    from django.urls import reverse

    url = reverse("concerns:create", kwargs={"parent_id": hillford_parent.public_id})
    data = {
        "form_token": "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
        "raised_by_role": "health_visitor",
        "raised_by_organisation": "Hillford health visiting",
        "raised_by_name": "",
        "raised_on_day": str(today().day),
        "raised_on_month": str(today().month),
        "raised_on_year": str(today().year),
        "evidence_what": "She grew up in care so she will struggle with the baby.",
        "evidence_when_day": str(today().day),
        "evidence_when_month": str(today().month),
        "evidence_when_year": str(today().year),
        "evidence_source": "Home visit",
    }
    response = client_for(pa).post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "rest on the parent&#x27;s own past" in body
    assert "She grew up in care so she will struggle with the baby." in body


def test_an_assessment_summary_reasoning_from_the_past_is_refused():
    from parent_charter.assessments_care_history.forms import AssessmentForm

    form = AssessmentForm(
        {"summary": "Given her time in care she is unlikely to cope."}, assessors=[], adding=True
    )
    form.is_valid()
    assert "rest on the parent's own past" in " ".join(form.errors.get("summary", []))
    ok = AssessmentForm(
        {"summary": "She told me about her time in care. The baby is thriving at home."},
        assessors=[],
        adding=True,
    )
    ok.is_valid()
    assert "summary" not in ok.errors


def test_a_plan_review_drawing_a_conclusion_from_the_past_is_refused():
    from parent_charter.plans.forms import PlanReviewForm

    data = {
        "held_on_day": str(today().day),
        "held_on_month": str(today().month),
        "held_on_year": str(today().year),
        "attendees": "Mum, PA",
        "participation": "in_person",
        "summary": "As a care leaver she is likely to repeat the pattern.",
    }
    form = PlanReviewForm(data)
    form.is_valid()
    assert "summary" in form.errors
    data["summary"] = "Mum is a care leaver; we talked about her setting-up-home allowance."
    form = PlanReviewForm(data)
    form.is_valid()
    assert "summary" not in form.errors
