"""Writes to parents' records and consents, each in one transaction with its audit event."""

import datetime

from django.db import transaction

from parent_charter.audit import services as audit
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    claim_or_raise,
    complete_submission,
    save_audited,
)

from . import facts
from .models import ConsentRecord, EqualityAnswers, Parent

EDITABLE_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "parent_role",
    "email",
    "phone",
    "address",
    "postcode",
    "preferred_contact",
    "preferred_language",
    "care_status",
    "care_category",
    "personal_adviser",
)


__all__ = ["DuplicateSubmission"]  # raised by the adds below; views catch it from here


class ConsentAlreadyWithdrawn(Exception):
    def __init__(self, consent: ConsentRecord):
        super().__init__("This consent was already withdrawn.")
        self.consent = consent


def parent_create(*, council, actor, form_token, **fields) -> Parent:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a parent's record: {sorted(unknown)}")
    with transaction.atomic():
        claim = claim_or_raise(form_token, object_type="parents.parent", model=Parent)
        parent = Parent.objects.create(council=council, **fields)
        complete_submission(claim, parent)
        audit.record(actor=actor, council=council, action="parent.created", obj=parent)
        # The plan exists from the start, with the promises for the stages that apply now
        # (the plans app answers the announcement).
        facts.announce(parent=parent, actor=actor, reason="record created")
    return parent


def parent_update(*, parent: Parent, actor, expected_version: int, **fields) -> list[str]:
    """Save changed fields unless someone else saved first (raises EditConflict).

    Of these fields only whether the parent is a mother, a father or another parent changes
    the plan (some promises are for mothers or for fathers), so only that refreshes it.
    """
    with transaction.atomic():
        changed = save_audited(
            parent,
            expected_version=expected_version,
            fields={name: fields[name] for name in EDITABLE_FIELDS if name in fields},
            only_changed=True,
            actor=actor,
            action="parent.updated",
        )
        if "parent_role" in changed:
            facts.announce(parent=parent, actor=actor, reason="parent role changed")
    return changed


def consent_give(
    *,
    parent: Parent,
    actor,
    form_token,
    share_with: str,
    partner_organisation,
    information: str,
    given_on: datetime.date,
) -> ConsentRecord:
    """Record what the parent agreed may be shared and with whom. Audited on the parent."""
    if partner_organisation is not None and partner_organisation.council_id != parent.council_id:
        raise ValueError("Consent can name only the parent's own council's partners.")
    return add_once(
        ConsentRecord,
        form_token=form_token,
        object_type="parents.consentrecord",
        actor=actor,
        action="consent.given",
        about=parent,
        audit_detail=lambda consent: {
            "consent": str(consent.public_id),
            "partner_organisation": partner_organisation.pk if partner_organisation else None,
        },
        council=parent.council,
        parent=parent,
        share_with=share_with,
        partner_organisation=partner_organisation,
        information=information,
        given_on=given_on,
        recorded_by=actor,
    )


def consent_withdraw(
    *, consent: ConsentRecord, actor, withdrawn_on: datetime.date, note: str = ""
) -> ConsentRecord:
    """Record that the parent withdrew a consent. A withdrawn consent stays withdrawn.

    The check and the write are one UPDATE, so two people withdrawing at once cannot both
    succeed: the second gets ConsentAlreadyWithdrawn with the first one's record.
    """
    if withdrawn_on < consent.given_on:
        raise ValueError("Consent cannot be withdrawn before it was given.")
    with transaction.atomic():
        updated = ConsentRecord.objects.filter(pk=consent.pk, withdrawn_on__isnull=True).update(
            withdrawn_on=withdrawn_on, withdrawn_by=actor, withdrawal_note=note
        )
        if updated != 1:
            raise ConsentAlreadyWithdrawn(
                ConsentRecord.objects.select_related("withdrawn_by").get(pk=consent.pk)
            )
        consent.withdrawn_on, consent.withdrawn_by, consent.withdrawal_note = (
            withdrawn_on,
            actor,
            note,
        )
        audit.record(
            actor=actor,
            council=consent.parent.council,
            action="consent.withdrawn",
            obj=consent.parent,
            detail={"consent": str(consent.public_id), "note_given": bool(note)},
        )
    return consent


EQUALITY_FIELDS = ("ethnic_group", "disability")


def equality_update(
    *, parent: Parent, actor, expected_version: int, by_parent: bool = False, **fields
) -> list[str]:
    """Save the parent's equality monitoring answers at the version their editor saw (raises
    EditConflict when someone saved first). The first save makes the row, at version 1, which
    is the version an editor sees before there is one. The audit row names the fields that
    changed, never the answers, and says whether the parent answered in the portal."""
    with transaction.atomic():
        answers, _created = EqualityAnswers.objects.get_or_create(
            parent=parent, defaults={"council": parent.council}
        )
        # The answers hang off the parent one to one, which the audit trail does not follow
        # by itself, so the parent is named.
        return save_audited(
            answers,
            expected_version=expected_version,
            fields={name: fields[name] for name in EQUALITY_FIELDS if name in fields},
            only_changed=True,
            actor=actor,
            action="parent.equality.updated",
            council=parent.council,
            parent=parent,
            detail={"by": "parent" if by_parent else "staff"},
        )
