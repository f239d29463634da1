"""Reads of the directory, with a fixed number of queries however many services match.

Directory records hold no personal data, so these reads are not audited. Filters are shared
by the public search, the parent's portal and the open API; "open at" needs each service's
rules evaluated in Python (opening.py), which one light query of schedules feeds.
"""

import datetime
from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from parent_charter.authorities.models import Council

from . import opening
from .models import (
    LISTED_STATUSES,
    Contact,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    TaxonomyTerm,
)
from .taxonomy import CARE_EXPERIENCED, COUNCIL_RESIDENTS, ELIGIBILITY_LINK, NEED_KEYS


def with_details(queryset: QuerySet) -> QuerySet:
    """Everything a full service needs, in a fixed number of queries."""
    return queryset.select_related("organization", "council").prefetch_related(
        "organization__organization_identifiers",
        "schedules",
        "service_areas",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__addresses", "location__accessibility"
            ),
        ),
        "cost_options",
        Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
        Prefetch(
            "attributes",
            queryset=ServiceAttribute.objects.select_related("taxonomy_term").order_by(
                "taxonomy_term__name", "pk"
            ),
        ),
    )


def with_summary(queryset: QuerySet) -> QuerySet:
    """What a search result shows: organisation, schedules and terms."""
    return queryset.select_related("organization").prefetch_related(
        "schedules",
        Prefetch(
            "attributes",
            queryset=ServiceAttribute.objects.select_related("taxonomy_term").order_by(
                "taxonomy_term__name", "pk"
            ),
        ),
    )


def _has_term(key: str):
    return Exists(ServiceAttribute.objects.filter(service=OuterRef("pk"), taxonomy_term__key=key))


def filter_text(queryset: QuerySet, text: str) -> QuerySet:
    for word in text.split()[:10]:
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(name_cy__icontains=word)
            | Q(description__icontains=word)
            | Q(description_cy__icontains=word)
            | Q(organization__name__icontains=word)
            | Q(organization__name_cy__icontains=word)
        )
    return queryset


def filter_suitable_age(queryset: QuerySet, age: int) -> QuerySet:
    """Services a person of this age may use (no limit counts as no limit)."""
    return queryset.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)).filter(
        Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
    )


def filter_need(queryset: QuerySet, key: str) -> QuerySet:
    return queryset.filter(_has_term(key))


def filter_open_at(queryset: QuerySet, moment: datetime.datetime) -> QuerySet:
    """Services open at `moment` (UK time), honouring weekly and monthly rules and exceptions."""
    schedules = defaultdict(list)
    for schedule in Schedule.objects.filter(service__in=queryset.values("pk")).only(
        "service_id",
        "valid_from",
        "valid_to",
        "dtstart",
        "freq",
        "interval",
        "byday",
        "bymonthday",
        "opens_at",
        "closes_at",
    ):
        schedules[schedule.service_id].append(schedule)
    open_ids = [sid for sid, rules in schedules.items() if opening.is_open_at(rules, moment)]
    return queryset.filter(pk__in=open_ids)


def filter_day_and_time(
    queryset: QuerySet,
    *,
    day: str | None = None,
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
) -> QuerySet:
    """The profile's `day`, `start_time` and `end_time`, all met by one regular schedule."""
    conditions = Q(service=OuterRef("pk")) & ~Q(freq="", byday="")
    if day:
        conditions &= Q(byday__icontains=day)
    if start_time:
        conditions &= Q(opens_at__gte=start_time)
    if end_time:
        conditions &= Q(closes_at__lte=end_time)
    return queryset.filter(Exists(Schedule.objects.filter(conditions)))


def listed_services(council: Council | None = None) -> QuerySet:
    queryset = Service.objects.filter(status__in=LISTED_STATUSES)
    if council is not None:
        queryset = queryset.filter(council=council)
    return queryset


def search(
    *,
    council: Council | None = None,
    text: str = "",
    need: str = "",
    age: int | None = None,
    open_at: datetime.datetime | None = None,
) -> QuerySet:
    """The public search: listed services matching every filter given, by name."""
    queryset = listed_services(council)
    if text:
        queryset = filter_text(queryset, text)
    if need:
        queryset = filter_need(queryset, need)
    if age is not None:
        queryset = filter_suitable_age(queryset, age)
    if open_at is not None:
        queryset = filter_open_at(queryset, open_at)
    return with_summary(queryset.order_by("name", "pk"))


def need_choices(council: Council | None) -> list[TaxonomyTerm]:
    """The needs to search by: the council's, or (all councils) one of each shared key."""
    if council is not None:
        return list(TaxonomyTerm.objects.filter(council=council, theme__gt="").exclude(key=""))
    terms = TaxonomyTerm.objects.filter(key__in=NEED_KEYS).order_by("key", "council_id")
    first = {}
    for term in terms:
        first.setdefault(term.key, term)
    return sorted(first.values(), key=lambda term: term.display_name)


def councils_with_directory() -> list[Council]:
    return list(
        Council.objects.filter(
            pk__in=Service.objects.filter(status__in=LISTED_STATUSES).values("council_id")
        )
    )


def public_service(service_id) -> Service:
    """A listed service with everything its public page shows; DoesNotExist otherwise."""
    return with_details(Service.objects.filter(status__in=LISTED_STATUSES)).get(pk=service_id)


def eligibility_of(service) -> dict:
    """From prefetched attributes: the service's needs and its eligibility conditions."""
    keys = {
        attribute.taxonomy_term.key
        for attribute in service.attributes.all()
        if attribute.link_type == ELIGIBILITY_LINK
    }
    return {
        "care_experienced_only": CARE_EXPERIENCED in keys,
        "residents_only": COUNCIL_RESIDENTS in keys,
        "needs": [
            attribute.taxonomy_term
            for attribute in service.attributes.all()
            if attribute.taxonomy_term.theme
        ],
    }


def services_for_parent(*, council: Council, age: int, limit: int = 5) -> list[Service]:
    """The portal panel: listed services a parent of this age may use, in their council."""
    queryset = filter_suitable_age(listed_services(council), age)
    return list(with_summary(queryset.order_by("name", "pk"))[:limit])


# Staff pages.


def council_directory(council: Council) -> dict:
    return {
        "services": list(
            Service.objects.filter(council=council)
            .select_related("organization")
            .order_by("name", "pk")
        ),
        "organizations": list(Organization.objects.filter(council=council)),
        "locations": list(Location.objects.filter(council=council).prefetch_related("addresses")),
        "needs": list(TaxonomyTerm.objects.filter(council=council, theme__gt="").order_by("name")),
    }


def staff_service(council: Council, service_id) -> Service:
    return with_details(Service.objects.filter(council=council)).get(pk=service_id)
