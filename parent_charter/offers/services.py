"""Council administrators' changes to their local offer, made in the application. Each runs
in one transaction with its audit event; edits save only at the version the editor opened
(docs/adr/0008), adds only once per form token. The offer file's import is `offer_import`.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from parent_charter.audit import services as audit
from parent_charter.authorities.models import (
    Council,
    OfficeHours,
    PartnerOrganisation,
    Weekday,
    spans_by_day,
    spans_problem,
)
from parent_charter.charter.models import PROMISE_TEXT_FIELDS
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    claim_or_raise,
    complete_submission,
    save_audited,
)
from parent_charter.core.models import SubmissionToken

from .models import LocalCommitment, LocalOffer, Programme

__all__ = ["DuplicateSubmission"]  # raised by the adds below; views catch it from here

OFFER_FIELDS = (
    "status",
    "status_date",
    "eligibility_age",
    "eligibility_boundary",
    "evidence_recency_months",
    "introduction_en",
    "introduction_cy",
    "published",
)
CONTACT_FIELDS = (
    "phone",
    "duty_phone",
    "out_of_hours_phone",
    "email",
    "address",
    "postcode",
    "welsh_required",
)
COMMITMENT_FIELDS = ("stage", "theme", "applies_to", *PROMISE_TEXT_FIELDS)
PROGRAMME_FIELDS = (
    "name",
    "summary_en",
    "summary_cy",
    "eligibility_en",
    "eligibility_cy",
    "maximum_age",
    "fathers_included",
    "residents_only",
    "places",
    "offered_on_new_baby",
    "support_forms",
    "support_givers",
    "delivery_places",
    "frequencies",
    "referral_routes",
)
PARTNER_FIELDS = ("name", "description", "website", "phone", "email")
KEY_MAX_LENGTH = 100  # the offer file's limit, so a key made here can be written back to a file
SLUG_MAX_LENGTH = 80  # the offer file's limit for a programme's slug, and the column's
# Slugs that would be read as another page in /staff/local-offer/programmes/<slug>/.
RESERVED_PROGRAMME_SLUGS = frozenset({"add"})
COMMITMENT_OBJECT_TYPE = "offers.localcommitment"
PROGRAMME_OBJECT_TYPE = "offers.programme"
PARTNER_OBJECT_TYPE = "authorities.partnerorganisation"


class PartnerNameTaken(Exception):
    """Another of the council's partner organisations already has this name. Nothing was saved."""


class ProviderNotInCouncil(ValueError):
    """A programme can only be run by one of its own council's partner organisations."""


@dataclass(frozen=True)
class ContactsChange:
    fields: list[str]
    weekdays: list[str]


def _changed(record, fields: dict, editable: tuple[str, ...]) -> list[str]:
    _refuse_unknown(fields, editable)
    return [
        name
        for name in editable
        if name in fields and _differs(getattr(record, name), fields[name])
    ]


def _refuse_unknown(fields: dict, editable: tuple[str, ...]) -> None:
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")


def _differs(stored, wanted) -> bool:
    # Multi-choice lists are sets: ticking the same boxes in another order is no change.
    if isinstance(stored, list) and isinstance(wanted, list):
        return set(stored) != set(wanted)
    return stored != wanted


def _update(
    record,
    *,
    actor,
    council,
    action: str,
    expected_version: int,
    fields: dict,
    editable: tuple[str, ...],
    also: dict | None = None,
) -> list[str]:
    """Save the changed fields unless someone saved first (EditConflict), with one audit row.

    `also` is written with them but not reported as a change (such as a last-updated time).
    """
    changed = _changed(record, fields, editable)
    return save_audited(
        record,
        expected_version=expected_version,
        fields={name: fields[name] for name in changed},
        also=also,
        actor=actor,
        council=council,
        action=action,
    )


def offer_update(*, offer: LocalOffer, actor, expected_version: int, **fields) -> list[str]:
    """Change the offer's status, age limit, introduction or publication. Returns changed names."""
    return _update(
        offer,
        actor=actor,
        council=offer.council,
        action="offer.updated",
        expected_version=expected_version,
        fields=fields,
        editable=OFFER_FIELDS,
        # update() skips auto_now, and the public page may show when the offer last changed.
        also={"updated_at": timezone.now()},
    )


