"""Template helpers for GOV.UK Design System markup that Django's template language lacks."""

from django import template
from django.forms.utils import flatatt
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def html_attrs(attrs: dict, exclude: str = "") -> SafeString:
    """Render widget attrs, leaving out names the template writes itself or uses as options.

    Django's attrs.html cannot skip keys, and a radio widget's attrs are copied onto every
    option: its `class` and `inline` belong on the group, not on each input.
    """
    skip = set(exclude.split())
    return flatatt({name: value for name, value in attrs.items() if name not in skip})


@register.simple_tag(takes_context=True)
def pagination(context, page, param: str = "page") -> dict:
    """Links for the GOV.UK pagination component, keeping the rest of the query string.

    Filters and sorting live in the query string, so paging must not drop them.
    """
    request = context.get("request")
    query = request.GET.copy() if request is not None else None

    def href(number):
        if query is None:
            return f"?{param}={number}"
        query[param] = number
        return f"?{query.urlencode()}"

    items = [
        {"ellipsis": True}
        if number == page.paginator.ELLIPSIS
        else {"number": number, "href": href(number), "current": number == page.number}
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return {
        "items": items if page.paginator.num_pages > 1 else [],
        "previous": href(page.previous_page_number()) if page.has_previous() else None,
        "next": href(page.next_page_number()) if page.has_next() else None,
    }
