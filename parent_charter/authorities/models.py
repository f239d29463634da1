"""Councils (the tenants), their opening hours and the partner organisations they work with."""

import datetime

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{7,20}$", _("Enter a telephone number, like 01632 960 001 or 07700 900 982")
)


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")
    SCOTLAND = "scotland", _("Scotland")
    NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")


class Council(models.Model):
    """A local authority: the corporate parent, and the tenant that owns every personal record."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True)
    slug = models.SlugField(_("short name for web addresses"), max_length=80, unique=True)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    gss_code = models.CharField(
        _("GSS code"),
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^[EWSN][0-9]{8}$", _("Enter a GSS code, like E06000019"))],
    )
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    phone = models.CharField(
        _("main telephone"), max_length=20, blank=True, validators=[phone_validator]
    )
    duty_phone = models.CharField(
        _("duty worker telephone"), max_length=20, validators=[phone_validator]
    )
    out_of_hours_phone = models.CharField(
        _("emergency duty team (out of hours) telephone"),
        max_length=20,
        validators=[phone_validator],
    )
    email = models.EmailField(_("email"), blank=True)
    # The privacy notice names the council's data protection officer (UK GDPR article 13(1)(b)).
    dpo_email = models.EmailField(_("data protection officer's email"), blank=True)
    dpo_phone = models.CharField(
        _("data protection officer's telephone"),
        max_length=20,
        blank=True,
        validators=[phone_validator],
    )
    dpo_address = models.TextField(_("data protection officer's postal address"), blank=True)
    welsh_required = models.BooleanField(
        _("must offer Welsh"),
        default=False,
        help_text=_("Councils in Wales have a duty to offer their services in Welsh."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(nation="wales") | models.Q(welsh_required=True),
                name="council_wales_offers_welsh",
            ),
        ]

    def __str__(self):
        # Pages in Welsh show the Welsh name wherever a council is shown as itself.
        return self.display_name(get_language())

    def display_name(self, language: str | None) -> str:
        return name_in(language, name=self.name, name_cy=self.name_cy)


def name_in(language: str | None, *, name: str, name_cy: str) -> str:
    """A council's name in a language: the Welsh name where asked for and known. For reads
    that take only the name columns rather than whole councils."""
    return name_cy if (language or "")[:2] == "cy" and name_cy else name


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# An office may close for a break (lunch), so a day may have two opening spans, never more.
MAX_SPANS_PER_DAY = 2


class OfficeHours(models.Model):
    """One span of a weekday when the council's leaving-care office is open. No row: closed
    that day. A day closed for lunch has two rows, which the services keep from overlapping.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="office_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))

    class Meta:
        ordering = ["council", "weekday", "opens_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "weekday", "opens_at"], name="office_hours_one_span_per_start"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="office_hours_close_after_open",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def is_open_at(self, moment: datetime.time) -> bool:
        return self.opens_at <= moment < self.closes_at


class PartnerOrganisation(models.Model):
    """A charity or service the council works with, such as a local Home-Start."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="partner_organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(
        _("telephone"), max_length=20, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("email"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="partner_name_unique_per_council"
            )
        ]

    def __str__(self):
        return self.name


def spans_by_day(rows) -> dict[int, tuple[tuple[datetime.time, datetime.time], ...]]:
    """Weekday -> its opening spans in time order, from OfficeHours rows. A closed day is absent.

    Every reader of office hours groups them here, so a second span of a day is kept beside
    the first rather than replacing it.
    """
    days: dict[int, list] = {}
    for row in rows:
        days.setdefault(row.weekday, []).append((row.opens_at, row.closes_at))
    return {weekday: tuple(sorted(spans)) for weekday, spans in sorted(days.items())}


def spans_problem(spans) -> str:
    """Why these spans of one day cannot be kept ("" when they can): too many, a span that
    closes before it opens, or two that overlap or touch."""
    spans = sorted(spans)
    if len(spans) > MAX_SPANS_PER_DAY:
        return "too_many"
    for opens, closes in spans:
        if closes <= opens:
            return "closes_before_opens"
    for (_first_opens, first_closes), (second_opens, _second_closes) in zip(
        spans, spans[1:], strict=False
    ):
        if second_opens <= first_closes:
            return "overlap"
    return ""
