"""`{% contact_now council %}`: the current answer, for pages of other apps (the offer page)."""

from django import template

from parent_charter.availability import services

register = template.Library()


@register.inclusion_tag("contact/_answer.html")
def contact_now(council, heading_level=3):
    return {
        "answer": services.who_to_contact(council=council),
        "council": council,
        "heading_level": heading_level,
        "show_more": True,
    }
