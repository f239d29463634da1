"""The kinds of message sent to parents, and the words of each in English and Welsh.

Each kind has a GOV.UK Notify template per channel and language, its id set in the environment
(`NOTIFY_TEMPLATE_<KIND>_<CHANNEL>_<LANGUAGE>`, for example
`NOTIFY_TEMPLATE_REMINDER_FIRST_SCAN_SMS_CY`). The wording below is what each template should
say (the README tells a council to paste it into Notify); the console backend of the demo
renders it, so the demo shows what the parent would get.

A text message never says more than the parent's first name and a prompt to sign in: a phone
may be shared, and "your first scan" or "a safeguarding decision" on a lock screen can put a
parent at risk. So every kind's text is one of three neutral sentences, and only emails say
what the message is about.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class Category:
    LINK = "link"  # a one-time link the parent asked for or was invited with: email only
    REMINDER = "reminder"  # the parent may opt out of these
    ANSWER = "answer"  # the council's answer to something the parent raised
    NOTICE = "notice"  # something the parent must be told: no opt-out


CHANNELS = ("sms", "email")
LANGUAGES = ("en", "cy")
# What each channel's templates may be given. Texts: the first name and where to sign in.
SMS_PERSONALISATION = frozenset({"first_name", "sign_in_url"})
EMAIL_PERSONALISATION = frozenset({"first_name", "sign_in_url", "council", "date", "link"})

_TEXT_SOMETHING_NEW = _(
    "Hello ((first_name)), there is something new for you in Parent Charter. Sign in to read "
    "it: ((sign_in_url))"
)
_TEXT_REMINDER = _(
    "Hello ((first_name)), you have a reminder in Parent Charter. Sign in to read it: "
    "((sign_in_url))"
)
_GREETING = _("Hello ((first_name)),\n\n")
_EMAIL_CLOSING = _(
    "Sign in to Parent Charter to read more: ((sign_in_url))\n\n"
    "You can choose not to get reminders on the Texts and emails page when you sign in."
)


@dataclass(frozen=True)
class Kind:
    key: str
    category: str
    label: object  # lazily translated, for the adviser's page and the subject-access copy
    subject: object  # the email's subject
    email: object  # the email's body, in Notify's ((placeholder)) form
    sms: object | None = None  # None: never sent by text (one-time links)

    @property
    def optional(self) -> bool:
        return self.category == Category.REMINDER

    def placeholders(self, channel: str) -> set[str]:
        """The ((placeholders)) of this kind's template on the channel: all it is given."""
        text = str(self.email if channel == "email" else self.sms or "")
        allowed = SMS_PERSONALISATION if channel == "sms" else EMAIL_PERSONALISATION
        return set(re.findall(r"\(\(([a-z_]+)\)\)", text)) & allowed


KINDS: dict[str, Kind] = {}


def _add(kind: Kind) -> None:
    KINDS[kind.key] = kind


_add(
    Kind(
        "invitation",
        Category.LINK,
        _("Invitation to Parent Charter"),
        _("Your invitation to Parent Charter"),
        _(
            "Your personal adviser at ((council)) has invited you to "
            "Parent Charter. There you can see your support plan, who to contact and what you "
            "may be entitled to, and tell the council if a promise was not kept.\n\n"
            "Choose your password here within 7 days:\n((link))\n\n"
            "The link works once. If you were not expecting this email, you can ignore it."
        ),
    )
)
_add(
    Kind(
        "sign_in_link",
        Category.LINK,
        _("Link to sign in"),
        _("Your link to sign in to Parent Charter"),
        _(
            "Use this link to sign in to Parent Charter. It works once, within 15 minutes:\n"
            "((link))\n\n"
            "If you did not ask for it, you can ignore this email: nobody can sign in without "
            "the link."
        ),
    )
)
_add(
    Kind(
        "password_reset",
        Category.LINK,
        _("Link to choose a new password"),
        _("Choose a new password for Parent Charter"),
        _(
            "Use this link to choose a new password for Parent Charter. It works once, within "
            "1 hour:\n((link))\n\n"
            "If you did not ask for it, you can ignore this email: your password stays as it is."
        ),
    )
)
for _key, _label, _subject, _body in (
    (
        "reminder_register_birth",
        _("Reminder: register the birth"),
        _("Reminder: register your baby's birth"),
        _(
            "A birth must be registered within 42 days. Your plan says to do it by ((date)). "
            "Your adviser can help you book an appointment at the register office."
        ),
    ),
    (
        "reminder_healthy_start",
        _("Reminder: Healthy Start"),
        _("Reminder: apply for Healthy Start"),
        _(
            "You may be able to get Healthy Start help with milk, fruit and vegetables from "
            "the tenth week of pregnancy. Your plan says to apply by ((date))."
        ),
    ),
    (
        "reminder_first_scan",
        _("Reminder: the first scan"),
        _("Reminder: your first pregnancy scan"),
        _(
            "The first pregnancy scan is at about 12 weeks. Your plan says it should be booked "
            "by ((date)). Your midwife or your adviser can help."
        ),
    ),
    (
        "reminder_contact",
        _("Reminder: a contact date"),
        _("Reminder: a contact date is coming up"),
        _("You have contact with your child on ((date))."),
    ),
    (
        "reminder_letter_box",
        _("Reminder: a letter-box date"),
        _("Reminder: a letter-box date is coming up"),
        _("A letter-box letter is due on ((date))."),
    ),
    (
        "reminder_plan_review",
        _("Reminder: a plan review"),
        _("Reminder: your support plan's review is due"),
        _(
            "Your support plan is due to be reviewed by ((date)). Think about what has "
            "helped and what has not: your adviser will ask you."
        ),
    ),
):
    _add(
        Kind(
            _key,
            Category.REMINDER,
            _label,
            _subject,
            format_lazy("{}{}\n\n{}", _GREETING, _body, _EMAIL_CLOSING),
            _TEXT_REMINDER,
        )
    )
_add(
    Kind(
        "challenge_answered",
        Category.ANSWER,
        _("The council answered a challenge"),
        _("The council has answered your challenge"),
        _(
            "Hello ((first_name)),\n\n((council)) has answered the challenge you raised in "
            "Parent Charter. Sign in to read the answer and tell them whether it puts things "
            "right: ((sign_in_url))"
        ),
        _TEXT_SOMETHING_NEW,
    )
)
_add(
    Kind(
        "notice",
        Category.NOTICE,
        _("Something the parent must be told"),
        _("There is news about your support"),
        _(
            "Hello ((first_name)),\n\nThere is news about your support from ((council)). Sign "
            "in to Parent Charter to read it, or ask your personal adviser: ((sign_in_url))"
        ),
        _TEXT_SOMETHING_NEW,
    )
)


def get(key: str) -> Kind:
    return KINDS[key]


def template_id(kind: str, channel: str, language: str) -> str:
    """The Notify template's id for this kind, channel and language ("" if not configured)."""
    name = f"{kind}_{channel}_{language}".upper()
    return settings.PARENT_CHARTER_NOTIFY.get("TEMPLATES", {}).get(name, "")


def template_names() -> list[str]:
    """Every environment variable a council must set to send every kind by Notify."""
    return [
        f"NOTIFY_TEMPLATE_{kind.key}_{channel}_{language}".upper()
        for kind in KINDS.values()
        for channel in CHANNELS
        if channel == "email" or kind.sms is not None
        for language in LANGUAGES
    ]
