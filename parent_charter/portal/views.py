"""The parent's own pages: home, their plan in plain words, challenges and their information.

Every page starts from `current_parent(request)`: records named in a URL are fetched through
that parent, so another parent's plan item or challenge is a 404.
"""

import json
import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.conflicts import rebound_at
from parent_charter.core.pages import already_sent, or_404
from parent_charter.core.permissions import requires
from parent_charter.core.registries import page_reads
from parent_charter.core.registries.portal_sections import sections_for
from parent_charter.core.registries.subject_access import export_for
from parent_charter.parents.access import current_parent
from parent_charter.plans.services_items import ItemClosed

from . import selectors, services, services_challenges
from .forms import ChallengeForm, OutcomeForm, ParentViewForm
from .models import ChallengeStatus
from .words import CHALLENGE_STATUS_TAG, challenge_status_for_parent

READ_ONLY = ["GET", "HEAD"]


@requires("portal.use_portal")
@require_http_methods(READ_ONLY)
def home(request):
    parent = current_parent(request)
    # The home panel and the panels from other apps share what they both show.
    with page_reads.gathering():
        page = selectors.home_page(parent)
        sections = sections_for(request, parent)
    services.record_home_viewed(
        actor=request.user, parent=parent, notice_ids=[n.pk for n in page.notices if not n.seen_at]
    )
    return render(
        request,
        "portal/home.html",
        {
            "parent": parent,
            "page": page,
            "sections": sections,
            "council_name": parent.council.display_name((get_language() or "en")[:2]),
        },
    )


@requires("portal.use_portal")
@require_http_methods(READ_ONLY)
def messages_list(request):
    """Every message to the parent, newest first, a page at a time; new ones marked."""
    parent = current_parent(request)
    page = selectors.messages_page(parent, request.GET.get("page"))
    # The page shows them as new on this visit; they are seen from then on.
    notices = list(page)
    services.record_messages_viewed(actor=request.user, parent=parent, page=page)
    return render(
        request,
        "portal/messages.html",
        {"parent": parent, "page": page, "notices": notices},
    )


# --- The plan -----------------------------------------------------------------------------


@requires("portal.use_portal")
@require_http_methods(READ_ONLY)
def plan(request):
    parent = current_parent(request)
    plan = selectors.parent_plan(parent)
    services.record_viewed(
        actor=request.user,
        parent=parent,
        action="portal.plan_viewed",
        detail={"next": len(plan.next), "done": len(plan.done)},
    )
    return render(request, "portal/plan.html", {"parent": parent, "plan": plan})


def _render_item(request, parent, item, *, form=None, conflict=None, closed=False, status=200):
    services.record_viewed(
        actor=request.user,
        parent=parent,
        action="portal.plan_item_viewed",
        detail={"item": str(item.public_id)},
    )
    if form is None and item.is_open:
        form = ParentViewForm(initial=ParentViewForm.initial_for(item))
    return render(
        request,
        "portal/plan_item.html",
        {
            "parent": parent,
            "item": item,
            "row": selectors.parent_item(item),
            "history": selectors.item_history(item),
            "form": form if item.is_open else None,
            "conflict": conflict,
            "closed_error": closed,
        },
        status=status,
    )


@requires("portal.use_portal")
@require_http_methods(["GET", "POST"])
def plan_item(request, item_id):
    parent = current_parent(request)
    item = or_404(selectors.item_for_parent, parent, item_id)
    if request.method == "GET":
        return _render_item(request, parent, item)
    if not item.is_open:
        return _render_item(request, parent, item, closed=True, status=409)
    form = ParentViewForm(request.POST)
    if not form.is_valid():
        return _render_item(request, parent, item, form=form)
    try:
        saved = services.save_parent_view(
            item=item,
            parent=parent,
            actor=request.user,
            expected_version=form.expected_version,
            **form.record_fields(),
        )
    except EditConflict as error:
        rebound = rebound_at(request, ParentViewForm, error.current)
        return _render_item(
            request, parent, item, form=rebound, conflict=error.current.parent_view, status=409
        )
    except ItemClosed:
        item.refresh_from_db()
        return _render_item(request, parent, item, closed=True, status=409)
    if saved.changed:
        messages.success(request, _("Your view has been saved. Your adviser can now read it."))
    else:
        messages.info(request, _("Nothing was changed"))
    return redirect(f"{_plan_url()}#item-{item.public_id}")


def _plan_url() -> str:
    from django.urls import reverse

    return reverse("portal:plan")


# --- Challenges -------------------------------------------------------------------------------


@requires("portal.use_portal")
@require_http_methods(READ_ONLY)
def challenges(request):
    parent = current_parent(request)
    rows = [
        (
            challenge,
            selectors.promise_title(challenge),
            challenge_status_for_parent(challenge.status),
            CHALLENGE_STATUS_TAG.get(challenge.status, ""),
        )
        for challenge in selectors.challenges_of(parent)
    ]
    services.record_viewed(
        actor=request.user,
        parent=parent,
        action="portal.challenges_viewed",
        detail={"shown": len(rows)},
    )
    return render(
        request,
        "portal/challenges.html",
        {
            "parent": parent,
            "rows": rows,
            "working_days": services_challenges.response_working_days(parent.council),
        },
    )


