"""The guide to rights and entitlements, loading the rules, and councils' own offers.

`guide_for` answers from facts someone gives (the public guide); `guide_for_parent` works the
facts out from a parent's record (the portal). Both say "may": the guide points to what a
parent may be able to get and who decides; it never promises.
"""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from parent_charter.audit import services as audit
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    save_audited,
)

from . import catalogue
from .matching import AmountLine, Facts, amount_in_words, amount_lines, assess
from .models import CareStatus, Entitlement, EntitlementAmount, LocalEntitlement, WayToQualify

# --- The guide ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntitlementMatch:
    """One entitlement as the guide shows it, with whether and why it may apply."""

    rule: object  # Entitlement or LocalEntitlement
    applies: bool
    why: list  # why it may apply, or (applies False) what stands in the way
    also_needed: list
    amounts: list[AmountLine]
    sources: list  # (title, url)
    last_checked: datetime.date
    applies_from: datetime.date | None
    confirmed: bool
    discretionary: bool
    local: bool = False
    key: str = ""
    name: str = ""
    summary: str = ""
    how_to_claim: str = ""
    amounts_unconfirmed: bool = False

    @property
    def how_to_claim_lines(self) -> list[str]:
        return [line for line in self.how_to_claim.splitlines() if line.strip()]


def _facts(**answers) -> Facts:
    benefits = answers.get("benefits")
    return Facts(
        nation=answers["nation"],
        age=int(answers["age"]),
        pregnant=bool(answers.get("pregnant")),
        partner_pregnant=bool(answers.get("partner_pregnant")),
        child_ages=tuple(sorted(answers.get("child_ages") or ())),
        benefits=None if benefits is None else frozenset(benefits),
        care_status=answers.get("care_status") or CareStatus.NEITHER,
        parent_kind=answers.get("parent_kind") or None,
    )


def assess_all(
    *,
    nation: str,
    age: int,
    pregnant: bool,
    child_ages,
    benefits,
    care_status: str,
    council=None,
    today: datetime.date | None = None,
    partner_pregnant: bool = False,
    parent_kind: str | None = None,
) -> list[EntitlementMatch]:
    """Every rule, each saying whether it may apply and why. `benefits` None: not asked.

    A fixed number of queries: the rules with their amounts and ways (3), and the council's
    own offers (1) when a council is given.
    """
    today = today or timezone.localdate()
    facts = _facts(
        nation=nation,
        age=age,
        pregnant=pregnant,
        partner_pregnant=partner_pregnant,
        child_ages=child_ages,
        benefits=benefits,
        care_status=care_status,
        parent_kind=parent_kind,
    )
    results = [_national(rule, facts, today) for rule in national_rules()]
    if council is not None:
        results = [_local(item, facts, today, council) for item in local_offers(council)] + results
    return results


def guide_for(**answers) -> list[EntitlementMatch]:
    """What someone may be able to get, given what they told us (see `assess_all`)."""
    return [match for match in assess_all(**answers) if match.applies]


def national_rules() -> list[Entitlement]:
    return list(
        Entitlement.objects.filter(retired=False).prefetch_related(
            Prefetch("amounts", queryset=EntitlementAmount.objects.order_by("order")),
            Prefetch("ways", queryset=WayToQualify.objects.order_by("order")),
        )
    )


def local_offers(council) -> list[LocalEntitlement]:
    # The council's own offers are behind the council wall; the public guide steps inside
    # this one council's scope to read them (they hold no personal data).
    with scope(council=council.pk):
        return list(LocalEntitlement.objects.filter(retired=False).order_by("name_en", "pk"))


def _national(rule: Entitlement, facts: Facts, today) -> EntitlementMatch:
    outcome = assess(
        nations=rule.nations, ways=list(rule.ways.all()), facts=facts, also_needed=rule.also_needed
    )
    lines = amount_lines(list(rule.amounts.all()), today)
    return EntitlementMatch(
        rule=rule,
        applies=outcome.applies,
        why=outcome.why,
        also_needed=outcome.also_needed,
        amounts=lines,
        sources=[(source["title"], source["url"]) for source in rule.sources],
        last_checked=rule.last_checked,
        applies_from=rule.applies_from,
        confirmed=not rule.needs_checking,
        discretionary=rule.discretionary,
        key=rule.key,
        name=rule.name,
        summary=rule.summary,
        how_to_claim=rule.how_to_claim,
        amounts_unconfirmed=any(line.needs_checking for line in lines),
    )


