"""Letter-box dates under a letter-box arrangement: added, then changed as letters go and come."""

from functools import partial

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires

from .. import selectors
from ..forms.letterbox import ExchangeForm
from ..models import ContactKind
from ..services import letterbox as services
from .arrangements import arrangement_or_404
from .common import FORM, add_page, edit_page, page_url, parent_and_child


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def exchange_add(request, public_id):
    arrangement = arrangement_or_404(public_id)
    if arrangement.kind != ContactKind.LETTER_BOX:
        raise Http404
    parent = arrangement.parent
    return add_page(
        request,
        ExchangeForm,
        lambda form, form_token: services.exchange_add(
            arrangement=arrangement,
            actor=request.user,
            form_token=form_token,
            **form.record_fields(),
        ),
        parent=parent,
        done=page_url(parent, "contact"),
        added=_("Letter-box date added"),
        initial={"goes_through": arrangement.arranged_by},
        title=_("Add a letter-box date"),
        caption=parent_and_child(parent, arrangement.child),
        form_name="apart.letter_box.add",
        intro=_(
            "The parent's adviser is reminded a few days before the letter is due, until the "
            "date it was sent is recorded."
        ),
        submit=_("Add the date"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def exchange_edit(request, public_id):
    exchange = or_404(selectors.exchange_for_change, public_id=public_id)
    parent = exchange.arrangement.parent
    return edit_page(
        request,
        ExchangeForm,
        partial(services.exchange_update, exchange=exchange, actor=request.user),
        record=exchange,
        parent=parent,
        done=page_url(parent, "contact"),
        title=_("Change a letter-box date"),
        caption=parent_and_child(parent, exchange.arrangement.child),
        form_name="apart.letter_box.edit",
    )
