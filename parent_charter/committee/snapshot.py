"""The council figures as JSON, and back: how an approved report keeps its figures as they were.

Every count keeps its state (shown, fewer than N, hidden, not shown), so a frozen report shows
exactly what the figures page showed on the day, and its small numbers stay protected: a
suppressed count is stored without its value.
"""

from decimal import Decimal

from django.utils.functional import Promise

from parent_charter.figures import periods
from parent_charter.figures.disclosure import Count, Share


def freeze(value):
    """The figures (or any part of them) as JSON-ready values. Labels are written out in the
    active language."""
    if isinstance(value, Count):
        return {"__count__": [value.value, value.state, value.threshold]}
    if isinstance(value, Share):
        return {"__share__": value.percent}
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, periods.Period):
        return {"__period__": value.slug}
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(key): freeze(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [freeze(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"The figures hold a {type(value).__name__} that cannot be stored")


def thaw(value):
    """What `freeze` wrote, as the objects the templates show."""
    if isinstance(value, dict):
        if "__count__" in value:
            number, state, threshold = value["__count__"]
            return Count(number, state, threshold)
        if "__share__" in value:
            return Share(value["__share__"])
        if "__decimal__" in value:
            return Decimal(value["__decimal__"])
        if "__period__" in value:
            return periods.parse(value["__period__"])
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [thaw(item) for item in value]
    return value
