"""What the children app adds to pages other apps own, registered in apps.py: the children
section of a parent's page, and the parent's children as their audit trail names them.

The section writes no audit row: the page records one `parent.viewed` for everything on it.
"""

from dataclasses import dataclass

from django.utils import timezone

from parent_charter.parents.models import Parent

from .models import Child, ChildParent
from .selectors import age_in_words, child_label, children_read_once, home_for_parent


@dataclass(frozen=True)
class ChildRow:
    child: Child
    label: str
    age: str
    home: str
    legal_status: str


def children_section(request, parent: Parent) -> dict:
    """The parent page's children section, in two queries however many children there are
    (shared with the living-apart section)."""
    today = timezone.localdate()
    rows = []
    for link, row in children_read_once(parent):
        child = link.child
        rows.append(
            ChildRow(
                child=child,
                label=child_label(child),
                age=age_in_words(child.date_of_birth, today) if child.is_born else "",
                home=home_for_parent(child, row, link),
                legal_status=row.get_legal_status_display() if row else "",
            )
        )
    return {
        "parent": parent,
        "children_rows": rows,
        "can_add_child": request.user.has_perm("children.change_child"),
    }


def child_public_ids(parent: Parent) -> list[str]:
    """The parent's children, as the audit trail names them (events about a child). Registered
    for the parent's audit trail in apps.py (core.registries.parent_trail)."""
    return [
        str(public_id)
        for public_id in ChildParent.objects.filter(parent=parent).values_list(
            "child__public_id", flat=True
        )
    ]
