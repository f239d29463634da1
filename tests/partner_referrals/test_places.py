"""Baby Steps places: capacity, the waiting list and the order places are offered in, offering
a free place and the parent's answer, and matching parents to the programme's people within
what each can take (ADR 0025)."""

import datetime
import uuid

import pytest
from django.utils import timezone
from django_scopes import scope

from parent_charter.parents.models import ConsentRecord
from parent_charter.partner_referrals import places, selectors_places, services_places
from parent_charter.partner_referrals.models import (
    Match,
    OfferAnswer,
    Referral,
    Status,
    WaitingListEntry,
    WaitingState,
)
from tests.factories import ParentFactory
from tests.helpers import events, today

from .helpers import consent_for, move, parent_notices, refer


@pytest.fixture
def two_places(baby_steps):
    baby_steps.places = 2
    baby_steps.save()
    return baby_steps


def accepted(hillford, home_start, pa, partner_worker, programme, name, **parent_fields):
    """A parent referred to the programme and accepted by the partner."""
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford, given_name=name, **parent_fields)
    consent_for(parent, home_start, pa)
    referral = refer(
        parent,
        home_start,
        pa,
        kind="programme",
        programme=programme,
        shared=["contact", "reason"],
    )
    return move(referral, partner_worker, Status.ACCEPTED)


@pytest.fixture
def accept(hillford, home_start, pa, partner_worker, two_places):
    def make(name, **parent_fields):
        return accepted(hillford, home_start, pa, partner_worker, two_places, name, **parent_fields)

    return make


def entry_of(referral) -> WaitingListEntry | None:
    with scope(council=referral.council_id):
        return WaitingListEntry.objects.filter(referral=referral).first()


def waiting_names(organisation_id) -> list[str]:
    (group,) = selectors_places.places_of(organisation_id)
    return [referral.parent.given_name for referral in group.waiting]


def set_order_facts(referral, *, joined_on, sent_at=None):
    """Give an entry the day it joined, and its referral the moment it was sent."""
    WaitingListEntry.objects.filter(referral=referral).update(joined_on=joined_on)
    if sent_at is not None:
        Referral.objects.filter(pk=referral.pk).update(created_at=sent_at)


# --- Capacity and the waiting list ------------------------------------------------------------


def test_accepted_referrals_take_places_until_none_is_free_then_wait(hillford, accept, home_start):
    first, second = accept("Ava"), accept("Bea")
    third = accept("Cal")
    assert entry_of(first) is None and entry_of(second) is None
    entry = entry_of(third)
    assert entry.state == WaitingState.WAITING and entry.joined_on == today()
    with scope(council=hillford.pk):
        assert places.places_taken(third.programme_id) == 2
        (group,) = selectors_places.places_of(home_start.pk)
    assert (group.taken, group.free, [r.parent.given_name for r in group.waiting]) == (
        2,
        0,
        ["Cal"],
    )
    assert events("referral.waiting_list.joined")[-1].detail["taken"] == 2
    # Cal is told they are waiting, not that support is being arranged.
    kinds = {notice.kind for notice in parent_notices(third.parent)}
    assert "referrals.parent.waiting" in kinds and "referrals.parent.accepted" not in kinds


def test_the_waiting_list_is_offered_by_date_joined_then_date_sent_then_the_referral(
    hillford, accept, home_start, partner_worker
):
    """The order is fixed by three facts nobody edits: who joined first; on the same day, whose
    referral was sent first; and, sent at the same moment, the referral's own number."""
    accept("Ava"), accept("Bea")
    late, early, same_day_later, same_day_earlier, twin_a, twin_b = (
        accept(name) for name in ("Late", "Early", "Dora", "Cleo", "Twin A", "Twin B")
    )
    day = today()
    moment = timezone.now()
    with scope(council=hillford.pk):
        set_order_facts(late, joined_on=day)
        set_order_facts(early, joined_on=day - datetime.timedelta(days=9))
        set_order_facts(
            same_day_later,
            joined_on=day - datetime.timedelta(days=3),
            sent_at=moment - datetime.timedelta(days=4),
        )
        set_order_facts(
            same_day_earlier,
            joined_on=day - datetime.timedelta(days=3),
            sent_at=moment - datetime.timedelta(days=20),
        )
        for twin in (twin_a, twin_b):
            set_order_facts(twin, joined_on=day - datetime.timedelta(days=1), sent_at=moment)
        expected = ["Early", "Cleo", "Dora", "Twin A", "Twin B", "Late"]
        assert twin_a.pk < twin_b.pk
        assert waiting_names(home_start.pk) == expected
        # The service offers in the same order as the page lists.
        head = services_places.next_waiting(late.programme_id)
        assert head.referral.parent.given_name == "Early"


