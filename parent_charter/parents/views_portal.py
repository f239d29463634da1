"""The parent's own equality monitoring answers (portal, under /my/about-you/). The parent is
always the signed-in one (parents.access.current_parent); nothing in the URL names a record."""

from functools import partial

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.audit import services as audit
from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.permissions import requires

from . import selectors, services
from .access import current_parent
from .forms import WHY_ASKED_PORTAL, EqualityForm


def _home_url() -> str:
    try:
        return reverse("portal:home")
    except NoReverseMatch:  # the portal's home page is another app's
        return "/my/"


@requires("portal.use_portal")
@require_http_methods(["GET", "POST"])
def equality(request):
    parent = current_parent(request)
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            EqualityForm(request.POST, portal=True),
            partial(services.equality_update, parent=parent, actor=request.user, by_parent=True),
            rebind_kwargs=lambda current: {"portal": True},
        )
        if saved:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect(_home_url())
    else:
        answers = selectors.equality_of(parent)
        with transaction.atomic():
            audit.record(
                actor=request.user,
                council=parent.council,
                action="portal.equality_viewed",
                parent=parent,
            )
        form = EqualityForm(initial=EqualityForm.initial_for(answers), portal=True)
    return render(
        request,
        "parents/portal_equality.html",
        {"form": form, "conflict": conflict, "why": WHY_ASKED_PORTAL, "home_url": _home_url()},
    )
