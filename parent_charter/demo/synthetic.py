"""Deterministic synthetic data: councils, staff, parents, their children and support plans.

The same seed always gives the same people. Used for the demo's parents and for national-scale
benchmarks (hundreds of councils, 100,000 parents, millions of plan items). Everything is
written with bulk inserts, council by council, in a fixed number of queries per council; the
stages and plan items are derived with the same functions `plans.services.refresh_parent` uses,
so refreshing a synthetic parent afterwards changes nothing.
"""

import contextlib
import datetime
import json
import random
import sys
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from itertools import accumulate

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from parent_charter.accounts.models import RoleGrant, User
from parent_charter.accounts.roles import Role
from parent_charter.authorities.models import Council, Nation, OfficeHours
from parent_charter.charter.models import AppliesTo, CharterVersion, Commitment, Stage
from parent_charter.children.models import (
    Child,
    ChildCircumstance,
    ChildParent,
    LegalStatus,
    LivesWith,
)
from parent_charter.network.models import NetworkSharing
from parent_charter.offers.models import AdoptionStatus, LocalOffer
from parent_charter.parents.eligibility import birthday
from parent_charter.parents.models import (
    CareCategory,
    CareStatus,
    ContactMethod,
    Language,
    Parent,
    ParentRole,
    ParentStage,
    StageChange,
)
from parent_charter.parents.stages import derive_stages
from parent_charter.plans.milestones import LOOK_AHEAD, LOOK_BACK, MILESTONES
from parent_charter.plans.models import (
    ItemSource,
    ItemStatus,
    Participation,
    PlanItem,
    PlanItemStatus,
    PlanReview,
    SupportPlan,
)
from parent_charter.plans.services import STAGE_ORDER, child_facts

from .names import (
    FAMILY_NAMES,
    FEMALE_NAMES,
    GIVEN_NAMES,
    MALE_NAMES,
    PLACE_ENDINGS,
    PLACE_STEMS,
    WELSH_PREFIXES,
    WELSH_SUFFIXES,
)
from .seeded import seeded_uuid as _uuid
from .seeded import synthetic_user
from .seeded import weighted as _weighted
from .synthetic_areas import Areas, Counts, partners

NAMESPACE = uuid.UUID("5c3a1f8e-2b7d-4c1a-9e0f-7a6b5d4c3b2a")
PARENTS_PER_ADVISER = 25
BATCH = 5000
# Django treats a hash starting with "!" as unusable: synthetic staff cannot sign in.

NAMES_FOR_ROLE = {
    ParentRole.MOTHER: FEMALE_NAMES,
    ParentRole.FATHER: MALE_NAMES,
    ParentRole.PARENT: GIVEN_NAMES,
}
# How many children a parent has (about 1.5 on average), and how many parents are a couple
# (a mother and a father both supported by the council, linked to the same children).
CHILDREN_WEIGHTS = {0: 10, 1: 45, 2: 30, 3: 15}
COUPLE_SHARE = 0.03
EXPECTED_SHARE = 0.12
# How far each council has come with the charter, and whether it shares its figures with the
# network: most of the synthetic councils have signed up, as in Wales.
SIGN_UP_WEIGHTS = {
    AdoptionStatus.SIGNED_UP: 70,
    AdoptionStatus.ENGAGED: 22,
    AdoptionStatus.WITHDRAWN: 8,
}
NETWORK_SHARE = 0.7
CONTACT_METHODS = (ContactMethod.TEXT, ContactMethod.TEXT, ContactMethod.PHONE, ContactMethod.EMAIL)
# Where a born child lives, by the parent's role: about three in four live with this parent.
HOMES = ("this_parent", "other_parent", "relatives", "foster_care", "adopted", "elsewhere")
HOME_WEIGHTS = {
    ParentRole.MOTHER: (82, 4, 4, 6, 3, 1),
    ParentRole.FATHER: (60, 28, 4, 5, 2, 1),
    ParentRole.PARENT: (75, 10, 5, 6, 3, 1),
}
# The legal positions that go with each home.
LEGAL_WEIGHTS = {
    "this_parent": {
        LegalStatus.NONE: 86,
        LegalStatus.CHILD_IN_NEED: 8,
        LegalStatus.CHILD_PROTECTION_PLAN: 5,
        LegalStatus.CARE_PROCEEDINGS: 1,
    },
    "other_parent": {
        LegalStatus.NONE: 80,
        LegalStatus.CHILD_IN_NEED: 14,
        LegalStatus.CHILD_PROTECTION_PLAN: 6,
    },
    "relatives": {
        LegalStatus.SPECIAL_GUARDIANSHIP: 45,
        LegalStatus.LOOKED_AFTER: 25,
        LegalStatus.NONE: 20,
        LegalStatus.CARE_PROCEEDINGS: 10,
    },
    "foster_care": {
        LegalStatus.LOOKED_AFTER: 60,
        LegalStatus.CARE_PROCEEDINGS: 25,
        LegalStatus.PLACEMENT_ORDER: 15,
    },
    "adopted": {LegalStatus.ADOPTED: 80, LegalStatus.PLACEMENT_ORDER: 20},
    "elsewhere": {
        LegalStatus.NONE: 40,
        LegalStatus.CHILD_IN_NEED: 30,
        LegalStatus.CHILD_PROTECTION_PLAN: 20,
        LegalStatus.CARE_PROCEEDINGS: 10,
    },
    "expected": {
        LegalStatus.NONE: 90,
        LegalStatus.CHILD_IN_NEED: 6,
        LegalStatus.CHILD_PROTECTION_PLAN: 4,
    },
}
HOME_LIVES_WITH = {
    "relatives": LivesWith.RELATIVES,
    "foster_care": LivesWith.FOSTER_CARE,
    "adopted": LivesWith.ADOPTED,
    "elsewhere": LivesWith.OTHER,
}