def test_a_newcomer_never_overtakes_someone_waiting_even_when_a_place_is_free(
    hillford, accept, partner_worker
):
    ava, _bea = accept("Ava"), accept("Bea")
    accept("Cal")
    move(ava, partner_worker, Status.ENDED)  # a place is free, Cal is first in line for it
    dee = accept("Dee")
    assert entry_of(dee).state == WaitingState.WAITING
    with scope(council=hillford.pk):
        assert services_places.next_waiting(dee.programme_id).referral.parent.given_name == "Cal"


def test_a_programme_with_no_fixed_number_never_has_a_waiting_list(
    hillford, home_start, pa, partner_worker, baby_steps
):
    for name in ("Ava", "Bea", "Cal"):
        referral = accepted(hillford, home_start, pa, partner_worker, baby_steps, name)
        assert entry_of(referral) is None


def test_support_cannot_start_while_waiting_and_leaving_ends_the_wait(
    hillford, accept, partner_worker
):
    accept("Ava"), accept("Bea")
    cal = accept("Cal")
    with pytest.raises(places.StillWaiting):
        move(cal, partner_worker, Status.STARTED)
    move(cal, partner_worker, Status.ENDED)
    entry = entry_of(cal)
    assert (entry.state, entry.left_on) == (WaitingState.LEFT, today())
    assert events("referral.place.released")[-1].detail["left_waiting_list"] is True


# --- Offering a free place --------------------------------------------------------------------


def test_a_free_place_is_offered_to_the_first_in_line_and_held_until_they_answer(
    hillford, accept, partner_worker
):
    ava, _bea = accept("Ava"), accept("Bea")
    cal, dee = accept("Cal"), accept("Dee")
    with scope(council=hillford.pk), pytest.raises(services_places.NoFreePlace):
        services_places.offer_place(entry=entry_of(cal), actor=partner_worker)
    move(ava, partner_worker, Status.ENDED)
    with scope(council=hillford.pk):
        with pytest.raises(services_places.NotNext):
            services_places.offer_place(entry=entry_of(dee), actor=partner_worker)
        services_places.offer_place(entry=entry_of(cal), actor=partner_worker)
        assert entry_of(cal).state == WaitingState.OFFERED
        # The offered place is held for Cal: Dee is next, but there is nothing to offer.
        with pytest.raises(services_places.NoFreePlace):
            services_places.offer_place(entry=entry_of(dee), actor=partner_worker)
    assert events("referral.place.offered")[-1].detail["referral"] == str(cal.public_id)
    assert "referrals.parent.place_offered" in {n.kind for n in parent_notices(cal.parent)}


def test_a_declined_place_ends_the_referral_and_moves_the_list_on(hillford, accept, partner_worker):
    ava, _bea = accept("Ava"), accept("Bea")
    cal, dee = accept("Cal"), accept("Dee")
    move(ava, partner_worker, Status.ENDED)
    with scope(council=hillford.pk):
        services_places.offer_place(entry=entry_of(cal), actor=partner_worker)
        services_places.answer_offer(
            entry=entry_of(cal), actor=partner_worker, answer=OfferAnswer.DECLINED
        )
        cal.refresh_from_db()
        assert cal.status == Status.ENDED
        assert cal.status_history.last().outcome == "parent_stopped"
        assert entry_of(cal).state == WaitingState.LEFT
        services_places.offer_place(entry=entry_of(dee), actor=partner_worker)
        services_places.answer_offer(
            entry=entry_of(dee), actor=partner_worker, answer=OfferAnswer.TAKEN
        )
        assert entry_of(dee).state == WaitingState.PLACED
        with pytest.raises(services_places.NotOffered):
            services_places.answer_offer(
                entry=entry_of(dee), actor=partner_worker, answer=OfferAnswer.DECLINED
            )
    move(dee, partner_worker, Status.STARTED)  # now Dee holds a place, support can start
    assert [e.detail["answer"] for e in events("referral.place.answered")] == [
        "declined",
        "taken",
    ]


# --- Matching ---------------------------------------------------------------------------------


def worker(programme, name, *, families=1, areas=("HR1",), dads=False, active=True):
    return services_places.worker_add(
        programme=programme,
        actor=None,
        form_token=uuid.uuid4(),
        first_name=name,
        role="volunteer",
        areas=list(areas),
        supports_dads=dads,
        families=families,
        active=active,
    )