def _local(item: LocalEntitlement, facts: Facts, today, council) -> EntitlementMatch:
    outcome = assess(nations=[council.nation], ways=[item], facts=facts)
    line = AmountLine(
        text=amount_in_words(item.amount, item.unit, item.period),
        applies_to=item.amount_note,
        from_date=None,
        upcoming=False,
        needs_checking=False,
    )
    return EntitlementMatch(
        rule=item,
        applies=outcome.applies,
        why=outcome.why,
        also_needed=outcome.also_needed,
        amounts=[line],
        sources=[
            (
                _("%(council)s's local offer") % {"council": str(council)},
                reverse("public_offers:offer", kwargs={"slug": council.slug}),
            )
        ],
        last_checked=item.last_checked,
        applies_from=item.applies_from,
        confirmed=True,
        discretionary=True,
        local=True,
        key=f"local-{item.public_id}",
        name=item.name,
        summary=item.summary,
        how_to_claim=item.how_to_claim,
    )


# --- From a parent's record ---------------------------------------------------------------


@dataclass(frozen=True)
class ParentFacts:
    """What the guide worked out from a parent's record, to show them what it used."""

    nation: str
    age: int
    pregnant: bool
    partner_pregnant: bool
    child_ages: tuple
    care_status: str
    parent_kind: str | None
    expecting: bool = field(default=False)

    def as_answers(self) -> dict:
        answers = asdict(self)
        answers.pop("expecting")
        return answers


