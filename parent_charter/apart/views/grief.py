"""Support with grief and loss offered to a parent, and the follow-ups on each offer."""

from functools import partial

from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires

from .. import selectors
from ..forms.grief import FollowUpForm, GriefOfferForm
from ..models import GriefSupportOffer
from ..services import grief as services
from .common import FORM, add_page, edit_page, page_url, parent_or_404


def _offer_or_404(public_id) -> GriefSupportOffer:
    return or_404(selectors.grief_offer_for_change, public_id=public_id)


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def grief_add(request, parent_id):
    parent = parent_or_404(parent_id)
    return add_page(
        request,
        GriefOfferForm,
        lambda form, form_token: services.grief_offer_add(
            parent=parent,
            actor=request.user,
            form_token=form_token,
            **form.record_fields(),
        ),
        parent=parent,
        done=page_url(parent, "grief"),
        added=_("Support offered has been recorded"),
        initial={"offered_by": request.user.full_name},
        title=_("Record support with grief and loss"),
        form_name="apart.grief.add",
        intro=_(
            "Offer support at the parent's pace. A parent who says no now can be asked again "
            "later: record each follow-up on the offer."
        ),
        submit=_("Record the offer"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def grief_edit(request, public_id):
    offer = _offer_or_404(public_id)
    parent = offer.parent
    return edit_page(
        request,
        GriefOfferForm,
        partial(services.grief_offer_update, offer=offer, actor=request.user),
        record=offer,
        parent=parent,
        done=page_url(parent, "grief"),
        title=_("Change support with grief and loss"),
        form_name="apart.grief.edit",
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def follow_up_add(request, public_id):
    offer = _offer_or_404(public_id)
    parent = offer.parent
    return add_page(
        request,
        FollowUpForm,
        lambda form, form_token: services.grief_follow_up_add(
            offer=offer,
            actor=request.user,
            form_token=form_token,
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        ),
        parent=parent,
        done=page_url(parent, "grief"),
        added=_("Follow-up recorded"),
        title=_("Record a follow-up"),
        caption=_("%(parent)s: %(support)s")
        % {"parent": parent.display_name, "support": offer.get_kind_display()},
        form_name="apart.grief.follow_up",
        submit=_("Record the follow-up"),
    )
