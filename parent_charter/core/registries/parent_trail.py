"""What other apps add to a parent's audit trail page (the parents app's `parent_audit_trail`).

Related records: an app whose records belong to a parent but are audited under their own
object type (a child, who may have more than one parent) registers the object type and a
function `(parent) -> list[str]` of those records' public ids, in one query.

Reasons kept on a record: the trail keeps no free text, so an app whose event's reason is
written on its own record (opening the sealed care history with a reason) registers the action,
the key of the event's detail that names the record, and a function `(ids) -> {id: reason}`
that reads them in one query (none when there are no ids).
"""

from collections.abc import Callable

_RELATED: dict[str, Callable] = {}
_REASONS: dict[str, tuple[str, Callable]] = {}


def register_related(object_type: str, ids_of: Callable) -> None:
    _RELATED[object_type] = ids_of


def register_reasons(action: str, *, detail_key: str, read: Callable) -> None:
    _REASONS[action] = (detail_key, read)


def related_ids(parent) -> dict[str, list[str]]:
    """Object type: public ids of the parent's records audited under their own type."""
    return {object_type: ids_of(parent) for object_type, ids_of in _RELATED.items()}


def reasons_for(events) -> Callable:
    """A function `(event) -> str`: the reason an app keeps on its record for the event, or "".

    Reads each registered kind of reason once, for the events shown.
    """
    found: list[tuple[str, dict]] = []
    for action, (detail_key, read) in _REASONS.items():
        ids = [event.detail.get(detail_key) for event in events if event.action == action]
        found.append((detail_key, read(ids)))

    def reason_of(event) -> str:
        for detail_key, by_id in found:
            reason = by_id.get(event.detail.get(detail_key), "")
            if reason:
                return reason
        return ""

    return reason_of
