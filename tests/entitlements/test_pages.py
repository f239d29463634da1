"""The public guide, the parent's own guide in the portal, and a council's own offers."""

import datetime
import html
import re
import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.children.models import LivesWith
from parent_charter.entitlements.contributions import rights_panel
from parent_charter.entitlements.models import (
    Entitlement,
    EntitlementAmount,
    LocalEntitlement,
    WayToQualify,
)
from parent_charter.entitlements.services import facts_for_parent
from parent_charter.parents.models import Parent
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    LocalCommitmentFactory,
    LocalOfferFactory,
)

from .conftest import TODAY

MOTHER_17 = {
    "where": "nation:england",
    "age": "17",
    "parent_kind": "mother",
    "expecting": "me",
    "child_ages": "",
    "care_status": "in_care",
}
# Phrases that would turn the guide into a promise.
PROMISES = re.compile(r"you are entitled|you will get|you will receive|guaranteed", re.IGNORECASE)


def text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_guide_asks_its_questions(client, rules, hillford):
    body = text(client.get("/rights/"))
    assert "Money and rights you may have" in body
    assert "Hillford Council" in body
    assert "Another council in Wales" in body


def test_missing_and_wrong_answers_are_shown_next_to_the_question(client, rules):
    body = text(client.get("/rights/", {"age": "seven", "child_ages": "two, 3"}))
    assert "govuk-error-summary" in body
    for message in (
        "Select where you live",
        "Enter your age as a number from 13 to 30, like 19",
        "Select whether a baby is on the way",
        "Enter ages as whole numbers with commas between them, like 0, 3",
        "Select whether you have been in care",
    ):
        assert message in body
    assert "<title>Error:" in body


def test_the_answer_says_may_and_never_promises(client, rules):
    body = text(client.get("/rights/", MOTHER_17))
    assert "You may be able to get these" in body
    assert "From your answers, there are 6 things you may be able to get." in body
    assert "Healthy Start" in body and "£241.80 a year" in body
    assert "Why you may be able to get it" in body
    assert "This is a guide, not a decision." in body
    assert not PROMISES.search(body)
    # What does not apply now is there, with its reason; other nations' schemes are not.
    assert "Sure Start Maternity Grant" in body
    assert "Flying Start" not in body


def test_unconfirmed_rules_are_marked(client, rules):
    body = text(client.get("/rights/", MOTHER_17))
    healthy_start = body[body.index('id="healthy-start"') :]
    healthy_start = healthy_start[: healthy_start.index("</section>")]
    assert "Not yet confirmed" in healthy_start
    assert "We have not yet confirmed these details" in healthy_start
    maternity_pay = body[body.index('id="statutory-maternity-pay"') :]
    maternity_pay = maternity_pay[: maternity_pay.index("</section>")]
    assert "Not yet confirmed" not in maternity_pay
    assert "Last checked 23 November 2026." in maternity_pay


def test_the_answers_can_be_changed(client, rules):
    body = text(client.get("/rights/", {**MOTHER_17, "change": "1"}))
    assert 'value="17"' in body
    assert "govuk-error-summary" not in body


def test_the_guide_in_welsh(client, rules):
    client.post("/i18n/set-language/", {"language": "cy", "next": "/"})
    body = text(client.get("/rights/", {**MOTHER_17, "where": "nation:wales"}))
    assert '<html lang="cy"' in body
    assert "Cychwyn Iach" in body
    assert "Heb ei gadarnhau eto" in body


def test_the_guide_costs_the_same_however_many_rules(client, rules):
    def count():
        with CaptureQueriesContext(connection) as queries:
            text(client.get("/rights/", MOTHER_17))
        return len(queries)

    before = count()
    for n in range(5):
        rule = Entitlement.objects.create(
            key=f"extra-{n}",
            nations=["england"],
            name_en=f"Extra {n}",
            summary_en="More.",
            how_to_claim_en="Ask.",
            last_checked=TODAY,
        )
        EntitlementAmount.objects.create(
            entitlement=rule, value=5, period="per_week", applies_to_en="x", from_date=TODAY
        )
        WayToQualify.objects.create(entitlement=rule, min_age=16)
    assert count() == before


