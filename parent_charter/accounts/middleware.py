"""Session time-outs and the two-factor requirement for staff."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

AUTHENTICATED_AT = "pc_authenticated_at"
LAST_SEEN_AT = "pc_last_seen_at"
# How stale the recorded last-seen time may get before a request renews it. Renewing it on every
# request rewrote the session row (an UPDATE and its transaction) on every page; now a busy user's
# session is written once a minute. The idle time-out counts from the recorded time, so it can
# come up to this much sooner than before, never later.
LAST_SEEN_STEP_SECONDS = 60


class SessionTimeoutMiddleware:
    """Signs a user out after a spell idle, and after a fixed time however active they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            authenticated_at = request.session.get(AUTHENTICATED_AT, now)
            last_seen_at = request.session.get(LAST_SEEN_AT, now)
            idle = now - last_seen_at > settings.PARENT_CHARTER_SESSION_IDLE_SECONDS
            expired = now - authenticated_at > settings.PARENT_CHARTER_SESSION_ABSOLUTE_SECONDS
            if idle or expired:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out because you had not used the service for a while.")
                    if idle
                    else _("You were signed out because you had been signed in for a long time."),
                )
                return redirect(settings.LOGIN_URL)
            request.session.setdefault(AUTHENTICATED_AT, now)
            if now - last_seen_at >= LAST_SEEN_STEP_SECONDS or LAST_SEEN_AT not in request.session:
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Staff who have not passed their second factor reach only the sign-in steps."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not settings.PARENT_CHARTER_REQUIRE_TWO_FACTOR or not user.is_authenticated:
            return None
        if getattr(view_func, "is_public", False) or getattr(view_func, "before_two_factor", False):
            return None
        if not user.is_staff_member or user.is_verified():
            return None
        from django_otp import devices_for_user

        has_device = any(devices_for_user(user, confirmed=True))
        return redirect("accounts:two_factor" if has_device else "accounts:two_factor_setup")
