"""Staff pages of moving between councils.

Sending side (the parent's adviser or a team manager): propose a move from the parent's page,
see it, record the parent's answer, withdraw it. Receiving side (a team manager or the council
administrator): the incoming list, one incoming transfer with what is needed to decide, accept
(choosing the adviser) or decline with a reason.
"""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.pages import or_404, read_audited, submit_once
from parent_charter.core.permissions import requires
from parent_charter.parents.selectors import parent_or_404

from . import catalogue, selectors, services
from .forms import YES, AcceptForm, AnswerForm, DeclineForm, ProposeForm, VersionForm
from .models import Status

CHANGED_MEANWHILE = gettext_lazy(
    "Someone else changed this move while you were looking at it. Check it and try again."
)

ALREADY_MOVED = gettext_lazy(
    "This parent's support moved to another council. Any further move is that council's to propose."
)


def _moved_on(request, transfer) -> None:
    messages.info(
        request,
        _("This move has already gone on to “%(status)s”. Nothing was changed.")
        % {"status": transfer.get_status_display()},
    )


def _take_step(request, step, success):
    """Call `step`; say what became of it. Returns its result, or None when someone else's
    step came first (the person is told, and nothing is changed)."""
    try:
        result = step()
    except services.StepNotAllowed as refused:
        _moved_on(request, refused.transfer)
    except EditConflict:
        messages.error(request, CHANGED_MEANWHILE)
    else:
        messages.success(request, success)
        return result
    return None


# The sending council's pages.


@requires("transfers.propose")
@require_http_methods(["GET", "POST"])
def propose(request, public_id):
    parent = parent_or_404(actor=request.user, public_id=public_id, page="transfers")
    transfers = selectors.transfers_of(parent)
    if any(row.closes_record for row in transfers):
        messages.info(request, ALREADY_MOVED)
        return redirect(reverse("parents:detail", kwargs={"public_id": parent.public_id}))
    already = next((row for row in transfers if row.is_open), None)
    if already is not None:
        messages.info(request, _("A move is already waiting. Withdraw it to propose another."))
        return redirect("transfers:detail", public_id=already.public_id)
    if request.method == "POST":
        form = ProposeForm(request.POST, council=parent.council)
        try:
            added = submit_once(
                request,
                form,
                lambda token: services.propose(
                    parent=parent, actor=request.user, form_token=token, **form.service_fields()
                ),
            )
        except services.AlreadyOpen:
            messages.info(request, _("A move is already waiting. Withdraw it to propose another."))
            return redirect(reverse("parents:detail", kwargs={"public_id": parent.public_id}))
        except services.AlreadyMoved:
            messages.info(request, ALREADY_MOVED)
            return redirect(reverse("parents:detail", kwargs={"public_id": parent.public_id}))
        if added.saved:
            messages.success(request, _("Move proposed. Record the parent's answer next."))
        if added.obj is not None:
            return redirect("transfers:detail", public_id=added.obj.public_id)
        if added.duplicate:
            raise Http404
    else:
        form = ProposeForm(council=parent.council, initial={"form_token": uuid.uuid4()})
    return render(
        request,
        "transfers/propose.html",
        {"form": form, "parent": parent, "details": catalogue.GROUPS[0]},
    )


@requires("transfers.propose")
@require_GET
def detail(request, public_id):
    transfer = or_404(selectors.transfer_for_view, actor=request.user, public_id=public_id)
    return _detail_page(request, transfer)


def _detail_page(request, transfer, *, answer_form=None, status=200):
    if answer_form is None and transfer.status == Status.PROPOSED:
        answer_form = AnswerForm(initial={"version": transfer.version})
    return render(
        request,
        "transfers/detail.html",
        {
            "transfer": transfer,
            "parent": transfer.parent,
            "groups": catalogue.groups(transfer.information),
            "answer_form": answer_form,
        },
        status=status,
    )


