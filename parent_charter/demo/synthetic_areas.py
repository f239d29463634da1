"""Synthetic rows for the areas added after the first generator: referrals to children's
services (with held ones and managers' decisions), partner referrals and their delivery,
concerns, assessments, living apart (contact arrangements and cost claims), parents'
challenges and portal accounts.

`Areas.build` runs after `synthetic.Casework` for one council, with that council's parents,
children and plan items, and writes each table in one insert, so a council still costs a fixed
number of queries. The proportions are rough shares of parents over their time with the
service, chosen so that a council's figures page has something in every section; the
children's services evidence is read by the live guard, so what is held is what the guard
would hold.
"""

import datetime
import functools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from parent_charter.accounts.models import RoleGrant, User
from parent_charter.accounts.roles import Role
from parent_charter.apart.models import (
    ClaimStatus,
    ContactArrangement,
    ContactKind,
    CostClaim,
    CostKind,
    Frequency,
)
from parent_charter.assessments_care_history.models import (
    AssessmentKind,
    ParentingAssessment,
)
from parent_charter.assessments_care_history.models import Outcome as AssessmentOutcome
from parent_charter.authorities.models import PartnerOrganisation
from parent_charter.childrens_services.models import (
    ChildrenServicesReferral,
    Destination,
    Ground,
    GuardEvent,
    GuardEventKind,
    ReferralEvidence,
    ReferralKind,
    ReferralStep,
    SourceKind,
    Status,
    StepKind,
)
from parent_charter.childrens_services.services import EvidenceInput, read_evidence
from parent_charter.concerns.models import OPEN_STATUSES, Concern, ConcernStatus, RaisedBy
from parent_charter.concerns.models import Outcome as ConcernOutcome
from parent_charter.offers.models import (
    DeliveryPlace,
    LocalOffer,
    Programme,
    SupportForm,
    SupportGiver,
)
from parent_charter.parents.models import ConsentRecord, Disability, EqualityAnswers, EthnicGroup
from parent_charter.partner_referrals.models import (
    ContactMethod,
    Delivery,
    DeliveryContact,
    DeliveryFrequency,
    Referral,
    ReferralStatus,
    ReferredBy,
    ServiceKind,
    SharedInformation,
)
from parent_charter.partner_referrals.models import Outcome as PartnerOutcome
from parent_charter.partner_referrals.models import Status as PartnerStatus
from parent_charter.portal.models import (
    Challenge,
    ChallengeEvent,
    ChallengeEventKind,
    ChallengeStatus,
    PortalAccount,
)

from .seeded import seeded_uuid as _uuid
from .seeded import synthetic_user
from .seeded import weighted as _weighted

# Shares of parents, over their time with the service.
PORTAL_SHARE = 0.35
CHALLENGE_SHARE = 0.12  # of parents with a portal account
CONCERN_SHARE = 0.15  # of parents with a child or a baby on the way
ASSESSMENT_SHARE = 0.10
CS_REFERRAL_SHARE = 0.10  # of parents with a child or a baby on the way
REFUSED_GROUND_SHARE = 0.01
PARTNER_REFERRAL_WEIGHTS = {0: 62, 1: 30, 2: 8}
# Children living apart from this parent who have a contact arrangement with them.
CONTACT_SHARE = 0.8
CLAIMS_WEIGHTS = {0: 35, 1: 25, 2: 20, 3: 12, 4: 8}

# How a referral to children's services went: the guard's reading of its evidence decides
# whether it was sent or held; a held one then waits for, or has had, a manager's decision.
CS_EVIDENCE = {
    "clean": 70,
    "past": 18,  # rests on the parent's own childhood in care
    "routine": 12,  # a referral made as a matter of policy
}
HELD_DECISIONS = {"send": 35, "return": 35, "withdraw": 20, "waiting": 10}
CLEAN_EVIDENCE = (
    (
        "Ground.DOMESTIC_ABUSE",
        "Police were called after neighbours heard shouting. The parent had a cut lip and said "
        "their ex-partner pushed them while they were holding the baby.",
        "The baby was in the parent's arms and could have been hurt.",
    ),
    (
        "Ground.NEGLECT",
        "Health visitor found the baby underweight at two checks in a row and the family "
        "missed the follow-up clinic.",
        "The baby is not gaining weight as expected.",
    ),
    (
        "Ground.NEGLECT",
        "Neighbours reported the baby left alone in the flat for about an hour in the evening.",
        "A baby left alone could come to harm before anyone noticed.",
    ),
    (
        "Ground.SUBSTANCE_MISUSE",
        "At the home visit the parent was drowsy and slurring at midday, with the baby crying "
        "in the next room and no other adult at home.",
        "The baby's needs were not being met while the parent was in this state.",
    ),
    (
        "Ground.HARM_TO_UNBORN",
        "Midwife reports the ex-partner threatened to hurt the unborn baby in a message the "
        "parent showed her at the antenatal appointment.",
        "The threat is to the baby and the parent, and he knows where they live.",
    ),
)
PAST_EVIDENCE = (
    "They grew up in care themselves and already have a toddler, so they are likely to "
    "struggle when the second baby arrives."
)
ROUTINE_EVIDENCE = (
    "Referred under the team procedure that every pregnant young person we support is "
    "referred, as agreed at the team meeting."
)
SOURCES = (
    (SourceKind.SEEN_BY_ME, "Personal adviser, leaving care team"),
    (SourceKind.PROFESSIONAL, "Community midwife, the local NHS trust"),
    (SourceKind.PROFESSIONAL, "Health visitor, the local health board"),
    (SourceKind.PROFESSIONAL, "Police constable, the local police"),
)
DECISION_REASONS = {
    "send": "The police report on its own shows a current risk; sent on that evidence.",
    "return": "Please take out the parent's own childhood and say what happened now.",
    "withdraw": "Nothing current is described; talked it through with the adviser.",
}

