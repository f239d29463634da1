"""Staff pages of the portal: inviting a parent, switching their sign-in off, the council's
challenges and answering one, and the council's response time."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.conflicts import rebound_at
from parent_charter.core.edit_views import council_setting_page
from parent_charter.core.form_reads import record_parent_viewed
from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires
from parent_charter.parents.models import Parent

from . import selectors, services, services_challenges
from .forms import InviteForm, PortalSettingsForm, ResponseForm

PAGE_SIZE = 50


def _parent(public_id) -> Parent:
    parents = Parent.objects.select_related("council", "personal_adviser")
    return or_404(parents.get, public_id=public_id)


def _portal_section_url(parent) -> str:
    return reverse("parents:detail", kwargs={"public_id": parent.public_id}) + "#portal"


# --- Invitation and switching off ----------------------------------------------------------


@requires("portal.invite_parent")
@require_http_methods(["GET", "POST"])
def invite(request, parent_id):
    parent = _parent(parent_id)
    summary = selectors.account_summary(parent)
    current_email = summary.account.user.email if summary.account else parent.email
    form = InviteForm(initial={"email": current_email})
    if request.method == "POST":
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                services.invite_parent(
                    parent=parent,
                    actor=request.user,
                    email=form.cleaned_data["email"],
                )
            except services.EmailInUse:
                form.add_error(
                    "email",
                    _(
                        "This email address is already used by another account. Check it "
                        "with the parent."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("Invitation sent. The link works once, for 7 days."),
                )
                return redirect(_portal_section_url(parent))
    record_parent_viewed(actor=request.user, parent=parent, form="portal.invite")
    return render(
        request, "portal/staff/invite.html", {"form": form, "parent": parent, "summary": summary}
    )


@requires("portal.invite_parent")
@require_http_methods(["GET", "POST"])
def disable(request, parent_id):
    parent = _parent(parent_id)
    if request.method == "POST":
        account = services.disable_account(parent=parent, actor=request.user)
        if account is not None:
            messages.success(request, _("The parent's portal sign-in is switched off."))
        else:
            messages.success(request, _("The invitation is cancelled."))
        return redirect(_portal_section_url(parent))
    record_parent_viewed(actor=request.user, parent=parent, form="portal.disable")
    return render(
        request,
        "portal/staff/disable.html",
        {"parent": parent, "summary": selectors.account_summary(parent)},
    )


# --- Challenges -------------------------------------------------------------------------------


@requires("portal.handle_challenges")
@require_http_methods(["GET", "HEAD"])
def challenge_list(request):
    show = request.GET.get("show", "open")
    if show not in selectors.STAFF_FILTERS:
        show = "open"
    today = timezone.localdate()
    page = Paginator(selectors.challenges_for_staff(show=show, today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        (
            challenge,
            selectors.promise_title(challenge),
            selectors.is_challenge_overdue(challenge, today),
        )
        for challenge in page
    ]
    services.record_list_viewed(actor=request.user, shown=len(rows), show=show)
    return render(
        request,
        "portal/staff/challenges.html",
        {"page": page, "rows": rows, "show": show, "filters": selectors.STAFF_FILTERS},
    )


@requires("portal.handle_challenges")
@require_http_methods(["GET", "POST"])
def challenge_detail(request, challenge_id):
    challenge = or_404(selectors.challenge_for_staff, challenge_id)
    form, conflict, status = None, None, 200
    if challenge.awaits_council:
        form = ResponseForm(initial={"version": challenge.version})
    if request.method == "POST":
        form = ResponseForm(request.POST)
        if not challenge.awaits_council:
            conflict, status = "moved_on", 409
        elif form.is_valid():
            try:
                services_challenges.challenge_respond(
                    challenge=challenge,
                    actor=request.user,
                    expected_version=form.expected_version,
                    response=form.cleaned_data["response"],
                )
            except EditConflict as error:
                conflict, status = "changed", 409
                form = rebound_at(request, ResponseForm, error.current)
            except services_challenges.WrongState:
                conflict, status = "moved_on", 409
            else:
                messages.success(
                    request, _("Response sent. The parent can read it in their portal.")
                )
                return redirect("portal_staff:challenge", challenge_id=challenge.public_id)
        if conflict is not None:
            challenge = or_404(selectors.challenge_for_staff, challenge_id)
            if not challenge.awaits_council:
                form = None
    services.record_viewed(
        actor=request.user,
        parent=challenge.parent,
        action="portal.challenge.viewed",
        detail={"challenge": str(challenge.public_id)},
    )
    return render(
        request,
        "portal/staff/challenge.html",
        {
            "challenge": challenge,
            "parent": challenge.parent,
            "promise": selectors.promise_title(challenge),
            "overdue": selectors.is_challenge_overdue(challenge),
            "form": form,
            "conflict": conflict,
        },
        status=status,
    )


# --- The council's setting -------------------------------------------------------------------


@requires("portal.change_settings")
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    return council_setting_page(
        request,
        services_challenges.settings_for(request.user.council),
        form_class=PortalSettingsForm,
        update=services_challenges.settings_update,
        template="portal/staff/settings.html",
        done="core:dashboard",
        record_name="row",
    )
