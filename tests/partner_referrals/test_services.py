"""Referral services: consent before anything is sent, status transitions, notifications,
self-referral, delivery and contacts."""

import contextlib
import datetime
import itertools
import uuid

import pytest
from django_scopes import scope

from parent_charter.core.concurrency import EditConflict
from parent_charter.parents import services as parent_services
from parent_charter.parents.models import ConsentRecord
from parent_charter.partner_referrals import selectors, services, services_partner, services_self
from parent_charter.partner_referrals.models import (
    TRANSITIONS,
    Delivery,
    DeliveryContact,
    Referral,
    ReferralStatus,
    Status,
)
from tests.factories import LocalOfferFactory, ProgrammeFactory, UserFactory
from tests.helpers import events, today

from .helpers import consent_for, move, parent_notices, refer, staff_notifications


def _counts(council):
    with scope(council=council.pk):
        return Referral.objects.count(), ReferralStatus.objects.count()


# --- Consent before sharing ----------------------------------------------------------------


def test_nothing_is_sent_without_consent(hillford, hillford_parent, pa, home_start, partner_worker):
    with pytest.raises(services.ConsentRequired) as refused:
        refer(hillford_parent, home_start, pa)
    assert refused.value.organisation == home_start
    assert _counts(hillford) == (0, 0)
    assert events("referral.sent") == []
    assert staff_notifications(partner_worker) == []


def test_consent_for_another_organisation_does_not_count(
    hillford, hillford_parent, pa, home_start, other_partner
):
    consent_for(hillford_parent, other_partner, pa)
    with pytest.raises(services.ConsentRequired):
        refer(hillford_parent, home_start, pa)


def test_a_withdrawn_consent_does_not_count(hillford, hillford_parent, pa, home_start):
    consent = consent_for(hillford_parent, home_start, pa)
    with scope(council=hillford.pk):
        parent_services.consent_withdraw(consent=consent, actor=pa, withdrawn_on=today())
    with pytest.raises(services.ConsentRequired):
        refer(hillford_parent, home_start, pa)
    assert _counts(hillford) == (0, 0)


def test_a_sent_referral_keeps_its_consent_status_audit_and_tells_the_partner(
    hillford, hillford_parent, pa, home_start, partner_worker
):
    consent = consent_for(hillford_parent, home_start, pa)
    referral = refer(hillford_parent, home_start, pa, shared=["reason", "contact"])
    with scope(council=hillford.pk):
        referral.refresh_from_db()
        assert referral.status == Status.SENT
        assert referral.consent == consent
        assert referral.shared == ["contact", "reason"]  # kept in the fixed order
        assert [row.status for row in referral.status_history.all()] == [Status.SENT]
    [event] = events("referral.sent")
    assert event.actor == pa and event.object_id == str(hillford_parent.public_id)
    assert event.detail["referral"] == str(referral.public_id)
    assert event.detail["shared"] == ["contact", "reason"]
    # Nothing personal in the audit detail.
    assert "Jamie" not in str(event.detail) and "Rivers" not in str(event.detail)
    [note] = staff_notifications(partner_worker)
    assert note.kind == "referrals.received"
    assert note.url == f"/staff/referrals/partner/{referral.public_id}/"
    assert "Jamie" not in str(note.params)
    assert [n.kind for n in parent_notices(hillford_parent)] == ["referrals.parent.sent"]


def test_a_resent_form_sends_nothing_twice(hillford, hillford_parent, pa, home_start):
    consent_for(hillford_parent, home_start, pa)
    token = uuid.uuid4()
    with scope(council=hillford.pk):
        first = services.make_referral(
            parent=hillford_parent,
            actor=pa,
            form_token=token,
            organisation=home_start,
            kind="housing",
            reason="r",
            shared=["contact"],
        )
        with pytest.raises(services.DuplicateSubmission) as again:
            services.make_referral(
                parent=hillford_parent,
                actor=pa,
                form_token=token,
                organisation=home_start,
                kind="housing",
                reason="r",
                shared=["contact"],
            )
    assert again.value.existing == first
    assert _counts(hillford) == (1, 1)


@pytest.mark.parametrize(
    "fields",
    [
        {"shared": []},
        {"shared": ["contact", "national_insurance_number"]},
        {"kind": "astrology"},
        {"kind": "programme"},  # a programme referral names the programme
        {"referred_by": "midwife"},  # without the midwife's name
    ],
)
def test_bad_requests_are_refused_before_anything_is_written(
    hillford, hillford_parent, pa, home_start, fields
):
    consent_for(hillford_parent, home_start, pa)
    with pytest.raises(ValueError):
        refer(hillford_parent, home_start, pa, **fields)
    assert _counts(hillford) == (0, 0)


