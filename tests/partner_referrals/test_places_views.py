"""The partner's places pages and the adviser's prompt to offer Baby Steps: who may use them,
what they show, bad input answered on the form, audit rows, and a page whose query count does
not grow with its rows."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.partner_referrals import services_places
from parent_charter.partner_referrals.models import (
    Match,
    ProgrammePrompt,
    ProgrammeWorker,
    Status,
    WaitingListEntry,
    WaitingState,
)
from tests.children.helpers import add_child
from tests.helpers import events, page, today

from .helpers import consent_for, move, refer, staff_notifications
from .test_places import accepted

PLACES = "/staff/referrals/partner/places/"


@pytest.fixture
def one_place(baby_steps):
    baby_steps.places = 1
    baby_steps.save()
    return baby_steps


@pytest.fixture
def accept(hillford, home_start, pa, partner_worker, one_place):
    def make(name, **fields):
        return accepted(hillford, home_start, pa, partner_worker, one_place, name, **fields)

    return make


def entry_of(referral):
    with scope(council=referral.council_id):
        return WaitingListEntry.objects.get(referral=referral)


def test_the_caseload_shows_places_the_list_in_order_and_costs_the_same_however_long(
    client_for, partner_worker, pa, accept
):
    accept("Ava"), accept("Bea"), accept("Cal")
    client = client_for(partner_worker)
    with CaptureQueriesContext(connection) as few:
        body = page(client.get(PLACES))
    assert body.index("Bea") < body.index("Cal")
    assert "Nobody is waiting." not in body
    for name in ("Dee", "Eve", "Fay", "Gus"):
        accept(name)
    with CaptureQueriesContext(connection) as many:
        body = page(client.get(PLACES))
    assert body.index("Cal") < body.index("Dee") < body.index("Gus")
    assert len(many) == len(few)
    assert events("referral.places.viewed")[-1].detail == {"families": 1, "waiting": 6}
    assert client_for(pa).get(PLACES).status_code == 403


def test_the_partner_offers_the_next_place_and_records_the_answer(
    client_for, partner_worker, accept
):
    ava, bea = accept("Ava"), accept("Bea")
    move(ava, partner_worker, Status.ENDED)
    client = client_for(partner_worker)
    body = page(client.get(PLACES))
    assert "A place is free. Next on the waiting list: Bea" in body.replace("\n", " ")
    response = client.post(f"{PLACES}{bea.public_id}/offer/")
    assert response.status_code == 302
    assert entry_of(bea).state == WaitingState.OFFERED
    answer_url = f"{PLACES}{bea.public_id}/answer/"
    body = page(client.post(answer_url, {}))
    assert "Select what the parent said" in body and "govuk-error-summary" in body
    assert client.post(answer_url, {"answer": "taken"}).status_code == 302
    assert entry_of(bea).state == WaitingState.PLACED
    # Answered already: the page says so instead of a second answer.
    assert client.get(answer_url).status_code == 302


def test_matching_through_the_page_and_a_match_made_meanwhile(
    client_for, partner_worker, accept, one_place, hillford
):
    ava = accept("Ava", postcode="HR1 2AB")
    with scope(council=hillford.pk):
        sue, meg = (
            services_places.worker_add(
                programme=one_place,
                actor=partner_worker,
                form_token=uuid.uuid4(),
                first_name=name,
                role="volunteer",
                areas=["HR1"],
                supports_dads=False,
                families=2,
            )
            for name in ("Sue", "Meg")
        )
    client = client_for(partner_worker)
    url = f"/staff/referrals/partner/{ava.public_id}/match/"
    body = page(client.get(url))
    assert "Sue (0 of 2 families, covers the parent's area)" in body
    assert client.post(url, {"worker": str(sue.public_id), "seen": ""}).status_code == 302
    # A second coordinator's form, opened before Sue was chosen, is refused with a message.
    body = page(client.post(url, {"worker": str(meg.public_id), "seen": ""}))
    assert "Someone matched this parent while the form was open" in body
    with scope(council=hillford.pk):
        assert Match.objects.get(referral=ava, ended_at__isnull=True).worker == sue
    assert "Sue" in page(client.get(PLACES))
    assert events("referral.matched")[-1].detail["worker"] == str(sue.public_id)


def test_adding_and_changing_a_volunteer(client_for, partner_worker, one_place, hillford):
    client = client_for(partner_worker)
    url = f"/staff/referrals/partner/programmes/{one_place.slug}/people/add/"
    form = {"form_token": str(uuid.uuid4()), "first_name": "Sue", "role": "volunteer"}
    body = page(client.post(url, {**form, "areas": "Hereford", "families": "40"}))
    assert "Enter postcode districts like HR1" in body
    assert "Enter a number of families between 1 and 20" in body
    assert client.post(url, {**form, "areas": "hr1, HR4", "families": "2"}).status_code == 302
    with scope(council=hillford.pk):
        sue = ProgrammeWorker.objects.get(first_name="Sue")
    assert (sue.areas, sue.families, sue.active) == (["HR1", "HR4"], 2, True)
    assert events("referral.worker.added")
    edit = f"/staff/referrals/partner/people/{sue.public_id}/"
    data = {
        "version": sue.version,
        "first_name": "Sue",
        "role": "volunteer",
        "areas": "HR1",
        "families": "3",
        "supports_dads": "on",
    }
    assert client.post(edit, data).status_code == 302
    sue.refresh_from_db()
    assert (sue.families, sue.supports_dads, sue.active) == (3, True, False)
    # Sent again at the old version: both versions are shown, nothing is overwritten.
    body = page(client.post(edit, {**data, "families": "5"}))
    assert "Someone else changed this record while you were editing it" in body
    sue.refresh_from_db()
    assert sue.families == 3


# --- The adviser's prompt ---------------------------------------------------------------------


@pytest.fixture
def prompted(baby_steps):
    baby_steps.offered_on_new_baby = True
    baby_steps.save()
    return baby_steps


def prompts_of(parent):
    with scope(council=parent.council_id):
        return list(ProgrammePrompt.objects.filter(parent=parent))


def test_recording_a_pregnancy_prompts_the_adviser_to_offer_baby_steps_once(
    client_for, pa, hillford_parent, prompted
):
    add_child(hillford_parent, pa)
    (prompt,) = prompts_of(hillford_parent)
    assert prompt.programme == prompted and not prompt.answer
    assert [n.kind for n in staff_notifications(pa, "referrals.programme_prompt")]
    assert events("referral.prompt.raised")[-1].detail["programme"] == "baby-steps"
    # Another change of facts does not raise it again for the same baby.
    with scope(council=hillford_parent.council_id):
        from parent_charter.parents import facts

        facts.announce(parent=hillford_parent, actor=pa, reason="test")
    assert len(prompts_of(hillford_parent)) == 1
    body = page(client_for(pa).get(f"/staff/parents/{hillford_parent.public_id}/"))
    assert "Record what the parent said about Baby Steps" in body


def test_no_prompt_when_the_programme_does_not_ask_for_one(pa, hillford_parent, baby_steps):
    add_child(hillford_parent, pa)
    assert prompts_of(hillford_parent) == []


def test_no_prompt_for_a_child_past_their_first_year(pa, hillford_parent, prompted):
    add_child(hillford_parent, pa, due_date=None, date_of_birth=today() - datetime.timedelta(800))
    assert prompts_of(hillford_parent) == []


def test_the_adviser_records_the_answer_and_goes_on_to_refer(
    client_for, pa, hillford_parent, prompted, home_start
):
    add_child(hillford_parent, pa)
    (prompt,) = prompts_of(hillford_parent)
    client = client_for(pa)
    url = f"/staff/referrals/prompts/{prompt.public_id}/"
    body = page(client.post(url, {}))
    assert "Select what the parent said" in body
    response = client.post(url, {"answer": "referring"})
    assert response["Location"].endswith(f"?programme={prompted.slug}")
    body = page(client.get(response["Location"]))
    assert re.search(rf'name="programme" value="{prompted.pk}"[^>]*checked', body)
    (prompt,) = prompts_of(hillford_parent)
    assert prompt.answer == "referring"
    assert events("referral.prompt.answered")[-1].detail["answer"] == "referring"
    body = page(client.get(f"/staff/parents/{hillford_parent.public_id}/"))
    assert "Record what the parent said about Baby Steps" not in body


def test_an_open_referral_hides_the_prompt(client_for, pa, hillford_parent, prompted, home_start):
    consent_for(hillford_parent, home_start, pa)
    add_child(hillford_parent, pa)
    refer(hillford_parent, home_start, pa, kind="programme", programme=prompted)
    body = page(client_for(pa).get(f"/staff/parents/{hillford_parent.public_id}/"))
    assert "Record what the parent said about Baby Steps" not in body


def test_the_referral_pages_say_the_parent_is_waiting_and_who_they_are_matched_with(
    client_for, partner_worker, pa, accept, one_place, hillford
):
    ava, bea = accept("Ava"), accept("Bea")
    body = page(client_for(pa).get(f"/staff/referrals/{bea.public_id}/"))
    assert f"on the waiting list since {today():%-d %B %Y}" in body
    with scope(council=hillford.pk):
        sue = services_places.worker_add(
            programme=one_place,
            actor=partner_worker,
            form_token=uuid.uuid4(),
            first_name="Sue",
            role="volunteer",
            areas=["HR1"],
            supports_dads=False,
            families=1,
        )
        services_places.match(
            referral=ava, worker=sue, actor=partner_worker, expected_worker_id=None
        )
    body = page(client_for(partner_worker).get(f"/staff/referrals/partner/{ava.public_id}/"))
    assert f"Matched with Sue since {today():%-d %B %Y}" in body


def test_starting_support_while_waiting_is_refused_on_the_form(client_for, partner_worker, accept):
    accept("Ava")
    bea = accept("Bea")
    body = page(
        client_for(partner_worker).post(
            f"/staff/referrals/partner/{bea.public_id}/status/", {"status": "started"}
        )
    )
    assert "The parent is waiting for a place, so support cannot start yet" in body
    bea.refresh_from_db()
    assert bea.status == Status.ACCEPTED
