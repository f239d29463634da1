"""Council administrators' pages for their local offer, contacts and opening hours."""

import uuid
from functools import partial, wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.authorities.models import PartnerOrganisation, Weekday
from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.edit_views import add_page, edit_page
from parent_charter.core.pages import submit_once
from parent_charter.core.permissions import requires

from . import selectors, services
from .forms import LocalCommitmentForm, LocalOfferForm
from .forms_contacts import CouncilContactsForm
from .forms_partners import PartnerOrganisationForm, ProgrammeForm
from .models import LocalOffer


@requires("offers.change_offer")
def manage(request):
    council = selectors.council_for_admin(request.user)
    offer = getattr(council, "local_offer", None)
    hours = {row.weekday: row for row in council.office_hours.all()}
    return render(
        request,
        "offers/manage.html",
        {
            "council": council,
            "offer": offer,
            "opening_hours": [(day.label, hours.get(day.value)) for day in Weekday],
            "local_commitments": list(offer.commitments.all()) if offer else [],
            "programmes": list(offer.programmes.select_related("provider")) if offer else [],
            "partners": list(council.partner_organisations.all()),
        },
    )


def _with_offer(view):
    """Call `view(request, offer, …)` with the signed-in administrator's own council's offer,
    never one named in the URL."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        offer = (
            LocalOffer.objects.select_related("council")
            .filter(council=request.user.council)
            .first()
        )
        if offer is None:
            # An offer is created by importing the council's offer file (it fixes the charter
            # version adopted), so there is nothing here to edit yet. Say so plainly, with a
            # 404 status.
            return render(
                request, "offers/no_offer.html", {"council": request.user.council}, status=404
            )
        return view(request, offer, *args, **kwargs)

    return wrapped


@requires("offers.change_offer")
@require_http_methods(["GET", "POST"])
@_with_offer
def edit_offer(request, offer):
    form, conflict = LocalOfferForm(initial=LocalOfferForm.initial_for(offer)), None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            LocalOfferForm(request.POST),
            partial(services.offer_update, offer=offer, actor=request.user),
        )
        if saved:
            messages.success(request, _("Local offer saved"))
            return redirect("offers:manage")
    return render(
        request, "offers/offer_form.html", {"form": form, "offer": offer, "conflict": conflict}
    )


@requires("offers.change_offer")
@require_http_methods(["GET", "POST"])
def edit_contacts(request):
    council = request.user.council
    form = CouncilContactsForm(council=council, initial=CouncilContactsForm.initial_for(council))
    conflict = None
    if request.method == "POST":
        form = CouncilContactsForm(request.POST, council=council)
        form, conflict, saved = submit_locked_edit(
            request,
            form,
            lambda **fields: services.council_contacts_update(
                council=council, actor=request.user, hours=form.hours(), **fields
            ),
            rebind_kwargs=lambda current: {"council": council},
        )
        if saved:
            messages.success(request, _("Contacts and opening hours saved"))
            return redirect("offers:manage")
    return render(
        request,
        "offers/contacts_form.html",
        {"form": form, "council": council, "conflict": conflict},
    )


def _to_manage(record):
    return reverse("offers:manage")


def _add_once(request, form, add, added_message):
    """Add what a bound add form says through `add(form_token=…, **fields)`, once per token.

    Returns the redirect to the overview when it was added (now, or when the form was first
    sent), or None when the form has errors to show.
    """
    added = submit_once(request, form, lambda token: add(form_token=token, **form.record_fields()))
    if added.saved:
        messages.success(request, added_message(added.obj))
    return redirect("offers:manage") if added.saved or added.duplicate else None


@requires("offers.change_offer")
@require_http_methods(["GET", "POST"])
@_with_offer
def add_commitment(request, offer):
    return add_page(
        request,
        form_class=LocalCommitmentForm,
        add=partial(services.local_commitment_add, offer=offer, actor=request.user),
        template="offers/commitment_form.html",
        done=_to_manage,
        message=lambda commitment: _("Promise added: %(title)s") % {"title": commitment.title_en},
        record_name="commitment",
    )


@requires("offers.change_offer")
@require_http_methods(["GET", "POST"])
@_with_offer
def edit_commitment(request, offer, pk: int):
    commitment = get_object_or_404(offer.commitments.select_related("offer__council"), pk=pk)
    return edit_page(
        request,
        commitment,
        form_class=LocalCommitmentForm,
        update=partial(services.local_commitment_update, commitment=commitment, actor=request.user),
        template="offers/commitment_form.html",
        done=reverse("offers:manage"),
        message=_("Promise saved"),
        record_name="commitment",
    )


@requires("offers.change_offer")
@require_http_methods(["GET", "POST"])
@_with_offer
def add_programme(request, offer):
    council = offer.council
    if not council.partner_organisations.exists():
        # A programme is run by one of the council's partners: there is none to choose yet.
        return render(request, "offers/programme_form.html", {"programme": None, "form": None})
    return add_page(
        request,
        form_class=ProgrammeForm,
        form_kwargs={"council": council},
        initial={"fathers_included": True},
        add=partial(services.programme_add, offer=offer, actor=request.user),
        template="offers/programme_form.html",
        done=_to_manage,
        message=lambda programme: _("Programme added: %(name)s") % {"name": programme.name},
        record_name="programme",
    )


@requires("offers.change_offer")
@require_http_methods(["GET", "POST"])
@_with_offer
def edit_programme(request, offer, slug: str):
    programme = get_object_or_404(
        offer.programmes.select_related("offer__council", "provider"), slug=slug
    )
    return edit_page(
        request,
        programme,
        form_class=ProgrammeForm,
        form_kwargs={"council": offer.council},
        update=partial(services.programme_update, programme=programme, actor=request.user),
        template="offers/programme_form.html",
        done=reverse("offers:manage"),
        message=lambda programme: _("Programme saved: %(name)s") % {"name": programme.name},
        record_name="programme",
    )


@requires("offers.change_offer")
@require_http_methods(["GET", "POST"])
def add_partner(request):
    council = request.user.council
    form = PartnerOrganisationForm(
        council=council, adding=True, initial={"form_token": uuid.uuid4()}
    )
    if request.method == "POST":
        form = PartnerOrganisationForm(request.POST, council=council, adding=True)
        try:
            done = _add_once(
                request,
                form,
                partial(services.partner_add, council=council, actor=request.user),
                lambda partner: _("Partner organisation added: %(name)s") % {"name": partner.name},
            )
        except services.PartnerNameTaken:
            # Someone added a partner of that name since the form was checked.
            form.add_error("name", form.name_taken_message)
        else:
            if done:
                return done
    return render(request, "offers/partner_form.html", {"form": form, "partner": None})


@requires("offers.change_offer")
@require_http_methods(["GET", "POST"])
def edit_partner(request, pk: int):
    council = request.user.council
    # Looked up within the administrator's own council: another council's partner is a 404.
    partner = get_object_or_404(
        PartnerOrganisation.objects.select_related("council").filter(council=council), pk=pk
    )
    form = PartnerOrganisationForm(
        council=council, partner=partner, initial=PartnerOrganisationForm.initial_for(partner)
    )
    conflict = None
    if request.method == "POST":
        form = PartnerOrganisationForm(request.POST, council=council, partner=partner)
        try:
            form, conflict, saved = submit_locked_edit(
                request,
                form,
                partial(services.partner_update, partner=partner, actor=request.user),
                rebind_kwargs=lambda current: {"council": council, "partner": partner},
            )
        except services.PartnerNameTaken:
            form.add_error("name", form.name_taken_message)
        else:
            if saved:
                messages.success(
                    request, _("Partner organisation saved: %(name)s") % {"name": partner.name}
                )
                return redirect("offers:manage")
    return render(
        request,
        "offers/partner_form.html",
        {"form": form, "partner": partner, "conflict": conflict},
    )
