"""The public page of each council's offer: what it promises, its programmes and contacts."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from parent_charter.authorities.models import Weekday
from parent_charter.core.permissions import public

from . import selectors
from .models import LocalOffer


@public
def offer_page(request, slug):
    try:
        offer = selectors.public_offer(slug)
    except LocalOffer.DoesNotExist:
        raise Http404 from None
    hours = {row.weekday: row for row in offer.council.office_hours.all()}
    opening_hours = [(day.label, hours.get(day.value)) for day in Weekday]
    return render(
        request,
        "offers/public_offer.html",
        {
            "offer": offer,
            "council": offer.council,
            "council_name": offer.council.display_name(get_language()),
            "sections": selectors.sections_for(offer),
            "council_commitments": selectors.council_commitments(offer),
            "programmes": list(offer.programmes.all()),
            "opening_hours": opening_hours,
        },
    )
