"""Showing a protected count: the number, "fewer than N", "hidden" or "not shown"."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def count(value):
    if value.shown:
        return f"{value.value:,}"
    if value.fewer:
        return _("fewer than %(threshold)s") % {"threshold": value.threshold}
    if value.hidden:
        return format_html(
            '<abbr title="{}">{}</abbr>',
            _("hidden so that a small number cannot be worked out"),
            _("hidden"),
        )
    return _("not shown")


@register.filter
def share(value):
    if value.percent is None:
        return _("not shown")
    return f"{value.percent}%"


@register.filter
def money(value):
    if value is None:
        return _("not shown")
    return f"£{value:,.2f}"


@register.filter
def keyed(rows):
    """Rows of a figures table as (figure key, label, cells): a row of (label, cells) has no key,
    so none of its counts leads to the parents behind it."""
    return [row if len(row) == 3 else (None, *row) for row in rows]


@register.filter
def slice_key(pairs, index):
    """The key of the pair at `index` of a list of (key, label) pairs."""
    return pairs[index][0]
