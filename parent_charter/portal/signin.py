"""Where a parent lands after signing in, in which language, and starting their session.

Parents sign in with a password (the ordinary sign-in page) or a one-time email link; they
are not asked for a security code (staff are: accounts.middleware). Either way they land on
their portal home, or on the portal page that sent them to sign in.
"""

import time

from django.conf import settings
from django.contrib.auth import login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from parent_charter.accounts.middleware import AUTHENTICATED_AT, LAST_SEEN_AT
from parent_charter.accounts.services import record_sign_in_event

PORTAL_PREFIX = "/my/"


def preferred_language(user) -> str | None:
    """The parent's preferred language from their record, or None if there is none."""
    from .models import PortalAccount

    try:
        # Reverse and forward one-to-one descriptors read through the base manager, so no
        # council scope is needed before the session starts.
        return user.portal_account.parent.preferred_language or None
    except PortalAccount.DoesNotExist:
        return None


def parent_landing(request, user, *, next_url: str = ""):
    """Redirect to the portal (or the portal page asked for) in the parent's language.

    A parent whose record says Welsh gets Welsh, unless they have already chosen a language
    with the switch in this browser: the switch's choice (a year-long cookie) always wins.
    """
    target = next_url if next_url.startswith(PORTAL_PREFIX) else reverse("portal:home")
    response = redirect(target)
    language = preferred_language(user)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if language and not chosen:
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def start_parent_session(request, user, *, method: str):
    """Sign the parent in after a one-time link, exactly as the password page would."""
    login(request, user, backend="parent_charter.accounts.backends.PasswordBackend")
    now = time.time()
    request.session[AUTHENTICATED_AT] = now
    request.session[LAST_SEEN_AT] = now
    record_sign_in_event(user=user, action="account.signed_in", detail={"method": method})
    return parent_landing(request, user)
