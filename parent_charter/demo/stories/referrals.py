"""Demo referrals: Baby Steps with Home-Start in Herefordshire, in different states.

Each story is recorded once (deterministic public ids), with the consent it rests on, its
status history, and for those under way how the support is given and the contacts logged, so
the demo partner worker (hana@herefordshire.demo) has referrals to answer and to follow.
Councils without Home-Start or Baby Steps in their offer get none.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from parent_charter.authorities.models import PartnerOrganisation
from parent_charter.demo.recorded import REASON, demo_id, record_demo
from parent_charter.offers.models import Programme
from parent_charter.parents.models import ConsentRecord
from parent_charter.partner_referrals import prompts
from parent_charter.partner_referrals.models import (
    ContactMethod,
    Delivery,
    DeliveryContact,
    Match,
    Outcome,
    ProgrammeWorker,
    Referral,
    ReferralStatus,
    ReferredBy,
    ServiceKind,
    SharedInformation,
    Status,
    WaitingListEntry,
)

PARTNER = "Home-Start Herefordshire"
PROGRAMME = "baby-steps"
S = SharedInformation


@dataclass(frozen=True)
class Contact:
    days_ago: int
    method: str
    minutes: int
    note: str


@dataclass(frozen=True)
class Story:
    key: str
    scenario: str  # the casework scenario whose (first) parent is referred
    days_ago: int
    referred_by: str
    shared: tuple[str, ...]
    reason: str
    steps: tuple[tuple[str, int], ...] = ()  # (status, days ago) after "sent"
    declined_reason: str = ""
    outcome: str = ""
    delivery: tuple[str, str, str, str, str] | None = None
    contacts: tuple[Contact, ...] = ()
    professional: tuple[str, str, str, str, str] | None = None
    consent_withdrawn_days_ago: int | None = None
    # Accepted when every place was taken: on the waiting list since the day it was accepted.
    waiting: bool = False


STORIES = (
    Story(
        "expecting-mother-baby-steps",
        "expecting-mother",
        days_ago=40,
        referred_by=ReferredBy.ADVISER,
        shared=(S.CONTACT, S.PREGNANCY, S.REASON, S.PLAN_SUMMARY),
        reason=(
            "She would like someone outside the council to talk to before the baby comes, and "
            "help to get to the baby groups in town. She is nervous about going on her own."
        ),
        steps=((Status.RECEIVED, 38), (Status.ACCEPTED, 35), (Status.STARTED, 28)),
        delivery=("befriending", "volunteer", "home", "weekly", "Sue"),
        contacts=(
            Contact(
                28,
                ContactMethod.HOME_VISIT,
                75,
                "First visit. Talked about what she "
                "wants from Baby Steps and made a list of questions for the midwife.",
            ),
            Contact(
                21,
                ContactMethod.HOME_VISIT,
                60,
                "Looked at the baby groups on "
                "Wednesdays together; she wants to try the one at the library.",
            ),
            Contact(
                14,
                ContactMethod.COMMUNITY,
                90,
                "Went to the library baby group together. She stayed for the whole session.",
            ),
            Contact(7, ContactMethod.PHONE, 20, "Quick call to plan next week's visit."),
        ),
    ),
    Story(
        "second-baby-midwife",
        "second-baby",
        days_ago=21,
        referred_by=ReferredBy.MIDWIFE,
        professional=(
            "Beth Lewis",
            "Community midwife",
            "Hereford community midwives (demo)",
            "01632 960 412",
            "",
        ),
        shared=(S.CONTACT, S.CHILDREN, S.PREGNANCY, S.REASON),
        reason=(
            "The midwife rang: with a toddler and a second baby due she is very tired and has "
            "no family nearby. She said yes to someone from Baby Steps calling her."
        ),
        steps=((Status.ACCEPTED, 18),),
        delivery=("mentoring", "paid_worker", "phone", "fortnightly", "Dan"),
        contacts=(
            Contact(
                12,
                ContactMethod.PHONE,
                35,
                "Introductory call. Agreed fortnightly calls for now and a visit after the birth.",
            ),
        ),
    ),
    Story(
        "expecting-father-self",
        "expecting-father",
        days_ago=3,
        referred_by=ReferredBy.SELF,
        shared=(S.CONTACT, S.PREGNANCY, S.REASON),
        reason=(
            "He asked to join after reading about Baby Steps on the council's page. He would "
            "like to meet other dads and to feel ready for the birth."
        ),
    ),
    Story(
        "new-baby-received",
        "new-baby",
        days_ago=6,
        referred_by=ReferredBy.ADVISER,
        shared=(S.CONTACT, S.CHILDREN, S.REASON),
        reason="Finding the nights hard with Isla and would like a volunteer to visit.",
        steps=((Status.RECEIVED, 5),),
    ),
    Story(
        "couple-withdrawn",
        "couple",
        days_ago=60,
        referred_by=ReferredBy.HEALTH_VISITOR,
        professional=(
            "Priti Desai",
            "Health visitor",
            "Hereford health visiting team (demo)",
            "",
            "health.visitors@example.org",
        ),
        shared=(S.CONTACT, S.CHILDREN),
        reason="Offered Baby Steps at the new birth visit; she wanted to think about it.",
        steps=((Status.ACCEPTED, 55), (Status.ENDED, 30)),
        outcome=Outcome.PARENT_STOPPED,
        consent_withdrawn_days_ago=29,
    ),
    Story(
        "father-apart-waiting",
        "father-living-apart",
        days_ago=16,
        referred_by=ReferredBy.ADVISER,
        shared=(S.CONTACT, S.CHILDREN, S.REASON),
        reason=(
            "He would like a dad who has been through it to talk to about contact with Leo and "
            "about being a good dad when he sees him."
        ),
        steps=((Status.RECEIVED, 15), (Status.ACCEPTED, 12)),
        waiting=True,
    ),
    Story(
        "protection-plan-waiting",
        "child-protection-plan",
        days_ago=6,
        referred_by=ReferredBy.ADVISER,
        shared=(S.CONTACT, S.CHILDREN, S.REASON, S.PLAN_SUMMARY),
        reason=(
            "She would like someone on her side outside the council while the plan for Ruby "
            "is in place, and help with getting out to groups."
        ),
        steps=((Status.ACCEPTED, 4),),
        waiting=True,
    ),
)

# Baby Steps' places and Home-Start's people in the demo. Two places, both taken by the
# families under way, so the two waiting stories are on the list in the order they joined.
PLACES = 2
PEOPLE = (
    # first name, role, areas, supports dads, families, the story of the family matched with them
    ("Sue", "volunteer", ["HR1", "HR2", "HR4"], False, 2, "expecting-mother-baby-steps"),
    ("Dan", "paid_worker", ["HR"], True, 4, "second-baby-midwife"),
    ("Ffion", "volunteer", ["HR8", "HR9"], False, 1, ""),
)


def _id(council, key: str, part: str = "referral") -> uuid.UUID:
    return demo_id(council, part, key)


def seed(council) -> str:
    from parent_charter.demo.scenarios import cast_by_scenario

    with scopes_disabled(), transaction.atomic():
        partner = PartnerOrganisation.objects.filter(council=council, name=PARTNER).first()
        programme = Programme.objects.filter(offer__council=council, slug=PROGRAMME).first()
        worker = partner.workers.order_by("pk").first() if partner else None
        if partner is None or programme is None or worker is None:
            return ""
        cast = cast_by_scenario(council)
        parents = {key: chosen[0] for key, chosen in cast.items()}
        added = 0
        for story in STORIES:
            parent = parents.get(story.scenario)
            if parent is None or parent.personal_adviser is None:
                continue
            if Referral.objects.filter(public_id=_id(council, story.key)).exists():
                continue
            _record(council, story, parent, partner, programme, worker)
            added += 1
        people = _seed_places(council, programme, worker)
        prompted = _seed_prompt(council, cast.get("couple"))
    said = [
        text
        for text in (
            f"{added} referrals to Baby Steps added" if added else "",
            f"{people} Baby Steps volunteers and workers added" if people else "",
            "a prompt to offer Baby Steps raised" if prompted else "",
        )
        if text
    ]
    return "; ".join(said)


def _seed_places(council, programme, worker) -> int:
    """Baby Steps' number of places, and Home-Start's people matched with the families."""
    if programme.places is None:
        Programme.objects.filter(pk=programme.pk).update(places=PLACES)
    added = 0
    for name, role, areas, dads, families, story in PEOPLE:
        public_id = _id(council, name, "programme-worker")
        person = ProgrammeWorker.objects.filter(public_id=public_id).first()
        if person is None:
            person = ProgrammeWorker.objects.create(
                public_id=public_id,
                council=council,
                programme=programme,
                first_name=name,
                role=role,
                areas=areas,
                supports_dads=dads,
                families=families,
            )
            added += 1
        referral = Referral.objects.filter(public_id=_id(council, story)).first()
        if referral is not None and not Match.objects.filter(referral=referral).exists():
            Match.objects.create(
                council=council,
                referral=referral,
                worker=person,
                matched_at=referral.status_changed_at,
                matched_by=worker,
            )
    return added


def _seed_prompt(council, chosen) -> bool:
    """The couple's other parent: Noah is a new baby, and nobody has offered them Baby Steps
    yet, so their adviser's page prompts them to (partner_referrals.prompts)."""
    if not chosen or len(chosen) < 2 or chosen[1].personal_adviser is None:
        return False
    return bool(prompts.raise_prompts(parent=chosen[1], actor=None, reason=REASON))