# --- A council's own offers ---------------------------------------------------------------


@pytest.fixture
def scan_offer(hillford):
    offer = LocalOfferFactory(council=hillford)
    promise = LocalCommitmentFactory(offer=offer, theme="home_and_money", title_en="First scan")
    with scope(council=hillford.pk):
        return LocalEntitlement.objects.create(
            council=hillford,
            local_commitment=promise,
            name_en="Your first scan, paid for",
            summary_en="We pay what the scan costs you.",
            how_to_claim_en="Ask your adviser.",
            situation="expecting",
            care_statuses=["in_care", "care_leaver"],
            last_checked=TODAY,
        )


def test_the_councils_own_offers_come_first_when_the_council_is_chosen(client, rules, scan_offer):
    body = text(client.get("/rights/", {**MOTHER_17, "where": "council:hillford"}))
    assert body.index("From your council") < body.index("Grants, benefits and schemes")
    assert "Your first scan, paid for" in body
    assert "Hillford Council's local offer" in body
    elsewhere = text(client.get("/rights/", MOTHER_17))
    assert "Your first scan, paid for" not in elsewhere


def test_an_offer_no_longer_made_is_not_shown(client, rules, scan_offer, hillford):
    with scope(council=hillford.pk):
        LocalEntitlement.objects.filter(pk=scan_offer.pk).update(retired=True)
    body = text(client.get("/rights/", {**MOTHER_17, "where": "council:hillford"}))
    assert "Your first scan, paid for" not in body


def local_form(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "name_en": "Pushchair grant",
        "summary_en": "Money towards a pushchair.",
        "how_to_claim_en": "Ask your personal adviser.",
        "amount": "150",
        "unit": "gbp",
        "period": "one_off",
        "situation": "expecting_or_child",
        "child_max_age": "2",
        "care_statuses": ["care_leaver"],
        "local_commitment": "",
        "last_checked_day": "1",
        "last_checked_month": "11",
        "last_checked_year": "2026",
    }
    data.update(overrides)
    return data


def test_an_administrator_adds_an_offer_once(client_for, council_admin, hillford, rules):
    client = client_for(council_admin)
    data = local_form()
    assert client.post("/rights/local/add/", data).status_code == 302
    assert client.post("/rights/local/add/", data).status_code == 302
    with scope(council=hillford.pk):
        (item,) = LocalEntitlement.objects.all()
    assert str(item.amount) == "150.00" and item.child_max_age == 2
    (event,) = AuditEvent.objects.filter(action="entitlements.local.added")
    assert event.detail == {"has_amount": True}
    listing = text(client.get("/rights/local/"))
    assert "Pushchair grant" in listing


def test_an_offer_can_start_from_a_promise_of_the_local_offer(
    client_for, council_admin, scan_offer, hillford
):
    offer = scan_offer.local_commitment.offer
    promise = LocalCommitmentFactory(
        offer=offer, theme="rights_and_entitlements", title_en="Photo ID"
    )
    client = client_for(council_admin)
    listing = text(client.get("/rights/local/"))
    assert f"?promise={promise.pk}" in listing
    assert f"?promise={scan_offer.local_commitment_id}" not in listing  # already has one
    form = text(client.get(f"/rights/local/add/?promise={promise.pk}"))
    assert 'value="Photo ID"' in form


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name_en": ""}, "Enter the name in English"),
        ({"child_max_age": ""}, "Enter the oldest age of the child it is for"),
        ({"unit": "percent", "amount": "150"}, "A percentage cannot be more than 100"),
        ({"amount": "lots"}, "Enter the amount as a number, like 150 or 4.25"),
        ({"min_age": "25", "max_age": "18"}, "The oldest age must be the same as or more than"),
        ({"last_checked_year": "2099"}, "The date must be today or in the past"),
    ],
)
def test_an_offer_with_mistakes_is_not_saved(
    client_for, council_admin, hillford, overrides, message
):
    response = client_for(council_admin).post("/rights/local/add/", local_form(**overrides))
    body = text(response)
    assert message in body and "govuk-error-summary" in body
    with scope(council=hillford.pk):
        assert not LocalEntitlement.objects.exists()


