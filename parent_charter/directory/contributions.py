"""The "Services for you" panel of the parent's portal home page."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from parent_charter.parents.eligibility import birthday

from . import selectors


def age_on(date_of_birth, day) -> int:
    age = day.year - date_of_birth.year
    return age if birthday(date_of_birth, age) <= day else age - 1


def services_panel(request, parent) -> dict:
    """Services in the parent's council that a parent of their age may use (fixed queries).

    Every parent in the portal is care-experienced, so services only for care-experienced
    people are included; those only for the council's residents say so on their page.
    """
    age = age_on(parent.date_of_birth, timezone.localdate())
    council = parent.council
    query = urlencode({"council": council.slug, "age": age})
    return {
        "services": selectors.services_for_parent(council=council, age=age),
        "search_url": f"{reverse('directory:search')}?{query}",
        "age": age,
    }