def test_a_programme_referral_goes_to_the_organisation_that_runs_it(
    hillford, hillford_parent, pa, other_partner, baby_steps
):
    consent_for(hillford_parent, other_partner, pa)
    with pytest.raises(ValueError):
        refer(hillford_parent, other_partner, pa, kind="programme", programme=baby_steps)


def test_another_councils_partner_is_refused(hillford_parent, pa, eastmere):
    from tests.factories import PartnerOrganisationFactory

    theirs = PartnerOrganisationFactory(council=eastmere)
    with pytest.raises(ValueError):
        refer(hillford_parent, theirs, pa)


def test_a_professionals_details_are_kept_and_dropped_when_the_team_asked(
    hillford, hillford_parent, pa, home_start
):
    consent_for(hillford_parent, home_start, pa)
    details = {
        "name": "Beth Lewis",
        "role": "Community midwife",
        "organisation": "Hillford maternity",
        "phone": "01632 960 412",
        "email": "",
    }
    theirs = refer(hillford_parent, home_start, pa, referred_by="midwife", professional=details)
    ours = refer(hillford_parent, home_start, pa, referred_by="adviser", professional=details)
    assert theirs.professional_name == "Beth Lewis"
    assert theirs.professional_phone == "01632 960 412"
    assert ours.professional_name == "" and ours.professional_phone == ""


# --- Status transitions --------------------------------------------------------------------


def _referral_at(status, parent, organisation, actor):
    """A referral whose latest status is `status`, reached along allowed steps."""
    paths = {
        Status.SENT: [],
        Status.RECEIVED: [Status.RECEIVED],
        Status.ACCEPTED: [Status.ACCEPTED],
        Status.DECLINED: [Status.DECLINED],
        Status.STARTED: [Status.ACCEPTED, Status.STARTED],
        Status.ENDED: [Status.ACCEPTED, Status.ENDED],
    }
    referral = refer(parent, organisation, actor)
    return move(referral, actor, *paths[status])


@pytest.mark.parametrize("current,wanted", list(itertools.product(Status.values, Status.values)))
def test_only_allowed_transitions_happen(
    hillford, hillford_parent, pa, home_start, partner_worker, current, wanted
):
    consent_for(hillford_parent, home_start, pa)
    referral = _referral_at(current, hillford_parent, home_start, pa)
    before = _counts(hillford)
    if wanted in TRANSITIONS[current]:
        move(referral, partner_worker, wanted)
        with scope(council=hillford.pk):
            stored = Referral.objects.get(pk=referral.pk)
            latest = stored.status_history.order_by("at", "pk").last()
        assert stored.status == wanted == latest.status
        assert latest.by == partner_worker
        assert _counts(hillford) == (before[0], before[1] + 1)
    else:
        with pytest.raises(services_partner.TransitionNotAllowed) as refused:
            move(referral, partner_worker, wanted)
        assert refused.value.current == current
        assert _counts(hillford) == before
        with scope(council=hillford.pk):
            assert Referral.objects.get(pk=referral.pk).status == current


def test_declining_needs_a_reason_and_ending_an_outcome(
    hillford, hillford_parent, pa, home_start, partner_worker
):
    consent_for(hillford_parent, home_start, pa)
    referral = refer(hillford_parent, home_start, pa)
    with scope(council=hillford.pk), pytest.raises(ValueError):
        services_partner.change_status(referral=referral, actor=partner_worker, status="declined")
    move(referral, partner_worker, Status.ACCEPTED)
    with scope(council=hillford.pk), pytest.raises(ValueError):
        services_partner.change_status(
            referral=referral, actor=partner_worker, status="ended", outcome="vanished"
        )
    with scope(council=hillford.pk):
        assert Referral.objects.get(pk=referral.pk).status == Status.ACCEPTED


def test_a_partners_decision_is_told_to_the_adviser_and_the_parent(
    hillford, hillford_parent, pa, home_start, partner_worker
):
    consent_for(hillford_parent, home_start, pa)
    referral = refer(hillford_parent, home_start, pa)
    move(referral, partner_worker, Status.ACCEPTED)
    [note] = staff_notifications(pa, "referrals.accepted")
    assert "Jamie Rivers" in note.text and home_start.name in note.text
    assert note.url == f"/staff/referrals/{referral.public_id}/"
    assert "referrals.parent.accepted" in [n.kind for n in parent_notices(hillford_parent)]
    [event] = events("referral.status.changed")
    assert event.detail == {
        "referral": str(referral.public_id),
        "from": "sent",
        "to": "accepted",
        "outcome": "",
        "by_partner": True,
    }