# How far plan items have got: most are still to discuss; the rest move on by one to three
# status rows. Items due in the future are not yet delivered.
PROGRESS = (
    ((), 55),
    ((ItemStatus.OFFERED,), 12),
    ((ItemStatus.OFFERED, ItemStatus.ACCEPTED), 10),
    ((ItemStatus.OFFERED, ItemStatus.ACCEPTED, ItemStatus.DELIVERED), 14),
    ((ItemStatus.OFFERED, ItemStatus.ACCEPTED, ItemStatus.IN_PROGRESS), 3),
    ((ItemStatus.OFFERED, ItemStatus.DECLINED), 3),
    ((ItemStatus.NOT_NEEDED,), 3),
)
FUTURE_PROGRESS = (
    ((), 70),
    ((ItemStatus.OFFERED,), 18),
    ((ItemStatus.OFFERED, ItemStatus.ACCEPTED), 12),
)
_PATHS = ([p for p, _w in PROGRESS], list(accumulate(w for _p, w in PROGRESS)))
_FUTURE_PATHS = (
    [p for p, _w in FUTURE_PROGRESS],
    list(accumulate(w for _p, w in FUTURE_PROGRESS)),
)
STATUS_NOTES = {
    ItemStatus.OFFERED: (
        "Talked it through at the home visit",
        "Explained what is on offer by phone",
        "Offered at the pathway plan meeting",
    ),
    ItemStatus.ACCEPTED: ("Parent would like this", "Parent said yes", "Agreed at the visit"),
    ItemStatus.IN_PROGRESS: ("Referral made, waiting to hear", "First session booked"),
    ItemStatus.DECLINED: ("Parent does not want this for now", "Parent prefers to wait"),
    ItemStatus.NOT_NEEDED: ("Already arranged by the parent", "Covered by another service"),
    ItemStatus.DELIVERED: ("Done", "Completed and checked with the parent"),
}
EVIDENCE = (
    "Confirmation letter scanned to the record",
    "Parent confirmed at the next visit",
    "Receipt kept on file",
    "Email from the service confirming the place",
    "Seen the certificate at the home visit",
    "Recorded in the pathway plan review",
)
PARENT_VIEWS = (
    "It helped to have someone come with me.",
    "I did not know I could ask for this.",
    "I would like more help with this later on.",
    "This made a real difference to us.",
    "I felt listened to.",
    "I was worried at first but it was fine.",
)
ATTENDEES = (
    "Parent and personal adviser",
    "Parent, personal adviser and health visitor",
    "Parent, personal adviser and the baby's social worker",
    "Personal adviser and team manager",
)
REVIEW_SUMMARIES = (
    "Things are going well. Housing is settled and the baby is thriving.",
    "Money has been tight; we looked at benefits and the setting-up-home allowance.",
    "The parent would like more contact with their child and help preparing for court.",
    "Talked about returning to college next year and childcare options.",
)
PARTICIPATION_WEIGHTS = {
    Participation.IN_PERSON: 60,
    Participation.REMOTELY: 20,
    Participation.VIEWS_BEFOREHAND: 10,
    Participation.DID_NOT_TAKE_PART: 10,
}
REVIEW_ACTIONS = (
    "Personal adviser to chase the nursery application.",
    "Book a benefits check with the welfare rights team.",
    "Refer to the parents' peer support group.",
    "Ask for advocacy before the next child protection conference.",
)