@requires("portal.use_portal")
@require_http_methods(["GET", "POST"])
def challenge_new(request):
    parent = current_parent(request)
    choices = selectors.promise_choices(parent)
    chosen_item = request.GET.get("item", "")
    if request.method == "POST":
        form = ChallengeForm(request.POST, choices=choices)
        if form.is_valid():
            try:
                challenge = services_challenges.challenge_raise(
                    parent=parent,
                    actor=request.user,
                    form_token=form.cleaned_data["form_token"] or uuid.uuid4(),
                    **form.record_fields(),
                )
            except services_challenges.DuplicateSubmission as duplicate:
                if duplicate.existing is None:
                    raise Http404 from None
                already_sent(request)
                return redirect("portal:challenge", challenge_id=duplicate.existing.public_id)
            messages.success(
                request,
                _("Your challenge has been sent. The council must respond by %(date)s.")
                % {"date": _long_date(challenge.due_on)},
            )
            return redirect("portal:challenge", challenge_id=challenge.public_id)
    else:
        initial = {"form_token": uuid.uuid4()}
        if f"item:{chosen_item}" in choices.items_by_value:
            initial["promise"] = f"item:{chosen_item}"
        form = ChallengeForm(initial=initial, choices=choices)
    services.record_viewed(actor=request.user, parent=parent, action="portal.challenge_form_viewed")
    return render(
        request,
        "portal/challenge_new.html",
        {
            "parent": parent,
            "form": form,
            "working_days": services_challenges.response_working_days(parent.council),
        },
    )


def _long_date(value) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y")


@requires("portal.use_portal")
@require_http_methods(["GET", "POST"])
def challenge_detail(request, challenge_id):
    parent = current_parent(request)
    challenge = or_404(selectors.challenge_for_parent, parent, challenge_id)
    form, moved_on, status = None, False, 200
    if challenge.status == ChallengeStatus.RESPONDED:
        form = OutcomeForm(initial={"version": challenge.version})
    if request.method == "POST":
        form = OutcomeForm(request.POST)
        if challenge.status == ChallengeStatus.RESPONDED and form.is_valid():
            try:
                services_challenges.challenge_outcome(
                    challenge=challenge,
                    actor=request.user,
                    expected_version=form.expected_version,
                    resolved=form.cleaned_data["resolved"],
                    still_needed=form.cleaned_data["still_needed"],
                )
            except (EditConflict, services_challenges.WrongState):
                moved_on, status = True, 409
            else:
                if form.cleaned_data["resolved"]:
                    messages.success(request, _("Thank you. Your challenge is now resolved."))
                else:
                    messages.success(
                        request,
                        _("Thank you. We have sent what you still need back to the council."),
                    )
                return redirect("portal:challenge", challenge_id=challenge.public_id)
        elif challenge.status != ChallengeStatus.RESPONDED:
            moved_on, status = True, 409
        if moved_on:
            challenge = or_404(selectors.challenge_for_parent, parent, challenge_id)
            form = (
                OutcomeForm(initial={"version": challenge.version})
                if challenge.status == ChallengeStatus.RESPONDED
                else None
            )
    services.record_viewed(
        actor=request.user,
        parent=parent,
        action="portal.challenge_viewed",
        detail={"challenge": str(challenge.public_id)},
    )
    return render(
        request,
        "portal/challenge.html",
        {
            "parent": parent,
            "challenge": challenge,
            "promise": selectors.promise_title(challenge),
            "status_words": challenge_status_for_parent(challenge.status),
            "status_tag": CHALLENGE_STATUS_TAG.get(challenge.status, ""),
            "overdue": selectors.is_challenge_overdue(challenge),
            "form": form,
            "moved_on": moved_on,
        },
        status=status,
    )


# --- Subject access -----------------------------------------------------------------------------


def _export(request, parent, *, action: str, detail: dict | None = None):
    parts = export_for(parent)
    services.record_viewed(
        actor=request.user,
        parent=parent,
        action=action,
        detail={"parts": len(parts), **(detail or {})},
    )
    return parts


@requires("portal.use_portal")
@require_http_methods(READ_ONLY)
def my_data(request):
    parent = current_parent(request)
    parts = _export(request, parent, action="portal.subject_access_viewed")
    return render(request, "portal/my_data.html", {"parent": parent, "parts": parts})


def _file_name(extension: str) -> str:
    return f"parent-charter-my-information-{timezone.localdate():%Y-%m-%d}.{extension}"


@requires("portal.use_portal")
@require_http_methods(READ_ONLY)
def my_data_json(request):
    parent = current_parent(request)
    parts = _export(
        request, parent, action="portal.subject_access_downloaded", detail={"format": "json"}
    )
    document = {
        "title": _("Everything Parent Charter holds about you"),
        "council": parent.council.display_name((get_language() or "en")[:2]),
        "made_at": timezone.localtime().isoformat(timespec="seconds"),
        "language": (get_language() or "en")[:2],
        "parts": [
            {
                "title": str(part.title),
                "records": [
                    [{"label": label, "value": value} for label, value in record]
                    for record in part.records
                ],
                "withheld": str(part.withheld),
                "notes": [str(note) for note in part.notes],
            }
            for part in parts
        ],
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name("json")}"'
    return response


@requires("portal.use_portal")
@require_http_methods(READ_ONLY)
def my_data_html(request):
    parent = current_parent(request)
    parts = _export(
        request, parent, action="portal.subject_access_downloaded", detail={"format": "html"}
    )
    html = render_to_string(
        "portal/my_data_file.html",
        {
            "parent": parent,
            "parts": parts,
            "made_at": timezone.localtime(),
            "council_name": parent.council.display_name((get_language() or "en")[:2]),
        },
        request=request,
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name("html")}"'
    return response
