"""Reading notifications: one query per page however many there are."""

from .models import ParentNotice, StaffNotification


def for_user(user, *, limit: int = 100):
    return list(StaffNotification.objects.filter(recipient=user)[:limit])


def unread_count(user) -> int:
    return StaffNotification.objects.filter(recipient=user, read_at__isnull=True).count()


def notices_for_parent(parent):
    return list(ParentNotice.objects.filter(parent=parent))