def test_an_update_recorded_by_the_adviser_does_not_notify_them(
    hillford, hillford_parent, pa, home_start
):
    consent_for(hillford_parent, home_start, pa)
    referral = refer(hillford_parent, home_start, pa)
    move(referral, pa, Status.DECLINED, by_partner=False)
    assert staff_notifications(pa, "referrals.declined") == []
    with scope(council=hillford.pk):
        row = ReferralStatus.objects.get(referral=referral, status="declined")
    assert row.reason == "No places left this term"


# --- What a partner may see, decided when they look ---------------------------------------


def _partner_view(referral, partner_worker):
    with scope(council=referral.council_id):
        fetched = selectors.referral_for_partner(
            public_id=referral.public_id, organisation_id=partner_worker.partner_organisation_id
        )
        return selectors.partner_view_of(fetched)


def test_withdrawing_consent_hides_the_details_from_the_partner(
    hillford, hillford_parent, pa, home_start, partner_worker
):
    consent = consent_for(hillford_parent, home_start, pa)
    with scope(council=hillford.pk):
        hillford_parent.phone = "07700 900 111"
        hillford_parent.save()
    referral = refer(hillford_parent, home_start, pa, shared=["contact", "reason"])
    before = _partner_view(referral, partner_worker)
    assert before.consent_in_force and before.parent_name == "Jamie Rivers"
    assert ("Phone", "07700 900 111") in before.contact
    with scope(council=hillford.pk):
        parent_services.consent_withdraw(consent=consent, actor=pa, withdrawn_on=today())
    after = _partner_view(referral, partner_worker)
    assert not after.consent_in_force
    assert after.withdrawn_on == today()
    assert after.parent_name == "" and after.contact == [] and after.reason == ""
    assert after.visible == []
    # A new consent to the same organisation lets sharing resume.
    consent_for(hillford_parent, home_start, pa, given_on=today())
    assert _partner_view(referral, partner_worker).parent_name == "Jamie Rivers"


def test_only_the_named_kinds_of_information_are_fetched(
    hillford, hillford_parent, pa, home_start, partner_worker
):
    consent_for(hillford_parent, home_start, pa)
    referral = refer(hillford_parent, home_start, pa, shared=["date_of_birth"])
    view = _partner_view(referral, partner_worker)
    assert view.visible == ["date_of_birth"]
    assert view.date_of_birth == hillford_parent.date_of_birth
    assert view.contact == [] and view.reason == "" and view.care_status == ""
    assert view.children == [] and view.due_dates == [] and view.plan_items == []


def test_another_organisations_referral_is_not_found(
    hillford, hillford_parent, pa, other_partner, partner_worker
):
    consent_for(hillford_parent, other_partner, pa)
    referral = refer(hillford_parent, other_partner, pa)
    with scope(council=hillford.pk), pytest.raises(Referral.DoesNotExist):
        selectors.referral_for_partner(
            public_id=referral.public_id, organisation_id=partner_worker.partner_organisation_id
        )


# --- Self-referral -------------------------------------------------------------------------


def _self_refer(parent, user, programme, **fields):
    fields.setdefault("message", "I would like to meet other parents.")
    fields.setdefault("shared", ["contact", "pregnancy"])
    with scope(council=parent.council_id):
        return services_self.make_self_referral(
            parent=parent, user=user, programme=programme, **fields
        )


def test_a_self_referral_records_the_parents_consent_and_tells_their_adviser(
    hillford, hillford_parent, parent_user, pa, partner_worker, baby_steps
):
    referral = _self_refer(hillford_parent, parent_user, baby_steps)
    with scope(council=hillford.pk):
        consent = ConsentRecord.objects.get(parent=hillford_parent)
        referral.refresh_from_db()
    assert consent.recorded_by == parent_user
    assert consent.partner_organisation == baby_steps.provider
    assert consent.given_on == today() and consent.is_active
    assert "Contact details" in consent.information and "Baby Steps" in consent.information
    assert referral.consent == consent
    assert referral.referred_by == "self" and referral.kind == "programme"
    assert referral.created_by == parent_user
    assert referral.reason == "I would like to meet other parents."
    [note] = staff_notifications(pa, "referrals.self_referral")
    assert "Jamie Rivers" in note.text and "Baby Steps" in note.text
    assert note.url == f"/staff/referrals/{referral.public_id}/"
    assert staff_notifications(partner_worker, "referrals.received")
    [event] = events("referral.self_referred")
    assert event.actor == parent_user
    assert events("consent.given")[0].actor == parent_user


def test_a_self_referral_without_an_adviser_goes_to_the_team_managers(
    hillford, hillford_parent, parent_user, manager, pa, baby_steps
):
    with scope(council=hillford.pk):
        hillford_parent.personal_adviser = None
        hillford_parent.save()
    _self_refer(hillford_parent, parent_user, baby_steps)
    assert staff_notifications(manager, "referrals.self_referral")
    assert staff_notifications(pa) == []


