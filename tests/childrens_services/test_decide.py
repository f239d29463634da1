"""A team manager's decision on a held referral, and the rewrite of a returned one."""

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.childrens_services import services, services_decisions
from parent_charter.childrens_services.models import GuardEvent, ReferralEvidence, ReferralStep
from parent_charter.notifications.models import ParentNotice, StaffNotification
from tests.helpers import events

from .helpers import CLEAN, FLAGGED, form_data, submit


def _decide_url(referral):
    return f"/staff/safeguarding/{referral.public_id}/decide/"


def _rewrite_url(referral):
    return f"/staff/safeguarding/{referral.public_id}/rewrite/"


def _fresh(referral):
    with scopes_disabled():
        referral.refresh_from_db()
    return referral


def _steps(referral):
    with scopes_disabled():
        return list(ReferralStep.objects.filter(referral=referral).order_by("pk"))


def _notices(parent):
    with scopes_disabled():
        return [n.kind for n in ParentNotice.objects.filter(parent=parent).order_by("pk")]


def _worker_notes(user):
    with scopes_disabled():
        return [n.kind for n in StaffNotification.objects.filter(recipient=user).order_by("pk")]


def test_the_decision_page_shows_the_flagged_words_escaped(
    client_for, pa, manager, hillford_parent
):
    referral = submit(hillford_parent, pa, CLEAN, "Her own mother neglected her <i>& so</i> on.")
    response = client_for(manager).get(_decide_url(referral))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="govuk-!-font-weight-bold">Her own mother neglected her</mark>' in body
    assert "&lt;i&gt;&amp; <mark" in body and "&lt;/i&gt; on." in body
    assert "<i>" not in body
    assert "How the parent was treated as a child" in body
    assert "Send it as it is" in body and "Withdraw it" in body
    [event] = events("safeguards.referral.viewed")
    assert event.actor == manager and event.detail == {"form": "decide"}


@pytest.mark.parametrize(
    ("decision", "status", "step", "parent_kind", "worker_kind"),
    [
        (
            "send",
            "sent",
            "sent_after_check",
            "safeguards.parent.referral_sent_after_check",
            "safeguards.sent_after_check",
        ),
        (
            "return",
            "returned",
            "returned",
            "safeguards.parent.referral_returned",
            "safeguards.returned_to_you",
        ),
        (
            "withdraw",
            "withdrawn",
            "withdrawn",
            "safeguards.parent.referral_withdrawn",
            "safeguards.withdrawn",
        ),
    ],
)
def test_each_decision_is_recorded_with_its_reason_counted_and_told(
    client_for, pa, manager, hillford_parent, decision, status, step, parent_kind, worker_kind
):
    referral = submit(hillford_parent, pa, FLAGGED)
    reason = SEND_REASON if decision == "send" else "Talked it through."
    data = {"version": referral.version, "decision": decision, "reason": reason}
    if decision == "send":
        data["relied_on"] = ["0"]
    response = client_for(manager).post(_decide_url(referral), data)
    assert response.status_code == 302
    assert response["Location"] == f"/staff/safeguarding/{referral.public_id}/"
    referral = _fresh(referral)
    assert referral.status == status
    assert (referral.sent_at is not None) == (decision == "send")
    assert (referral.sent_by == manager) == (decision == "send")
    held, decided = _steps(referral)
    assert held.step == "held" and held.actor == pa
    assert decided.step == step and decided.actor == manager
    assert decided.reason == reason
    with scopes_disabled():
        assert GuardEvent.objects.filter(kind=step if step != "sent_after_check" else step).exists()
    assert _notices(hillford_parent) == ["safeguards.parent.referral_held", parent_kind]
    assert worker_kind in _worker_notes(pa)
    [event] = events("safeguards.referral.decided")
    expected = {"decision": decision, "round": 1}
    if decision == "send":
        expected["relied_on"] = [0]
    assert event.actor == manager and event.detail == expected
    assert "Talked" not in str(event.detail) and "bruise" not in str(event.detail)


