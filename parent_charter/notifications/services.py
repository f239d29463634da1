"""Raising notifications. Call inside the transaction of the change that causes them."""

from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.registries.notification_kinds import is_known
from parent_charter.messaging import services as messaging

from .models import ParentNotice, StaffNotification


class UnknownKind(ValueError):
    pass


def _check(kind: str) -> None:
    if not is_known(kind):
        raise UnknownKind(f"Register notification kind {kind!r} in kinds.register first.")


def notify_staff(
    *, council, recipients, kind: str, params: dict | None = None, url: str = ""
) -> list[StaffNotification]:
    """One notification per recipient (duplicates and missing people dropped); email follows.

    The email says only that something is waiting, never what or about whom: the reader signs
    in to see it.
    """
    _check(kind)
    people = {person.pk: person for person in recipients if person is not None}
    created = StaffNotification.objects.bulk_create(
        StaffNotification(
            council=council, recipient=person, kind=kind, params=params or {}, url=url
        )
        for person in people.values()
    )
    if created:
        from .tasks import email_staff_notifications

        ids = [n.recipient_id for n in created]
        transaction.on_commit(lambda: email_staff_notifications.enqueue(ids))
    return created


def notify_parent(
    *, parent, kind: str, params: dict | None = None, message: str = "notice", actor=None
) -> ParentNotice:
    """A notice for the parent, and a text or email telling them to sign in and read it.

    `message` is the kind of message sent (messaging.kinds): a plain "notice" by default, which
    the parent cannot opt out of; it never says what the notice is about.
    """
    _check(kind)
    notice = ParentNotice.objects.create(
        council=parent.council, parent=parent, kind=kind, params=params or {}
    )
    messaging.queue(parent=parent, kind=message, actor=actor)
    return notice


def list_for_reading(*, user) -> list[StaffNotification]:
    """The reader's notifications as shown (new ones still marked new), then all marked read,
    with the read audited: the texts name parents."""
    from .selectors import for_user

    with transaction.atomic():
        notifications = for_user(user)
        marked = mark_all_read(user=user)
        audit.record(
            actor=user,
            council=user.council,
            action="notifications.list.viewed",
            detail={"shown": len(notifications), "new": marked},
        )
    return notifications


def mark_all_read(*, user) -> int:
    return StaffNotification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_parent_notice_told(*, actor, notice: ParentNotice) -> ParentNotice:
    """The adviser records that they passed the notice on to the parent."""
    with transaction.atomic():
        if notice.told_at is None:
            notice.told_at = timezone.now()
            notice.save(update_fields=["told_at"])
            audit.record(
                actor=actor,
                council=notice.council,
                action="parent_notice.told",
                obj=notice.parent,
                detail={"kind": notice.kind},
            )
        return notice
