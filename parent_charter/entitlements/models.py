"""Rights and entitlements kept as rules with sources, and the guide that reads them.

National rules (grants, benefits, schemes) come from a reviewed data file
(`data/entitlements.yaml`, loaded by `manage.py load_entitlements`): what it is, where it
applies, the ways to qualify, the amounts from the dates they took effect, how to claim, the
sources and when they were last checked. Anything the research marked for checking carries
`needs_checking` and is shown as "not yet confirmed", never as fact.

A council's own discretionary offers (`LocalEntitlement`) are kept by its administrators in
the application, and may put an amount on a promise of its local offer. None of this is
personal data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import BilingualMixin, bilingual
from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class Period(models.TextChoices):
    ONE_OFF = "one_off", _("Paid once")
    PER_WEEK = "per_week", _("A week")
    PER_MONTH = "per_month", _("A month")
    PER_YEAR = "per_year", _("A year")
    PER_ACADEMIC_YEAR = "per_academic_year", _("A school or college year")
    TOTAL = "total", _("In total")
    NONE = "none", _("No period")


class Unit(models.TextChoices):
    GBP = "gbp", _("Pounds")
    HOURS = "hours", _("Hours")
    PERCENT = "percent", _("Per cent")


class Situation(models.TextChoices):
    ANY = "any", _("Anyone")
    PREGNANT = "pregnant", _("Pregnant")
    PARTNER_PREGNANT = "partner_pregnant", _("Their partner is pregnant")
    EXPECTING = "expecting", _("Expecting a baby (or their partner is)")
    CHILD = "child", _("Has a child")
    PREGNANT_OR_CHILD = "pregnant_or_child", _("Pregnant, or has a child")
    EXPECTING_OR_CHILD = (
        "expecting_or_child",
        _("Expecting a baby (or their partner is), or has a child"),
    )


# Situations that a child of the right age satisfies.
CHILD_SITUATIONS = {Situation.CHILD, Situation.PREGNANT_OR_CHILD, Situation.EXPECTING_OR_CHILD}


class CareStatus(models.TextChoices):
    IN_CARE = "in_care", _("In care")
    CARE_LEAVER = "care_leaver", _("Has left care (a care leaver)")
    NEITHER = "neither", _("Has not been in care")


class Benefit(models.TextChoices):
    UNIVERSAL_CREDIT = "universal_credit", _("Universal Credit")
    INCOME_SUPPORT = "income_support", _("Income Support")
    INCOME_BASED_JSA = "income_based_jsa", _("income-based Jobseeker's Allowance")
    INCOME_RELATED_ESA = "income_related_esa", _("income-related Employment and Support Allowance")


class ParentKind(models.TextChoices):
    MOTHER = "mother", _("Mothers")
    FATHER = "father", _("Fathers")


class Conditions(models.Model):
    """Who qualifies, one way: all of these must hold (an empty condition always holds)."""

    min_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    situation = models.CharField(
        _("pregnancy or children"), max_length=30, choices=Situation.choices, default="any"
    )
    child_min_age = models.PositiveSmallIntegerField(
        _("youngest age of the child"), null=True, blank=True
    )
    child_max_age = models.PositiveSmallIntegerField(
        _("oldest age of the child"), null=True, blank=True
    )
    care_statuses = models.JSONField(_("care status"), default=list, blank=True)

    class Meta:
        abstract = True


class Entitlement(BilingualMixin, models.Model):
    """A national grant, benefit or scheme, as the data file describes it."""

    key = models.SlugField(max_length=80, unique=True)
    nations = models.JSONField(default=list)
    name_en = models.CharField(max_length=200)
    name_cy = models.CharField(max_length=200, blank=True)
    summary_en = models.TextField()
    summary_cy = models.TextField(blank=True)
    also_needed_en = models.TextField(blank=True)
    also_needed_cy = models.TextField(blank=True)
    how_to_claim_en = models.TextField()
    how_to_claim_cy = models.TextField(blank=True)
    discretionary = models.BooleanField(default=False)
    applies_from = models.DateField(null=True, blank=True)
    last_checked = models.DateField()
    needs_checking = models.BooleanField(default=False)
    checking_note = models.TextField(blank=True)
    sources = models.JSONField(default=list)
    order = models.PositiveIntegerField(default=0)
    # A rule taken out of the file is retired, not deleted, so its history is kept.
    retired = models.BooleanField(default=False)
    content_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["order", "key"]

    def __str__(self):
        return self.name_en

    name = bilingual("name")
    summary = bilingual("summary")
    also_needed = bilingual("also_needed")
    how_to_claim = bilingual("how_to_claim")


class EntitlementAmount(BilingualMixin, models.Model):
    """One amount of an entitlement, from the date it took effect (rates change each April)."""

    entitlement = models.ForeignKey(Entitlement, on_delete=models.CASCADE, related_name="amounts")
    order = models.PositiveIntegerField(default=0)
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.GBP)
    period = models.CharField(max_length=20, choices=Period.choices)
    applies_to_en = models.CharField(max_length=300)
    applies_to_cy = models.CharField(max_length=300, blank=True)
    # None: in force everywhere, from a date each council sets.
    from_date = models.DateField(null=True, blank=True)
    needs_checking = models.BooleanField(default=False)

    class Meta:
        ordering = ["entitlement", "order"]

    def __str__(self):
        return f"{self.entitlement.key} {self.value} {self.period} from {self.from_date}"

    applies_to = bilingual("applies_to")


class WayToQualify(BilingualMixin, Conditions):
    """One way to qualify for an entitlement. Someone qualifies if any one way holds."""

    entitlement = models.ForeignKey(Entitlement, on_delete=models.CASCADE, related_name="ways")
    order = models.PositiveIntegerField(default=0)
    first_child_only = models.BooleanField(default=False)
    benefits = models.JSONField(default=list, blank=True)
    parent_kind = models.CharField(max_length=10, choices=ParentKind.choices, blank=True)
    note_en = models.TextField(blank=True)
    note_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["entitlement", "order"]

    def __str__(self):
        return f"{self.entitlement.key} way {self.order}"

    note = bilingual("note")


class LocalEntitlement(BilingualMixin, CouncilOwnedModel, VersionedModel, Conditions):
    """A council's own discretionary offer with money or a concrete benefit, kept by its
    administrators. It may put an amount on a promise of the local offer.

    It holds no personal data, but it belongs to one council, so it sits behind the council
    wall like everything else that does (the public guide enters the council's scope).
    """

    local_commitment = models.ForeignKey(
        "offers.LocalCommitment",
        verbose_name=_("the promise in your local offer it comes from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entitlements",
    )
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True)
    summary_en = models.TextField(_("what it is, in English"))
    summary_cy = models.TextField(_("what it is, in Welsh"), blank=True)
    how_to_claim_en = models.TextField(_("how to ask for it, in English"))
    how_to_claim_cy = models.TextField(_("how to ask for it, in Welsh"), blank=True)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.GBP)
    period = models.CharField(
        _("how often"), max_length=20, choices=Period.choices, default=Period.ONE_OFF
    )
    amount_note_en = models.CharField(_("about the amount, in English"), max_length=300, blank=True)
    amount_note_cy = models.CharField(_("about the amount, in Welsh"), max_length=300, blank=True)
    applies_from = models.DateField(_("offered from"), null=True, blank=True)
    last_checked = models.DateField(_("last checked"))
    retired = models.BooleanField(_("no longer offered"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    # The council's own offers have one way to qualify: these fields make them read like one.
    benefits = ()
    first_child_only = False
    parent_kind = ""
    note = ""

    class Meta:
        ordering = ["name_en", "pk"]

    def __str__(self):
        return self.name_en

    name = bilingual("name")
    summary = bilingual("summary")
    how_to_claim = bilingual("how_to_claim")
    amount_note = bilingual("amount_note")