def council_contacts_update(
    *,
    council: Council,
    actor,
    expected_version: int,
    hours: dict[int, tuple[tuple[datetime.time, datetime.time], ...]],
    **fields,
) -> ContactsChange:
    """Change the council's contacts and opening hours together, under the council's version.

    `hours` maps a weekday to its opening spans ((opens, closes), ...): two when the office
    closes for a break, none when it is closed that day. A day's spans are replaced together,
    so a second span is kept beside the first, never written over it.
    """
    changed = _changed(council, fields, CONTACT_FIELDS)
    current = spans_by_day(council.office_hours.all())
    for spans in hours.values():
        if spans_problem(spans):
            raise ValueError(f"office hours cannot be kept: {spans_problem(spans)}")
    changed_days = [
        weekday
        for weekday, wanted in sorted(hours.items())
        if tuple(sorted(wanted or ())) != current.get(weekday, ())
    ]
    change = ContactsChange(
        fields=changed, weekdays=[Weekday(day).name.lower() for day in changed_days]
    )
    with transaction.atomic():
        # First, so a conflict stops the save before any opening hours are touched.
        save_audited(
            council,
            expected_version=expected_version,
            fields={name: fields[name] for name in changed},
            actor=actor,
            council=council,
            action="offer.contacts.updated",
            detail={"weekdays": change.weekdays},
        )
        for weekday in changed_days:
            OfficeHours.objects.filter(council=council, weekday=weekday).delete()
            OfficeHours.objects.bulk_create(
                OfficeHours(council=council, weekday=weekday, opens_at=opens, closes_at=closes)
                for opens, closes in hours[weekday] or ()
            )
    return change


def _claim_or_refuse(form_token, *, object_type: str, existing_in):
    """Claim the add form's token, or raise DuplicateSubmission with what it made before.

    `existing_in` is the queryset the earlier record is looked up in (the council's own). These
    records have no public_id: a claim is completed with, and looked up by, the primary key.
    """
    return claim_or_raise(form_token, object_type=object_type, existing_in=existing_in, key="pk")


def _complete_claim(claim, obj) -> None:
    complete_submission(claim, obj, key="pk")


def local_commitment_add(*, offer: LocalOffer, actor, form_token, **fields) -> LocalCommitment:
    """Add a council's own promise, once per form token, under a key made from its title.

    Raises DuplicateSubmission if the token was used before, with the promise it made.
    """
    _refuse_unknown(fields, COMMITMENT_FIELDS)
    return _add_last(
        offer,
        offer.commitments,
        form_token=form_token,
        object_type=COMMITMENT_OBJECT_TYPE,
        actor=actor,
        action="offer.commitment.added",
        detail=lambda commitment: {"key": commitment.key},
        name="key",
        new_name=lambda taken: new_commitment_key(
            council_slug=offer.council.slug, title=fields["title_en"], taken=taken
        ),
        fields=fields,
        what=fields["title_en"],
    )


def _add_last(offer, rows, *, form_token, object_type, actor, action, detail, **create):
    """Add one of the offer's `rows` once per form token (`_create_last` with `create`), with
    its audit row (`detail(record)`)."""
    with transaction.atomic():
        claim = _claim_or_refuse(form_token, object_type=object_type, existing_in=rows)
        record = _create_last(rows, **create)
        _complete_claim(claim, record)
        audit.record(
            actor=actor,
            council=offer.council,
            action=action,
            obj=record,
            detail=detail(record),
        )
    return record


def _create_last(rows, *, name: str, new_name, fields: dict, what: str):
    """Create one of the offer's `rows` (its promises or programmes) after the others, under a
    `name` (key or slug) that `new_name(taken)` makes unique among them."""
    order = (rows.aggregate(last=Max("order"))["last"] or 0) + 1
    for _attempt in range(5):
        value = new_name(set(rows.values_list(name, flat=True)))
        try:
            # A savepoint, so losing a race for the name to another editor can be retried.
            with transaction.atomic():
                return rows.create(**{name: value}, order=order, **fields)
        except IntegrityError:
            continue
    raise IntegrityError(f"could not find a free {name} for {what!r}")


def new_commitment_key(*, council_slug: str, title: str, taken: set[str]) -> str:
    """`<council slug>.<title as a slug>`, with -2, -3… added if that key is taken already.

    Keys use the offer file's alphabet (lowercase letters and digits joined by '.' or '-').
    """
    prefix = f"{_key_part(council_slug) or 'council'}."
    stem = _key_part(title) or "promise"
    room = KEY_MAX_LENGTH - len(prefix) - len("-999")
    stem = stem[:room].strip("-")
    key = prefix + stem
    suffix = 2
    while key in taken:
        key = f"{prefix}{stem}-{suffix}"
        suffix += 1
    return key


def _key_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", slugify(text)).strip("-")


def local_commitment_update(
    *, commitment: LocalCommitment, actor, expected_version: int, **fields
) -> list[str]:
    """Change a council's promise. Its key never changes; `retired` stands in for deleting."""
    return _update(
        commitment,
        actor=actor,
        council=commitment.offer.council,
        action="offer.commitment.updated",
        expected_version=expected_version,
        fields=fields,
        editable=(*COMMITMENT_FIELDS, "retired"),
    )