def years_between(born: datetime.date, today: datetime.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def facts_for_parent(parent, today: datetime.date | None = None) -> ParentFacts:
    """Facts from the record: age, nation, expected and born children living with them, care.

    A child counts if they live with this parent (or where they live is not yet recorded):
    Child Benefit and the like follow the child. An expected child makes a mother pregnant
    and a father's partner pregnant; a parent who has not said which is treated as either.
    Two queries (the parent's links to children, and the children's current circumstances),
    shared with the other parts of a page being gathered (`children_read_once`).
    """
    from parent_charter.children.models import LivesWith
    from parent_charter.children.selectors import children_read_once

    today = today or timezone.localdate()
    expecting, ages = False, []
    for link, current in children_read_once(parent):
        child = link.child
        if child.is_expected:
            expecting = True
            continue
        lives_here = (
            current is None
            or current.lives_with == LivesWith.BOTH_PARENTS
            or (
                current.lives_with == LivesWith.ONE_PARENT
                and current.lives_with_parent_id == link.pk
            )
        )
        if lives_here:
            ages.append(years_between(child.date_of_birth, today))
    role = parent.parent_role
    return ParentFacts(
        nation=parent.council.nation,
        age=years_between(parent.date_of_birth, today),
        pregnant=expecting and role != "father",
        partner_pregnant=expecting and role != "mother",
        child_ages=tuple(sorted(ages)),
        care_status=(
            CareStatus.IN_CARE if parent.care_status == "in_care" else CareStatus.CARE_LEAVER
        ),
        parent_kind=role if role in ("mother", "father") else None,
        expecting=expecting,
    )


def guide_for_parent(parent, today=None, benefits=None) -> list[EntitlementMatch]:
    """What `parent` may be able to get, from their record. Benefits are not on the record:
    without `benefits`, rules that need one say so rather than being left out."""
    facts = facts_for_parent(parent, today)
    return guide_for(**facts.as_answers(), benefits=benefits, council=parent.council, today=today)


# --- Loading the data file ----------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    retired: int


def _content_hash(spec: catalogue.RuleSpec) -> str:
    canonical = json.dumps(asdict(spec), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def load_entitlements_file(path: Path | str = catalogue.DATA_FILE) -> LoadResult:
    """Validate the file and bring the rules in line with it. Running it twice changes nothing."""
    specs = catalogue.load_file(path)
    created = updated = unchanged = 0
    with transaction.atomic():
        existing = {rule.key: rule for rule in Entitlement.objects.select_for_update()}
        for spec in specs:
            digest = _content_hash(spec)
            rule = existing.get(spec.key)
            if rule is not None and rule.content_hash == digest and not rule.retired:
                unchanged += 1
                continue
            if rule is None:
                rule = Entitlement(key=spec.key)
                created += 1
            else:
                updated += 1
            _apply(rule, spec, digest)
        gone = [rule for key, rule in existing.items() if key not in {s.key for s in specs}]
        retired = Entitlement.objects.filter(
            pk__in=[rule.pk for rule in gone if not rule.retired]
        ).update(retired=True)
    return LoadResult(created, updated, unchanged, retired)


def _apply(rule: Entitlement, spec: catalogue.RuleSpec, digest: str) -> None:
    rule.nations = list(spec.nations)
    rule.name_en, rule.name_cy = spec.name.en, spec.name.cy
    rule.summary_en, rule.summary_cy = spec.summary.en, spec.summary.cy
    rule.also_needed_en, rule.also_needed_cy = spec.also_needed.en, spec.also_needed.cy
    rule.how_to_claim_en, rule.how_to_claim_cy = spec.how_to_claim.en, spec.how_to_claim.cy
    rule.discretionary = spec.discretionary
    rule.applies_from = spec.applies_from
    rule.last_checked = spec.last_checked
    rule.needs_checking = spec.needs_checking
    rule.checking_note = spec.checking
    rule.sources = [{"title": title, "url": url} for title, url in spec.sources]
    rule.order = spec.order
    rule.retired = False
    rule.content_hash = digest
    rule.save()
    # Amounts and ways are parts of the rule with nothing pointing at them: replaced whole.
    rule.amounts.all().delete()
    rule.ways.all().delete()
    EntitlementAmount.objects.bulk_create(
        EntitlementAmount(
            entitlement=rule,
            order=position,
            value=amount.value,
            unit=amount.unit,
            period=amount.period,
            applies_to_en=amount.applies_to.en,
            applies_to_cy=amount.applies_to.cy,
            from_date=amount.from_date,
            needs_checking=amount.needs_checking,
        )
        for position, amount in enumerate(spec.amounts, start=1)
    )
    WayToQualify.objects.bulk_create(
        WayToQualify(
            entitlement=rule,
            order=position,
            min_age=way.min_age,
            max_age=way.max_age,
            situation=way.situation,
            child_min_age=way.child_min_age,
            child_max_age=way.child_max_age,
            first_child_only=way.first_child_only,
            benefits=list(way.benefits),
            care_statuses=list(way.care),
            parent_kind=way.parent_kind,
            note_en=way.note.en,
            note_cy=way.note.cy,
        )
        for position, way in enumerate(spec.ways, start=1)
    )


# --- A council's own offers ---------------------------------------------------------------

LOCAL_FIELDS = (
    "name_en",
    "name_cy",
    "summary_en",
    "summary_cy",
    "how_to_claim_en",
    "how_to_claim_cy",
    "amount",
    "unit",
    "period",
    "amount_note_en",
    "amount_note_cy",
    "min_age",
    "max_age",
    "situation",
    "child_min_age",
    "child_max_age",
    "care_statuses",
    "local_commitment",
    "applies_from",
    "last_checked",
    "retired",
)


__all__ = ["DuplicateSubmission"]  # raised by the add below; views catch it from here


def local_entitlement_add(*, council, actor, form_token, **fields) -> LocalEntitlement:
    return add_once(
        LocalEntitlement,
        form_token=form_token,
        object_type="entitlements.local",
        actor=actor,
        action="entitlements.local.added",
        audit_detail=lambda item: {"has_amount": item.amount is not None},
        council=council,
        updated_by=actor,
        **fields,
    )


def local_entitlement_update(*, item: LocalEntitlement, actor, expected_version, **fields):
    return save_audited(
        item,
        expected_version=expected_version,
        fields={name: fields[name] for name in LOCAL_FIELDS if name in fields},
        actor=actor,
        action="entitlements.local.updated",
        only_changed=True,
        also={"updated_by": actor},
    )


def record_guide_viewed(*, actor, parent) -> None:
    """A parent opened their own guide (it is worked out from their record)."""
    audit.record_now(
        actor=actor, council=parent.council, action="entitlements.guide.viewed", obj=parent
    )
