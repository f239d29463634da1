"""The living-apart page, contact arrangements and the contact sessions held under them."""

from functools import partial

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires

from .. import selectors
from ..forms.arrangements import ArrangementForm, SessionForm
from ..models import ContactArrangement, ContactKind
from ..services import arrangements as services
from .common import (
    FORM,
    READ_ONLY,
    add_page,
    edit_page,
    page_url,
    parent_and_child,
    parent_or_404,
)


@requires("apart.view_living_apart")
@require_http_methods(READ_ONLY)
def living_apart(request, parent_id):
    parent = parent_or_404(parent_id)
    page = selectors.living_apart_page(
        actor=request.user,
        parent=parent,
        with_claims=request.user.has_perm("apart.view_claims"),
    )
    return render(
        request,
        "apart/living_apart.html",
        {"parent": parent, "page": page, "LETTER_BOX": ContactKind.LETTER_BOX},
    )


def arrangement_or_404(public_id) -> ContactArrangement:
    return or_404(selectors.arrangement_for_change, public_id=public_id)


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def arrangement_add(request, parent_id):
    parent = parent_or_404(parent_id)
    apart = selectors.apart_children(parent)
    return add_page(
        request,
        ArrangementForm,
        lambda form, form_token: services.arrangement_add(
            parent=parent,
            child=form.cleaned_data["child"],
            actor=request.user,
            form_token=form_token,
            **form.record_fields(),
        ),
        parent=parent,
        done=page_url(parent, "contact"),
        added=_("Contact arrangement added"),
        initial={"child": apart[0].child.public_id} if len(apart) == 1 else None,
        form_kwargs={"children": selectors.children_among(apart)},
        accepting=bool(apart),
        title=_("Add a contact arrangement"),
        form_name="apart.arrangement.add",
        no_children=not apart,
        submit=_("Add the arrangement"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def arrangement_edit(request, public_id):
    arrangement = arrangement_or_404(public_id)
    parent = arrangement.parent
    return edit_page(
        request,
        ArrangementForm,
        partial(services.arrangement_update, arrangement=arrangement, actor=request.user),
        record=arrangement,
        parent=parent,
        done=page_url(parent, "contact"),
        title=_("Change a contact arrangement"),
        caption=parent_and_child(parent, arrangement.child),
        form_name="apart.arrangement.edit",
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def session_add(request, public_id):
    arrangement = arrangement_or_404(public_id)
    if arrangement.kind == ContactKind.LETTER_BOX:
        raise Http404
    parent = arrangement.parent
    return add_page(
        request,
        SessionForm,
        lambda form, form_token: services.session_log(
            arrangement=arrangement,
            actor=request.user,
            form_token=form_token,
            **form.service_fields(),
        ),
        parent=parent,
        done=page_url(parent, "contact"),
        added=_("Contact session recorded"),
        title=_("Record a contact session"),
        caption=parent_and_child(parent, arrangement.child),
        form_name="apart.session.add",
        submit=_("Record the session"),
    )
