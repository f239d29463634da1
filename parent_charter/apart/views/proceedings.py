"""Court hearings and meetings about a parent's child."""

from functools import partial

from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires

from .. import selectors
from ..forms.proceedings import ProceedingForm
from ..services import proceedings as services
from .common import FORM, add_page, edit_page, page_url, parent_or_404


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def proceeding_add(request, parent_id):
    parent = parent_or_404(parent_id)
    return add_page(
        request,
        ProceedingForm,
        lambda form, form_token: services.proceeding_add(
            parent=parent,
            actor=request.user,
            form_token=form_token,
            **form.record_fields(),
        ),
        parent=parent,
        done=page_url(parent, "proceedings"),
        added=_("Hearing or meeting added"),
        form_kwargs={"children": selectors.children_choices(parent)},
        title=_("Add a hearing or meeting"),
        form_name="apart.proceeding.add",
        submit=_("Add the hearing or meeting"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def proceeding_edit(request, public_id):
    proceeding = or_404(selectors.proceeding_for_change, public_id=public_id)
    parent = proceeding.parent
    return edit_page(
        request,
        ProceedingForm,
        partial(services.proceeding_update, proceeding=proceeding, actor=request.user),
        record=proceeding,
        parent=parent,
        done=page_url(parent, "proceedings"),
        form_kwargs={"children": selectors.children_choices(parent)},
        title=_("Change a hearing or meeting"),
        form_name="apart.proceeding.edit",
    )
