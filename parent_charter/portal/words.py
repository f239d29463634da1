"""Statuses put into plain words for a parent, rather than the words workers use."""

from django.utils.translation import gettext_lazy as _

from parent_charter.plans.models import ItemStatus

from .models import ChallengeStatus

ITEM_STATUS_FOR_PARENT = {
    ItemStatus.TO_DISCUSS: _("To talk about with your adviser"),
    ItemStatus.OFFERED: _("Offered to you"),
    ItemStatus.ACCEPTED: _("You said yes: it is being arranged"),
    ItemStatus.IN_PROGRESS: _("Under way"),
    ItemStatus.DELIVERED: _("Done"),
    ItemStatus.DECLINED: _("You said no, thank you"),
    ItemStatus.NOT_NEEDED: _("Not needed"),
}

# GOV.UK tag colours for the same statuses ("" is the default blue).
ITEM_STATUS_TAG = {
    ItemStatus.TO_DISCUSS: "govuk-tag--grey",
    ItemStatus.OFFERED: "govuk-tag--purple",
    ItemStatus.ACCEPTED: "govuk-tag--teal",
    ItemStatus.IN_PROGRESS: "govuk-tag--yellow",
    ItemStatus.DELIVERED: "govuk-tag--green",
    ItemStatus.DECLINED: "govuk-tag--grey",
    ItemStatus.NOT_NEEDED: "govuk-tag--grey",
}

CHALLENGE_STATUS_FOR_PARENT = {
    ChallengeStatus.OPEN: _("Waiting for the council's response"),
    ChallengeStatus.RESPONDED: _("The council has responded"),
    ChallengeStatus.RESOLVED: _("Resolved"),
    ChallengeStatus.NOT_RESOLVED: _("Waiting for the council's further response"),
}

CHALLENGE_STATUS_TAG = {
    ChallengeStatus.OPEN: "govuk-tag--yellow",
    ChallengeStatus.RESPONDED: "govuk-tag--blue",
    ChallengeStatus.RESOLVED: "govuk-tag--green",
    ChallengeStatus.NOT_RESOLVED: "govuk-tag--orange",
}


def item_status_for_parent(status: str) -> str:
    words = ITEM_STATUS_FOR_PARENT.get(status)
    if words is not None:
        return str(words)
    # A status added to plans after this table was written: the workers' label will do.
    return str(ItemStatus(status).label) if status in ItemStatus.values else status


def challenge_status_for_parent(status: str) -> str:
    return str(CHALLENGE_STATUS_FOR_PARENT.get(status, status))


EVENT_FOR_PARENT = {
    "raised": _("You raised this challenge"),
    "responded": _("The council responded"),
    "escalated": _("The response was late, so it went to the team manager"),
    "resolved": _("You said this resolved things"),
    "not_resolved": _("You said this did not resolve things"),
}


def event_for_parent(kind: str) -> str:
    return str(EVENT_FOR_PARENT.get(kind, kind))
