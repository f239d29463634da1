"""The parent's side: referring themself (consent given in the same step), their referrals in
plain words, the portal panel and the subject-access export."""

import html
import uuid

import pytest
from django_scopes import scope

from parent_charter.core.registries.portal_sections import sections_for
from parent_charter.parents import services as parent_services
from parent_charter.parents.models import ConsentRecord
from parent_charter.partner_referrals.contributions import portal_section, subject_access_export
from parent_charter.partner_referrals.models import Referral, Status
from tests.factories import ProgrammeFactory
from tests.helpers import events, today

from .helpers import consent_for, move, refer, staff_notifications

SELF_REFER = "/my/referrals/refer-yourself/"


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def self_referral_data(chosen, **overrides) -> dict:
    data = {
        "form_token": str(uuid.uuid4()),
        "programme": str(chosen.pk),
        "message": "I would like someone to talk to before the baby comes.",
        "shared": ["contact", "pregnancy", "reason"],
        "agreed": "on",
    }
    data.update(overrides)
    return data


def test_a_parent_refers_themself_and_their_adviser_is_told(
    client_for, parent_user, pa, partner_worker, hillford, hillford_parent, baby_steps
):
    client = client_for(parent_user)
    body = page(client.get(SELF_REFER))
    assert "Baby Steps, run by Home-Start Hillford" in body
    assert "That you are expecting a baby, and the due date" in body
    response = client.post(SELF_REFER, self_referral_data(baby_steps))
    assert response.status_code == 302 and response["Location"] == "/my/referrals/"
    with scope(council=hillford.pk):
        [referral] = Referral.objects.filter(parent=hillford_parent)
        consent = ConsentRecord.objects.get(parent=hillford_parent)
    assert referral.referred_by == "self" and referral.programme == baby_steps
    assert referral.shared == ["contact", "pregnancy", "reason"]
    assert referral.reason == "I would like someone to talk to before the baby comes."
    assert (
        consent.recorded_by == parent_user and consent.partner_organisation == baby_steps.provider
    )
    [note] = staff_notifications(pa, "referrals.self_referral")
    assert note.url == f"/staff/referrals/{referral.public_id}/"
    body = page(client.get("/my/referrals/"))
    assert "Your referral has been sent to Home-Start Hillford." in body
    assert "Sent to Home-Start Hillford. They will be in touch." in body
    # The adviser finds it at once in the council's list.
    assert "Jamie Rivers" in page(client_for(pa).get("/staff/referrals/"))


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"shared": ["pregnancy"]}, "Select your contact details"),
        ({"shared": []}, "Select your contact details"),
        ({"agreed": ""}, "Tick the box to agree to share this information"),
        ({"programme": "999999"}, "Select a programme"),
    ],
)
def test_a_self_referral_with_a_problem_is_not_sent(
    client_for, parent_user, hillford, hillford_parent, baby_steps, overrides, message
):
    body = page(
        client_for(parent_user).post(SELF_REFER, self_referral_data(baby_steps, **overrides))
    )
    assert message in body and "There is a problem" in body
    with scope(council=hillford.pk):
        assert not Referral.objects.exists() and not ConsentRecord.objects.exists()


def test_sent_twice_it_is_sent_once(client_for, parent_user, hillford, baby_steps):
    client = client_for(parent_user)
    data = self_referral_data(baby_steps)
    client.post(SELF_REFER, data)
    client.post(SELF_REFER, data)
    with scope(council=hillford.pk):
        assert Referral.objects.count() == 1 and ConsentRecord.objects.count() == 1


def test_without_a_programme_open_to_self_referral_the_page_says_so(
    client_for, parent_user, hillford, offer, home_start
):
    ProgrammeFactory(offer=offer, provider=home_start, referral_routes=["personal_adviser"])
    body = page(client_for(parent_user).get(SELF_REFER))
    assert "There is no programme you can refer yourself to online" in body
    assert page(client_for(parent_user).post(SELF_REFER, {}))
    with scope(council=hillford.pk):
        assert not Referral.objects.exists()


def test_the_parent_reads_their_referrals_in_plain_words(
    client_for,
    parent_user,
    pa,
    partner_worker,
    hillford,
    hillford_parent,
    home_start,
    other_partner,
):
    consent_for(hillford_parent, home_start, pa)
    consent = consent_for(hillford_parent, other_partner, pa)
    accepted = refer(hillford_parent, home_start, pa)
    move(accepted, partner_worker, Status.ACCEPTED)
    refer(hillford_parent, other_partner, pa, kind="housing")
    with scope(council=hillford.pk):
        parent_services.consent_withdraw(consent=consent, actor=pa, withdrawn_on=today())
    body = page(client_for(parent_user).get("/my/referrals/"))
    assert "Home-Start Hillford can help. They will contact you to arrange it." in body
    assert (
        "You withdrew your consent, so we no longer share your information with "
        "Hillford Housing Advice." in body
    )
    [event] = events("referral.list.viewed")
    assert event.actor == parent_user and event.detail == {"shown": 2, "portal": True}


def test_another_parents_referrals_are_not_shown(
    client_for, eastmere_parent_user, pa, hillford_parent, home_start
):
    consent_for(hillford_parent, home_start, pa)
    refer(hillford_parent, home_start, pa)
    body = page(client_for(eastmere_parent_user).get("/my/referrals/"))
    assert "Home-Start Hillford" not in body and "You have no referrals yet." in body


def test_the_portal_home_has_a_referrals_panel(
    client_for, parent_user, pa, hillford, hillford_parent, home_start, baby_steps
):
    consent_for(hillford_parent, home_start, pa)
    refer(hillford_parent, home_start, pa)
    body = page(client_for(parent_user).get("/my/"))
    start = body.index('id="portal-referrals-title"')
    panel = body[start : body.index("</section>", start)]
    assert "Your referrals" in panel and "Sent to Home-Start Hillford." in panel
    assert f'href="{SELF_REFER}"' in panel


def test_the_panel_is_hidden_when_there_is_nothing_to_show(hillford, hillford_parent, rf):
    with scope(council=hillford.pk):
        assert portal_section(rf.get("/"), hillford_parent) is None
        assert all(
            "referrals/" not in template
            for template, _ in sections_for(rf.get("/"), hillford_parent)
        )


def test_the_subject_access_export_leaves_out_the_professionals_details(
    hillford, hillford_parent, pa, partner_worker, home_start, baby_steps
):
    consent_for(hillford_parent, home_start, pa)
    referral = refer(
        hillford_parent,
        home_start,
        pa,
        kind="programme",
        programme=baby_steps,
        referred_by="midwife",
        professional={"name": "Beth Lewis", "organisation": "Maternity", "phone": "01632 960 412"},
    )
    move(referral, partner_worker, Status.DECLINED)
    with scope(council=hillford.pk):
        [part] = subject_access_export(hillford_parent)
    [record] = part.records
    text = str(record)
    assert "Baby Steps" in text and "A midwife" in text and "Declined" in text
    assert "No places left this term" in text
    assert "Beth Lewis" not in text and "01632 960 412" not in text
    assert "other people's information" in part.withheld


def test_a_parent_without_referrals_has_no_referrals_part(hillford, hillford_parent):
    with scope(council=hillford.pk):
        assert subject_access_export(hillford_parent) == []
