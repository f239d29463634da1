"""Access-matrix rows for children's pages: case workers read, advisers and managers change."""

from tests.factories import ChildCircumstanceFactory, ChildFactory, ChildParentFactory

CHANGERS = {"pa", "manager"}

ROWS = {
    "children:add": ("children.change_child", CHANGERS, {"kwargs": "child_parent"}),
    "children:detail": ("parents.view_parent", {"pa", "manager", "assessor"}, {"kwargs": "child"}),
    "children:edit": ("children.change_child", CHANGERS, {"kwargs": "child"}),
    "children:change_circumstances": ("children.change_child", CHANGERS, {"kwargs": "child"}),
}


def make_targets(ctx) -> dict:
    children = {}
    for which in ("hillford", "eastmere"):
        parent = ctx[f"{which}_parent"]
        child = ChildFactory(council=parent.council)
        ChildParentFactory(child=child, parent=parent)
        ChildCircumstanceFactory(child=child)
        children[which] = child
    return {
        "child": {which: {"public_id": child.public_id} for which, child in children.items()},
        "child_parent": {
            which: {"parent_id": ctx[f"{which}_parent"].public_id}
            for which in ("hillford", "eastmere")
        },
    }
