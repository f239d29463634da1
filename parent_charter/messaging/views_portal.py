"""The parent's own page (portal): whether they want reminders by text or email."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.pages import read_audited
from parent_charter.core.permissions import requires
from parent_charter.parents.access import current_parent

from . import selectors, services
from .forms import ReminderChoiceForm


@requires("portal.use_portal")
@require_http_methods(["GET", "POST"])
def reminder_choice(request):
    parent = current_parent(request)
    choice = selectors.choice_for(parent)
    if request.method == "POST":
        form = ReminderChoiceForm(request.POST)
        if form.is_valid():
            try:
                services.set_reminder_choice(
                    parent=parent,
                    expected_version=form.expected_version,
                    actor=request.user,
                    **form.record_fields(),
                )
            except EditConflict:
                messages.error(
                    request,
                    _("Your choice was changed in another window. Check it and save again."),
                )
                choice = selectors.choice_for(parent)
                form = ReminderChoiceForm(initial=ReminderChoiceForm.initial_for(choice))
            else:
                messages.success(request, _("Your choice about reminders is saved."))
                return redirect("messaging_portal:reminders")
    else:
        form = ReminderChoiceForm(initial=ReminderChoiceForm.initial_for(choice))
        read_audited(
            actor=request.user,
            council=parent.council,
            action="message.choice_viewed",
            parent=parent,
        )
    return render(
        request,
        "messaging/portal_reminders.html",
        {"form": form, "choice": choice, "how": selectors.how_we_reach(parent)},
    )