def test_a_decision_needs_a_choice_and_a_reason(client_for, pa, manager, hillford_parent):
    referral = submit(hillford_parent, pa, FLAGGED)
    response = client_for(manager).post(
        _decide_url(referral), {"version": referral.version, "decision": "", "reason": "   "}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Select your decision" in body and "Write the reason for your decision" in body
    assert 'href="#id_decision_0"' in body and 'href="#id_reason"' in body
    assert _fresh(referral).status == "held"


def test_two_managers_deciding_at_once_one_wins_and_the_other_is_told(
    client_for, pa, manager, hillford, hillford_parent
):
    from tests.conftest import _staff

    other_manager = _staff(hillford, "Mo Second", ["team_manager"])
    referral = submit(hillford_parent, pa, FLAGGED)
    version = referral.version
    first = client_for(manager).post(
        _decide_url(referral), {"version": version, "decision": "withdraw", "reason": "No risk."}
    )
    late = client_for(other_manager).post(
        _decide_url(referral), {"version": version, "decision": "send", "reason": "Send it."}
    )
    assert first.status_code == 302 and late.status_code == 200
    assert "Someone else acted on this referral" in late.content.decode()
    assert _fresh(referral).status == "withdrawn"
    assert [s.step for s in _steps(referral)] == ["held", "withdrawn"]


def test_a_stale_version_is_refused_even_when_it_is_held_again(pa, manager, hillford_parent):
    referral = submit(hillford_parent, pa, FLAGGED)
    stale = referral.version
    with scope(council=hillford_parent.council_id):
        services_decisions.decide(
            referral=referral,
            actor=manager,
            expected_version=stale,
            decision="return",
            reason="Rewrite it.",
        )
        services.rewrite_referral(
            referral=referral,
            actor=pa,
            expected_version=referral.version,
            kind="referral",
            grounds=["neglect"],
            evidence=[_input(FLAGGED)],
        )
        assert referral.status == "held" and referral.round == 2
        with pytest.raises(services.EditConflict):
            services_decisions.decide(
                referral=referral,
                actor=manager,
                expected_version=stale,
                decision="send",
                reason="From an old page.",
            )


SEND_REASON = "The health visitor saw a bruise on the baby this week that has no explanation."


def _input(text):
    import datetime

    from django.utils import timezone

    return services.EvidenceInput(
        what=text,
        seen_on=timezone.localdate() - datetime.timedelta(days=1),
        source_kind="professional",
        source_detail="GP, Hillford surgery",
        impact="The baby could be hurt again if nothing changes at home.",
    )


def _return(referral, manager):
    with scope(council=referral.council_id):
        services_decisions.decide(
            referral=referral,
            actor=manager,
            expected_version=referral.version,
            decision="return",
            reason="Say what is happening now.",
        )
    return referral


def test_a_returned_referral_is_rewritten_and_sent_keeping_the_first_version(
    client_for, pa, manager, hillford_parent
):
    referral = _return(submit(hillford_parent, pa, FLAGGED), manager)
    client = client_for(pa)
    page = client.get(_rewrite_url(referral)).content.decode()
    assert "Say what is happening now." in page  # the manager's reason
    assert FLAGGED in page  # the text to rewrite
    response = client.post(
        _rewrite_url(referral),
        form_data({"what": CLEAN}, version=str(referral.version), grounds=["physical_injury"]),
    )
    assert response.status_code == 302
    referral = _fresh(referral)
    assert referral.status == "sent" and referral.round == 2
    assert referral.grounds == ["physical_injury"]
    with scopes_disabled():
        rounds = [(e.round, e.what) for e in ReferralEvidence.objects.filter(referral=referral)]
    assert rounds == [(1, FLAGGED), (2, CLEAN)]
    assert [s.step for s in _steps(referral)] == ["held", "returned", "sent"]
    [event] = events("safeguards.referral.rewritten")
    assert event.detail["round"] == 2 and event.detail["outcome"] == "sent"
    body = client.get(f"/staff/safeguarding/{referral.public_id}/").content.decode()
    assert "Evidence written before it was returned" in body


def test_a_rewrite_that_still_rests_on_the_past_is_held_again(
    client_for, pa, manager, hillford_parent
):
    referral = _return(submit(hillford_parent, pa, FLAGGED), manager)
    client_for(pa).post(
        _rewrite_url(referral),
        form_data(
            {"what": "Because her mother neglected her, she is likely to neglect the baby."},
            version=str(referral.version),
        ),
    )
    referral = _fresh(referral)
    assert referral.status == "held" and referral.round == 2
    with scopes_disabled():
        assert GuardEvent.objects.filter(kind="flagged").count() == 2
    assert _worker_notes(manager).count("safeguards.held_for_decision") == 2


def test_only_a_returned_referral_can_be_rewritten(client_for, pa, hillford_parent):
    referral = submit(hillford_parent, pa, CLEAN)
    response = client_for(pa).get(_rewrite_url(referral))
    assert response.status_code == 302
    assert response["Location"] == f"/staff/safeguarding/{referral.public_id}/"
    response = client_for(pa).post(
        _rewrite_url(referral), form_data({"what": CLEAN}, version=str(referral.version))
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "no longer waiting to be rewritten" in body
    assert "On 3 May the health visitor saw a bruise on the baby&#x27;s cheek" in body
    assert _fresh(referral).round == 1


def test_a_rewrite_racing_another_keeps_what_was_typed(client_for, pa, manager, hillford_parent):
    referral = _return(submit(hillford_parent, pa, FLAGGED), manager)
    stale = referral.version
    with scopes_disabled():
        # Someone else saved a change to it meanwhile (bumping its version), still returned.
        type(referral).objects.filter(pk=referral.pk).update(version=stale + 1)
    response = client_for(pa).post(
        _rewrite_url(referral), form_data({"what": "My careful rewrite."}, version=str(stale))
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this referral" in body and "My careful rewrite." in body
    assert f'name="version" value="{stale + 1}"' in body
    assert _fresh(referral).round == 1