CONCERN_RAISERS = {
    RaisedBy.HEALTH_VISITOR: 25,
    RaisedBy.MIDWIFE: 15,
    RaisedBy.SCHOOL_OR_NURSERY: 10,
    RaisedBy.POLICE: 10,
    RaisedBy.PERSONAL_ADVISER: 15,
    RaisedBy.FAMILY_OR_FRIEND: 10,
    RaisedBy.HOUSING: 5,
    RaisedBy.ANONYMOUS: 10,
}
CONCERN_TEXTS = (
    "The baby was seen with a bruise on the arm at the clinic; the parent said the baby "
    "rolled against the cot.",
    "The home was cold and there was little food in the cupboards at the visit.",
    "The parent missed three appointments with the health visitor this month.",
    "A neighbour heard a loud argument late at night and a baby crying for a long time.",
)
CONCERN_STATUS = {
    ConcernStatus.OPEN: 25,
    ConcernStatus.UNDER_ASSESSMENT: 15,
    ConcernStatus.CLOSED: 60,
}
CONCERN_OUTCOMES = {
    ConcernOutcome.NO_FURTHER_ACTION: 40,
    ConcernOutcome.SUPPORT_AGREED: 30,
    ConcernOutcome.EARLY_HELP: 15,
    ConcernOutcome.CHILD_IN_NEED: 10,
    ConcernOutcome.CHILD_PROTECTION_PLAN: 5,
}
ASSESSMENT_OUTCOMES = {
    AssessmentOutcome.NO_FURTHER_ACTION: 30,
    AssessmentOutcome.SUPPORT_PLAN: 45,
    AssessmentOutcome.CHILD_IN_NEED: 15,
    AssessmentOutcome.CHILD_PROTECTION: 7,
    AssessmentOutcome.PROCEEDINGS: 3,
}
ASSESSMENT_SUMMARIES = (
    "The parent keeps the baby's appointments and asks for help when they need it.",
    "Housing is settled; money is tight but managed with the adviser's help.",
    "The parent and baby have a warm bond; the parent would like a parenting group.",
)

PARTNER_KINDS = {
    ServiceKind.PROGRAMME: 40,
    ServiceKind.ADVOCACY: 15,
    ServiceKind.HOUSING: 10,
    ServiceKind.MENTAL_HEALTH: 10,
    ServiceKind.COUNSELLING: 8,
    ServiceKind.PARENTING_COURSE: 12,
    ServiceKind.LEGAL_ADVICE: 5,
}
REFERRERS = {
    ReferredBy.ADVISER: 65,
    ReferredBy.SELF: 12,
    ReferredBy.MIDWIFE: 10,
    ReferredBy.HEALTH_VISITOR: 10,
    ReferredBy.OTHER_PROFESSIONAL: 3,
}
PROFESSIONALS = {
    ReferredBy.MIDWIFE: ("Community midwife", "the local NHS trust"),
    ReferredBy.HEALTH_VISITOR: ("Health visitor", "the local health board"),
    ReferredBy.OTHER_PROFESSIONAL: ("Family support worker", "the family centre"),
}
# How far a partner referral got, as its statuses after "sent".
PARTNER_PATHS = (
    ((), 10),
    ((PartnerStatus.RECEIVED,), 8),
    ((PartnerStatus.RECEIVED, PartnerStatus.DECLINED), 8),
    ((PartnerStatus.RECEIVED, PartnerStatus.ACCEPTED), 12),
    ((PartnerStatus.RECEIVED, PartnerStatus.ACCEPTED, PartnerStatus.STARTED), 37),
    (
        (
            PartnerStatus.RECEIVED,
            PartnerStatus.ACCEPTED,
            PartnerStatus.STARTED,
            PartnerStatus.ENDED,
        ),
        25,
    ),
)
PARTNER_OUTCOMES = {
    PartnerOutcome.COMPLETED: 60,
    PartnerOutcome.PARENT_STOPPED: 20,
    PartnerOutcome.NO_CONTACT: 10,
    PartnerOutcome.MOVED_AWAY: 10,
}