def test_districts_and_areas_are_read_from_postcodes():
    assert services_places.postcode_district("hr1 2ab") == "HR1"
    assert services_places.postcode_district("SW1A 1AA") == "SW1A"
    assert services_places.postcode_district("not one") == ""
    assert services_places.covers(["HR"], "HR4")
    assert services_places.covers(["HR4", "LD1"], "HR4")
    assert not services_places.covers(["HR4"], "HR1")
    assert not services_places.covers(["HR"], "")


def test_suggestions_cover_the_parents_area_and_support_dads_within_capacity(
    hillford, accept, two_places, partner_worker
):
    with scope(council=hillford.pk):
        sue = worker(two_places, "Sue", areas=["HR1"])
        worker(two_places, "Meg", areas=["LD1"])
        dan = worker(two_places, "Dan", areas=["HR"], dads=True)
        worker(two_places, "Old", areas=["HR1"], active=False)
    mum = accept("Ava", postcode="HR1 2AB")
    dad = accept("Ben", postcode="HR1 3CD", parent_role="father")
    with scope(council=hillford.pk):
        mum = Referral.objects.annotate(
            consent_in_force=selectors_places.consent_in_force_expression()
        ).get(pk=mum.pk)
        found, area_known = selectors_places.suggestions_for(mum)
        assert area_known and [s.worker.first_name for s in found] == ["Dan", "Sue"]
        # A dad is matched only with someone who supports dads.
        with pytest.raises(services_places.CannotMatch):
            services_places.match(
                referral=dad, worker=sue, actor=partner_worker, expected_worker_id=None
            )
        services_places.match(
            referral=dad, worker=dan, actor=partner_worker, expected_worker_id=None
        )
        # Dan can take one family and has one now: he is no longer suggested, nor matched.
        found, _ = selectors_places.suggestions_for(mum)
        assert [s.worker.first_name for s in found] == ["Sue"]
        with pytest.raises(services_places.WorkerFull):
            services_places.match(
                referral=mum, worker=dan, actor=partner_worker, expected_worker_id=None
            )
        services_places.match(
            referral=mum, worker=sue, actor=partner_worker, expected_worker_id=None
        )
    assert events("referral.matched")[-1].detail["worker"] == str(sue.public_id)


def test_a_match_made_meanwhile_is_noticed_not_overwritten(
    hillford, accept, two_places, partner_worker
):
    ava = accept("Ava", postcode="HR1 2AB")
    with scope(council=hillford.pk):
        sue = worker(two_places, "Sue", families=2)
        meg = worker(two_places, "Meg", families=2)
        services_places.match(
            referral=ava, worker=sue, actor=partner_worker, expected_worker_id=None
        )
        # Another coordinator opened the form before Sue was chosen, and picks Meg.
        with pytest.raises(services_places.MatchChanged):
            services_places.match(
                referral=ava, worker=meg, actor=partner_worker, expected_worker_id=None
            )
        services_places.match(
            referral=ava, worker=meg, actor=partner_worker, expected_worker_id=sue.public_id
        )
        current = Match.objects.get(referral=ava, ended_at__isnull=True)
        assert current.worker == meg
        assert Match.objects.filter(referral=ava).count() == 2


def test_ending_a_referral_frees_its_volunteer(hillford, accept, two_places, partner_worker):
    ava = accept("Ava")
    with scope(council=hillford.pk):
        sue = worker(two_places, "Sue")
        services_places.match(
            referral=ava, worker=sue, actor=partner_worker, expected_worker_id=None
        )
        assert services_places.worker_load(sue) == 1
    move(ava, partner_worker, Status.ENDED)
    with scope(council=hillford.pk):
        assert services_places.worker_load(sue) == 0


def test_a_volunteers_families_cannot_drop_below_those_they_support(
    hillford, accept, two_places, partner_worker
):
    ava, bea = accept("Ava"), accept("Bea")
    with scope(council=hillford.pk):
        sue = worker(two_places, "Sue", families=2)
        for referral in (ava, bea):
            services_places.match(
                referral=referral, worker=sue, actor=partner_worker, expected_worker_id=None
            )
        with pytest.raises(services_places.WorkerFull):
            services_places.worker_update(
                worker=sue, actor=partner_worker, expected_version=sue.version, families=1
            )


def test_a_place_is_not_offered_to_a_parent_who_withdrew_consent(hillford, accept, partner_worker):
    ava, _bea = accept("Ava"), accept("Bea")
    cal = accept("Cal")
    move(ava, partner_worker, Status.ENDED)
    with scope(council=hillford.pk):
        ConsentRecord.objects.filter(parent=cal.parent).update(withdrawn_on=today())
        with pytest.raises(services_places.ConsentWithdrawn):
            services_places.offer_place(entry=entry_of(cal), actor=partner_worker)
        assert entry_of(cal).state == WaitingState.WAITING
