"""The fixed catalogue of what may go with a parent to another council (docs/adr/0024).

The parent's details always go: a record of no one cannot be supported. Each other group is
chosen by the parent, through their adviser. Some records never go this way, whatever is
chosen; the ADR says why (the sealed care history, concerns and referrals to children's
services, partner referrals, contact arrangements, the audit trail).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DETAILS = "details"


@dataclass(frozen=True)
class Group:
    key: str
    label: object  # lazily translated
    hint: object


GROUPS = (
    Group(
        DETAILS,
        _("Their details"),
        _(
            "Name, preferred name, pronouns, date of birth, whether they are a mother, a father "
            "or another parent, preferred language, care status and care-leaver category. "
            "These always go."
        ),
    ),
    Group(
        "contact",
        _("How to reach them"),
        _("Phone number, email address, address, postcode and preferred way to be contacted."),
    ),
    Group(
        "children",
        _("Their children"),
        _(
            "Each child's first name, due date or date of birth, where they live now and their "
            "legal position now. Another parent is named only, never linked."
        ),
    ),
    Group(
        "plan",
        _("Their plan: what was delivered"),
        _(
            "For each of the charter's promises that applies at the new council too: how far "
            "it got, the parent's own view and the evidence of delivery. The new council's own "
            "local promises start afresh."
        ),
    ),
    Group(
        "equality",
        _("Equality monitoring answers"),
        _("Their ethnic group and disability answers, if they gave any."),
    ),
)

KEYS = tuple(group.key for group in GROUPS)
CHOOSABLE = tuple(group for group in GROUPS if group.key != DETAILS)
CHOICES = [(group.key, group.label) for group in CHOOSABLE]
_BY_KEY = {group.key: group for group in GROUPS}


def ordered(keys) -> list[str]:
    """The chosen keys in catalogue order, with the parent's details always first."""
    chosen = set(keys) | {DETAILS}
    return [key for key in KEYS if key in chosen]


def groups(keys) -> list[Group]:
    return [_BY_KEY[key] for key in ordered(keys) if key in _BY_KEY]