def test_editing_an_offer_detects_someone_saving_first(
    client_for, council_admin, scan_offer, hillford
):
    page = f"/rights/local/{scan_offer.public_id}/"
    client = client_for(council_admin)
    data = local_form(version=str(scan_offer.version), name_en="Renamed")
    data.pop("form_token")
    assert client.post(page, data).status_code == 302
    stale = client.post(page, {**data, "name_en": "Renamed again"})
    assert "Someone else changed this record while you were editing it" in text(stale)
    with scope(council=hillford.pk):
        assert LocalEntitlement.objects.get(pk=scan_offer.pk).name_en == "Renamed"


# --- The parent's own guide ---------------------------------------------------------------


def _record_child(parent, *, due=None, born=None, lives_with="not_yet_born", with_this=True):
    with scope(council=parent.council_id):
        child = ChildFactory(council=parent.council, due_date=due, date_of_birth=born)
        link = ChildParentFactory(child=child, parent=parent)
        if lives_with == LivesWith.ONE_PARENT and not with_this:
            link = ChildParentFactory(child=child, other_parent_name="Alex")
        ChildCircumstanceFactory(
            child=child,
            lives_with=lives_with,
            lives_with_parent=link if lives_with == LivesWith.ONE_PARENT else None,
        )
    return child


def test_facts_come_from_the_parents_record(hillford_parent, hillford):
    with scope(council=hillford.pk):
        Parent.objects.filter(pk=hillford_parent.pk).update(
            parent_role="father", date_of_birth=datetime.date(2004, 6, 1)
        )
        parent = Parent.objects.select_related("council").get(pk=hillford_parent.pk)
    _record_child(parent, due=TODAY + datetime.timedelta(days=60))
    _record_child(parent, born=datetime.date(2024, 3, 1), lives_with="one_parent")
    _record_child(parent, born=datetime.date(2023, 3, 1), lives_with="one_parent", with_this=False)
    with scope(council=hillford.pk), CaptureQueriesContext(connection) as queries:
        facts = facts_for_parent(parent, TODAY)
    assert len(queries) == 2
    assert facts.age == 22
    assert facts.partner_pregnant and not facts.pregnant
    assert facts.child_ages == (2,)  # the child living with the other parent is not counted
    assert facts.nation == "england" and facts.care_status == "care_leaver"


def test_the_parent_sees_their_own_guide(client_for, parent_user, hillford_parent, rules):
    _record_child(hillford_parent, due=TODAY + datetime.timedelta(days=60))
    client = client_for(parent_user)
    body = text(client.get("/rights/mine/"))
    assert "Money and rights you may have" in body
    assert "a baby is on the way" in body
    assert "You need to get one of these: Universal Credit" in body
    assert not PROMISES.search(body)
    assert AuditEvent.objects.filter(action="entitlements.guide.viewed").count() == 1

    answered = text(
        client.get("/rights/mine/", {"answered": "yes", "benefits": "universal_credit"})
    )
    assert "You get Universal Credit." in answered


def test_the_portal_panel_is_short_and_writes_nothing(hillford_parent, hillford, rules):
    _record_child(hillford_parent, due=TODAY + datetime.timedelta(days=60))
    with scope(council=hillford.pk):
        parent = Parent.objects.select_related("council").get(pk=hillford_parent.pk)
        with CaptureQueriesContext(connection) as queries:
            section = rights_panel(RequestFactory().get("/my/"), parent)
    assert 0 < len(section["matches"]) <= 4
    assert section["count"] >= len(section["matches"])
    assert len(queries) <= 7
    assert not AuditEvent.objects.exists()
