"""A partner worker's pages: referrals to their own organisation, and the support they give.

Every referral is fetched through the worker's own organisation, so another organisation's
referral (or another council's) is simply not found: 404. What the page shows of the parent
comes from selectors.partner_view_of, which fetches only what the parent agreed to share.
"""

import uuid
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import requires

from . import selectors, services_partner
from .forms_partner import ContactForm, DeliveryForm
from .models import Referral
from .views import PAGE_SIZE, READ_ONLY, change_status_page


def _organisation_id(request):
    return request.user.partner_organisation_id


def _partner_referral(request, public_id) -> Referral:
    return or_404(
        selectors.referral_for_partner,
        public_id=public_id,
        organisation_id=_organisation_id(request),
    )


@requires("referrals.partner_view")
@require_http_methods(READ_ONLY)
def partner_list(request):
    page = Paginator(
        selectors.referrals_for_partner(_organisation_id(request)), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    rows = list(page)
    selectors.record_list_viewed(
        actor=request.user,
        council=request.user.council,
        shown=len(rows),
        page=page.number,
        partner=True,
    )
    return render(
        request,
        "referrals/partner_list.html",
        {
            "page": page,
            "rows": rows,
            "organisation": request.user.partner_organisation,
            # The same number as on the start page, so the two can be told apart and agree.
            "waiting": selectors.awaiting_partner_count(request.user),
        },
    )


@requires("referrals.partner_view")
@require_http_methods(READ_ONLY)
def partner_detail(request, public_id):
    referral = _partner_referral(request, public_id)
    view = selectors.partner_view_of(referral)
    selectors.record_partner_viewed(actor=request.user, view=view)
    shown = view.consent_in_force
    return render(
        request,
        "referrals/partner_detail.html",
        {
            "view": view,
            "referral": referral,
            "history": list(referral.status_history.all()) if shown else [],
            "contacts": list(referral.contacts.all()) if shown else [],
            "delivery": selectors.delivery_of(referral) if shown else None,
            "can_update": request.user.has_perm("referrals.partner_update"),
        },
    )


@requires("referrals.partner_update")
@require_http_methods(["GET", "POST"])
def partner_status(request, public_id):
    referral = _partner_referral(request, public_id)
    view = selectors.partner_view_of(referral)
    selectors.record_partner_viewed(actor=request.user, view=view, form="status")
    return change_status_page(request, referral, by_partner=True, parent_name=view.parent_name)


def _delivering(request, referral: Referral, view) -> bool:
    """Delivery is recorded for a programme accepted or started, while consent is in force."""
    if not view.consent_in_force:
        messages.info(
            request,
            _("The parent has withdrawn their consent, so nothing more can be recorded."),
        )
        return False
    if not (referral.is_programme and referral.is_delivering):
        messages.info(
            request,
            _("Support is recorded once a referral to a programme has been accepted."),
        )
        return False
    return True


def _delivery_form(request, public_id, *, form: str):
    """The referral a partner records its support on, what they may see of it (the read is
    audited, naming `form`), and None; or, when support cannot be recorded on it, the way back
    to the partner's page of it as the third."""
    referral = _partner_referral(request, public_id)
    view = selectors.partner_view_of(referral)
    if not _delivering(request, referral, view):
        return referral, view, redirect("referrals:partner_detail", public_id=referral.public_id)
    selectors.record_partner_viewed(actor=request.user, view=view, form=form)
    return referral, view, None


def _stopped_meanwhile(request, referral: Referral):
    messages.info(
        request,
        _("The referral changed while the form was open, so nothing was saved. Check it below."),
    )
    return redirect("referrals:partner_detail", public_id=referral.public_id)


@requires("referrals.partner_update")
@require_http_methods(["GET", "POST"])
def partner_delivery(request, public_id):
    referral, view, back = _delivery_form(request, public_id, form="delivery")
    if back is not None:
        return back
    delivery = selectors.delivery_of(referral)
    conflict = None
    if request.method == "POST":
        try:
            form, conflict, saved = submit_locked_edit(
                request,
                DeliveryForm(request.POST, programme=referral.programme, delivery=delivery),
                partial(services_partner.set_delivery, referral=referral, actor=request.user),
                rebind_kwargs=lambda current: {
                    "programme": referral.programme,
                    "delivery": current if current.pk else None,
                },
            )
        except services_partner.NotDelivering:
            return _stopped_meanwhile(request, referral)
        if saved:
            messages.success(request, _("How the support is given has been saved"))
            return redirect("referrals:partner_detail", public_id=referral.public_id)
    else:
        form = DeliveryForm(
            programme=referral.programme,
            delivery=delivery,
            initial=DeliveryForm.initial_for(delivery),
        )
    return render(
        request,
        "referrals/delivery_form.html",
        {"form": form, "referral": referral, "view": view, "conflict": conflict},
    )


@requires("referrals.partner_update")
@require_http_methods(["GET", "POST"])
def partner_contact(request, public_id):
    referral, view, back = _delivery_form(request, public_id, form="contact")
    if back is not None:
        return back
    if request.method == "POST":
        form = ContactForm(request.POST, referral=referral)
        try:
            added = submit_once(
                request,
                form,
                lambda token: services_partner.log_contact(
                    referral=referral,
                    actor=request.user,
                    form_token=token,
                    **form.service_fields(),
                ),
            )
        except services_partner.NotDelivering:
            return _stopped_meanwhile(request, referral)
        if added.saved:
            messages.success(request, _("Contact logged"))
        if added.saved or added.duplicate:
            return redirect("referrals:partner_detail", public_id=referral.public_id)
    else:
        form = ContactForm(referral=referral, initial={"form_token": uuid.uuid4()})
    return render(
        request, "referrals/contact_form.html", {"form": form, "referral": referral, "view": view}
    )
