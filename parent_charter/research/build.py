"""Build an export's three files from the council's records, in a fixed number of queries.

Runs in the background worker (tasks.build_export_task) inside the council's scope. A parent
who has an open objection to research use is left out of both files. Each parent's join key is
drawn at random for this export and kept nowhere but in the two files.
"""

import csv
import datetime
import io
import secrets
from collections.abc import Callable

from django.utils import timezone

from parent_charter.children.models import ChildCircumstance, ChildParent
from parent_charter.childrens_services.models import ChildrenServicesReferral, ReferralStep
from parent_charter.parents.models import Parent, StageChange
from parent_charter.partner_referrals.models import ReferralStatus
from parent_charter.partner_referrals.models import Status as PartnerStatus

from . import catalogue
from .models import ResearchObjection


def _day(moment) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


def _age_on(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class _Events:
    """The rows of the events file, each reduced to its month and the parent's age band."""

    def __init__(self, people: dict[int, tuple[str, datetime.date]]):
        self.people = people  # parent pk -> (join key, date of birth)
        self.rows: list[tuple] = []

    def add(self, parent_id, event: str, when, code: str, programme: str = "") -> None:
        if parent_id not in self.people or when is None:
            return
        key, born = self.people[parent_id]
        day = _day(when)
        age = max(_age_on(born, day), 0)
        self.rows.append(
            (
                key,
                event,
                f"{day.year:04d}-{day.month:02d}",
                catalogue.age_band(age),
                code,
                programme,
            )
        )


def _parent_role(events, parents, today):
    for parent in parents:
        events.add(parent.pk, "parent_role", parent.created_at, parent.parent_role)


def _care_status(events, parents, today):
    for parent in parents:
        events.add(parent.pk, "care_status", today, parent.care_status)


def _stages(events, parents, today):
    for parent_id, stage, entered, at in StageChange.objects.values_list(
        "parent_id", "stage", "entered", "at"
    ):
        events.add(parent_id, "stage_entered" if entered else "stage_left", at, stage)


def _children(events, parents, today):
    for parent_id, born, due in ChildParent.objects.filter(parent__isnull=False).values_list(
        "parent_id", "child__date_of_birth", "child__due_date"
    ):
        if born is not None:
            events.add(parent_id, "child_born", born, "born")
        elif due is not None:
            events.add(parent_id, "child_expected", due, "expected")


def _child_living(events, parents, today):
    links: dict[int, list[int]] = {}
    for child_id, parent_id in ChildParent.objects.filter(parent__isnull=False).values_list(
        "child_id", "parent_id"
    ):
        links.setdefault(child_id, []).append(parent_id)
    for child_id, lives_with, legal, from_date in ChildCircumstance.objects.values_list(
        "child_id", "lives_with", "legal_status", "from_date"
    ):
        for parent_id in links.get(child_id, ()):
            events.add(parent_id, "child_lives_with", from_date, lives_with)
            events.add(parent_id, "child_legal_status", from_date, legal)


def _childrens_services(events, parents, today):
    for parent_id, kind, at in ChildrenServicesReferral.objects.values_list(
        "parent_id", "kind", "created_at"
    ):
        events.add(parent_id, "cs_request_made", at, kind)
    for parent_id, kind, step, at in ReferralStep.objects.values_list(
        "referral__parent_id", "referral__kind", "step", "at"
    ):
        if step in catalogue.CHILDREN_SERVICES_STEPS:
            events.add(parent_id, f"cs_request_{step}", at, kind)


def _partner_referrals(events, parents, today):
    for parent_id, kind, programme, status, outcome, at in ReferralStatus.objects.values_list(
        "referral__parent_id",
        "referral__kind",
        "referral__programme__slug",
        "status",
        "outcome",
        "at",
    ):
        # An ending says how it ended; every other step says what kind of service it was.
        code = (outcome or "not_recorded") if status == PartnerStatus.ENDED else kind
        events.add(parent_id, f"partner_referral_{status}", at, code, programme or "")


GATHER: dict[str, Callable] = {
    "parent_role": _parent_role,
    "care_status": _care_status,
    "stages": _stages,
    "children": _children,
    "child_living": _child_living,
    "childrens_services": _childrens_services,
    "partner_referrals": _partner_referrals,
}


def _csv(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def build_files(*, agreement, progress: Callable[[int], None] = lambda percent: None) -> dict:
    """The identifiers, events and dictionary files (CSV text), and how many parents each
    holds and how many were left out because they objected."""
    today = timezone.localdate()
    objectors = set(
        ResearchObjection.objects.filter(withdrawn_at__isnull=True).values_list(
            "parent_id", flat=True
        )
    )
    everyone = list(
        Parent.objects.only(
            "pk",
            "given_name",
            "family_name",
            "date_of_birth",
            "postcode",
            "parent_role",
            "care_status",
            "created_at",
        )
    )
    parents = [parent for parent in everyone if parent.pk not in objectors]
    people = {parent.pk: (secrets.token_hex(16), parent.date_of_birth) for parent in parents}
    identifiers = sorted(
        (
            people[parent.pk][0],
            parent.given_name,
            parent.family_name,
            parent.date_of_birth.isoformat(),
            parent.postcode,
        )
        for parent in parents
    )
    progress(30)
    events = _Events(people)
    chosen = [key for key in catalogue.FIELD_KEYS if key in set(agreement.fields)]
    for done, key in enumerate(chosen, start=1):
        GATHER[key](events, parents, today)
        progress(30 + 60 * done // max(len(chosen), 1))
    dictionary = [
        tuple(row[column] for column in catalogue.DICTIONARY_COLUMNS)
        for row in catalogue.dictionary_rows(chosen)
    ]
    return {
        "identifiers": _csv(catalogue.IDENTIFIER_COLUMNS, identifiers),
        "events": _csv(catalogue.EVENT_COLUMNS, sorted(events.rows)),
        "dictionary": _csv(catalogue.DICTIONARY_COLUMNS, dictionary),
        "parents_included": len(parents),
        "parents_left_out": len(everyone) - len(parents),
    }