def test_a_programme_without_self_referral_is_refused(
    hillford, hillford_parent, parent_user, offer, home_start
):
    closed = ProgrammeFactory(offer=offer, provider=home_start, referral_routes=["midwife"])
    with pytest.raises(ValueError):
        _self_refer(hillford_parent, parent_user, closed)
    with scope(council=hillford.pk):
        assert not ConsentRecord.objects.exists()


def test_another_councils_programme_is_refused(hillford_parent, parent_user, eastmere):
    theirs = ProgrammeFactory(offer=LocalOfferFactory(council=eastmere))
    with pytest.raises(ValueError):
        _self_refer(hillford_parent, parent_user, theirs)


# --- Delivery and contacts -----------------------------------------------------------------

ARRANGEMENT = {
    "support_form": "befriending",
    "support_giver": "volunteer",
    "place": "home",
    "frequency": "weekly",
    "worker_name": "Sue",
}


def _programme_referral(parent, organisation, actor, programme):
    consent_for(parent, organisation, actor)
    return refer(parent, organisation, actor, kind="programme", programme=programme)


def test_delivery_is_recorded_only_once_a_programme_is_accepted(
    hillford, hillford_parent, pa, home_start, partner_worker, baby_steps
):
    referral = _programme_referral(hillford_parent, home_start, pa, baby_steps)
    with scope(council=hillford.pk):
        with pytest.raises(services_partner.NotDelivering):
            services_partner.set_delivery(
                referral=referral, actor=partner_worker, expected_version=0, **ARRANGEMENT
            )
        move(referral, partner_worker, Status.ACCEPTED)
        delivery = services_partner.set_delivery(
            referral=referral, actor=partner_worker, expected_version=0, **ARRANGEMENT
        )
        assert delivery.version == 1 and delivery.worker_name == "Sue"
        changed = services_partner.set_delivery(
            referral=referral,
            actor=partner_worker,
            expected_version=1,
            **{**ARRANGEMENT, "frequency": "fortnightly"},
        )
        assert changed.version == 2
        # An editor who opened the form at version 1 did not see that change.
        with pytest.raises(EditConflict):
            services_partner.set_delivery(
                referral=referral, actor=partner_worker, expected_version=1, **ARRANGEMENT
            )
        assert Delivery.objects.get(referral=referral).frequency == "fortnightly"
    assert [e.detail["fields"] for e in events("referral.delivery.updated")] == [
        list(ARRANGEMENT),
        ["frequency"],
    ]


def test_delivery_stops_when_consent_is_withdrawn(
    hillford, hillford_parent, pa, home_start, partner_worker, baby_steps
):
    referral = _programme_referral(hillford_parent, home_start, pa, baby_steps)
    move(referral, partner_worker, Status.ACCEPTED)
    with scope(council=hillford.pk):
        for consent in ConsentRecord.objects.filter(parent=hillford_parent):
            parent_services.consent_withdraw(consent=consent, actor=pa, withdrawn_on=today())
        with pytest.raises(services_partner.NotDelivering):
            services_partner.log_contact(
                referral=referral,
                actor=partner_worker,
                form_token=uuid.uuid4(),
                on=today(),
                method="phone",
                duration_minutes=20,
            )
        assert not DeliveryContact.objects.exists()


def test_contacts_are_logged_once_and_never_in_the_future(
    hillford, hillford_parent, pa, home_start, partner_worker, baby_steps
):
    referral = _programme_referral(hillford_parent, home_start, pa, baby_steps)
    move(referral, partner_worker, Status.ACCEPTED, Status.STARTED)
    token = uuid.uuid4()
    with scope(council=hillford.pk):
        with pytest.raises(ValueError):
            services_partner.log_contact(
                referral=referral,
                actor=partner_worker,
                form_token=uuid.uuid4(),
                on=today() + datetime.timedelta(days=1),
                method="phone",
                duration_minutes=20,
            )
        for _attempt in range(2):
            with contextlib.suppress(services.DuplicateSubmission):
                services_partner.log_contact(
                    referral=referral,
                    actor=partner_worker,
                    form_token=token,
                    on=today(),
                    method="home_visit",
                    duration_minutes=75,
                    note="  First visit.  ",
                )
        [contact] = DeliveryContact.objects.all()
    assert contact.note == "First visit." and contact.recorded_by == partner_worker
    [event] = events("referral.contact.logged")
    assert event.detail["duration_minutes"] == 75


def test_partner_workers_are_only_the_organisations_active_workers(
    hillford, home_start, partner_worker
):
    from parent_charter.accounts.roles import Role

    UserFactory(
        council=hillford,
        partner_organisation=home_start,
        roles=[Role.PARTNER_WORKER],
        is_active=False,
    )
    UserFactory(council=hillford, roles=[Role.PARTNER_WORKER])
    assert services.partner_workers(home_start) == [partner_worker]