@dataclass
class Summary(Counts):
    councils: int = 0
    users: int = 0
    parents: int = 0
    children: int = 0
    plans: int = 0
    plan_items: int = 0
    status_rows: int = 0
    reviews: int = 0

    def add(self, other: "Summary") -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def progress_bar(stream=sys.stderr) -> Callable[[str, int, int], None]:
    def report(label: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        stream.write(f"\r{label:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return report


def _date_of_birth(rng: random.Random, today: datetime.date) -> datetime.date:
    # Care-experienced parents supported by the charter: mostly 17 to 25.
    age_days = rng.randint(int(16.5 * 365.25), int(25.9 * 365.25))
    return today - datetime.timedelta(days=age_days)


def _care_position(
    rng: random.Random, *, date_of_birth: datetime.date, today: datetime.date, welsh: bool
) -> tuple[str, str]:
    """A care status and the nation's care-leaver category that fits the parent's age."""
    if birthday(date_of_birth, 18) > today:
        in_care = rng.random() < 0.7
        if welsh:
            return (
                (CareStatus.IN_CARE, CareCategory.WALES_1)
                if in_care
                else (
                    CareStatus.LEAVING_CARE,
                    CareCategory.WALES_2,
                )
            )
        return (
            (CareStatus.IN_CARE, CareCategory.ENGLAND_ELIGIBLE)
            if in_care
            else (
                CareStatus.LEAVING_CARE,
                CareCategory.ENGLAND_RELEVANT,
            )
        )
    if welsh:
        weights = {
            CareCategory.WALES_3: 60,
            CareCategory.WALES_4: 15,
            CareCategory.WALES_5: 15,
            CareCategory.WALES_6: 10,
        }
    else:
        weights = {CareCategory.ENGLAND_FORMER_RELEVANT: 85, CareCategory.ENGLAND_QUALIFYING: 15}
    return CareStatus.LEAVING_CARE, _weighted(rng, weights)


def parent_rows(
    *,
    council: Council,
    advisers: list[User],
    count: int,
    rng: random.Random,
    key: str,
    today: datetime.date,
) -> list[Parent]:
    welsh = council.nation == Nation.WALES
    rows = []
    for index in range(count):
        role = rng.choices(
            [ParentRole.MOTHER, ParentRole.FATHER, ParentRole.PARENT], weights=[62, 34, 4]
        )[0]
        given, family = rng.choice(NAMES_FOR_ROLE[role]), rng.choice(FAMILY_NAMES)
        date_of_birth = _date_of_birth(rng, today)
        care_status, care_category = _care_position(
            rng, date_of_birth=date_of_birth, today=today, welsh=welsh
        )
        rows.append(
            Parent(
                public_id=uuid.uuid5(NAMESPACE, f"{key}:parent:{index}"),
                council=council,
                given_name=given,
                family_name=family,
                date_of_birth=date_of_birth,
                parent_role=role,
                personal_adviser=advisers[index % len(advisers)] if advisers else None,
                care_status=care_status,
                care_category=care_category,
                preferred_language=(
                    Language.WELSH if welsh and rng.random() < 0.2 else Language.ENGLISH
                ),
                preferred_contact=rng.choice(CONTACT_METHODS),
                # Ofcom's range for drama: these numbers never ring anyone.
                phone=f"07700 900{rng.randint(0, 999):03d}",
                email=f"{given.lower()}.{family.lower()}{index}@example.org",
            )
        )
    return rows


def _council_name(rng: random.Random, index: int, used: set[str]) -> tuple[str, str]:
    welsh = index % 10 == 9
    nation = "wales" if welsh else "england"
    for _attempt in range(50):
        if welsh:
            place = rng.choice(WELSH_PREFIXES) + rng.choice(WELSH_SUFFIXES)
        else:
            place = rng.choice(PLACE_STEMS) + rng.choice(PLACE_ENDINGS)
        name = f"{place} Council"
        if name not in used:
            used.add(name)
            return name, nation
    # Every short name is taken (very large runs): number it, which is always unique.
    name = f"{place} {index} Council"
    used.add(name)
    return name, nation


def current_charter() -> CharterVersion | None:
    return CharterVersion.objects.order_by("-published", "-version").first()


def generate(
    *,
    councils: int,
    parents: int,
    seed: int,
    report=None,
    today: datetime.date | None = None,
    part: int = 0,
    parts: int = 1,
) -> Summary:
    """Create `councils` synthetic councils sharing `parents` parents. Existing ones are kept.

    Each council is written in one transaction, so a run that stops part way can be started
    again and carries on from the first council it had not finished. `part` of `parts` makes
    only every parts-th council, so that several processes can share the work.
    """
    version = current_charter()
    if version is None:
        raise ValueError("Load the charter first: manage.py load_charter")
    commitments = _commitments_by_stage(version)
    names_rng = random.Random(seed)
    report = report or (lambda *args: None)
    # The clock stands still while the data set is made, at a fixed time of its day, so the
    # same seed on the same day gives the same data set whatever the hour: some stories compare
    # moments with "now", and a clock read at 03:30 and at 21:30 gave different numbers of
    # contact arrangements, cost claims, partner contacts and equality answers. Tests name the
    # day and the clock stands at its noon; a real run stands at the start of its day, so that
    # its clock is never ahead of the real one. (A few stories still put a moment at a fixed
    # hour of a day, which can be later that same day: a promise added at 09:00 of today.)
    if today is None:
        today = timezone.localdate()
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(0)))
    else:
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    summary = Summary()
    per_council = max(1, parents // max(1, councils))
    with scopes_disabled():
        ours = Council.objects.filter(slug__startswith=f"synthetic-{seed}-")
        done = set(ours.values_list("slug", flat=True))
        # Names taken by other councils; this seed's own are drawn again in the same order.
        used = set(Council.objects.exclude(pk__in=ours).values_list("name", flat=True))
        for index in range(councils):
            slug = f"synthetic-{seed}-{index:04d}"
            # The names come from one sequence, drawn even for councils already made, so a
            # resumed run names the rest exactly as a full run would.
            name, nation = _council_name(names_rng, index, used)
            if slug not in done and index % parts == part:
                rng = random.Random(f"{seed}:{index}")
                with transaction.atomic():
                    summary.add(
                        _council(
                            slug=slug,
                            name=name,
                            nation=nation,
                            index=index,
                            seed=seed,
                            per_council=per_council,
                            rng=rng,
                            version=version,
                            commitments=commitments,
                            today=today,
                            now=now,
                        )
                    )
            if index % parts == part:
                report("councils", index + 1, councils)
    return summary


def _commitments_by_stage(version: CharterVersion) -> dict[str, list[Commitment]]:
    """The promises that go on parents' plans: never the council's own (council_wide)."""
    by_stage = defaultdict(list)
    promises = Commitment.objects.filter(charter_version=version, council_wide=False)
    for commitment in promises.order_by("order", "pk"):
        by_stage[commitment.stage].append(commitment)
    return by_stage


def _council(
    *, slug, name, nation, index, seed, per_council, rng, version, commitments, today, now
) -> Summary:
    council = Council.objects.create(
        name=name,
        # Welsh pages name a Welsh council in Welsh: "Cyngor Llanfair", not "Llanfair Council".
        name_cy=f"Cyngor {name.removesuffix(' Council')}" if nation == Nation.WALES else "",
        slug=slug,
        nation=nation,
        gss_code=f"{'W' if nation == Nation.WALES else 'E'}99{seed % 10}{index:05d}",
        address=f"Civic Offices\n{name.removesuffix(' Council')}",
        duty_phone=f"01632 96{index % 10}{index % 1000:03d}"[:13],
        out_of_hours_phone="01632 960 999",
        welsh_required=nation == Nation.WALES,
    )
    OfficeHours.objects.bulk_create(
        OfficeHours(
            council=council,
            weekday=day,
            opens_at=datetime.time(9),
            closes_at=datetime.time(16, 30) if day == 4 else datetime.time(17),
        )
        for day in range(5)
    )
    # The newer areas draw from their own sequence, so the rows above stay as they were.
    areas_rng = random.Random(f"{seed}:{index}:areas")
    # Not published: synthetic councils stay off the public list of local offers.
    offer = LocalOffer.objects.create(
        council=council,
        charter_version=version,
        status=_weighted(areas_rng, SIGN_UP_WEIGHTS),
        status_date=today - datetime.timedelta(days=rng.randint(30, 900)),
        published=False,
    )
    NetworkSharing.objects.create(council=council, share_figures=areas_rng.random() < NETWORK_SHARE)
    advisers, manager = _staff(council, per_council, rng, seed, index)
    rows = parent_rows(
        council=council,
        advisers=advisers,
        count=per_council,
        rng=rng,
        key=f"{seed}:{index}",
        today=today,
    )
    Parent.objects.bulk_create(rows, batch_size=BATCH)
    areas = Areas(
        council=council,
        rng=areas_rng,
        today=today,
        now=now,
        write=RowWriter(now).insert,
        manager_id=manager.pk,
        partners=partners(council, offer, seed, index),
        seed=seed,
        index=index,
    )
    casework = Casework(
        council=council, rng=rng, commitments=commitments, today=today, now=now, areas=areas
    )
    summary = casework.build(rows)
    summary.councils, summary.users, summary.parents = 1, len(advisers) + 1, len(rows)
    return summary


def _staff(council, parents: int, rng: random.Random, seed: int, index: int) -> list[User]:
    count = max(1, parents // PARENTS_PER_ADVISER)
    users = [
        synthetic_user(
            f"pa{n}.{seed}.{index}",
            full_name=f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
            council=council,
        )
        for n in range(count)
    ]
    manager = synthetic_user(
        f"manager.{seed}.{index}",
        full_name=f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
        council=council,
    )
    User.objects.bulk_create([*users, manager])
    RoleGrant.objects.bulk_create(
        [RoleGrant(user=u, role=Role.PERSONAL_ADVISER) for u in users]
        + [RoleGrant(user=manager, role=Role.TEAM_MANAGER)]
    )
    return users, manager


class RowWriter:
    """Inserts many rows of one model and returns their ids, in a fixed number of queries.

    Rows are dicts of field attnames, so both ways of writing get exactly the same values.
    PostgreSQL gets COPY with ids reserved from the table's sequence: bulk_create spends about
    150 microseconds a row in Django on this 2-core machine, COPY about 25, which is the
    difference between half an hour and a few minutes for the national data set. Other
    databases (SQLite in the tests) get bulk_create in batches of BATCH.
    """

    def __init__(self, now: datetime.datetime):
        self.now = now
        self.use_copy = connection.vendor == "postgresql"
        self._columns: dict[type, tuple[list[str], list]] = {}

    def insert(self, model, rows: list[dict]) -> list[int]:
        if not rows:
            return []
        if not self.use_copy:
            objects = [model(**row) for row in rows]
            with _keeping_given_times(model, rows[0]):
                model.objects.bulk_create(objects, batch_size=BATCH)
            return [obj.pk for obj in objects]
        attnames, template = self._columns_of(model)
        position = {name: index for index, name in enumerate(attnames, start=1)}
        as_json = self._json_columns(model)
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            columns = ", ".join(connection.ops.quote_name(name) for name in ["id", *attnames])
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
                for pk, row in zip(ids, rows, strict=True):
                    values = template.copy()
                    values[0] = pk
                    for name, value in row.items():
                        values[position[name]] = (
                            json.dumps(value, cls=DjangoJSONEncoder) if name in as_json else value
                        )
                    copy.write_row(values)
        return ids

    def _columns_of(self, model) -> tuple[list[str], list]:
        """The columns of a table, and a row of their defaults (the id first)."""
        if model not in self._columns:
            fields = [f for f in model._meta.concrete_fields if not f.primary_key]
            template = [None] + [
                self.now
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                else json.dumps(f.get_default(), cls=DjangoJSONEncoder)
                if isinstance(f, models.JSONField)
                else f.get_default()
                for f in fields
            ]
            self._columns[model] = ([f.attname for f in fields], template)
        return self._columns[model]

    @staticmethod
    def _json_columns(model) -> set[str]:
        return {f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)}


@contextlib.contextmanager
def _keeping_given_times(model, row: dict):
    """bulk_create sets auto_now and auto_now_add fields to the time of the insert; keep the
    times the rows give instead, as COPY does (the generator writes in one thread)."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.attname in row and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# A pregnancy is usually known to the adviser some months before the birth.
PREGNANCY_KNOWN_DAYS = 200
MILESTONE_ORDER = STAGE_ORDER[Stage.EXPECTING_OR_PARENTING] * 1000 + 900
# The reason plans.services gives when a stage stops applying.
# Stored as the codes plans.services writes; put into words when shown.
BEFORE_PARENTHOOD_CLOSED = "system:stage:before_parenthood"


def _known_from(child) -> datetime.date:
    return (child.due_date or child.date_of_birth) - datetime.timedelta(days=PREGNANCY_KNOWN_DAYS)


@dataclass(slots=True)
class _Child:
    """A child as the stage and milestone rules read it (they need only these attributes)."""

    pk: int | None
    due_date: datetime.date | None
    date_of_birth: datetime.date | None

    @property
    def is_born(self) -> bool:
        return self.date_of_birth is not None

    @property
    def is_expected(self) -> bool:
        return self.date_of_birth is None


@dataclass(slots=True)
class _Link:
    pk: int | None
    child: _Child
    parent_id: int | None
    row: dict


@dataclass(slots=True)
class _Circumstance:
    lives_with: str
    legal_status: str
    lives_with_parent_id: int | None


@dataclass(slots=True)
class _Placement:
    child: _Child
    lives_with: str
    link: _Link | None
    legal_status: str
    from_date: datetime.date
    recorded_by_id: int | None


@dataclass
class Casework:
    """One council's children, stages, plans, status history and reviews, in bulk.

    Mirrors `plans.services.refresh_parent` for a parent seen for the first time: the same
    stage derivation (`child_facts`, `derive_stages`), the same charter items and the same
    milestones, built in memory and written a table at a time.
    """

    council: Council
    rng: random.Random
    commitments: dict[str, list[Commitment]]
    today: datetime.date
    now: datetime.datetime = field(default_factory=timezone.now)
    links_of: dict[int, list[_Link]] = field(default_factory=lambda: defaultdict(list))
    areas: Areas | None = None

    def build(self, parents: list[Parent]) -> Summary:
        write = RowWriter(self.now).insert
        since = {
            parent.pk: self.now - datetime.timedelta(days=self.rng.randint(20, 700))
            for parent in parents
        }
        # A parent's record, and so their support (the figures count from it), began when the
        # story says, not on the day the data set was made.
        for parent in parents:
            parent.created_at = since[parent.pk]
        Parent.objects.bulk_update(parents, ["created_at"], batch_size=BATCH)
        children, links, placements = self._families(parents)
        child_rows = [row for _child, row in children]
        for (child, _row), pk in zip(children, write(Child, child_rows), strict=True):
            child.pk = pk
        for link in links:
            link.row["child_id"] = link.child.pk
        for link, pk in zip(links, write(ChildParent, [link.row for link in links]), strict=True):
            link.pk = pk
        circumstances = self._circumstances(placements)
        write(ChildCircumstance, [row for _facts, row in circumstances.values()])

        open_concern = set()
        if self.areas is not None:
            open_concern = self.areas.open_concerns(parents, since, self.links_of)
        stages_of = {}
        for parent in parents:
            facts = [
                child_facts(link, circumstances[link.child.pk][0])
                for link in self.links_of[parent.pk]
            ]
            stages_of[parent.pk] = derive_stages(facts, open_concern=parent.pk in open_concern)
        became = self._became_parent(parents, since)
        write(ParentStage, self._stage_rows(parents, stages_of, since, became))
        write(StageChange, self._stage_changes(parents, stages_of, since, became))

        plan_ids = write(
            SupportPlan,
            [
                {
                    "council_id": self.council.pk,
                    "parent_id": parent.pk,
                    "public_id": _uuid(self.rng),
                    "regenerated_at": since[parent.pk],
                    "created_at": since[parent.pk],
                }
                for parent in parents
            ],
        )
        items, histories = self._items(parents, plan_ids, stages_of, since, became)
        item_ids = write(PlanItem, items)
        statuses = self._status_rows(items, histories, item_ids)
        write(PlanItemStatus, statuses)
        reviews = self._reviews(parents, plan_ids, since)
        write(PlanReview, reviews)
        summary = Summary(
            children=len(children),
            plans=len(plan_ids),
            plan_items=len(items),
            status_rows=len(statuses),
            reviews=len(reviews),
        )
        if self.areas is not None:
            counts = self.areas.build(parents, self.links_of, placements, plan_ids, items, item_ids)
            for name, value in vars(counts).items():
                setattr(summary, name, value)
        return summary

    # --- Children and where they live -------------------------------------------------

    def _families(self, parents):
        rng = self.rng
        counts = {parent.pk: _weighted(rng, CHILDREN_WEIGHTS) for parent in parents}
        mothers = [p for p in parents if p.parent_role == ParentRole.MOTHER and counts[p.pk]]
        fathers = [p for p in parents if p.parent_role == ParentRole.FATHER and counts[p.pk]]
        pairs = min(len(mothers), len(fathers), round(len(parents) * COUPLE_SHARE))
        partner_of = {
            mother.pk: father
            for mother, father in zip(
                rng.sample(mothers, pairs), rng.sample(fathers, pairs), strict=True
            )
        }
        coupled_fathers = {father.pk for father in partner_of.values()}

        children, links, placements = [], [], []
        for parent in parents:
            if parent.pk in coupled_fathers:
                continue  # linked to the mother's children below
            partner = partner_of.get(parent.pk)
            expected_made = False
            for _n in range(counts[parent.pk]):
                child, row = self._child(parent, expecting=not expected_made)
                expected_made = expected_made or child.is_expected
                children.append((child, row))
                own = self._link(child, parent)
                links.append(own)
                other = None
                if partner is not None:
                    other = self._link(child, partner)
                    links.append(other)
                elif rng.random() < 0.6:
                    other = self._named_other_parent(child)
                    links.append(other)
                home = self._home(child, parent)
                if home == "other_parent" and other is None:
                    other = self._named_other_parent(child)
                    links.append(other)
                placements.append(
                    self._placement(child, parent, home, own, other, couple=partner is not None)
                )
        return children, links, placements

    def _child(self, parent: Parent, *, expecting: bool) -> tuple[_Child, dict]:
        rng = self.rng
        room_days = (self.today - parent.date_of_birth).days - int(16 * 365.25)
        born = not (expecting and rng.random() < EXPECTED_SHARE) and room_days > 30
        if born:
            age_days = int(rng.triangular(0, min(6 * 365, room_days), 0))
            child = _Child(None, None, self.today - datetime.timedelta(days=age_days))
            name = rng.choice(GIVEN_NAMES)
        else:
            child = _Child(None, self.today + datetime.timedelta(days=rng.randint(7, 270)), None)
            name = rng.choice(GIVEN_NAMES) if rng.random() < 0.2 else ""
        return child, {
            "council_id": self.council.pk,
            "public_id": _uuid(rng),
            "given_name": name,
            "due_date": child.due_date,
            "date_of_birth": child.date_of_birth,
        }

    def _link(self, child: _Child, parent: Parent) -> _Link:
        link = _Link(
            None,
            child,
            parent.pk,
            {"council_id": self.council.pk, "public_id": _uuid(self.rng), "parent_id": parent.pk},
        )
        self.links_of[parent.pk].append(link)
        return link

    def _named_other_parent(self, child: _Child) -> _Link:
        rng = self.rng
        care_experienced = rng.random() < 0.2
        elsewhere = care_experienced and rng.random() < 0.5
        return _Link(
            None,
            child,
            None,
            {
                "council_id": self.council.pk,
                "public_id": _uuid(rng),
                "other_parent_name": f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
                "other_parent_care_experienced": care_experienced,
                "other_parent_council": (
                    f"{rng.choice(PLACE_STEMS)}{rng.choice(PLACE_ENDINGS)} Council"
                    if elsewhere
                    else ""
                ),
            },
        )

    def _home(self, child: _Child, parent: Parent) -> str:
        if child.is_expected:
            return "expected"
        return self.rng.choices(HOMES, weights=HOME_WEIGHTS[parent.parent_role])[0]

    def _placement(self, child, parent, home, own, other, *, couple: bool) -> _Placement:
        rng = self.rng
        legal_status = _weighted(rng, LEGAL_WEIGHTS[home])
        if home == "expected":
            lives_with, link = LivesWith.NOT_YET_BORN, None
            from_date = self.today - datetime.timedelta(days=rng.randint(0, 120))
        else:
            age_days = (self.today - child.date_of_birth).days
            from_date = child.date_of_birth + datetime.timedelta(days=rng.randint(0, age_days))
            if home == "other_parent":
                lives_with, link = LivesWith.ONE_PARENT, other
            elif home != "this_parent":
                lives_with, link = HOME_LIVES_WITH[home], None
            elif other is not None and rng.random() < (0.7 if couple else 0.3):
                lives_with, link = LivesWith.BOTH_PARENTS, None
            else:
                lives_with, link = LivesWith.ONE_PARENT, own
        return _Placement(
            child, lives_with, link, legal_status, from_date, parent.personal_adviser_id
        )

    def _circumstances(self, placements) -> dict[int, tuple[_Circumstance, dict]]:
        """The first circumstance of each child, by child id (links now have ids)."""
        rows = {}
        for placement in placements:
            link_id = placement.link.pk if placement.link else None
            rows[placement.child.pk] = (
                _Circumstance(str(placement.lives_with), str(placement.legal_status), link_id),
                {
                    "council_id": self.council.pk,
                    "public_id": _uuid(self.rng),
                    "child_id": placement.child.pk,
                    "lives_with": str(placement.lives_with),
                    "lives_with_parent_id": link_id,
                    "legal_status": str(placement.legal_status),
                    "from_date": placement.from_date,
                    "recorded_by_id": placement.recorded_by_id,
                },
            )
        return rows

    # --- Stages ---------------------------------------------------------------------

    def _became_parent(self, parents, since) -> dict[int, datetime.datetime]:
        """When parents supported before their first child came to be known became parents."""
        became = {}
        for parent in parents:
            links = self.links_of[parent.pk]
            if not links:
                continue
            known = min(_known_from(link.child) for link in links)
            moment = timezone.make_aware(datetime.datetime.combine(known, datetime.time(11)))
            # A pregnancy recorded early is known now, whatever the usual time would be.
            moment = min(moment, self.now - datetime.timedelta(days=1))
            if since[parent.pk] < moment:
                became[parent.pk] = moment
        return became

    def _stage_rows(self, parents, stages_of, since, became) -> list[dict]:
        return [
            {
                "council_id": self.council.pk,
                "public_id": _uuid(self.rng),
                "parent_id": parent.pk,
                "stage": str(stage),
                "since": since[parent.pk]
                if stage == Stage.THROUGHOUT
                else became.get(parent.pk, since[parent.pk]),
            }
            for parent in parents
            for stage in stages_of[parent.pk]
        ]

    def _stage_changes(self, parents, stages_of, since, became) -> list[dict]:
        rows = []
        for parent in parents:
            changes = [
                (stage, True, since[parent.pk] if stage == Stage.THROUGHOUT else None, why)
                for stage, why in stages_of[parent.pk].items()
            ]
            if parent.pk in became:
                # Supported before parenthood: that stage started, then ended with the child.
                changes += [
                    (Stage.BEFORE_PARENTHOOD, True, since[parent.pk], "no children recorded"),
                    (Stage.BEFORE_PARENTHOOD, False, became[parent.pk], "a child was added"),
                ]
            rows += [
                {
                    "council_id": self.council.pk,
                    "public_id": _uuid(self.rng),
                    "parent_id": parent.pk,
                    "stage": str(stage),
                    "entered": entered,
                    "at": at or became.get(parent.pk, since[parent.pk]),
                    "reason": why[:300],
                    "by_id": parent.personal_adviser_id,
                }
                for stage, entered, at, why in changes
            ]
        return rows

    # --- Plans ----------------------------------------------------------------------

    def _items(self, parents, plan_ids, stages_of, since, became):
        items, histories = [], []
        for parent, plan_id in zip(parents, plan_ids, strict=True):
            added = since[parent.pk]
            adviser = parent.personal_adviser_id
            # Promises for mothers or for fathers only, as the live service chooses them.
            for_whom = AppliesTo.for_parent_role(parent.parent_role)
            # Promises for while a baby is on the way, as the live service keeps them open.
            expecting = any(link.child.is_expected for link in self.links_of[parent.pk])
            for stage in stages_of[parent.pk]:
                start = added if stage == Stage.THROUGHOUT else became.get(parent.pk, added)
                for commitment in self.commitments.get(stage, ()):
                    if commitment.applies_to not in for_whom:
                        continue
                    if commitment.ends_at_birth and not expecting:
                        continue
                    item = self._charter_item(plan_id, commitment, adviser)
                    histories.append(self._progress(item, start, adviser))
                    items.append(item)
            if parent.pk in became:
                # The promises before parenthood, closed (never deleted) when a child came.
                for commitment in self.commitments.get(Stage.BEFORE_PARENTHOOD, ()):
                    item = self._charter_item(plan_id, commitment, adviser)
                    history = self._progress(item, added, adviser, until=became[parent.pk])
                    item["closed_at"] = became[parent.pk]
                    item["closed_reason"] = BEFORE_PARENTHOOD_CLOSED
                    histories.append(history)
                    items.append(item)
            for link in self.links_of[parent.pk]:
                for milestone, due, joined in self._milestones(link.child, added):
                    item = {
                        "council_id": self.council.pk,
                        "public_id": _uuid(self.rng),
                        "plan_id": plan_id,
                        "source": ItemSource.MILESTONE.value,
                        "milestone_key": milestone.key,
                        "child_id": link.child.pk,
                        "stage": Stage.EXPECTING_OR_PARENTING.value,
                        "order": MILESTONE_ORDER,
                        "due_date": due,
                        "owner_id": adviser,
                    }
                    histories.append(self._progress(item, joined, adviser))
                    items.append(item)
        return items, histories

    def _charter_item(self, plan_id, commitment, adviser) -> dict:
        return {
            "council_id": self.council.pk,
            "public_id": _uuid(self.rng),
            "plan_id": plan_id,
            "source": ItemSource.CHARTER.value,
            "commitment_id": commitment.pk,
            "stage": commitment.stage,
            "order": STAGE_ORDER[commitment.stage] * 1000 + commitment.order,
            "owner_id": adviser,
        }

    def _milestones(self, child: _Child, since: datetime.datetime):
        """Milestones in the planning window now, and those that passed through it while the
        parent was supported (the daily refresh added them then and keeps them)."""
        supported_from = max(since.date(), _known_from(child))
        for milestone in MILESTONES:
            due = milestone.due(child)
            if due is None:
                continue
            opens, closes = due - LOOK_AHEAD, due + LOOK_BACK
            in_window = opens <= self.today <= closes
            if in_window or (opens <= self.today and closes >= supported_from):
                joined = timezone.make_aware(
                    datetime.datetime.combine(max(opens, supported_from), datetime.time(9))
                )
                yield milestone, due, max(joined, since)

    def _progress(self, item: dict, added, adviser: int | None, *, until=None):
        """Choose how far an item has got; set its latest status, evidence and view.

        Returns the item's status history: when it was added, then (status, when) steps.
        """
        rng = self.rng
        until = until or self.now
        added = min(added, until)
        item["created_at"] = added
        due = item.get("due_date")
        paths, weights = _FUTURE_PATHS if due is not None and due > self.today else _PATHS
        path = rng.choices(paths, cum_weights=weights)[0]
        if not path:
            return added, (), adviser
        span = (until - added).total_seconds()
        times = sorted(added + datetime.timedelta(seconds=rng.uniform(0, span)) for _s in path)
        item["status"] = path[-1].value
        item["version"] = 1 + len(path)
        if path[-1] == ItemStatus.DELIVERED:
            item["evidence"] = rng.choice(EVIDENCE)
        if rng.random() < 0.3:
            item["parent_view"] = rng.choice(PARENT_VIEWS)
        return added, list(zip(path, times, strict=True)), adviser

    def _status_rows(self, items, histories, item_ids) -> list[dict]:
        rows = []
        rng = self.rng
        council_id = self.council.pk
        for item, item_id, (added, steps, adviser) in zip(items, item_ids, histories, strict=True):
            rows.append(
                {
                    "council_id": council_id,
                    "public_id": _uuid(rng),
                    "item_id": item_id,
                    "status": ItemStatus.TO_DISCUSS.value,
                    "at": added,
                    "by_id": adviser,
                    "note": "system:added",
                }
            )
            for status, at in steps:
                note = rng.choice(STATUS_NOTES[status])
                if status == ItemStatus.DELIVERED:
                    note = f"{note}. Evidence confirmed."
                rows.append(
                    {
                        "council_id": council_id,
                        "public_id": _uuid(rng),
                        "item_id": item_id,
                        "status": status.value,
                        "at": at,
                        "by_id": adviser,
                        "note": note,
                    }
                )
            if item.get("closed_at"):
                rows.append(
                    {
                        "council_id": council_id,
                        "public_id": _uuid(rng),
                        "item_id": item_id,
                        "status": item.get("status", ItemStatus.TO_DISCUSS.value),
                        "at": item["closed_at"],
                        "by_id": adviser,
                        "note": "system:closed:" + item["closed_reason"].removeprefix("system:"),
                    }
                )
        return rows

    def _reviews(self, parents, plan_ids, since) -> list[dict]:
        rng = self.rng
        rows = []
        for parent, plan_id in zip(parents, plan_ids, strict=True):
            adviser = parent.personal_adviser_id
            if adviser is None:
                continue
            start = since[parent.pk].date()
            # Most plans were reviewed in the last six months; some are overdue.
            held = self.today - datetime.timedelta(days=rng.randint(5, 240))
            for _n in range(_weighted(rng, {0: 35, 1: 40, 2: 25})):
                if held < start:
                    break
                participation = _weighted(rng, PARTICIPATION_WEIGHTS)
                rows.append(
                    {
                        "council_id": self.council.pk,
                        "public_id": _uuid(rng),
                        "plan_id": plan_id,
                        "held_on": held,
                        "attendees": rng.choice(ATTENDEES),
                        "participation": participation.value,
                        "participation_detail": (
                            "Met at the family centre"
                            if participation == Participation.IN_PERSON
                            else ""
                        ),
                        "summary": rng.choice(REVIEW_SUMMARIES),
                        "agreed_actions": rng.choice(REVIEW_ACTIONS),
                        "recorded_by_id": adviser,
                    }
                )
                held -= datetime.timedelta(days=rng.randint(170, 200))
        return rows
