"""Sign-in events and second-factor devices. Authentication events go to the audit trail."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from parent_charter.audit import services as audit

DEMO_DEVICE_NAME = "Demo authenticator"


def record_sign_in_event(*, user, action: str, detail: dict | None = None) -> None:
    with transaction.atomic():
        audit.record(actor=user, council=user.council, action=action, obj=user, detail=detail)


def current_code(device: TOTPDevice) -> str:
    """The code a device shows now. Used only to show demo accounts' codes in demo mode."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def make_demo_code_usable(device: TOTPDevice) -> None:
    """Demo mode only: let the code shown on the page be used once more.

    A code is refused after its time step has been used, so signing in twice within 30
    seconds would show a code and then refuse it. The demo shows the code anyway, so the
    replay protection guards nothing here; real accounts keep it.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t >= totp.t():
        device.last_t = totp.t() - 1
        device.save(update_fields=["last_t"])


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up, created once and reused on reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def confirm_device(*, user, device: TOTPDevice) -> None:
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        audit.record(actor=user, council=user.council, action="account.two_factor.set_up", obj=user)


def remember_language(*, user, language: str) -> bool:
    """Keep the language a signed-in person chose, for the emails sent to them. Audited."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        return False
    with transaction.atomic():
        changed = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .exclude(preferred_language=language)
            .update(preferred_language=language)
        )
        if changed:
            user.preferred_language = language
            audit.record(
                actor=user,
                council=user.council,
                action="account.language_chosen",
                obj=user,
                detail={"language": language},
            )
    return bool(changed)