# What contact a child living apart has, by where the child lives.
CONTACT_BY_HOME = {
    "other_parent": {ContactKind.DIRECT: 70, ContactKind.CALL: 30},
    "relatives": {ContactKind.DIRECT: 60, ContactKind.SUPERVISED: 30, ContactKind.CALL: 10},
    "foster_care": {ContactKind.SUPERVISED: 80, ContactKind.DIRECT: 20},
    "adopted": {ContactKind.LETTER_BOX: 100},
    "elsewhere": {ContactKind.SUPERVISED: 50, ContactKind.CALL: 50},
}
FREQUENCY_BY_KIND = {
    ContactKind.DIRECT: {Frequency.WEEKLY: 40, Frequency.FORTNIGHTLY: 40, Frequency.MONTHLY: 20},
    ContactKind.SUPERVISED: {
        Frequency.FORTNIGHTLY: 40,
        Frequency.MONTHLY: 50,
        Frequency.WEEKLY: 10,
    },
    ContactKind.CALL: {Frequency.WEEKLY: 60, Frequency.FORTNIGHTLY: 40},
    ContactKind.LETTER_BOX: {Frequency.TWICE_A_YEAR: 40, Frequency.YEARLY: 60},
}
CLAIM_KINDS = {CostKind.TRAVEL: 60, CostKind.FOOD: 15, CostKind.ACTIVITY: 15, CostKind.GIFT: 10}
LETTER_CLAIM_KINDS = {CostKind.POSTAGE: 70, CostKind.GIFT: 30}
# Equality monitoring is optional: the share of parents with answers recorded, and the answers.
# Ethnic groups as the 2021 census counted England and Wales (per thousand people, rounded),
# with a few parents preferring not to say. Children in care are more often of Mixed or Black
# ethnicity than the population; the generator does not model that.
EQUALITY_SHARE = 0.7
ETHNIC_GROUPS = {
    EthnicGroup.WHITE_BRITISH: 744,
    EthnicGroup.WHITE_IRISH: 9,
    EthnicGroup.WHITE_GYPSY_TRAVELLER: 1,
    EthnicGroup.WHITE_ROMA: 2,
    EthnicGroup.WHITE_OTHER: 62,
    EthnicGroup.ASIAN_INDIAN: 31,
    EthnicGroup.ASIAN_PAKISTANI: 27,
    EthnicGroup.ASIAN_BANGLADESHI: 11,
    EthnicGroup.ASIAN_CHINESE: 7,
    EthnicGroup.ASIAN_OTHER: 16,
    EthnicGroup.BLACK_AFRICAN: 25,
    EthnicGroup.BLACK_CARIBBEAN: 10,
    EthnicGroup.BLACK_OTHER: 5,
    EthnicGroup.MIXED_WHITE_BLACK_CARIBBEAN: 9,
    EthnicGroup.MIXED_WHITE_ASIAN: 8,
    EthnicGroup.MIXED_WHITE_BLACK_AFRICAN: 4,
    EthnicGroup.MIXED_OTHER: 8,
    EthnicGroup.OTHER_ARAB: 6,
    EthnicGroup.OTHER_ANY: 16,
    EthnicGroup.PREFER_NOT_TO_SAY: 30,
}
DISABILITY = {
    Disability.YES: 25,
    Disability.NO: 62,
    Disability.PREFER_NOT_TO_SAY: 6,
    Disability.NOT_RECORDED: 7,
}
# Pence, inclusive: a bus fare to a long train journey; a coffee to a day out.
CLAIM_PENCE = {
    CostKind.TRAVEL: (250, 6500),
    CostKind.FOOD: (300, 1800),
    CostKind.ACTIVITY: (500, 4000),
    CostKind.GIFT: (300, 2500),
    CostKind.POSTAGE: (150, 900),
}
CLAIM_STATUS = {
    ClaimStatus.PAID: 65,
    ClaimStatus.APPROVED: 10,
    ClaimStatus.WAITING: 15,
    ClaimStatus.REJECTED: 10,
}
CLAIM_DESCRIPTIONS = {
    CostKind.TRAVEL: "Bus and train to the contact centre and back",
    CostKind.FOOD: "Lunch with the child during contact",
    CostKind.ACTIVITY: "Soft play during the visit",
    CostKind.GIFT: "Birthday card and present",
    CostKind.POSTAGE: "Stamps and paper for the letter-box letter",
}

CHALLENGE_STATUS = {
    ChallengeStatus.RESOLVED: 45,
    ChallengeStatus.RESPONDED: 25,
    ChallengeStatus.OPEN: 15,
    ChallengeStatus.NOT_RESOLVED: 15,
}
CHALLENGE_TEXTS = (
    "I was told someone would come with me to the appointment but nobody came.",
    "I asked about the setting-up-home allowance months ago and have heard nothing.",
    "Nobody explained what the pre-birth assessment would involve.",
)
CHALLENGE_RESPONSE = (
    "We are sorry. Your adviser will call you this week to arrange it and will come with you."
)
# The council owes a response within 20 working days (portal.services_challenges' default):
# four calendar weeks, near enough for synthetic data.
RESPONSE_DAYS = 28


@functools.cache
def _read(text: str, impact: str, source_detail: str) -> tuple[list[dict], frozenset]:
    """The live guard's findings on a piece of evidence (the texts are few: read each once)."""
    findings, rules = read_evidence(
        EvidenceInput(
            what=text,
            seen_on=datetime.date(2026, 1, 1),
            source_kind=SourceKind.SEEN_BY_ME,
            source_detail=source_detail,
            impact=impact,
        )
    )
    return findings, frozenset(rules)


