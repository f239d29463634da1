"""Shared set-up for the living-apart tests."""

from django_scopes import scope, scopes_disabled


def make(in_council, factory, **fields):
    """A record made in the council's scope, as a request would see it."""
    with scope(council=in_council.pk):
        return factory(**fields)


def fresh(record):
    with scopes_disabled():
        return type(record)._base_manager.get(pk=record.pk)


def error_of(body: str, field: str) -> str:
    """The text of a field's error message (GOV.UK puts it in <p id="id_<field>-error">)."""
    return body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
