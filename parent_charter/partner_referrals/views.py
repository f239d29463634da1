"""Staff pages for referrals: the council's list, making a referral, one referral, its updates.

Partners' pages are in views_partner.py and the parent's own in views_portal.py.
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.authorities.models import PartnerOrganisation
from parent_charter.core.form_reads import record_parent_viewed
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import requires
from parent_charter.offers.models import Programme

from . import places, selectors, services, services_partner
from .forms import ReferralForm, first_name
from .forms_partner import StatusForm
from .models import Referral, ReferredBy, ServiceKind, Status

PAGE_SIZE = 50
READ_ONLY = ["GET", "HEAD"]


@requires("referrals.view_referral")
@require_http_methods(READ_ONLY)
def referral_list(request):
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    page = Paginator(selectors.referrals_for_list(status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(page)
    selectors.record_list_viewed(
        actor=request.user, council=request.user.council, shown=len(rows), page=page.number
    )
    return render(
        request,
        "referrals/list.html",
        {"page": page, "rows": rows, "status": status, "statuses": Status.choices},
    )


@requires("referrals.make_referral")
@require_http_methods(["GET", "POST"])
def referral_create(request, parent_id):
    parent = or_404(selectors.parent_for_new_referral, public_id=parent_id)
    partners = list(PartnerOrganisation.objects.filter(council=parent.council).order_by("name"))
    programmes = list(
        Programme.objects.filter(offer__council=parent.council)
        .select_related("provider")
        .order_by("order", "name")
    )
    form_kwargs = {
        "parent": parent,
        "partners": partners,
        "programmes": programmes,
        "open_referrals": selectors.open_programme_referrals(parent),
    }
    if request.method == "POST":
        form = ReferralForm(request.POST, **form_kwargs)
        try:
            added = submit_once(
                request,
                form,
                lambda token: services.make_referral(
                    parent=parent, actor=request.user, form_token=token, **form.service_fields()
                ),
                duplicate_message=_("That form had already been sent. Nothing was sent twice."),
            )
        except services.OpenReferralExists as still_open:
            # Sent from another tab since this form was checked.
            form.refuse_while_open(still_open.existing)
        except services.ConsentRequired as missing:
            # Withdrawn between the form's check and the sending: refused all the same.
            form.consent_missing = missing.organisation
            form.add_error(
                "organisation",
                _(
                    "%(name)s has not agreed to share information with %(organisation)s. "
                    "Record their consent first."
                )
                % {"name": first_name(parent), "organisation": missing.organisation.name},
            )
        else:
            if added.duplicate and added.obj is None:
                return redirect("parents:detail", public_id=parent.public_id)
            if added.saved:
                messages.success(
                    request,
                    _("Referral sent to %(organisation)s")
                    % {"organisation": added.obj.organisation.name},
                )
            if added.obj is not None:
                return redirect("referrals:detail", public_id=added.obj.public_id)
    else:
        initial = {"form_token": uuid.uuid4(), "referred_by": ReferredBy.ADVISER}
        kind = request.GET.get("kind", "")
        if kind in ServiceKind.values:
            initial["kind"] = kind
        if len(partners) == 1:
            initial["organisation"] = str(partners[0].pk)
        # The prompt to offer a programme links here with ?programme=<its slug>.
        chosen = next((p for p in programmes if p.slug == request.GET.get("programme")), None)
        if chosen is not None:
            initial["programme"] = str(chosen.pk)
            initial["organisation"] = str(chosen.provider_id)
            initial["kind"] = ServiceKind.PROGRAMME
        form = ReferralForm(initial=initial, **form_kwargs)
    open_referrals = form_kwargs["open_referrals"]
    if form.open_referral is not None:
        open_referrals.setdefault(form.open_referral.programme_id, form.open_referral)
    record_parent_viewed(actor=request.user, parent=parent, form="referral.create")
    return render(
        request,
        "referrals/create.html",
        {
            "form": form,
            "parent": parent,
            "parent_first_name": first_name(parent),
            "consents": selectors.consents_in_force(parent),
            "has_partners": bool(partners),
            "open_referrals": list(open_referrals.values()),
        },
    )


def _staff_referral(request, public_id, *, form: str = "") -> Referral:
    return or_404(selectors.referral_for_view, actor=request.user, public_id=public_id, form=form)


@requires("referrals.view_referral")
@require_http_methods(READ_ONLY)
def referral_detail(request, public_id):
    referral = _staff_referral(request, public_id)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "parent": referral.parent,
            "history": list(referral.status_history.all()),
            "contacts": list(referral.contacts.all()),
            "delivery": selectors.delivery_of(referral),
            "can_record": request.user.has_perm("referrals.make_referral")
            and bool(referral.next_statuses),
        },
    )


def change_status_page(request, referral, *, by_partner: bool, parent_name: str):
    """The status form for staff and partners alike: GET shows it, POST moves the referral and
    goes back to the referral's page (the partner's own, for a partner), as does a closed one."""
    back = "referrals:partner_detail" if by_partner else "referrals:detail"
    if not referral.next_statuses:
        messages.info(request, _("This referral has closed. Nothing more can be recorded."))
        return redirect(back, public_id=referral.public_id)
    if request.method == "POST":
        form = StatusForm(request.POST, referral=referral)
        if form.is_valid():
            try:
                services_partner.change_status(
                    referral=referral,
                    actor=request.user,
                    by_partner=by_partner,
                    **form.service_fields(),
                )
            except services_partner.TransitionNotAllowed as refused:
                # Someone else moved it meanwhile: show the choices that follow what is saved.
                referral.status = refused.current
                form = StatusForm(request.POST, referral=referral)
                form.is_valid()
                if "status" not in form.errors:
                    form.add_error("status", form.fields["status"].error_messages["invalid_choice"])
            except places.StillWaiting:
                form.add_error(
                    "status",
                    _(
                        "The parent is waiting for a place, so support cannot start yet. It can "
                        "start once they take a place."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("Referral updated: %(status)s") % {"status": referral.get_status_display()},
                )
                return redirect(back, public_id=referral.public_id)
    else:
        form = StatusForm(referral=referral)
    return render(
        request,
        "referrals/status_form.html",
        {
            "form": form,
            "referral": referral,
            "parent_name": parent_name,
            "partner_page": by_partner,
        },
    )


@requires("referrals.make_referral")
@require_http_methods(["GET", "POST"])
def record_status(request, public_id):
    referral = _staff_referral(request, public_id, form="status")
    return change_status_page(
        request, referral, by_partner=False, parent_name=referral.parent.display_name
    )