def partners(council, offer: LocalOffer, seed: int, index: int) -> "Partners":
    """The council's two partner organisations (one runs a Baby Steps programme under its
    offer) and a partner worker for each, who cannot sign in. A partner worker belongs to their
    organisation's council, as every real one does: without it they may open none of their
    pages."""
    home_start = PartnerOrganisation.objects.create(
        council=council, name="Home-Start (synthetic)", email="office@home-start.invalid"
    )
    advocacy = PartnerOrganisation.objects.create(
        council=council, name="Parents' Advocacy Service (synthetic)"
    )
    programme = Programme.objects.create(
        offer=offer,
        slug="baby-steps",
        name="Baby Steps",
        provider=home_start,
        summary_en="Home visits from a trained volunteer before and after the birth.",
        eligibility_en="Parents in and leaving care, from pregnancy to the baby's first birthday.",
        support_forms=[SupportForm.BEFRIENDING.value],
        support_givers=[SupportGiver.VOLUNTEER.value, SupportGiver.PAID_WORKER.value],
        delivery_places=[DeliveryPlace.HOME.value, DeliveryPlace.COMMUNITY.value],
    )
    workers = [
        synthetic_user(
            f"partner{n}.{seed}.{index}",
            full_name=f"Partner worker {n + 1}",
            council=council,
            partner_organisation=organisation,
        )
        for n, organisation in enumerate((home_start, advocacy))
    ]
    User.objects.bulk_create(workers)
    RoleGrant.objects.bulk_create(RoleGrant(user=u, role=Role.PARTNER_WORKER) for u in workers)
    return Partners(home_start.pk, advocacy.pk, programme.pk, workers[0].pk, workers[1].pk)


@dataclass(frozen=True)
class Partners:
    home_start: int
    advocacy: int
    programme: int
    home_start_worker: int
    advocacy_worker: int


@dataclass
class Counts:
    portal_accounts: int = 0
    challenges: int = 0
    concerns: int = 0
    assessments: int = 0
    cs_referrals: int = 0
    partner_referrals: int = 0
    contact_arrangements: int = 0
    cost_claims: int = 0
    equality_answers: int = 0


