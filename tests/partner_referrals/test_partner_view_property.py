"""Property: whatever the parent agreed to share, a partner's page never shows anything else.

Each example gives a parent distinctive values in every kind of information, refers them with
a random choice of what may be shared (and sometimes withdraws consent), renders the partner's
page and the partner's list, and checks every value outside the choice is absent from the HTML.
"""

import datetime
import html

from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parent_charter.parents import services as parent_services
from parent_charter.partner_referrals.models import SharedInformation
from parent_charter.plans.models import ItemStatus
from tests.factories import (
    ChildFactory,
    ChildParentFactory,
    LocalCommitmentFactory,
    LocalOfferFactory,
    ParentFactory,
    PlanItemFactory,
    SupportPlanFactory,
)
from tests.helpers import today

from .helpers import consent_for, refer

# Upper-case consonants, each value behind a prefix of its own: no value can then be part of
# another, nor of any word, class name or attribute of the page.
TOKEN = st.text(alphabet="BCDFGHJKLMNPQRSTVWXZ", min_size=8, max_size=8)
PARENT_BORN = st.dates(datetime.date(1998, 1, 1), datetime.date(2006, 12, 31))
CHILD_BORN = st.dates(datetime.date(2020, 1, 1), datetime.date(2024, 12, 31))
DUE_IN_DAYS = st.integers(min_value=400, max_value=600)


def _day(value: datetime.date) -> str:
    return value.strftime("%-d %B %Y")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shared=st.sets(st.sampled_from(SharedInformation.values), min_size=1),
    withdrawn=st.booleans(),
    tokens=st.lists(TOKEN, min_size=8, max_size=8, unique=True),
    parent_born=PARENT_BORN,
    child_born=CHILD_BORN,
    due_in_days=DUE_IN_DAYS,
    phone=st.integers(min_value=0, max_value=999_999),
    care_category=st.sampled_from(["eng_former_relevant", "eng_qualifying", "wal_cat3"]),
)
def test_a_partners_page_never_shows_what_was_not_shared(
    client_for,
    hillford,
    pa,
    partner_worker,
    shared,
    withdrawn,
    tokens,
    parent_born,
    child_born,
    due_in_days,
    phone,
    care_category,
):
    tokens = dict(
        zip(
            ["family", "given", "email", "address", "child", "reason", "plan", "post"],
            tokens,
            strict=True,
        )
    )
    family, given_name = "Fm" + tokens["family"].lower(), "Gn" + tokens["given"].lower()
    child, postcode = "Ch" + tokens["child"].lower(), "PC" + tokens["post"]
    email = f"em{tokens['email'].lower()}@example.org"
    address, reason, promise = (
        "Ad" + tokens["address"],
        "Re" + tokens["reason"],
        "Pr" + tokens["plan"],
    )
    organisation = partner_worker.partner_organisation
    due = today() + datetime.timedelta(days=due_in_days)
    with scope(council=hillford.pk):
        parent = ParentFactory(
            council=hillford,
            given_name=given_name,
            family_name=family,
            date_of_birth=parent_born,
            phone=f"07700 {phone:06d}",
            email=email,
            address=address,
            postcode=postcode,
            care_status="in_care",
            care_category=care_category,
            preferred_contact="text",
        )
        born = ChildFactory(council=hillford, given_name=child, date_of_birth=child_born)
        ChildParentFactory(child=born, parent=parent)
        ChildParentFactory(child=ChildFactory(council=hillford, due_date=due), parent=parent)
        offer = getattr(hillford, "local_offer", None) or LocalOfferFactory(council=hillford)
        commitment = LocalCommitmentFactory(offer=offer, title_en=promise)
        PlanItemFactory(
            plan=SupportPlanFactory(parent=parent),
            source="local",
            milestone_key="",
            local_commitment=commitment,
            status=ItemStatus.IN_PROGRESS,
        )
    consent = consent_for(parent, organisation, pa)
    referral = refer(parent, organisation, pa, shared=sorted(shared), reason=reason)
    if withdrawn:
        with scope(council=hillford.pk):
            parent_services.consent_withdraw(consent=consent, actor=pa, withdrawn_on=today())

    values = {
        "name": [given_name, family],
        SharedInformation.CONTACT: [parent.phone, email, address, postcode, "Text message"],
        SharedInformation.DATE_OF_BIRTH: [_day(parent_born)],
        SharedInformation.CHILDREN: [child, _day(child_born)],
        SharedInformation.PREGNANCY: [_day(due)],
        SharedInformation.PLAN_SUMMARY: [promise],
        SharedInformation.REASON: [reason],
        SharedInformation.CARE_LEAVER: [
            "In care",
            str(dict(parent._meta.get_field("care_category").choices)[care_category]),
        ],
    }
    allowed = set() if withdrawn else {"name", *shared}

    client = client_for(partner_worker)
    detail = html.unescape(
        client.get(f"/staff/referrals/partner/{referral.public_id}/").content.decode()
    )
    listing = _row_of(client.get("/staff/referrals/partner/"), referral)
    for category, category_values in values.items():
        for value in category_values:
            assert (value in detail) == (category in allowed), (category, value)
            # The list (this referral's row: earlier examples' rows are there too) names the
            # parent while consent is in force, and shows nothing else.
            if category != "name" or withdrawn:
                assert value not in listing, (category, value)


def _row_of(response, referral) -> str:
    body = html.unescape(response.content.decode())
    link = body.index(f"/staff/referrals/partner/{referral.public_id}/")
    return body[body.rindex("<tr", 0, link) : body.index("</tr>", link)]
