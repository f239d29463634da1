"""Time-bound practical prompts from a child's due date or age, offered to both parents.

Each milestone becomes a plan item with a due date once it falls inside the planning window
(from three months ago to six months ahead), so a newborn's plan is not crowded with the
school application four years away; the daily refresh adds each one when its time comes.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from parent_charter.parents.eligibility import birthday

LOOK_BACK = datetime.timedelta(days=90)
LOOK_AHEAD = datetime.timedelta(days=183)


@dataclass(frozen=True)
class Milestone:
    key: str
    title: str
    description: str
    due: Callable[[object], datetime.date | None]


def _from_due_date(days: int):
    def due(child):
        return child.due_date + datetime.timedelta(days=days) if child.is_expected else None

    return due


def _from_birth(days: int = 0, *, months: int = 0, years: int = 0):
    """From the date of birth, or from the due date while the baby is still expected."""

    def due(child):
        start = child.date_of_birth or child.due_date
        if years:
            start = birthday(start, years)
        if months:
            from parent_charter.parents.eligibility import months_before

            start = months_before(start, -months)
        return start + datetime.timedelta(days=days)

    return due


def school_application_deadline(child) -> datetime.date:
    """15 January of the year the child starts school (the September after they turn four)."""
    born = child.date_of_birth or child.due_date
    starts = born.year + 4 if born.month < 9 else born.year + 5
    return datetime.date(starts, 1, 15)


MILESTONES = (
    Milestone(
        "first-scan",
        _("The first pregnancy scan"),
        _("The dating scan happens at about 12 weeks of pregnancy."),
        _from_due_date(-196),
    ),
    Milestone(
        "healthy-start",
        _("Apply for Healthy Start"),
        _("Healthy Start can be claimed from the tenth week of pregnancy."),
        _from_due_date(-210),
    ),
    Milestone(
        "maternity-paternity-pay",
        _("Maternity or paternity pay and leave"),
        _(
            "Tell an employer at least 15 weeks before the baby is due; check Maternity "
            "Allowance if not employed."
        ),
        _from_due_date(-105),
    ),
    Milestone(
        "health-visitor",
        _("Health visitor's first visit"),
        _("A health visitor usually visits 10 to 14 days after the birth."),
        _from_birth(14),
    ),
    Milestone(
        "gp-registration",
        _("Register the baby with a GP"),
        _("Register the baby with a doctor's surgery in the first weeks."),
        _from_birth(28),
    ),
    Milestone(
        "register-birth",
        _("Register the birth"),
        _("A birth must be registered within 42 days in England and Wales."),
        _from_birth(42),
    ),
    Milestone(
        "dentist-registration",
        _("Register with a dentist"),
        _(
            "Take the child to a dentist when the first teeth come, and before their first "
            "birthday."
        ),
        _from_birth(years=1),
    ),
    Milestone(
        "nursery-application",
        _("Apply for a nursery or childcare place"),
        _("Funded childcare places are applied for in the term before the child is eligible."),
        _from_birth(months=21),
    ),
    Milestone(
        "optician",
        _("The child's first eye test"),
        _("Eye tests at an optician are free for children."),
        _from_birth(years=3),
    ),
    Milestone(
        "school-application",
        _("Apply for a school place"),
        _("Primary school applications close on 15 January of the year the child starts."),
        school_application_deadline,
    ),
)
BY_KEY = {milestone.key: milestone for milestone in MILESTONES}


def due_milestones(child, *, today: datetime.date) -> list[tuple[Milestone, datetime.date]]:
    """The milestones of one child whose due date falls inside the planning window."""
    found = []
    for milestone in MILESTONES:
        due = milestone.due(child)
        if due is not None and today - LOOK_BACK <= due <= today + LOOK_AHEAD:
            found.append((milestone, due))
    return found
