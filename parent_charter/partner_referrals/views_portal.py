"""The parent's own referral pages: their referrals in plain words, and referring themself.

The parent is always the one joined to the signed-in account (parents.access.current_parent);
nothing here takes a parent from the URL.
"""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.pages import read_audited, submit_once
from parent_charter.core.permissions import requires
from parent_charter.parents.access import current_parent

from . import selectors, services, services_self
from .forms_portal import SelfReferralForm
from .presentation import parent_rows


@requires("portal.use_portal")
@require_http_methods(["GET", "HEAD"])
def my_referrals(request):
    parent = current_parent(request)
    rows = parent_rows(selectors.referrals_of(parent))
    read_audited(
        actor=request.user,
        council=parent.council,
        action="referral.list.viewed",
        obj=parent,
        detail={"shown": len(rows), "portal": True},
    )
    return render(
        request,
        "referrals/portal_list.html",
        {
            "parent": parent,
            "rows": rows,
            "can_self_refer": bool(services_self.self_referral_programmes(parent.council)),
        },
    )


@requires("portal.use_portal")
@require_http_methods(["GET", "POST"])
def self_refer(request):
    parent = current_parent(request)
    programmes = services_self.self_referral_programmes(parent.council)
    open_referrals = selectors.open_programme_referrals(parent)
    if request.method == "POST" and programmes:
        form = SelfReferralForm(request.POST, programmes=programmes, open_referrals=open_referrals)
        try:
            added = submit_once(
                request,
                form,
                lambda token: services_self.make_self_referral(
                    parent=parent,
                    user=request.user,
                    programme=form.cleaned_data["programme"],
                    message=form.cleaned_data["message"],
                    shared=form.cleaned_data["shared"],
                    form_token=token,
                    while_open_confirmed=form.cleaned_data["while_open_confirmed"],
                ),
                duplicate_message=_("You had already sent this. It has been sent only once."),
            )
        except services.OpenReferralExists as still_open:
            # Sent from another tab since this form was checked.
            form.refuse_while_open(still_open.existing)
        else:
            if added.saved:
                messages.success(
                    request,
                    _(
                        "Your referral has been sent to %(organisation)s. We have told your "
                        "personal adviser."
                    )
                    % {"organisation": form.cleaned_data["programme"].provider.name},
                )
            if added.saved or added.duplicate:
                return redirect("referrals_portal:list")
    else:
        initial = {"form_token": uuid.uuid4()}
        if len(programmes) == 1:
            initial["programme"] = str(programmes[0].pk)
        form = SelfReferralForm(
            programmes=programmes, initial=initial, open_referrals=open_referrals
        )
    if form.open_referral is not None:
        open_referrals.setdefault(form.open_referral.programme_id, form.open_referral)
    return render(
        request,
        "referrals/self_refer.html",
        {
            "form": form,
            "programmes": programmes,
            "parent": parent,
            "programme_rows": [(p, open_referrals.get(p.pk)) for p in programmes],
            "any_open": any(p.pk in open_referrals for p in programmes),
        },
    )