def _record(council, story: Story, parent, partner, programme, worker) -> None:
    now = timezone.now()
    today = timezone.localdate()
    adviser = parent.personal_adviser
    sent_at = now - datetime.timedelta(days=story.days_ago)
    labels = [str(SharedInformation(value).label) for value in story.shared]
    consent = ConsentRecord.objects.create(
        public_id=_id(council, story.key, "consent"),
        council=council,
        parent=parent,
        share_with=partner.name,
        partner_organisation=partner,
        information="\n".join(labels),
        given_on=today - datetime.timedelta(days=story.days_ago + 1),
        recorded_by=adviser,
    )
    professional = dict(
        zip(
            ("name", "role", "organisation", "phone", "email"),
            story.professional or (),
            strict=False,
        )
    )
    referral = Referral.objects.create(
        public_id=_id(council, story.key),
        council=council,
        parent=parent,
        organisation=partner,
        programme=programme,
        kind=ServiceKind.PROGRAMME,
        referred_by=story.referred_by,
        reason=story.reason,
        shared=list(story.shared),
        consent=consent,
        status=Status.SENT,
        status_changed_at=sent_at,
        created_by=adviser,
        **{f"professional_{name}": value for name, value in professional.items()},
    )
    Referral.objects.filter(pk=referral.pk).update(created_at=sent_at)
    ReferralStatus.objects.create(
        council=council, referral=referral, status=Status.SENT, at=sent_at, by=adviser
    )
    status, changed_at = Status.SENT, sent_at
    for status, days_ago in story.steps:
        changed_at = now - datetime.timedelta(days=days_ago)
        ReferralStatus.objects.create(
            council=council,
            referral=referral,
            status=status,
            reason=story.declined_reason if status == Status.DECLINED else "",
            outcome=story.outcome if status == Status.ENDED else "",
            at=changed_at,
            by=worker,
        )
    Referral.objects.filter(pk=referral.pk).update(status=status, status_changed_at=changed_at)
    if story.delivery:
        support_form, giver, place, frequency, name = story.delivery
        Delivery.objects.create(
            council=council,
            referral=referral,
            support_form=support_form,
            support_giver=giver,
            place=place,
            frequency=frequency,
            worker_name=name,
            updated_by=worker,
        )
    for contact in story.contacts:
        DeliveryContact.objects.create(
            council=council,
            referral=referral,
            on=today - datetime.timedelta(days=contact.days_ago),
            method=contact.method,
            duration_minutes=contact.minutes,
            note=contact.note,
            recorded_by=worker,
        )
    if story.waiting:
        WaitingListEntry.objects.create(
            council=council,
            referral=referral,
            programme=programme,
            joined_on=timezone.localdate(changed_at),
        )
    if story.consent_withdrawn_days_ago is not None:
        ConsentRecord.objects.filter(pk=consent.pk).update(
            withdrawn_on=today - datetime.timedelta(days=story.consent_withdrawn_days_ago),
            withdrawn_by=adviser,
            withdrawal_note="Told her adviser she no longer wants Home-Start to hold her details.",
        )
    record_demo(
        council,
        "referral.sent",
        parent,
        detail={
            "referral": str(referral.public_id),
            "status": status,
            "shared": list(story.shared),
        },
    )
