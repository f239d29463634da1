"""Council administrators' pages for keeping their council's directory.

Every record is looked up within the administrator's own council, so another council's record
is a 404. Adds carry a one-time token; edits carry the version they started from.
"""

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from parent_charter.core.edit_views import add_page, edit_page
from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires

from . import opening, selectors, services, services_details
from .forms import LocationForm, NeedForm, OrganizationForm
from .forms_schedule import ScheduleForm
from .forms_service import ContactForm, CostForm, ServiceForm
from .models import Contact, CostOption, Location, Organization, Schedule, Service, TaxonomyTerm
from .taxonomy import ensure_taxonomies

PERMISSION = "directory.manage_directory"


def _service_of(request, service_id) -> Service:
    return get_object_or_404(
        Service.objects.select_related("council", "organization"),
        pk=service_id,
        council=request.user.council,
    )


@requires(PERMISSION)
@require_http_methods(["GET"])
def manage(request):
    council = request.user.council
    return render(
        request,
        "directory/manage.html",
        {"council": council, **selectors.council_directory(council)},
    )


# Organisations, places and needs: records of the council's own, kept from the directory page.


def _council_record_views(
    kind, model, form_class, add, update, template, added, saved, record_arg=None, **lookup
):
    """The add and edit views of a record the council keeps from its directory page.

    `added` is a message with a %(name)s placeholder; `update` takes the record as `record_arg`
    (the kind by default); `lookup` narrows which of the council's records can be edited.
    """
    record_arg = record_arg or kind

    @requires(PERMISSION)
    @require_http_methods(["GET", "POST"])
    def add_view(request):
        return add_page(
            request,
            form_class=form_class,
            add=partial(add, council=request.user.council, actor=request.user),
            template=template,
            context={"back_url": reverse("directory:manage")},
            done=lambda record: reverse("directory:manage"),
            message=lambda record: _(added) % {"name": record.name},
        )

    @requires(PERMISSION)
    @require_http_methods(["GET", "POST"])
    def edit_view(request, id):
        record = get_object_or_404(
            model.objects.select_related("council"), pk=id, council=request.user.council, **lookup
        )
        return edit_page(
            request,
            record,
            form_class=form_class,
            update=partial(update, **{record_arg: record}, actor=request.user),
            template=template,
            context={"back_url": reverse("directory:manage")},
            done=reverse("directory:manage"),
            message=_(saved),
        )

    for view, name in ((add_view, "add"), (edit_view, "edit")):
        view.__name__ = view.__qualname__ = f"{kind}_{name}"
    return add_view, edit_view


organization_add, organization_edit = _council_record_views(
    "organization",
    Organization,
    OrganizationForm,
    services.organization_add,
    services.organization_update,
    "directory/organization_form.html",
    gettext_noop("Organisation added: %(name)s"),
    gettext_noop("Organisation saved"),
)
location_add, location_edit = _council_record_views(
    "location",
    Location,
    LocationForm,
    services.location_add,
    services.location_update,
    "directory/location_form.html",
    gettext_noop("Place added: %(name)s"),
    gettext_noop("Place saved"),
)
need_add, need_edit = _council_record_views(
    "need",
    TaxonomyTerm,
    NeedForm,
    services.need_add,
    services.need_update,
    "directory/need_form.html",
    gettext_noop("Need added: %(name)s"),
    gettext_noop("Need saved"),
    record_arg="term",
    theme__gt="",
)


# Services.


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def service_add(request):
    council = request.user.council
    if not Organization.objects.filter(council=council).exists():
        return render(
            request,
            "directory/service_form.html",
            {"form": None, "record": None, "back_url": reverse("directory:manage")},
        )
    ensure_taxonomies(council)
    return add_page(
        request,
        form_class=ServiceForm,
        form_kwargs={"council": council},
        add=partial(services.service_add, council=council, actor=request.user),
        template="directory/service_form.html",
        context={"back_url": reverse("directory:manage")},
        done=lambda record: (
            record.get_absolute_staff_url() if record else reverse("directory:manage")
        ),
        message=lambda record: _("Service added: %(name)s") % {"name": record.name},
    )


