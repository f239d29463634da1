"""A parent's way in: accepting the invitation, signing in by email link, and recovering the
account. These pages are public and show no personal data.

Asking for a link shows the same page whether or not the address belongs to an account, and
the address is checked against django-axes' lock-out (the same lock the password page uses)
before anything is sent.
"""

from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from parent_charter.core.network import client_ip
from parent_charter.core.permissions import public

from . import services
from .forms import EmailForm, NewPasswordForm
from .links import SESSION_KEYS, find_link
from .models import LinkPurpose
from .signin import start_parent_session


def _link_from_session(request, purpose):
    """Move a secret arriving in the address into the session, then find its link.

    Returns (redirect or None, link or None): a redirect to the same page without the secret
    when one arrived, else the link the session's secret opens (None if none or not usable).
    """
    key = SESSION_KEYS[purpose]
    token = request.GET.get("token")
    if token is not None:
        request.session[key] = token[:100]
        return redirect(request.path), None
    return None, find_link(request.session.get(key, ""), purpose)


def _forget(request, purpose) -> None:
    request.session.pop(SESSION_KEYS[purpose], None)


def _link_not_valid(request, purpose, status=200):
    return render(request, "portal/link_not_valid.html", {"purpose": purpose}, status=status)


def _session_link(request, purpose):
    """The link a one-time page is for, or the response to give instead.

    Returns (response or None, link): a redirect to the same page without the secret when one
    arrived in the address, the "link not valid" page when the session's secret opens no usable
    link, else no response and the link.
    """
    moved, link = _link_from_session(request, purpose)
    if moved is None and link is None:
        return _link_not_valid(request, purpose), None
    return moved, link


def _opened_by_link(purpose):
    """A public page a one-time link for `purpose` opens (GET shows it, POST acts): the view is
    called as `view(request, link)` only when the session holds a usable link; otherwise the
    visitor gets the response `_session_link` gives."""

    def decorate(view):
        @public
        @never_cache
        @csrf_protect
        @require_http_methods(["GET", "POST"])
        @wraps(view)
        def page(request):
            stop, link = _session_link(request, purpose)
            if stop is not None:
                return stop
            return view(request, link)

        return page

    return decorate


def _spend_link(request, purpose, use):
    """Use the one-time link (`use`, the service that marks it used); the session forgets it
    either way. Returns (response or None, what `use` returned): the "link not valid" page
    (409) when the link can no longer be used. Other errors of `use` pass through, and the
    session keeps the link."""
    try:
        result = use()
    except services.LinkNotUsable:
        _forget(request, purpose)
        return _link_not_valid(request, purpose, status=409), None
    _forget(request, purpose)
    return None, result


def _new_password_form(request, link):
    """The form for the parent's new password, bound on POST; it knows the parent's name and
    address so it can refuse a password made of them."""
    parent = link.parent
    person = {"email": link.email, "full_name": f"{parent.given_name} {parent.family_name}"}
    if request.method == "POST":
        return NewPasswordForm(request.POST, **person)
    return NewPasswordForm(**person)


# --- The invitation -----------------------------------------------------------------------


@_opened_by_link(LinkPurpose.INVITATION)
def accept_invitation(request, link):
    form = _new_password_form(request, link)
    if form.is_valid():
        password = form.cleaned_data["password"]
        try:
            stop, user = _spend_link(
                request,
                LinkPurpose.INVITATION,
                lambda: services.accept_invitation(link=link, password=password),
            )
        except services.EmailInUse:
            return render(request, "portal/email_in_use.html", status=409)
        if stop is not None:
            return stop
        # After the session starts, so the welcome is in the parent's language.
        response = start_parent_session(request, user, method="invitation")
        messages.success(request, _("Your account is ready. Welcome to Parent Charter."))
        return response
    return render(
        request,
        "portal/accept_invitation.html",
        {"form": form, "email": link.email, "council": link.parent.council},
    )


# --- Signing in by email link --------------------------------------------------------------


def _ask_for_link(request, purpose, *, template, sent_url_name):
    form = EmailForm()
    if request.method == "POST":
        form = EmailForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            locked = AxesProxyHandler.is_locked(request, credentials={"username": email})
            if not locked:
                services.request_link(
                    email=email,
                    purpose=purpose,
                    ip_address=client_ip(request),
                )
            # The same answer whether or not an account exists, is locked or was throttled.
            return redirect(sent_url_name)
    return render(request, template, {"form": form})


def _link_pages(purpose, *, template, sent_url_name):
    """The page that asks for the parent's email address to send them a one-time link for
    `purpose`, and the page that says to look for it (the same page for sign-in and recovery)."""

    @public
    @never_cache
    @csrf_protect
    @require_http_methods(["GET", "POST"])
    def ask(request):
        return _ask_for_link(request, purpose, template=template, sent_url_name=sent_url_name)

    @public
    @require_http_methods(["GET", "HEAD"])
    def sent(request):
        return render(request, "portal/check_email.html", {"purpose": purpose})

    return ask, sent


email_sign_in, email_sign_in_sent = _link_pages(
    LinkPurpose.SIGN_IN,
    template="portal/email_sign_in.html",
    sent_url_name="portal:email_sign_in_sent",
)


@_opened_by_link(LinkPurpose.SIGN_IN)
def use_sign_in_link(request, link):
    # Signing in takes a button press, not just opening the link: email scanners that open
    # links to check them must not use up the parent's link.
    if request.method == "POST":
        stop, user = _spend_link(
            request, LinkPurpose.SIGN_IN, lambda: services.use_sign_in_link(link=link)
        )
        if stop is not None:
            return stop
        return start_parent_session(request, user, method="email_link")
    return render(request, "portal/use_sign_in_link.html")


# --- Recovering the account -------------------------------------------------------------------


recover, recover_sent = _link_pages(
    LinkPurpose.PASSWORD_RESET,
    template="portal/recover.html",
    sent_url_name="portal:recover_sent",
)


@_opened_by_link(LinkPurpose.PASSWORD_RESET)
def reset_password(request, link):
    form = _new_password_form(request, link)
    if form.is_valid():
        password = form.cleaned_data["password"]
        stop, _done = _spend_link(
            request,
            LinkPurpose.PASSWORD_RESET,
            lambda: services.reset_password(link=link, password=password),
        )
        if stop is not None:
            return stop
        messages.success(
            request, _("Your password has been changed. Sign in with your new password.")
        )
        return redirect(reverse("accounts:login"))
    return render(request, "portal/reset_password.html", {"form": form})