@dataclass
class Areas:
    """One council's rows in the newer areas, from its parents, children and plan items."""

    council: object
    rng: random.Random
    today: datetime.date
    now: datetime.datetime
    write: object  # RowWriter.insert
    manager_id: int
    partners: Partners
    seed: int
    index: int
    counts: Counts = field(default_factory=Counts)

    def open_concerns(self, parents, since, links_of) -> set[int]:
        """Write the concerns first, since an open one brings the "concerns raised" stage:
        returns the parents with one open, for the stages to be derived as the live service
        would (`since`: when each parent's support started)."""
        self.since = since
        return self._concerns([p for p in parents if links_of[p.pk]])

    def build(self, parents, links_of, placements, plan_ids, items, item_ids) -> Counts:
        """After the plans: `links_of`: the parents' children's links; `placements`: where
        each child lives; `plan_ids`: their plans, in the parents' order; `items` and
        `item_ids`: the plans' items."""
        self.plan_of = {p.pk: plan for p, plan in zip(parents, plan_ids, strict=True)}
        homes = {placement.child.pk: placement for placement in placements}
        with_children = [p for p in parents if links_of[p.pk]]
        self._portal(parents, items, item_ids)
        self._assessments(with_children, links_of)
        self._childrens_services(with_children, links_of)
        self._partner_referrals(parents)
        self._living_apart(with_children, links_of, homes)
        self._equality(parents)
        return self.counts

    def _equality(self, parents):
        """Answers to the equality monitoring questions, for the parents who gave them."""
        rng = self.rng
        rows = [
            self._row(
                parent_id=parent.pk,
                ethnic_group=_weighted(rng, ETHNIC_GROUPS),
                disability=_weighted(rng, DISABILITY),
            )
            for parent in parents
            if rng.random() < EQUALITY_SHARE
        ]
        self.write(EqualityAnswers, rows)
        self.counts.equality_answers = len(rows)

    # --- Moments ------------------------------------------------------------------------

    def _moment(self, parent, *, after=None, days_before_now=0) -> datetime.datetime:
        """A time during the parent's support (after `after` if given), before now."""
        start = max(self.since[parent.pk], after or self.since[parent.pk])
        end = self.now - datetime.timedelta(days=days_before_now)
        if end <= start:
            return start
        return start + datetime.timedelta(
            seconds=self.rng.uniform(0, (end - start).total_seconds())
        )

    def _later(self, moment, low_days, high_days) -> datetime.datetime | None:
        """Some days after `moment`, or None if that is still to come."""
        later = moment + datetime.timedelta(
            days=self.rng.randint(low_days, high_days), hours=self.rng.randint(0, 8)
        )
        return later if later < self.now else None

    def _row(self, **values) -> dict:
        return {"council_id": self.council.pk, "public_id": _uuid(self.rng), **values}

    # --- Portal accounts and challenges --------------------------------------------------

    def _portal(self, parents, items, item_ids):
        rng = self.rng
        with_account = [p for p in parents if rng.random() < PORTAL_SHARE]
        users = [
            synthetic_user(
                f"parent{p.pk}.{self.seed}.{self.index}",
                full_name=f"{p.given_name} {p.family_name}",
                council=self.council,
            )
            for p in with_account
        ]
        User.objects.bulk_create(users)
        RoleGrant.objects.bulk_create(RoleGrant(user=u, role=Role.PARENT) for u in users)
        accounts = []
        user_of = {}
        for parent, user in zip(with_account, users, strict=True):
            user_of[parent.pk] = user.pk
            invited = self._moment(parent)
            accounts.append(
                self._row(
                    user_id=user.pk,
                    parent_id=parent.pk,
                    invited_by_id=parent.personal_adviser_id,
                    invited_at=invited,
                    activated_at=invited + datetime.timedelta(hours=rng.randint(1, 96)),
                )
            )
        self.write(PortalAccount, accounts)
        self.counts.portal_accounts = len(accounts)

        items_of = {}
        for item, pk in zip(items, item_ids, strict=True):
            if item.get("commitment_id") and not item.get("closed_at"):
                items_of.setdefault(item["plan_id"], []).append((pk, item))
        challenges, events = [], []
        for parent in with_account:
            if rng.random() >= CHALLENGE_SHARE:
                continue
            mine = self._items_of_parent(parent, items_of)
            if not mine:
                continue
            item_pk, item = rng.choice(mine)
            raised = self._moment(parent, after=self.now - datetime.timedelta(days=540))
            challenge, steps = self._challenge(parent, user_of[parent.pk], item_pk, raised)
            challenges.append(challenge)
            events.append(steps)
        ids = self.write(Challenge, challenges)
        self.write(
            ChallengeEvent,
            [
                {**step, "challenge_id": pk}
                for pk, steps in zip(ids, events, strict=True)
                for step in steps
            ],
        )
        self.counts.challenges = len(challenges)

    def _items_of_parent(self, parent, items_of):
        return items_of.get(self.plan_of.get(parent.pk), [])

    def _challenge(self, parent, user_id, item_pk, raised):
        rng = self.rng
        status = _weighted(rng, CHALLENGE_STATUS)
        due = timezone.localdate(raised) + datetime.timedelta(days=RESPONSE_DAYS)
        row = self._row(
            parent_id=parent.pk,
            plan_item_id=item_pk,
            what_happened=rng.choice(CHALLENGE_TEXTS),
            what_would_help="Someone to call me back and sort it out.",
            status=status.value,
            raised_at=raised,
            raised_by_id=user_id,
            due_on=due,
        )
        steps = [self._row(kind=ChallengeEventKind.RAISED.value, at=raised, by_id=user_id)]
        late = rng.random() < 0.2
        responded = self._later(raised, 30, 45) if late else self._later(raised, 2, 25)
        if status == ChallengeStatus.OPEN or responded is None:
            row["status"] = ChallengeStatus.OPEN.value
            overdue = timezone.localdate(self.now) > due
            if overdue:
                row["escalated_at"] = timezone.make_aware(
                    datetime.datetime.combine(due + datetime.timedelta(days=1), datetime.time(7))
                )
                steps.append(
                    self._row(kind=ChallengeEventKind.ESCALATED.value, at=row["escalated_at"])
                )
            return row, steps
        if timezone.localdate(responded) > due:
            row["escalated_at"] = timezone.make_aware(
                datetime.datetime.combine(due + datetime.timedelta(days=1), datetime.time(7))
            )
            steps.append(self._row(kind=ChallengeEventKind.ESCALATED.value, at=row["escalated_at"]))
        adviser = parent.personal_adviser_id or self.manager_id
        row |= {
            "response": CHALLENGE_RESPONSE,
            "responded_at": responded,
            "responded_by_id": adviser,
        }
        steps.append(
            self._row(
                kind=ChallengeEventKind.RESPONDED.value,
                text=CHALLENGE_RESPONSE,
                at=responded,
                by_id=adviser,
            )
        )
        answered = self._later(responded, 1, 10)
        if status == ChallengeStatus.RESPONDED or answered is None:
            row["status"] = ChallengeStatus.RESPONDED.value
            return row, steps
        if status == ChallengeStatus.RESOLVED:
            row["closed_at"] = answered
            steps.append(
                self._row(kind=ChallengeEventKind.RESOLVED.value, at=answered, by_id=user_id)
            )
        else:
            row["still_needed"] = "I still need someone to come with me."
            steps.append(
                self._row(
                    kind=ChallengeEventKind.NOT_RESOLVED.value,
                    text=row["still_needed"],
                    at=answered,
                    by_id=user_id,
                )
            )
        return row, steps

    # --- Concerns and assessments --------------------------------------------------------

    def _concerns(self, parents):
        rng = self.rng
        rows = []
        for parent in parents:
            if rng.random() >= CONCERN_SHARE:
                continue
            raised = self._moment(parent)
            role = _weighted(rng, CONCERN_RAISERS)
            status = _weighted(rng, CONCERN_STATUS)
            row = self._row(
                parent_id=parent.pk,
                raised_by_role=role.value,
                raised_by_organisation="" if role == RaisedBy.ANONYMOUS else "Local services",
                raised_on=timezone.localdate(raised),
                evidence_what=rng.choice(CONCERN_TEXTS),
                evidence_when=timezone.localdate(raised)
                - datetime.timedelta(days=rng.randint(0, 5)),
                evidence_source="Phone call to the duty desk",
                status=status.value,
                recorded_by_id=parent.personal_adviser_id or self.manager_id,
                created_at=raised,
            )
            closed = self._later(raised, 14, 90)
            if status == ConcernStatus.CLOSED and closed is not None:
                row |= {
                    "outcome": _weighted(rng, CONCERN_OUTCOMES).value,
                    "closed_on": timezone.localdate(closed),
                    "closed_by_id": self.manager_id,
                }
            elif status == ConcernStatus.CLOSED:
                row["status"] = ConcernStatus.OPEN.value
            rows.append(row)
        self.write(Concern, rows)
        self.counts.concerns = len(rows)
        return {row["parent_id"] for row in rows if row["status"] in OPEN_STATUSES}

    def _assessments(self, parents, links_of):
        rng = self.rng
        rows = []
        for parent in parents:
            if rng.random() >= ASSESSMENT_SHARE:
                continue
            expecting = any(link.child.is_expected for link in links_of[parent.pk])
            started = self._moment(parent)
            row = self._row(
                parent_id=parent.pk,
                kind=(AssessmentKind.PRE_BIRTH if expecting else AssessmentKind.PARENTING).value,
                assessor_id=self.manager_id,
                started_on=timezone.localdate(started),
                summary=rng.choice(ASSESSMENT_SUMMARIES),
                recorded_by_id=parent.personal_adviser_id,
                created_at=started,
                updated_at=started,
            )
            completed = self._later(started, 20, 84)
            if completed is not None and rng.random() < 0.85:
                row |= {
                    "completed_on": timezone.localdate(completed),
                    "outcome": _weighted(rng, ASSESSMENT_OUTCOMES).value,
                    "updated_at": completed,
                }
            rows.append(row)
        self.write(ParentingAssessment, rows)
        self.counts.assessments = len(rows)

    # --- Referrals to children's services --------------------------------------------------

    def _childrens_services(self, parents, links_of):
        rng = self.rng
        referrals, plans = [], []
        refused = []
        for parent in parents:
            if rng.random() < REFUSED_GROUND_SHARE:
                child = links_of[parent.pk][0].child
                refused.append(
                    self._row(
                        kind=GuardEventKind.REFUSED_GROUND.value,
                        referral_kind=(
                            ReferralKind.PRE_BIRTH if child.is_expected else ReferralKind.REFERRAL
                        ).value,
                        occurred_at=self._moment(parent),
                    )
                )
            if rng.random() >= CS_REFERRAL_SHARE:
                continue
            child = rng.choice(links_of[parent.pk]).child
            kind = ReferralKind.PRE_BIRTH if child.is_expected else ReferralKind.REFERRAL
            made = self._moment(parent, days_before_now=1)
            maker = parent.personal_adviser_id or self.manager_id
            referral = self._row(
                kind=kind.value,
                parent_id=parent.pk,
                child_id=child.pk,
                created_by_id=maker,
                created_at=made,
                status=Status.SENT.value,
            )
            referrals.append(referral)
            plans.append(self._cs_history(referral, kind, made, maker))
        ids = self.write(ChildrenServicesReferral, referrals)
        evidence, steps, events = [], [], list(refused)
        for pk, (pieces, moves, counted) in zip(ids, plans, strict=True):
            evidence += [{**row, "referral_id": pk} for row in pieces]
            steps += [{**row, "referral_id": pk} for row in moves]
            events += [{**row, "referral_id": pk} for row in counted]
        self.write(ReferralEvidence, evidence)
        self.write(ReferralStep, steps)
        self.write(GuardEvent, events)
        self.counts.cs_referrals = len(referrals)

    def _evidence(self, text, impact, seen_on, at, round_, position):
        rng = self.rng
        source_kind, detail = rng.choice(SOURCES)
        findings, rules = _read(text, impact, detail)
        row = self._row(
            round=round_,
            position=position,
            what=text,
            seen_on=seen_on,
            source_kind=source_kind.value,
            source_detail=detail,
            impact=impact,
            findings=findings,
            created_at=at,
        )
        return row, rules

    def _cs_history(self, referral, kind, made, maker):
        """Evidence, steps and counted events of one referral; sets its status as it ends."""
        rng = self.rng
        seen_on = timezone.localdate(made) - datetime.timedelta(days=rng.randint(0, 10))
        ground, text, impact = rng.choice(CLEAN_EVIDENCE)
        referral["grounds"] = [getattr(Ground, ground.removeprefix("Ground.")).value]
        pieces, rules = [], set()
        row, fired = self._evidence(text, impact, seen_on, made, 1, 0)
        pieces.append(row)
        rules |= fired
        reading = _weighted(rng, CS_EVIDENCE)
        if reading != "clean":
            extra = PAST_EVIDENCE if reading == "past" else ROUTINE_EVIDENCE
            row, fired = self._evidence(extra, impact, seen_on, made, 1, 1)
            pieces.append(row)
            rules |= fired
        moves, counted = [], []
        past = sorted(rules - {"routine"}) if rules - {"routine"} else []
        if not rules:
            referral |= {
                "sent_at": made,
                "sent_to": Destination.FRONT_DOOR.value,
                "sent_by_id": maker,
            }
            moves.append(self._row(step=StepKind.SENT.value, actor_id=maker, at=made))
            return pieces, moves, counted
        moves.append(
            self._row(
                step=(StepKind.HELD if past else StepKind.HELD_ROUTINE).value,
                actor_id=maker,
                at=made,
            )
        )
        if past:
            counted.append(
                self._row(
                    kind=GuardEventKind.FLAGGED.value,
                    referral_kind=kind.value,
                    occurred_at=made,
                    rules=past,
                )
            )
        if "routine" in rules:
            counted.append(
                self._row(
                    kind=GuardEventKind.HELD_ROUTINE.value,
                    referral_kind=kind.value,
                    occurred_at=made,
                    rules=["routine"],
                )
            )
        decided = self._later(made, 1, 10)
        decision = _weighted(rng, HELD_DECISIONS)
        if decided is None or decision == "waiting":
            referral["status"] = Status.HELD.value
            return pieces, moves, counted
        step, status, event = {
            "send": (StepKind.SENT_AFTER_CHECK, Status.SENT, GuardEventKind.SENT_AFTER_CHECK),
            "return": (StepKind.RETURNED, Status.RETURNED, GuardEventKind.RETURNED),
            "withdraw": (StepKind.WITHDRAWN, Status.WITHDRAWN, GuardEventKind.WITHDRAWN),
        }[decision]
        moves.append(
            self._row(
                step=step.value,
                actor_id=self.manager_id,
                at=decided,
                reason=DECISION_REASONS[decision],
                relied_on=[0] if decision == "send" else [],
            )
        )
        counted.append(self._row(kind=event.value, referral_kind=kind.value, occurred_at=decided))
        referral["status"] = status.value
        referral["version"] = 2
        if decision == "send":
            referral |= {
                "sent_at": decided,
                "sent_to": Destination.FRONT_DOOR.value,
                "sent_by_id": self.manager_id,
            }
            return pieces, moves, counted
        rewritten = self._later(decided, 1, 7)
        if decision == "return" and rewritten is not None and rng.random() < 0.7:
            # Rewritten with the current evidence alone, which the guard lets through.
            row, _fired = self._evidence(text, impact, seen_on, rewritten, 2, 0)
            pieces.append(row)
            moves.append(self._row(step=StepKind.SENT.value, round=2, actor_id=maker, at=rewritten))
            referral |= {
                "round": 2,
                "version": 3,
                "status": Status.SENT.value,
                "sent_at": rewritten,
                "sent_to": Destination.FRONT_DOOR.value,
                "sent_by_id": maker,
            }
        return pieces, moves, counted

    # --- Partner referrals ----------------------------------------------------------------

    def _partner_referrals(self, parents):
        rng = self.rng
        consents, referrals, histories = [], [], []
        paths = [path for path, _w in PARTNER_PATHS]
        weights = [w for _p, w in PARTNER_PATHS]
        for parent in parents:
            for _n in range(_weighted(rng, PARTNER_REFERRAL_WEIGHTS)):
                kind = _weighted(rng, PARTNER_KINDS)
                programme = kind == ServiceKind.PROGRAMME
                organisation = self.partners.home_start if programme else self.partners.advocacy
                worker = (
                    self.partners.home_start_worker if programme else self.partners.advocacy_worker
                )
                made = self._moment(parent)
                by = _weighted(rng, REFERRERS)
                maker = parent.personal_adviser_id or self.manager_id
                shared = [SharedInformation.CONTACT.value, SharedInformation.REASON.value]
                consents.append(
                    self._row(
                        parent_id=parent.pk,
                        share_with="Home-Start" if programme else "Parents' Advocacy Service",
                        partner_organisation_id=organisation,
                        information="Contact details and the reason for the referral",
                        given_on=timezone.localdate(made),
                        recorded_by_id=maker,
                        recorded_at=made,
                    )
                )
                role, where = PROFESSIONALS.get(by, ("", ""))
                referral = self._row(
                    parent_id=parent.pk,
                    organisation_id=organisation,
                    programme_id=self.partners.programme if programme else None,
                    kind=kind.value,
                    referred_by=by.value,
                    professional_name=f"{role} (synthetic)" if role else "",
                    professional_role=role,
                    professional_organisation=where,
                    reason="The parent would like support at home with the new baby.",
                    shared=shared,
                    status=PartnerStatus.SENT.value,
                    status_changed_at=made,
                    created_by_id=maker,
                    created_at=made,
                )
                steps = [self._row(status=PartnerStatus.SENT.value, at=made, by_id=maker)]
                at = made
                for status in rng.choices(paths, weights=weights)[0]:
                    at = self._later(at, 1, 30)
                    if at is None:
                        break
                    step = self._row(status=status.value, at=at, by_id=worker)
                    if status == PartnerStatus.DECLINED:
                        step["reason"] = "The service is full for the next three months."
                    if status == PartnerStatus.ENDED:
                        step["outcome"] = _weighted(rng, PARTNER_OUTCOMES).value
                    steps.append(step)
                    referral |= {"status": status.value, "status_changed_at": at}
                referrals.append(referral)
                histories.append((steps, worker, programme))
        consent_ids = self.write(ConsentRecord, consents)
        for referral, consent in zip(referrals, consent_ids, strict=True):
            referral["consent_id"] = consent
        ids = self.write(Referral, referrals)
        statuses, deliveries, contacts = [], [], []
        for pk, referral, (steps, worker, programme) in zip(ids, referrals, histories, strict=True):
            statuses += [{**step, "referral_id": pk} for step in steps]
            started = [s["at"] for s in steps if s["status"] == PartnerStatus.STARTED.value]
            if not started:
                continue
            if programme:
                deliveries.append(
                    self._row(
                        referral_id=pk,
                        support_form=SupportForm.BEFRIENDING.value,
                        support_giver=SupportGiver.VOLUNTEER.value,
                        place=DeliveryPlace.HOME.value,
                        frequency=DeliveryFrequency.WEEKLY.value,
                        worker_name="Sam",
                        updated_by_id=worker,
                        updated_at=started[0],
                    )
                )
            until = steps[-1]["at"] if referral["status"] == PartnerStatus.ENDED.value else self.now
            day = timezone.localdate(started[0])
            while day < timezone.localdate(until) and len(contacts) < 10**7:
                contacts.append(
                    self._row(
                        referral_id=pk,
                        on=day,
                        method=self.rng.choice(ContactMethod.values),
                        duration_minutes=self.rng.choice((30, 45, 60, 90)),
                        recorded_by_id=worker,
                        recorded_at=timezone.make_aware(
                            datetime.datetime.combine(day, datetime.time(17))
                        ),
                    )
                )
                day += datetime.timedelta(days=self.rng.randint(7, 21))
        self.write(ReferralStatus, statuses)
        self.write(Delivery, deliveries)
        self.write(DeliveryContact, contacts)
        self.counts.partner_referrals = len(referrals)

    # --- Living apart: contact arrangements and their costs ------------------------------

    def _living_apart(self, parents, links_of, homes):
        rng = self.rng
        arrangements, claims_of = [], []
        for parent in parents:
            for link in links_of[parent.pk]:
                placement = homes.get(link.child.pk)
                if placement is None or not link.child.is_born:
                    continue
                home = _home_of(placement, link)
                if home not in CONTACT_BY_HOME or rng.random() >= CONTACT_SHARE:
                    continue
                kind = _weighted(rng, CONTACT_BY_HOME[home])
                started = max(placement.from_date, timezone.localdate(self.since[parent.pk]))
                row = self._row(
                    parent_id=parent.pk,
                    child_id=link.child.pk,
                    kind=kind.value,
                    frequency=_weighted(rng, FREQUENCY_BY_KIND[kind]).value,
                    next_date=self.today + datetime.timedelta(days=rng.randint(1, 30)),
                    next_place="" if kind == ContactKind.LETTER_BOX else "Family contact centre",
                    arranged_by="Child's social worker",
                    started_on=started,
                    created_by_id=parent.personal_adviser_id,
                    created_at=timezone.make_aware(
                        datetime.datetime.combine(
                            max(started, timezone.localdate(self.since[parent.pk])),
                            datetime.time(10),
                        )
                    ),
                )
                arrangements.append(row)
                claims_of.append(self._claims(parent, kind, started))
        ids = self.write(ContactArrangement, arrangements)
        claims = [
            {**claim, "arrangement_id": pk}
            for pk, rows in zip(ids, claims_of, strict=True)
            for claim in rows
        ]
        self.write(CostClaim, claims)
        self.counts.contact_arrangements = len(arrangements)
        self.counts.cost_claims = len(claims)

    def _claims(self, parent, kind, started) -> list[dict]:
        rng = self.rng
        kinds = LETTER_CLAIM_KINDS if kind == ContactKind.LETTER_BOX else CLAIM_KINDS
        claimant = parent.personal_adviser_id or self.manager_id
        rows = []
        first = timezone.localdate(self.since[parent.pk])
        start = max(started, first)
        span = (self.today - start).days
        if span < 7:
            return rows
        for _n in range(_weighted(rng, CLAIMS_WEIGHTS)):
            cost = _weighted(rng, kinds)
            low, high = CLAIM_PENCE[cost]
            journey = start + datetime.timedelta(days=rng.randint(0, span - 1))
            claimed = timezone.make_aware(
                datetime.datetime.combine(
                    journey + datetime.timedelta(days=rng.randint(0, 6)), datetime.time(15)
                )
            )
            claimed = min(claimed, self.now)
            status = _weighted(rng, CLAIM_STATUS)
            row = self._row(
                parent_id=parent.pk,
                kind=cost.value,
                description=CLAIM_DESCRIPTIONS[cost],
                amount=Decimal(rng.randint(low, high)) / 100,
                journey_date=journey,
                status=status.value,
                claimed_by_id=claimant,
                claimed_at=claimed,
            )
            decided = self._later(claimed, 1, 10)
            if status == ClaimStatus.WAITING or decided is None:
                row["status"] = ClaimStatus.WAITING.value
                rows.append(row)
                continue
            row |= {"decided_by_id": self.manager_id, "decided_at": decided}
            if status == ClaimStatus.REJECTED:
                row["decision_reason"] = "This cost is not covered by the council's policy."
            paid = self._later(decided, 2, 14)
            if status == ClaimStatus.PAID and paid is not None:
                row |= {"paid_on": timezone.localdate(paid), "paid_recorded_by_id": self.manager_id}
            elif status == ClaimStatus.PAID:
                row["status"] = ClaimStatus.APPROVED.value
            rows.append(row)
        return rows


def _home_of(placement, link) -> str:
    """Where a child lives as the contact rules read it, from this parent's point of view."""
    lives_with = str(placement.lives_with)
    if lives_with in ("both_parents", "not_yet_born"):
        return "this_parent"
    if lives_with == "one_parent":
        return "this_parent" if placement.link is link else "other_parent"
    return {
        "relatives": "relatives",
        "foster_care": "foster_care",
        "adopted": "adopted",
    }.get(lives_with, "elsewhere")
