"""Letter-box contact: the dates a parent's letter is due, sent, and a reply received."""

import datetime

from parent_charter.core.adding import add_once

from ..models import ContactArrangement, LetterBoxExchange
from .common import save_changes


def exchange_add(
    *,
    arrangement: ContactArrangement,
    actor,
    form_token,
    due_on: datetime.date,
    sent_on: datetime.date | None = None,
    received_on: datetime.date | None = None,
    goes_through: str = "",
    notes: str = "",
) -> LetterBoxExchange:
    return add_once(
        LetterBoxExchange,
        form_token=form_token,
        object_type="apart.exchange",
        actor=actor,
        action="apart.letter_box.added",
        audit_detail={"sent": sent_on is not None, "received": received_on is not None},
        council=arrangement.council,
        arrangement=arrangement,
        due_on=due_on,
        sent_on=sent_on,
        received_on=received_on,
        goes_through=goes_through,
        notes=notes,
        created_by=actor,
    )


def exchange_update(
    *, exchange: LetterBoxExchange, actor, expected_version: int, **fields
) -> list[str]:
    return save_changes(
        exchange,
        names=LetterBoxExchange.EDITABLE_FIELDS,
        fields=fields,
        actor=actor,
        expected_version=expected_version,
        action="apart.letter_box.updated",
    )
