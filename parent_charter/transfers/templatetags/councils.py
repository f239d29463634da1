"""A council's name in the reader's language (its Welsh name on Welsh pages, when it has one):
moves name two councils on every page."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def council_name(council) -> str:
    return council.display_name((get_language() or "en")[:2]) if council else ""