def _check_provider(council: Council, provider) -> None:
    if provider is not None and provider.council_id != council.pk:
        raise ProviderNotInCouncil(f"{provider!r} is not one of {council}'s partners")


def programme_add(*, offer: LocalOffer, actor, form_token, **fields) -> Programme:
    """Add a programme run by one of the council's partners, once per form token.

    Its slug is made from its name, unique in the offer, and never changes afterwards.
    Raises DuplicateSubmission if the token was used before, with the programme it made.
    """
    _refuse_unknown(fields, (*PROGRAMME_FIELDS, "provider"))
    _check_provider(offer.council, fields.get("provider"))
    return _add_last(
        offer,
        offer.programmes,
        form_token=form_token,
        object_type=PROGRAMME_OBJECT_TYPE,
        actor=actor,
        action="offer.programme.added",
        detail=lambda programme: {"slug": programme.slug, "provider": programme.provider_id},
        name="slug",
        new_name=lambda taken: new_programme_slug(name=fields["name"], taken=taken),
        fields=fields,
        what=fields["name"],
    )


def new_programme_slug(*, name: str, taken: set[str]) -> str:
    """The name as a slug, with -2, -3… added if that slug is taken in the offer already.

    Slugs use the offer file's alphabet (lowercase letters and digits joined by '-').
    """
    taken = set(taken) | RESERVED_PROGRAMME_SLUGS
    stem = _key_part(name) or "programme"
    stem = stem[: SLUG_MAX_LENGTH - len("-999")].strip("-")
    slug, suffix = stem, 2
    while slug in taken:
        slug = f"{stem}-{suffix}"
        suffix += 1
    return slug


def programme_update(*, programme: Programme, actor, expected_version: int, **fields) -> list[str]:
    """Change what the offer says about a partner's programme, or who runs it.

    Its slug never changes. The provider must be one of the council's own partners.
    """
    _check_provider(programme.offer.council, fields.get("provider"))
    return _update(
        programme,
        actor=actor,
        council=programme.offer.council,
        action="offer.programme.updated",
        expected_version=expected_version,
        fields=fields,
        editable=(*PROGRAMME_FIELDS, "provider"),
    )


# --- Partner organisations -------------------------------------------------------------------


def partner_name_taken(council: Council, name: str, *, exclude=None) -> bool:
    """Whether another of the council's partners has this name, ignoring capitals.

    People tell partners apart by name, so "Home-Start" and "home-start" count as the same.
    """
    others = council.partner_organisations.filter(name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return others.exists()


def partner_added_with(form_token, *, council: Council) -> PartnerOrganisation | None:
    """The council's partner an add form with this token made already, if any."""
    if form_token is None:
        return None
    made = SubmissionToken.objects.filter(key=form_token, object_type=PARTNER_OBJECT_TYPE)
    object_id = made.values_list("object_id", flat=True).first()
    if not object_id or not object_id.isdigit():
        return None
    return council.partner_organisations.filter(pk=int(object_id)).first()


def partner_add(*, council: Council, actor, form_token, **fields) -> PartnerOrganisation:
    """Add a partner organisation the council works with, once per form token.

    Raises PartnerNameTaken if the council already has a partner of that name, and
    DuplicateSubmission if the token was used before, with the partner it made.
    """
    _refuse_unknown(fields, PARTNER_FIELDS)
    with transaction.atomic():
        claim = _claim_or_refuse(
            form_token, object_type=PARTNER_OBJECT_TYPE, existing_in=council.partner_organisations
        )
        if partner_name_taken(council, fields.get("name", "")):
            raise PartnerNameTaken(fields.get("name"))
        try:
            with transaction.atomic():
                partner = PartnerOrganisation.objects.create(council=council, **fields)
        except IntegrityError as error:
            raise PartnerNameTaken(fields.get("name")) from error
        _complete_claim(claim, partner)
        audit.record(
            actor=actor,
            council=council,
            action="offer.partner.added",
            obj=partner,
            detail={"name": partner.name},
        )
    return partner


def partner_update(
    *, partner: PartnerOrganisation, actor, expected_version: int, **fields
) -> list[str]:
    """Change a partner organisation's details. Returns the names of the changed fields.

    Raises PartnerNameTaken if another of the council's partners already has the new name.
    """
    if "name" in fields and partner_name_taken(partner.council, fields["name"], exclude=partner):
        raise PartnerNameTaken(fields["name"])
    try:
        return _update(
            partner,
            actor=actor,
            council=partner.council,
            action="offer.partner.updated",
            expected_version=expected_version,
            fields=fields,
            editable=PARTNER_FIELDS,
        )
    except IntegrityError as error:
        raise PartnerNameTaken(fields.get("name")) from error
