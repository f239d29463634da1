"""Referrals put into words for the parent, for their portal page and the portal panel (in
contributions.py)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from .models import Referral, Status

# What each status means for the parent, in plain words.
PARENT_STATUS_WORDS = {
    Status.SENT: gettext_lazy("Sent to %(organisation)s. They will be in touch."),
    Status.RECEIVED: gettext_lazy("%(organisation)s has received it and will let you know soon."),
    Status.ACCEPTED: gettext_lazy(
        "%(organisation)s can help. They will contact you to arrange it."
    ),
    Status.DECLINED: gettext_lazy(
        "%(organisation)s cannot help this time. Your personal adviser will talk with you about "
        "other support."
    ),
    Status.STARTED: gettext_lazy("Your support from %(organisation)s has started."),
    Status.ENDED: gettext_lazy("Your support from %(organisation)s has ended."),
}
CONSENT_WITHDRAWN_WORDS = gettext_lazy(
    "You withdrew your consent, so we no longer share your information with %(organisation)s."
)


@dataclass(frozen=True)
class ParentRow:
    referral: Referral
    service: str
    organisation: str
    words: str
    tag_classes: str


def parent_rows(referrals) -> list[ParentRow]:
    """The parent's referrals in plain words. `referrals` from selectors.referrals_of."""
    rows = []
    for referral in referrals:
        organisation = referral.organisation.name
        if not referral.consent_in_force and referral.is_open:
            words = CONSENT_WITHDRAWN_WORDS % {"organisation": organisation}
        else:
            words = PARENT_STATUS_WORDS[referral.status] % {"organisation": organisation}
        rows.append(
            ParentRow(
                referral=referral,
                service=referral.service_label,
                organisation=organisation,
                words=str(words),
                tag_classes=referral.status_tag_classes,
            )
        )
    return rows
