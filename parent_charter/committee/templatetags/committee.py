from django import template

from parent_charter.figures import periods

register = template.Library()


@register.filter
def quarter_label(slug: str) -> str:
    """A stored quarter ("2026-Q3") as people read it, in the active language."""
    try:
        return periods.parse(slug).label
    except ValueError:
        return slug
