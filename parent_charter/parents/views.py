"""Staff pages for parents' records: list, the parent's page, add, change, consents, audit trail.

The parent's page is a frame: each app registers the section it shows
(core.registries.parent_sections), and the section data below is this app's (details,
eligibility, consent).
"""

import uuid
from functools import partial

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.audit import actions as audit_actions
from parent_charter.audit.selectors import trail_for_parent
from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.pages import already_sent, or_404, submit_once
from parent_charter.core.permissions import requires
from parent_charter.core.registries import parent_trail
from parent_charter.core.registries.parent_sections import sections_for

from . import selectors, services
from .eligibility import eligibility_for
from .forms import WHY_ASKED, ConsentForm, ConsentWithdrawalForm, EqualityForm, ParentForm
from .models import EqualityAnswers, EthnicGroupHigh, Parent

PAGE_SIZE = 50
READ_ONLY = ["GET", "HEAD"]


def _parent_page(parent, anchor: str = "") -> str:
    url = reverse("parents:detail", kwargs={"public_id": parent.public_id})
    return f"{url}#{anchor}" if anchor else url


@requires("parents.view_parent")
@require_http_methods(READ_ONLY)
def parent_list(request):
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.parents_for_list(search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # One read of the offer for the whole page; each row's eligibility is worked out here.
    offer, today = selectors.offer_of(request.user.council), timezone.localdate()
    rows = [(parent, eligibility_for(parent, offer=offer, today=today)) for parent in page]
    selectors.record_list_viewed(
        actor=request.user, council=request.user.council, shown=len(rows), page=page.number
    )
    return render(request, "parents/list.html", {"page": page, "rows": rows, "search": search})


@requires("parents.view_parent")
@require_http_methods(READ_ONLY)
def parent_detail(request, public_id):
    parent = selectors.parent_or_404(actor=request.user, public_id=public_id)
    return render(
        request,
        "parents/detail.html",
        {
            "parent": parent,
            "eligibility": selectors.eligibility_of(parent),
            "sections": sections_for(request, parent),
        },
    )


@requires("parents.add_parent")
@require_http_methods(["GET", "POST"])
def parent_create(request):
    council = request.user.council
    if request.method == "POST":
        form = ParentForm(request.POST, council=council)
        if form.is_valid():
            token = form.cleaned_data["form_token"] or uuid.uuid4()
            try:
                parent = services.parent_create(
                    council=council, actor=request.user, form_token=token, **form.record_fields()
                )
            except services.DuplicateSubmission as duplicate:
                if duplicate.existing is None:
                    raise Http404 from None
                already_sent(request)
                return redirect("parents:detail", public_id=duplicate.existing.public_id)
            messages.success(request, _("Parent record added"))
            return redirect("parents:detail", public_id=parent.public_id)
    else:
        form = ParentForm(council=council, initial=ParentForm.initial_for_new(uuid.uuid4()))
    return render(request, "parents/form.html", {"form": form, "parent": None})


@requires("parents.change_parent")
@require_http_methods(["GET", "POST"])
def parent_edit(request, public_id):
    parent = selectors.parent_or_404(actor=request.user, public_id=public_id)
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            ParentForm(request.POST, council=parent.council),
            partial(services.parent_update, parent=parent, actor=request.user),
            rebind_kwargs=lambda current: {"council": parent.council},
        )
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect("parents:detail", public_id=parent.public_id)
    else:
        form = ParentForm(council=parent.council, initial=ParentForm.initial_for(parent))
    return render(
        request, "parents/form.html", {"form": form, "parent": parent, "conflict": conflict}
    )


@requires("parents.change_parent")
@require_http_methods(["GET", "POST"])
def equality_edit(request, public_id):
    """The parent's equality monitoring answers, recorded by their adviser or a manager."""
    parent = selectors.parent_or_404(actor=request.user, public_id=public_id)
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            EqualityForm(request.POST),
            partial(services.equality_update, parent=parent, actor=request.user),
        )
        if saved:
            messages.success(request, _("Equality monitoring answers saved"))
            return redirect(_parent_page(parent, "equality"))
    else:
        form = EqualityForm(initial=EqualityForm.initial_for(selectors.equality_of(parent)))
    return render(
        request,
        "parents/equality_form.html",
        {"form": form, "parent": parent, "conflict": conflict, "why": WHY_ASKED},
    )


