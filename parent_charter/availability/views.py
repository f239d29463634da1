"""Who to contact now (public), the printable card, and staff members' hours and leave."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import public, requires
from parent_charter.offers.models import LocalOffer

from . import selectors, services
from .calendar import bank_holidays
from .forms import AbsenceForm, RemoveAbsenceForm, WorkingPatternForm
from .models import Absence

# --- Public pages ---------------------------------------------------------------------------


@public
@require_http_methods(["GET", "HEAD"])
def index(request):
    language = get_language()
    councils = [(c.slug, c.display_name(language)) for c in selectors.councils_for_index()]
    return render(request, "contact/index.html", {"councils": councils})


def _coming_holidays(nation: str, count: int = 3) -> list:
    today = timezone.localdate()
    days = [h for h in bank_holidays(nation, today.year) if h.date >= today]
    days += bank_holidays(nation, today.year + 1)
    return days[:count]


@public
@never_cache
@require_http_methods(["GET", "HEAD"])
def now(request, slug):
    return _council_page(
        request,
        slug,
        "contact/now.html",
        lambda council: {
            "answer": services.who_to_contact(council=council),
            "holidays": _coming_holidays(council.nation),
            "has_offer": LocalOffer.objects.filter(council=council, published=True).exists(),
        },
    )


@public
@require_http_methods(["GET", "HEAD"])
def card(request, slug):
    return _council_page(request, slug, "contact/card.html", lambda council: {})


def _council_page(request, slug, template, more):
    """A public page about one council's cover: its name in the page's language, who covers
    its office now, and `more(council)`."""
    council = or_404(selectors.public_council, slug)
    return render(
        request,
        template,
        {
            "council": council,
            "council_name": council.display_name(get_language()),
            "cover": selectors.office_cover(council),
            **more(council),
        },
    )


# --- Staff: working hours and leave ---------------------------------------------------------


def _render_hours(request, member, *, own, form=None, absence_form=None, conflict=None):
    pattern = selectors.pattern_of(member)
    if form is None:
        initial = (
            WorkingPatternForm.initial_for(pattern)
            if pattern
            else WorkingPatternForm.initial_from_office(member.council)
        )
        form = WorkingPatternForm(initial=initial)
    if absence_form is None:
        absence_form = AbsenceForm(initial={"form_token": uuid.uuid4()})
    if own:
        urls = {
            "save": reverse("contact:my_hours"),
            "add_leave": reverse("contact:my_leave_add"),
            "remove_leave": reverse("contact:my_leave_remove"),
        }
    else:
        kwargs = {"user_id": member.public_id}
        urls = {
            "save": reverse("contact:staff_hours", kwargs=kwargs),
            "add_leave": reverse("contact:staff_leave_add", kwargs=kwargs),
            "remove_leave": reverse("contact:staff_leave_remove", kwargs=kwargs),
        }
    return render(
        request,
        "contact/hours.html",
        {
            "member": member,
            "own": own,
            "form": form,
            "absence_form": absence_form,
            "conflict": conflict,
            "absences": selectors.coming_absences(member),
            "has_pattern": pattern is not None,
            "urls": urls,
        },
    )


def _save_hours(request, member):
    form, conflict, saved = submit_locked_edit(
        request,
        WorkingPatternForm(request.POST),
        lambda **fields: services.working_pattern_save(user=member, actor=request.user, **fields),
    )
    if saved:
        messages.success(request, _("Working hours saved"))
        return None, None
    return form, conflict


def _add_leave(request, member) -> AbsenceForm | None:
    form = AbsenceForm(request.POST)
    added = submit_once(
        request,
        form,
        lambda token: services.absence_add(
            user=member,
            actor=request.user,
            form_token=token,
            first_day=form.cleaned_data["first_day"],
            last_day=form.cleaned_data["last_day"],
        ),
    )
    if added.saved:
        messages.success(request, _("Leave added"))
    return None if added.saved or added.duplicate else form


def _remove_leave(request, member) -> None:
    form = RemoveAbsenceForm(request.POST)
    if not form.is_valid():
        messages.info(request, _("Choose the leave to remove."))
        return
    absence = or_404(Absence.objects.get, public_id=form.cleaned_data["absence"], user=member)
    services.absence_remove(absence=absence, actor=request.user)
    messages.success(request, _("Leave removed"))


@requires("contact.change_own_hours")
@require_http_methods(["GET", "POST"])
def my_hours(request):
    member = request.user
    if request.method == "POST":
        form, conflict = _save_hours(request, member)
        if form is None:
            return redirect("contact:my_hours")
        return _render_hours(request, member, own=True, form=form, conflict=conflict)
    return _render_hours(request, member, own=True)


@requires("contact.change_own_hours")
@require_POST
def my_leave_add(request):
    form = _add_leave(request, request.user)
    if form is None:
        return redirect("contact:my_hours")
    return _render_hours(request, request.user, own=True, absence_form=form)


@requires("contact.change_own_hours")
@require_POST
def my_leave_remove(request):
    _remove_leave(request, request.user)
    return redirect("contact:my_hours")


@requires("contact.manage_staff_hours")
@require_http_methods(["GET", "HEAD"])
def staff_list(request):
    today = timezone.localdate()
    staff = selectors.staff_of_council(request.user.council_id)
    rows = []
    for member in staff:
        pattern = getattr(member, "working_pattern", None)
        rows.append(
            {
                "member": member,
                "days": selectors.pattern_in_words(pattern),
                "away_now": any(a.covers(today) for a in member.coming_absences),
                "next_absence": member.coming_absences[0] if member.coming_absences else None,
            }
        )
    return render(request, "contact/staff_list.html", {"rows": rows, "today": today})


def _member(request, user_id):
    return or_404(selectors.staff_member, council_id=request.user.council_id, public_id=user_id)


@requires("contact.manage_staff_hours")
@require_http_methods(["GET", "POST"])
def staff_hours(request, user_id):
    member = _member(request, user_id)
    if request.method == "POST":
        form, conflict = _save_hours(request, member)
        if form is None:
            return redirect("contact:staff_hours", user_id=member.public_id)
        return _render_hours(request, member, own=False, form=form, conflict=conflict)
    selectors.record_staff_hours_viewed(actor=request.user, member=member)
    return _render_hours(request, member, own=False)


@requires("contact.manage_staff_hours")
@require_POST
def staff_leave_add(request, user_id):
    member = _member(request, user_id)
    form = _add_leave(request, member)
    if form is None:
        return redirect("contact:staff_hours", user_id=member.public_id)
    return _render_hours(request, member, own=False, absence_form=form)


@requires("contact.manage_staff_hours")
@require_POST
def staff_leave_remove(request, user_id):
    member = _member(request, user_id)
    _remove_leave(request, member)
    return redirect("contact:staff_hours", user_id=member.public_id)
