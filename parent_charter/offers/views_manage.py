"""Council administrators' pages for their local offer, contacts and opening hours."""

from django.shortcuts import render

from parent_charter.authorities.models import Weekday
from parent_charter.core.permissions import requires

from . import selectors


@requires("offers.change_offer")
def manage(request):
    council = selectors.council_for_admin(request.user)
    offer = getattr(council, "local_offer", None)
    hours = {row.weekday: row for row in council.office_hours.all()}
    return render(
        request,
        "offers/manage.html",
        {
            "council": council,
            "offer": offer,
            "opening_hours": [(day.label, hours.get(day.value)) for day in Weekday],
            "local_commitments": list(offer.commitments.all()) if offer else [],
            "programmes": list(offer.programmes.select_related("provider")) if offer else [],
        },
    )
