"""A second referral to a programme while an earlier one is still open (issue 14, item 13).

The parent's self-referral page and the adviser's form both warn, with a link to the open
referral; sending is refused until the sender confirms a second is wanted; once the first has
ended, nothing is in the way. The service refuses on its own too, so two tabs cannot slip by.
"""

import uuid

import pytest
from django_scopes import scope

from parent_charter.partner_referrals import services, services_self
from parent_charter.partner_referrals.models import Referral
from tests.helpers import events

from .helpers import consent_for, move, refer
from .test_portal import SELF_REFER, page, self_referral_data
from .test_staff_views import create_data, create_url


def _referrals(parent):
    with scope(council=parent.council_id):
        return list(Referral.objects.filter(parent=parent).order_by("pk"))


@pytest.fixture
def open_baby_steps(hillford_parent, pa, home_start, baby_steps):
    consent_for(hillford_parent, home_start, pa)
    return refer(hillford_parent, home_start, pa, kind="programme", programme=baby_steps)


def test_the_parent_is_warned_with_a_link_and_nothing_is_sent_unconfirmed(
    client_for, parent_user, hillford_parent, baby_steps, open_baby_steps
):
    client = client_for(parent_user)
    body = page(client.get(SELF_REFER))
    assert "You already have a referral to Baby Steps, sent on" in body
    assert f'href="/my/referrals/#referral-{open_baby_steps.reference}"' in body
    assert "I want to send another referral even so" in body

    body = page(client.post(SELF_REFER, self_referral_data(baby_steps)))
    assert "There is a problem" in body
    assert "You already have a referral to Baby Steps that is still open." in body
    assert _referrals(hillford_parent) == [open_baby_steps]

    # The link lands on the open referral in the parent's list.
    listing = page(client.get("/my/referrals/"))
    assert f'id="referral-{open_baby_steps.reference}"' in listing


def test_the_parent_may_send_another_once_they_confirm(
    client_for, parent_user, hillford_parent, baby_steps, open_baby_steps
):
    data = self_referral_data(baby_steps, while_open_confirmed="on")
    response = client_for(parent_user).post(SELF_REFER, data)
    assert response.status_code == 302
    first, second = _referrals(hillford_parent)
    assert first == open_baby_steps and second.referred_by == "self"
    [event] = events("referral.self_referred")
    assert event.detail["while_open"] == str(open_baby_steps.public_id)


def test_an_ended_referral_is_no_reason_to_warn(
    client_for, parent_user, pa, hillford_parent, baby_steps, open_baby_steps
):
    move(open_baby_steps, pa, "accepted", "started", "ended")
    client = client_for(parent_user)
    assert "You already have a referral" not in page(client.get(SELF_REFER))
    response = client.post(SELF_REFER, self_referral_data(baby_steps))
    assert response.status_code == 302
    assert len(_referrals(hillford_parent)) == 2
    assert "while_open" not in events("referral.self_referred")[0].detail


def test_the_adviser_is_warned_with_a_link_to_the_open_referral(
    client_for, pa, hillford_parent, home_start, baby_steps, open_baby_steps
):
    client = client_for(pa)
    body = page(client.get(create_url(hillford_parent)))
    assert "already has a referral to Baby Steps, sent on" in body
    assert f'href="/staff/referrals/{open_baby_steps.public_id}/"' in body

    data = create_data(home_start, kind="programme", programme=str(baby_steps.pk))
    body = page(client.post(create_url(hillford_parent), data))
    assert "There is a problem" in body
    assert "already has a referral to Baby Steps that is still open." in body
    assert "Send another referral to this programme even so" in body
    assert _referrals(hillford_parent) == [open_baby_steps]

    data["while_open_confirmed"] = "on"
    response = client.post(create_url(hillford_parent), data)
    assert response.status_code == 302
    assert len(_referrals(hillford_parent)) == 2
    assert events("referral.sent")[-1].detail["while_open"] == str(open_baby_steps.public_id)


def test_a_referral_to_another_service_is_not_held_up(
    client_for, pa, hillford_parent, home_start, open_baby_steps
):
    response = client_for(pa).post(create_url(hillford_parent), create_data(home_start))
    assert response.status_code == 302
    assert len(_referrals(hillford_parent)) == 2


def test_the_service_refuses_on_its_own(hillford_parent, parent_user, baby_steps, open_baby_steps):
    """What the form checks, the service checks again inside its transaction."""
    with (
        scope(council=hillford_parent.council_id),
        pytest.raises(services.OpenReferralExists) as refused,
    ):
        services_self.make_self_referral(
            parent=hillford_parent,
            user=parent_user,
            programme=baby_steps,
            message="",
            shared=["contact"],
            form_token=uuid.uuid4(),
        )
    assert refused.value.existing == open_baby_steps
    assert _referrals(hillford_parent) == [open_baby_steps]


def test_resending_the_first_form_is_still_sent_once(
    client_for, parent_user, hillford_parent, baby_steps
):
    """The open referral a resent form made is its own, not a second one to warn about."""
    client = client_for(parent_user)
    data = self_referral_data(baby_steps)
    assert client.post(SELF_REFER, data).status_code == 302
    response = client.post(SELF_REFER, data, follow=True)
    assert "You had already sent this. It has been sent only once." in page(response)
    assert len(_referrals(hillford_parent)) == 1
