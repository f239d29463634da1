"""What every living-apart write does the same way: save an edit's changed fields at the version
its editor started from, with its audit row (adds use core.adding.add_once)."""

from parent_charter.children.models import Child, ChildParent
from parent_charter.core.concurrency import save_audited
from parent_charter.parents.models import Parent


def check_child_of(parent: Parent, child: Child | None) -> None:
    if child is None:
        return
    if not ChildParent.objects.filter(parent=parent, child=child).exists():
        raise ValueError("That child is not linked to this parent.")


def save_changes(
    record, *, names, fields: dict, actor, expected_version: int, action: str, detail=None
) -> list[str]:
    """Save those of `names` in `fields` that changed, unless someone else saved first (raises
    EditConflict). One audit row names the changed fields, sorted; they are returned."""
    wanted = {name: fields[name] for name in sorted(names) if name in fields}
    return save_audited(
        record,
        expected_version=expected_version,
        fields=wanted,
        actor=actor,
        action=action,
        detail=detail,
        only_changed=True,
    )
