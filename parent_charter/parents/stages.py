"""Which charter stages apply to a parent, derived from facts, never typed in.

A parent may be in several stages at once: a father expecting a second child while his first
lives with foster carers is expecting or parenting, living apart and child removed. "At every
stage" promises always apply.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Stage
from parent_charter.core.registries import open_concerns

# Legal positions that mean children's services have concerns about parenting.
CONCERN_LEGAL_STATUSES = frozenset({"child_protection_plan", "care_proceedings"})
# Legal positions and homes that mean a child has been removed from their parents' care.
REMOVAL_LEGAL_STATUSES = frozenset(
    {"looked_after", "placement_order", "adopted", "special_guardianship"}
)
REMOVAL_HOMES = frozenset({"foster_care", "adopted"})


@dataclass(frozen=True)
class ChildFacts:
    is_born: bool
    lives_with_this_parent: bool
    lives_with: str
    legal_status: str


# Why a stage applies, as codes stored in the stage history and put into words when shown.
FACTS = {
    "always": _("applies to every parent"),
    "no_children": _("no children recorded"),
    "expecting": _("expecting a child"),
    "has_child": _("has a child"),
    "open_concern": _("a concern about parenting is open"),
    "legal_concern": _("a child has a child protection plan or care proceedings"),
    "child_apart": _("a child does not live with this parent"),
    "child_removed": _("a child has been removed from the parents' care"),
    "left": _("the facts that made it apply changed"),
}


def describe_fact(code: str) -> str:
    """The stored reason in words; text stored before codes were used is shown as it is."""
    return str(FACTS[code]) if code in FACTS else code


def derive_stages(children: list[ChildFacts], *, open_concern: bool = False) -> dict[str, str]:
    """The stages that apply, each with the code of the fact that makes it apply (FACTS)."""
    stages = {Stage.THROUGHOUT: "always"}
    if not children:
        stages[Stage.BEFORE_PARENTHOOD] = "no_children"
        return stages
    expecting = any(not child.is_born for child in children)
    stages[Stage.EXPECTING_OR_PARENTING] = "expecting" if expecting else "has_child"
    if open_concern:
        stages[Stage.CONCERNS_RAISED] = "open_concern"
    elif any(child.legal_status in CONCERN_LEGAL_STATUSES for child in children):
        stages[Stage.CONCERNS_RAISED] = "legal_concern"
    if any(child.is_born and not child.lives_with_this_parent for child in children):
        stages[Stage.LIVING_APART] = "child_apart"
    if any(
        child.legal_status in REMOVAL_LEGAL_STATUSES or child.lives_with in REMOVAL_HOMES
        for child in children
    ):
        stages[Stage.CHILD_REMOVED] = "child_removed"
    return stages


def has_open_concern(parent) -> bool:
    """Asks the checks registered in core.registries.open_concerns (the concerns app's)."""
    return open_concerns.has_open_concern(parent)
