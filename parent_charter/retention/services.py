"""Changes to the retention schedule, the day support ended, and disposals.

Disposal takes two people: one proposes it, and another, named, approves it; the records go in
the approval's transaction. The audit event says which kind of record went and how many rows,
never what they held.
"""

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from parent_charter.accounts.models import User
from parent_charter.audit import services as audit
from parent_charter.core.concurrency import EditConflict, save_if_unchanged

from .kinds import KINDS
from .models import DisposalRequest, DisposalStatus, RetentionRule, SupportEnd
from .selectors import add_months, rule_for


class DisposalRefused(Exception):
    """The disposal cannot happen; the message says why, in words for the member of staff."""


def update_rule(*, council, actor, kind: str, expected_version: int, keep_for_months: int, reason):
    """Set how long the council keeps one kind of record, and why."""
    with transaction.atomic():
        row = RetentionRule.objects.select_for_update().filter(council=council, kind=kind).first()
        if row is None:
            if expected_version != 0:
                # The schedule's row was removed under us: impossible through the application.
                raise EditConflict(current=rule_for(council, kind))
            row = RetentionRule.objects.create(
                council=council, kind=kind, keep_for_months=keep_for_months, reason=reason
            )
        else:
            if row.version != expected_version:
                raise EditConflict(current=rule_for(council, kind))
            save_if_unchanged(
                row,
                expected_version=expected_version,
                fields={"keep_for_months": keep_for_months, "reason": reason},
            )
        audit.record(
            actor=actor,
            council=council,
            action="retention.rule.updated",
            obj=row,
            detail={"kind": kind, "keep_for_months": keep_for_months},
        )
    return row


def record_support_end(*, parent, actor, ended_on, expected_version: int = 0) -> SupportEnd:
    """Record (or correct) the day the council's support for the parent ended."""
    with transaction.atomic():
        row = SupportEnd.objects.select_for_update().filter(parent=parent).first()
        if row is None:
            row = SupportEnd.objects.create(
                council=parent.council, parent=parent, ended_on=ended_on, recorded_by=actor
            )
            action = "retention.support_end.recorded"
        else:
            if row.version != expected_version:
                raise EditConflict(current=row)
            save_if_unchanged(
                row,
                expected_version=expected_version,
                fields={"ended_on": ended_on, "recorded_by": actor},
            )
            action = "retention.support_end.corrected"
        audit.record(actor=actor, council=parent.council, action=action, obj=parent)
    return row


def clear_support_end(*, parent, actor) -> None:
    """Support has resumed: nothing of the parent's is due for disposal any more."""
    with transaction.atomic():
        deleted, _detail = SupportEnd.objects.filter(parent=parent).delete()
        DisposalRequest.objects.filter(parent=parent, status=DisposalStatus.PROPOSED).update(
            status=DisposalStatus.DECLINED, decided_at=timezone.now()
        )
        if deleted:
            audit.record(
                actor=actor,
                council=parent.council,
                action="retention.support_end.cleared",
                obj=parent,
            )


def _due_on(parent, kind: str):
    end = SupportEnd.objects.filter(parent=parent).first()
    if end is None:
        return None
    return add_months(end.ended_on, rule_for(parent.council, kind).keep_for_months)


def propose_disposal(*, parent, kind: str, actor) -> DisposalRequest:
    """Propose disposing of one kind of the parent's records, once its period has run out."""
    if kind not in KINDS:
        raise DisposalRefused(_("Choose a kind of record from the list"))
    with transaction.atomic():
        due_on = _due_on(parent, kind)
        if due_on is None or due_on > timezone.localdate():
            raise DisposalRefused(_("These records are not yet due for disposal"))
        existing = DisposalRequest.objects.filter(
            parent=parent, kind=kind, status=DisposalStatus.PROPOSED
        ).first()
        if existing is not None:
            return existing
        proposal = DisposalRequest.objects.create(
            council=parent.council, parent=parent, kind=kind, due_on=due_on, proposed_by=actor
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="retention.disposal.proposed",
            obj=proposal,
            detail={"kind": kind},
        )
    return proposal


def decline_disposal(*, proposal, actor) -> DisposalRequest:
    """Keep the records after all: the proposal is closed and nothing is removed."""
    with transaction.atomic():
        proposal = DisposalRequest.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != DisposalStatus.PROPOSED:
            raise DisposalRefused(_("This disposal has already been decided"))
        proposal.status = DisposalStatus.DECLINED
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(
            actor=actor,
            council=proposal.council,
            action="retention.disposal.declined",
            obj=proposal,
            detail={"kind": proposal.kind},
        )
    return proposal


def approve_disposal(*, proposal, actor) -> DisposalRequest:
    """A second, named person approves: the records of the kind are removed now, and audited
    by kind and number only."""
    with transaction.atomic():
        proposal = (
            DisposalRequest.objects.select_for_update(of=("self",))
            .select_related("parent")
            .get(pk=proposal.pk)
        )
        if proposal.status != DisposalStatus.PROPOSED:
            raise DisposalRefused(_("This disposal has already been decided"))
        if proposal.proposed_by_id == actor.pk:
            raise DisposalRefused(
                _("Someone other than the person who proposed a disposal must approve it")
            )
        parent = proposal.parent
        if parent is None:
            raise DisposalRefused(_("These records have already been disposed of"))
        due_on = _due_on(parent, proposal.kind)
        if due_on is None or due_on > timezone.localdate():
            raise DisposalRefused(_("These records are no longer due for disposal"))
        kind = KINDS[proposal.kind]
        removed = 0
        try:
            with transaction.atomic():
                if kind.key == "parent_record":
                    removed = _dispose_parent(parent)
                    # The database has cleared the link (SET_NULL); so does this copy.
                    proposal.parent = None
                else:
                    for queryset in kind.querysets(parent):
                        removed += queryset.count()
                        queryset.delete()
        except (ProtectedError, RestrictedError) as error:
            raise DisposalRefused(
                _(
                    "These records cannot be disposed of while records kept for longer still "
                    "refer to them. Dispose of those first, when they are due."
                )
            ) from error
        proposal.status = DisposalStatus.DISPOSED
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.records_disposed = removed
        proposal.save(update_fields=["status", "decided_by", "decided_at", "records_disposed"])
        # Kind and number only: the trail proves what went and on whose decision, and keeps
        # nothing of what it held.
        audit.record(
            actor=actor,
            council=proposal.council,
            action="retention.disposed",
            obj=proposal,
            detail={
                "kind": kind.key,
                "records": removed,
                "proposed_by": proposal.proposed_by_id,
            },
        )
    return proposal


def _dispose_parent(parent) -> int:
    """Remove the parent's record and what hangs from it, and children held only for them."""
    from parent_charter.children.models import Child, ChildParent

    child_ids = list(ChildParent.objects.filter(parent=parent).values_list("child_id", flat=True))
    # Their portal sign-in goes too, so nobody can sign in to a record that no longer exists
    # (found through the join's user side, so retention need not import the portal).
    users = list(User.objects.filter(portal_account__parent=parent))
    parent.delete()
    orphans = Child.objects.filter(pk__in=child_ids, parent_links__isnull=True)
    orphans.delete()
    for user in users:
        # The account row stays (audit events name it as their actor); what identified the
        # parent does not. An unusable password and no email: nobody can sign in as it.
        user.is_active = False
        user.username = f"disposed-{user.public_id}"
        user.email = f"disposed-{user.public_id}@invalid"
        user.full_name = ""
        user.first_name = ""
        user.last_name = ""
        user.set_unusable_password()
        user.save()
    return 1