@requires("parents.manage_consent")
@require_http_methods(["GET", "POST"])
def consent_add(request, public_id):
    parent = selectors.parent_or_404(actor=request.user, public_id=public_id)
    partners = selectors.partners_for_consent(parent.council)
    if request.method == "POST":
        form = ConsentForm(request.POST, partners=partners)
        added = submit_once(
            request,
            form,
            lambda token: services.consent_give(
                parent=parent, actor=request.user, form_token=token, **form.record_fields()
            ),
        )
        if added.saved or added.duplicate:
            if added.saved:
                messages.success(request, _("Consent recorded"))
            return redirect(_parent_page(parent, "consent"))
    else:
        form = ConsentForm(partners=partners, initial={"form_token": uuid.uuid4()})
    return render(request, "parents/consent_form.html", {"form": form, "parent": parent})


@requires("parents.manage_consent")
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, public_id, consent_id):
    consent = or_404(
        selectors.consent_for_view,
        actor=request.user,
        parent_public_id=public_id,
        consent_public_id=consent_id,
    )
    parent = consent.parent
    form = ConsentWithdrawalForm(consent=consent)
    if request.method == "POST" and consent.is_active:
        form = ConsentWithdrawalForm(request.POST, consent=consent)
        if form.is_valid():
            try:
                services.consent_withdraw(
                    consent=consent,
                    actor=request.user,
                    withdrawn_on=form.cleaned_data["withdrawn_on"],
                    note=form.cleaned_data["note"],
                )
            except services.ConsentAlreadyWithdrawn as already:
                # Someone withdrew it while this form was open: show theirs, change nothing.
                consent = already.consent
            else:
                messages.success(request, _("Consent withdrawn"))
                return redirect(_parent_page(parent, "consent"))
    return render(
        request,
        "parents/consent_withdraw.html",
        {"form": form, "parent": parent, "consent": consent, "tried": request.method == "POST"},
    )


@requires("audit.view_trail")
@require_http_methods(READ_ONLY)
def parent_audit_trail(request, public_id):
    parent = selectors.parent_or_404(actor=request.user, public_id=public_id)
    events = trail_for_parent(
        actor=request.user,
        parent=parent,
        also=parent_trail.related_ids(parent),
    )
    reason_of = parent_trail.reasons_for(events)
    rows = [
        {
            "event": event,
            "what": audit_actions.describe(event.action),
            "outcome": audit_actions.outcome(event.action, event.detail),
            "reason": event.reason or reason_of(event),
            "changed": _changed_labels(event),
        }
        for event in events
    ]
    return render(request, "parents/audit_trail.html", {"parent": parent, "rows": rows})


def _changed_labels(event) -> list[str]:
    """The changed fields of an update event, in words a person reads (and in their language)."""
    labels = []
    if not event.action.startswith("parent."):
        return labels  # other records' field names are not the parent's
    model = EqualityAnswers if event.action == "parent.equality.updated" else Parent
    for name in event.detail.get("fields", []):
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:  # a field since renamed: show its stored name
            labels.append(name)
    return labels


# Sections of the parent's page this app contributes (registered in apps.py). Each reads in a
# fixed number of queries and writes nothing: the page itself records `parent.viewed`.


def details_section(request, parent: Parent) -> dict:
    return {
        "parent": parent,
        "stages": selectors.current_stages(parent),
        "council_name": parent.council.display_name((get_language() or "en")[:2]),
        "can_change": request.user.has_perm("parents.change_parent"),
    }


def eligibility_section(request, parent: Parent) -> dict:
    return {
        "parent": parent,
        "eligibility": selectors.eligibility_of(parent),
        "offer": selectors.offer_of(parent.council),
    }


def consent_section(request, parent: Parent) -> dict:
    return {
        "parent": parent,
        "consents": selectors.consents_of(parent),
        "can_manage": request.user.has_perm("parents.manage_consent"),
    }


def equality_section(request, parent: Parent) -> dict:
    answers = selectors.equality_of(parent)
    return {
        "parent": parent,
        "answers": answers,
        "high_level": EthnicGroupHigh(answers.ethnic_group_high).label,
        "can_change": request.user.has_perm("parents.change_parent"),
    }
