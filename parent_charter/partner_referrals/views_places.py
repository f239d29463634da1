"""A partner worker's pages for their programmes' places: the caseload (places, the waiting
list, families and who they are matched to, the programme's people), offering the next place,
recording the answer, matching, and adding or changing a volunteer. And the adviser's page
for answering a prompt to offer a programme.

Everything is reached through the worker's own organisation, so another organisation's or
another council's record is not found: 404.
"""

import uuid
from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parent_charter.core.edit_views import add_page, edit_page
from parent_charter.core.form_reads import record_parent_viewed
from parent_charter.core.pages import or_404, read_audited
from parent_charter.core.permissions import requires

from . import prompts, selectors, selectors_places, services_partner, services_places
from .forms_places import MatchForm, OfferAnswerForm, PromptAnswerForm, WorkerForm
from .models import PromptAnswer, WaitingState
from .views import READ_ONLY

PLACES = "referrals:partner_places"


def _organisation_id(request):
    return request.user.partner_organisation_id


@requires("referrals.partner_view")
@require_http_methods(READ_ONLY)
def partner_places(request):
    groups = selectors_places.places_of(_organisation_id(request))
    read_audited(
        actor=request.user,
        council=request.user.council,
        action="referral.places.viewed",
        detail={
            "families": sum(len(g.families) + len(g.offered) for g in groups),
            "waiting": sum(len(g.waiting) for g in groups),
        },
    )
    return render(
        request,
        "referrals/places.html",
        {
            "groups": groups,
            "organisation": request.user.partner_organisation,
            "can_update": request.user.has_perm("referrals.partner_update"),
        },
    )


def _entry(request, public_id):
    return or_404(
        selectors_places.waiting_entry_for_partner,
        public_id=public_id,
        organisation_id=_organisation_id(request),
    )


@requires("referrals.partner_update")
@require_POST
def partner_offer_place(request, public_id):
    entry = _entry(request, public_id)
    try:
        services_places.offer_place(entry=entry, actor=request.user)
    except services_places.NotNext:
        messages.info(
            request,
            _("Someone else is first on the waiting list now, so nothing was offered."),
        )
    except services_places.NoFreePlace:
        messages.info(request, _("Every place is taken now, so nothing was offered."))
    except services_places.ConsentWithdrawn:
        messages.info(
            request,
            _("The parent has withdrawn their consent, so nothing was offered. End the referral."),
        )
    else:
        messages.success(
            request,
            _("Place offered (referral %(reference)s). Record the answer when you have it.")
            % {"reference": entry.referral.reference},
        )
    return redirect(PLACES)


@requires("referrals.partner_update")
@require_http_methods(["GET", "POST"])
def partner_place_answer(request, public_id):
    entry = _entry(request, public_id)
    referral = entry.referral
    if entry.state != WaitingState.OFFERED:
        messages.info(request, _("That place is not waiting for an answer."))
        return redirect(PLACES)
    view = selectors.partner_view_of(referral)
    selectors.record_partner_viewed(actor=request.user, view=view, form="place_answer")
    form = OfferAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_places.answer_offer(
                entry=entry, actor=request.user, answer=form.cleaned_data["answer"]
            )
        except services_places.NotOffered:
            messages.info(request, _("Someone recorded the answer first. Nothing was changed."))
        else:
            messages.success(request, _("Answer recorded"))
        return redirect(PLACES)
    return render(
        request,
        "referrals/place_answer.html",
        {"form": form, "referral": referral, "view": view, "entry": entry},
    )