@requires(PERMISSION)
@require_http_methods(["GET"])
def service_detail(request, id):
    service = or_404(selectors.staff_service, request.user.council, id)
    return render(
        request,
        "directory/service_staff.html",
        {
            "service": service,
            "eligibility": selectors.eligibility_of(service),
            "schedules": [(s, opening.describe(s)) for s in service.schedules.all()],
        },
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def service_edit(request, id):
    service = _service_of(request, id)
    council = request.user.council
    ensure_taxonomies(council)
    return edit_page(
        request,
        service,
        form_class=ServiceForm,
        form_kwargs={"council": council},
        update=partial(services.service_update, service=service, actor=request.user),
        template="directory/service_form.html",
        context={"back_url": service.get_absolute_staff_url()},
        done=service.get_absolute_staff_url(),
        message=_("Service saved"),
    )


# The details of a service: opening times, contacts and costs.


def _child_of(request, model, id):
    return get_object_or_404(
        model.objects.select_related("service__council"),
        pk=id,
        service__council=request.user.council,
    )


def _child_views(
    kind, model, form_class, add, update, delete, template, added, saved, removed, remove_label
):
    @requires(PERMISSION)
    @require_http_methods(["GET", "POST"])
    def add_view(request, id):
        service = _service_of(request, id)
        return add_page(
            request,
            form_class=form_class,
            add=partial(add, service=service, actor=request.user),
            template=template,
            context={"service": service, "back_url": service.get_absolute_staff_url()},
            done=lambda record: service.get_absolute_staff_url(),
            message=lambda record: str(added),
        )

    @requires(PERMISSION)
    @require_http_methods(["GET", "POST"])
    def edit_view(request, id):
        record = _child_of(request, model, id)
        return edit_page(
            request,
            record,
            form_class=form_class,
            update=partial(update, **{kind: record}, actor=request.user),
            template=template,
            context={
                "service": record.service,
                "back_url": record.service.get_absolute_staff_url(),
                "remove_url": reverse(f"directory:{kind}_delete", args=[record.pk]),
                "remove_label": remove_label,
            },
            done=record.service.get_absolute_staff_url(),
            message=saved,
        )

    @requires(PERMISSION)
    @require_POST
    def delete_view(request, id):
        record = _child_of(request, model, id)
        service = record.service
        delete(**{kind: record}, actor=request.user)
        messages.success(request, removed)
        return redirect(service.get_absolute_staff_url())

    for view, name in ((add_view, "add"), (edit_view, "edit"), (delete_view, "delete")):
        view.__name__ = view.__qualname__ = f"{kind}_{name}"
    return add_view, edit_view, delete_view


schedule_add, schedule_edit, schedule_delete = _child_views(
    "schedule",
    Schedule,
    ScheduleForm,
    services_details.schedule_add,
    services_details.schedule_update,
    services_details.schedule_delete,
    "directory/schedule_form.html",
    gettext_lazy("Opening time added"),
    gettext_lazy("Opening time saved"),
    gettext_lazy("Opening time removed"),
    gettext_lazy("Remove this opening time"),
)
contact_add, contact_edit, contact_delete = _child_views(
    "contact",
    Contact,
    ContactForm,
    services_details.contact_add,
    services_details.contact_update,
    services_details.contact_delete,
    "directory/contact_form.html",
    gettext_lazy("Contact added"),
    gettext_lazy("Contact saved"),
    gettext_lazy("Contact removed"),
    gettext_lazy("Remove this contact"),
)
cost_add, cost_edit, cost_delete = _child_views(
    "cost",
    CostOption,
    CostForm,
    services_details.cost_add,
    services_details.cost_update,
    services_details.cost_delete,
    "directory/cost_form.html",
    gettext_lazy("Cost added"),
    gettext_lazy("Cost saved"),
    gettext_lazy("Cost removed"),
    gettext_lazy("Remove this cost"),
)
