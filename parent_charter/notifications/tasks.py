"""Background delivery of notification emails (never inside a request)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils.translation import gettext as _
from django.utils.translation import override

from parent_charter.accounts.models import User


@task
def email_staff_notifications(user_ids: list[int]) -> int:
    """Tell each person that something is waiting for them, in their own language. No personal
    data in the email."""
    sent = 0
    for user in User.objects.filter(pk__in=set(user_ids), is_active=True).exclude(email=""):
        # In the language the person last chose (accounts.services.remember_language).
        with override(user.preferred_language or settings.LANGUAGE_CODE):
            sent += send_mail(
                subject=_("Parent Charter: something needs your attention"),
                message=_(
                    "A new notification is waiting for you in Parent Charter. Sign in to read it."
                ),
                from_email=None,
                recipient_list=[user.email],
            )
    return sent