@requires("referrals.partner_update")
@require_http_methods(["GET", "POST"])
def partner_match(request, public_id):
    referral = or_404(
        selectors.referral_for_partner,
        public_id=public_id,
        organisation_id=_organisation_id(request),
    )
    view = selectors.partner_view_of(referral)
    back = redirect(PLACES)
    if not (view.consent_in_force and referral.is_programme and referral.is_delivering):
        messages.info(request, _("Only a parent with a place, who agreed to share, is matched."))
        return back
    selectors.record_partner_viewed(actor=request.user, view=view, form="match")
    suggestions, area_known = selectors_places.suggestions_for(referral)
    current = services_places.current_match(referral)
    seen = str(current.worker.public_id) if current else ""
    form = MatchForm(
        request.POST if request.method == "POST" else None,
        suggestions=suggestions,
        initial={"seen": seen},
    )
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data["seen"] or None
        try:
            services_places.match(
                referral=referral,
                worker=form.chosen(),
                actor=request.user,
                expected_worker_id=_uuid_or_none(expected),
            )
        except services_places.MatchChanged:
            form.add_error(
                None,
                _("Someone matched this parent while the form was open. Check and choose again."),
            )
            current = services_places.current_match(referral)
            form.data = form.data.copy()
            form.data["seen"] = str(current.worker.public_id) if current else ""
        except services_places.WorkerFull:
            form.add_error("worker", _("They have no room for another family now. Choose again."))
        except (services_places.CannotMatch, services_partner.NotDelivering):
            messages.info(request, _("This parent cannot be matched now."))
            return back
        else:
            messages.success(request, _("Match saved"))
            return back
    return render(
        request,
        "referrals/match_form.html",
        {
            "form": form,
            "referral": referral,
            "view": view,
            "current": current,
            "suggestions": suggestions,
            "area_known": area_known,
        },
    )


def _uuid_or_none(value):
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _programme(request, slug):
    return or_404(
        selectors_places.partner_programme,
        slug=slug,
        organisation_id=_organisation_id(request),
        council_id=request.user.council_id,
    )


@requires("referrals.partner_update")
@require_http_methods(["GET", "POST"])
def partner_worker_add(request, slug):
    programme = _programme(request, slug)
    return add_page(
        request,
        form_class=WorkerForm,
        initial={"role": "volunteer"},
        add=partial(services_places.worker_add, programme=programme, actor=request.user),
        template="referrals/worker_form.html",
        done=lambda worker: reverse(PLACES),
        message=lambda worker: _("Added %(name)s") % {"name": worker.first_name},
        context={"programme": programme},
        record_name="worker",
    )


@requires("referrals.partner_update")
@require_http_methods(["GET", "POST"])
def partner_worker_edit(request, public_id):
    worker = or_404(
        selectors_places.worker_for_partner,
        public_id=public_id,
        organisation_id=_organisation_id(request),
    )
    load = services_places.worker_load(worker)
    try:
        return edit_page(
            request,
            worker,
            form_class=WorkerForm,
            form_kwargs={"load": load},
            update=partial(services_places.worker_update, worker=worker, actor=request.user),
            template="referrals/worker_form.html",
            done=reverse(PLACES),
            message=lambda worker: _("Saved %(name)s") % {"name": worker.first_name},
            context={"programme": worker.programme, "load": load},
            record_name="worker",
        )
    except services_places.WorkerFull:
        messages.info(request, _("A family was matched with them meanwhile, so nothing was saved."))
        return redirect("referrals:partner_worker_edit", public_id=worker.public_id)


# --- The adviser's prompt ----------------------------------------------------------------------


@requires("referrals.make_referral")
@require_http_methods(["GET", "POST"])
def prompt_answer(request, public_id):
    prompt = or_404(selectors_places.prompt_for_staff, public_id=public_id)
    parent = prompt.parent
    back = reverse("parents:detail", kwargs={"public_id": parent.public_id}) + "#referrals"
    if prompt.answer:
        messages.info(request, _("What the parent said has been recorded already."))
        return redirect(back)
    form = PromptAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]
        try:
            prompts.answer_prompt(prompt=prompt, actor=request.user, answer=answer)
        except prompts.AlreadyAnswered:
            messages.info(request, _("Someone recorded what the parent said first."))
            return redirect(back)
        if answer == PromptAnswer.REFERRING:
            create = reverse("referrals:create", kwargs={"parent_id": parent.public_id})
            return redirect(f"{create}?programme={prompt.programme.slug}")
        messages.success(request, _("Recorded that the parent does not want it now"))
        return redirect(back)
    record_parent_viewed(actor=request.user, parent=parent, form="referral.prompt")
    return render(
        request,
        "referrals/prompt_form.html",
        {"form": form, "prompt": prompt, "parent": parent, "back": back},
    )