@requires("transfers.propose")
@require_POST
def answer(request, public_id):
    transfer = or_404(selectors.transfer_for_view, actor=request.user, public_id=public_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, transfer, answer_form=form)
    agreed = form.cleaned_data["answer"] == YES
    _take_step(
        request,
        lambda: services.record_answer(
            transfer=transfer,
            actor=request.user,
            expected_version=form.cleaned_data["version"] or 0,
            agreed=agreed,
            on=form.cleaned_data["given_on"],
            route=form.cleaned_data["route"],
        ),
        _("The parent's consent is recorded. The receiving council has been told.")
        if agreed
        else _("The parent's answer is recorded. Nothing goes to the other council."),
    )
    return redirect("transfers:detail", public_id=transfer.public_id)


@requires("transfers.propose")
@require_POST
def withdraw(request, public_id):
    transfer = or_404(selectors.transfer, public_id)
    form = VersionForm(request.POST)
    form.is_valid()
    _take_step(
        request,
        lambda: services.withdraw(
            transfer=transfer,
            actor=request.user,
            expected_version=form.cleaned_data.get("version") or 0,
        ),
        _("Move withdrawn"),
    )
    return redirect("transfers:detail", public_id=transfer.public_id)


# The receiving council's pages.


@requires("transfers.decide")
@require_GET
def index(request):
    waiting, decided = selectors.incoming(request.user.council)
    outgoing = selectors.outgoing() if request.user.has_perm("transfers.propose") else []
    read_audited(
        actor=request.user,
        council=request.user.council,
        action="transfer.list.viewed",
        detail={"incoming": len(waiting) + len(decided), "outgoing": len(outgoing)},
    )
    return render(
        request,
        "transfers/index.html",
        {"waiting": waiting, "decided": decided, "outgoing": outgoing},
    )


def _incoming_page(request, view, *, accept_form=None, status=200):
    if accept_form is None and view.transfer.status == Status.CONSENT_GIVEN:
        accept_form = AcceptForm(
            advisers=services.receiving_advisers(request.user.council),
            initial={"version": view.transfer.version},
        )
    return render(
        request,
        "transfers/incoming.html",
        {
            "view": view,
            "transfer": view.transfer,
            "groups": catalogue.groups(view.transfer.information),
            "accept_form": accept_form,
        },
        status=status,
    )


@requires("transfers.decide")
@require_GET
def incoming(request, public_id):
    view = or_404(selectors.incoming_for_view, actor=request.user, public_id=public_id)
    return _incoming_page(request, view)


@requires("transfers.decide")
@require_POST
def accept(request, public_id):
    view = or_404(selectors.incoming_for_view, actor=request.user, public_id=public_id)
    form = AcceptForm(request.POST, advisers=services.receiving_advisers(request.user.council))
    if not form.is_valid():
        return _incoming_page(request, view, accept_form=form)
    transfer = _take_step(
        request,
        lambda: services.accept(
            transfer=view.transfer,
            actor=request.user,
            expected_version=form.cleaned_data["version"] or 0,
            adviser=form.cleaned_data["adviser"],
        ),
        _("Move accepted. The parent's record here is ready."),
    )
    if transfer is not None:
        return redirect("parents:detail", public_id=transfer.receiving_parent.public_id)
    return redirect("transfers:incoming", public_id=view.public_id)


@requires("transfers.decide")
@require_http_methods(["GET", "POST"])
def decline(request, public_id):
    view = or_404(selectors.incoming_for_view, actor=request.user, public_id=public_id)
    if view.transfer.status != Status.CONSENT_GIVEN:
        _moved_on(request, view.transfer)
        return redirect("transfers:incoming", public_id=view.public_id)
    if request.method == "POST":
        form = DeclineForm(request.POST)
        if form.is_valid():
            _take_step(
                request,
                lambda: services.decline(
                    transfer=view.transfer,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"] or 0,
                    reason=form.cleaned_data["reason"],
                ),
                _("Move declined. The sending council has been told."),
            )
            return redirect("transfers:incoming", public_id=view.public_id)
    else:
        form = DeclineForm(initial={"version": view.transfer.version})
    return render(request, "transfers/decline.html", {"form": form, "view": view})
