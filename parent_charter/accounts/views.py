"""Signing in (password, then a one-time code for staff) and signing out."""

import base64
import time
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language
from django_otp import devices_for_user
from django_otp import login as otp_login

from parent_charter.core.permissions import public
from parent_charter.core.registries.parent_landing import parent_landing

from . import services
from .forms import SignInForm, TokenForm
from .middleware import AUTHENTICATED_AT, LAST_SEEN_AT

DEMO_CODE_FOR = "pc_demo_code_for"


@public
def choose_language(request):
    """Django's language switch; a signed-in person's choice is also kept on their account,
    so the emails the system sends them are in that language too."""
    response = set_language(request)
    if request.user.is_authenticated:
        services.remember_language(user=request.user, language=request.POST.get("language", ""))
    return response


def _before_two_factor(view):
    """Reachable by a signed-in user who has not yet passed the second step."""
    view.before_two_factor = True
    return view


def _safe_next(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@public
@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def sign_in(request):
    # Only a page the person asked for; otherwise staff go to their start page (below).
    next_url = _safe_next(request, "")
    if request.method == "POST":
        form = SignInForm(request, data=request.POST)
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            now = time.time()
            request.session[AUTHENTICATED_AT] = now
            request.session[LAST_SEEN_AT] = now
            services.record_sign_in_event(user=user, action="account.signed_in")
            if settings.PARENT_CHARTER_REQUIRE_TWO_FACTOR and user.is_staff_member:
                request.session["pc_next"] = next_url or _start_page(user)
                has_device = any(devices_for_user(user, confirmed=True))
                return redirect(
                    "accounts:two_factor" if has_device else "accounts:two_factor_setup"
                )
            if not user.is_staff_member:
                # Parents land in their portal, in the language their record prefers.
                return parent_landing(request, user, next_url=next_url)
            return redirect(next_url or _start_page(user))
    else:
        form = SignInForm(request)
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


def _start_page(user) -> str:
    """Where a person lands after signing in when they did not ask for a page: staff on their
    start page, not the public home page."""
    if user.is_staff_member:
        return reverse("core:dashboard")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@_before_two_factor
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request):
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect("accounts:two_factor_setup")
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            device = _matching_device(devices, form.cleaned_data["token"])
            if device is not None:
                otp_login(request, device)
                services.record_sign_in_event(user=request.user, action="account.two_factor.passed")
                return redirect(request.session.pop("pc_next", None) or _start_page(request.user))
            services.record_sign_in_event(user=request.user, action="account.two_factor.failed")
            form.add_error(
                "token", _("The security code is not right, or has expired. Try the newest code.")
            )
    else:
        form = TokenForm()
    demo_code = None
    if settings.PARENT_CHARTER_DEMO_MODE:
        demo = [d for d in devices if d.name == services.DEMO_DEVICE_NAME]
        if demo:
            # Once per sign-in (marked by when the password step passed), so the shown code
            # works even if an earlier sign-in used it, but cannot be replayed forever.
            signed_in_at = request.session.get(AUTHENTICATED_AT)
            if request.session.get(DEMO_CODE_FOR) != signed_in_at:
                services.make_demo_code_usable(demo[0])
                request.session[DEMO_CODE_FOR] = signed_in_at
            demo_code = services.current_code(demo[0])
    return render(request, "accounts/two_factor.html", {"form": form, "demo_code": demo_code})


def _matching_device(devices, token):
    for device in devices:
        # verify_is_allowed enforces django-otp's throttling after failures.
        allowed, _info = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


@_before_two_factor
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    if any(devices_for_user(request.user, confirmed=True)):
        return redirect("accounts:two_factor")
    device = services.pending_device(request.user)
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            if device.verify_token(form.cleaned_data["token"]):
                services.confirm_device(user=request.user, device=device)
                otp_login(request, device)
                messages.success(request, _("Your authenticator app is set up"))
                return redirect(request.session.pop("pc_next", None) or _start_page(request.user))
            form.add_error(
                "token", _("The security code is not right. Check the app and try again.")
            )
    else:
        form = TokenForm()
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": _qr_svg(device.config_url),
        },
    )


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    # The SVG is generated by qrcode from our own otpauth URL; it holds no user input markup.
    return mark_safe(buffer.getvalue().decode())  # noqa: S308


@public
@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        services.record_sign_in_event(user=request.user, action="account.signed_out")
    logout(request)
    messages.success(request, _("You have signed out"))
    response = redirect(settings.LOGOUT_REDIRECT_URL)
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
