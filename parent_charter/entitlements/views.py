"""The public guide, the parent's own guide in the portal, and a council's own offers."""

import uuid
from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import public, requires
from parent_charter.parents.access import current_parent

from . import selectors, services
from .forms import BenefitsForm, GuideForm, LocalEntitlementForm
from .models import LocalEntitlement


def _split(matches, nation: str) -> dict:
    """The guide's sections: the council's own offers, national ones, and what does not apply.

    Rules only for another nation are left out of "what does not apply": they are noise.
    """
    applying = [m for m in matches if m.applies]
    return {
        "count": len(applying),
        "local": [m for m in applying if m.local],
        "national": [m for m in applying if not m.local],
        "not_now": [
            m for m in matches if not m.applies and not m.local and nation in m.rule.nations
        ],
    }


@public
@require_http_methods(["GET", "HEAD"])
def guide(request):
    councils = selectors.guide_councils()
    data = request.GET if any(name in request.GET for name in GuideForm.base_fields) else None
    form = GuideForm(data, councils=councils)
    if data is not None and "change" not in request.GET and form.is_valid():
        answers = form.answers()
        matches = services.assess_all(**answers)
        return render(
            request,
            "entitlements/results.html",
            {
                "answers": answers,
                "sections": _split(matches, answers["nation"]),
                "change_query": request.GET.urlencode(),
            },
        )
    return render(request, "entitlements/guide.html", {"form": form})


@requires("portal.use_portal")
@require_http_methods(["GET", "HEAD"])
def mine(request):
    parent = current_parent(request)
    form = BenefitsForm(request.GET if "answered" in request.GET else None)
    benefits = form.chosen()
    facts = services.facts_for_parent(parent)
    matches = services.assess_all(**facts.as_answers(), benefits=benefits, council=parent.council)
    services.record_guide_viewed(actor=request.user, parent=parent)
    return render(
        request,
        "entitlements/mine.html",
        {
            "parent": parent,
            "facts": facts,
            "form": form,
            "benefits_answered": benefits is not None,
            "sections": _split(matches, facts.nation),
        },
    )


# --- A council's own offers ---------------------------------------------------------------


@requires("entitlements.manage_local")
@require_http_methods(["GET", "HEAD"])
def local_list(request):
    items = selectors.local_entitlements(request.user.council_id)
    return render(
        request,
        "entitlements/local_list.html",
        {
            "items": items,
            "promises": selectors.money_promises_without_entitlement(
                request.user.council_id, items
            ),
        },
    )


def _form(request, *, adding, data=None, initial=None):
    return LocalEntitlementForm(
        data,
        initial=initial,
        commitments=selectors.council_commitments(request.user.council_id),
        adding=adding,
    )


def _from_promise(request) -> dict:
    """A new offer can start from a promise of the local offer (?promise=<id>)."""
    initial = {"form_token": uuid.uuid4(), "last_checked": timezone.localdate(), "unit": "gbp"}
    initial.update(period="one_off", situation="any")
    promise_id = request.GET.get("promise", "")
    if promise_id.isdigit():
        promise = (
            selectors.council_commitments(request.user.council_id)
            .filter(pk=int(promise_id))
            .first()
        )
        if promise is not None:
            initial.update(
                local_commitment=promise.pk,
                name_en=promise.title_en,
                name_cy=promise.title_cy,
                summary_en=promise.wording_en,
                summary_cy=promise.wording_cy,
                situation="expecting" if promise.stage == "expecting_or_parenting" else "any",
            )
    return initial


@requires("entitlements.manage_local")
@require_http_methods(["GET", "POST"])
def local_add(request):
    if request.method == "POST":
        form = _form(request, adding=True, data=request.POST)
        added = submit_once(
            request,
            form,
            lambda token: services.local_entitlement_add(
                council=request.user.council,
                actor=request.user,
                form_token=token,
                **form.record_fields(),
            ),
        )
        if added.saved:
            messages.success(request, _("Added: %(name)s") % {"name": added.obj.name_en})
        if added.saved or added.duplicate:
            return redirect("entitlements:local_list")
    else:
        form = _form(request, adding=True, initial=_from_promise(request))
    return render(request, "entitlements/local_form.html", {"form": form, "item": None})


@requires("entitlements.manage_local")
@require_http_methods(["GET", "POST"])
def local_edit(request, public_id):
    item = or_404(LocalEntitlement.objects.get, public_id=public_id)
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            _form(request, adding=False, data=request.POST),
            partial(services.local_entitlement_update, item=item, actor=request.user),
            rebind_kwargs=lambda current: {
                "commitments": selectors.council_commitments(request.user.council_id),
                "adding": False,
            },
        )
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect("entitlements:local_list")
    else:
        form = _form(request, adding=False, initial=LocalEntitlementForm.initial_for(item))
    return render(
        request,
        "entitlements/local_form.html",
        {"form": form, "item": item, "conflict": conflict},
    )
