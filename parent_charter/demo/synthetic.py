"""Deterministic synthetic data: plausible councils, staff and parents, made with bulk inserts.

The same seed always gives the same people. Used for the demo (a few parents per council) and
for national-scale benchmarks (hundreds of councils, 100,000 parents).
"""

import datetime
import random
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django_scopes import scopes_disabled

from parent_charter.accounts.models import RoleGrant, User
from parent_charter.accounts.roles import Role
from parent_charter.authorities.models import Council, Nation, OfficeHours
from parent_charter.parents.models import Parent, ParentRole

from .names import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    PLACE_ENDINGS,
    PLACE_STEMS,
    WELSH_PREFIXES,
    WELSH_SUFFIXES,
)

NAMESPACE = uuid.UUID("5c3a1f8e-2b7d-4c1a-9e0f-7a6b5d4c3b2a")
PARENTS_PER_ADVISER = 25
BATCH = 5000
# Django treats a hash starting with "!" as unusable: synthetic staff cannot sign in.
UNUSABLE = "!synthetic"  # noqa: S105


@dataclass
class Summary:
    councils: int = 0
    users: int = 0
    parents: int = 0


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


def parent_rows(
    *, council: Council, advisers: list[User], count: int, rng: random.Random, key: str
) -> list[Parent]:
    today = datetime.date.today()
    rows = []
    for index in range(count):
        role = rng.choices(
            [ParentRole.MOTHER, ParentRole.FATHER, ParentRole.PARENT], weights=[62, 34, 4]
        )[0]
        rows.append(
            Parent(
                public_id=uuid.uuid5(NAMESPACE, f"{key}:parent:{index}"),
                council=council,
                given_name=rng.choice(GIVEN_NAMES),
                family_name=rng.choice(FAMILY_NAMES),
                date_of_birth=_date_of_birth(rng, today),
                parent_role=role,
                personal_adviser=advisers[index % len(advisers)] if advisers else None,
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


def generate(*, councils: int, parents: int, seed: int, report=None) -> Summary:
    """Create `councils` synthetic councils sharing `parents` parents. Existing ones are kept."""
    rng = random.Random(seed)
    report = report or (lambda *args: None)
    summary = Summary()
    per_council = max(1, parents // max(1, councils))
    used = set(Council.objects.values_list("name", flat=True))
    with scopes_disabled():
        for index in range(councils):
            slug = f"synthetic-{seed}-{index:04d}"
            name, nation = _council_name(rng, index, used)
            if Council.objects.filter(slug=slug).exists():
                report("councils", index + 1, councils)
                continue
            with transaction.atomic():
                council = Council.objects.create(
                    name=name,
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
                advisers = _staff(council, per_council, rng, seed, index)
                summary.users += len(advisers) + 1
                rows = parent_rows(
                    council=council,
                    advisers=advisers,
                    count=per_council,
                    rng=rng,
                    key=f"{seed}:{index}",
                )
                for start in range(0, len(rows), BATCH):
                    Parent.objects.bulk_create(rows[start : start + BATCH])
                summary.parents += len(rows)
                summary.councils += 1
            report("councils", index + 1, councils)
    return summary


def _staff(council, parents: int, rng: random.Random, seed: int, index: int) -> list[User]:
    count = max(1, parents // PARENTS_PER_ADVISER)
    users = [
        User(
            username=f"pa{n}.{seed}.{index}@synthetic.invalid",
            email=f"pa{n}.{seed}.{index}@synthetic.invalid",
            full_name=f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
            council=council,
            password=UNUSABLE,
        )
        for n in range(count)
    ]
    manager = User(
        username=f"manager.{seed}.{index}@synthetic.invalid",
        email=f"manager.{seed}.{index}@synthetic.invalid",
        full_name=f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
        council=council,
        password=UNUSABLE,
    )
    User.objects.bulk_create([*users, manager])
    RoleGrant.objects.bulk_create(
        [RoleGrant(user=u, role=Role.PERSONAL_ADVISER) for u in users]
        + [RoleGrant(user=manager, role=Role.TEAM_MANAGER)]
    )
    return users
