"""The council administrator's pages for API clients, and the API's guide.

A new client's token is shown on the page that answers the form, once: only its hash is kept,
so it can never be shown again. A form sent twice makes one client, and the second answer
says the token was shown the first time.
"""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import public, requires

from . import gateway, selectors, services
from .forms import ApiClientForm
from .models import Scope

PERMISSION = "caseapi.manage_clients"


@requires(PERMISSION)
@require_GET
def clients(request):
    return render(
        request,
        "caseapi/clients.html",
        {
            "council": request.user.council,
            "clients": list(selectors.clients_of_council()),
            "docs_url": request.build_absolute_uri(reverse("caseapi:docs")),
        },
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def client_add(request):
    council = request.user.council
    if request.method == "POST":
        form = ApiClientForm(request.POST)
        made = {}

        def create(token):
            made["new"] = services.client_create(
                council=council,
                actor=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                form_token=token,
            )
            return made["new"].client

        added = submit_once(
            request,
            form,
            create,
            duplicate_message=_(
                "That form had already been sent: the client was made once, and its token "
                "was shown then. If nobody copied it, revoke the client and make another."
            ),
        )
        if added.saved:
            return render(
                request,
                "caseapi/created.html",
                {"client": added.obj, "token": made["new"].token, "council": council},
            )
        if added.duplicate:
            return redirect("caseapi:clients")
    else:
        form = ApiClientForm(initial={"form_token": uuid.uuid4()})
    return render(request, "caseapi/add.html", {"form": form, "council": council})


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def client_revoke(request, public_id):
    client = or_404(selectors.client_for, public_id)
    if request.method == "POST":
        if services.client_revoke(client=client, actor=request.user):
            messages.success(request, _("%(name)s’s token is revoked") % {"name": client.name})
        else:
            messages.info(request, _("That token had already been revoked."))
        return redirect("caseapi:clients")
    return render(request, "caseapi/revoke.html", {"client": client})


@public
@require_GET
def docs(request):
    return render(
        request,
        "caseapi/docs.html",
        {
            "operations": gateway.docs_paths(),
            "scopes": Scope.choices,
            "calls_per_window": services.calls_per_window(),
            "window_seconds": services.window_seconds(),
            "base_url": request.build_absolute_uri("/api/case/v1/"),
        },
    )
