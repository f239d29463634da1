"""Children of the parents we support: expected or born, where they live, their legal position.

A child's circumstances change (a child goes into foster care, returns home, is adopted); each
change is a new row with who recorded it and when, so the history is never overwritten.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class Child(CouncilOwnedModel, VersionedModel):
    given_name = models.CharField(
        _("first name"), max_length=100, blank=True, help_text=_("Leave blank if not yet named")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "children"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=False) | models.Q(date_of_birth__isnull=False),
                name="child_due_date_or_birth",
            )
        ]

    def __str__(self):
        return self.given_name or str(_("Unborn baby"))

    @property
    def is_born(self) -> bool:
        return self.date_of_birth is not None

    @property
    def is_expected(self) -> bool:
        return self.date_of_birth is None


class ChildParent(CouncilOwnedModel):
    """A child's link to one of their (at most two) parents.

    The other parent may be a parent we support (`parent`), or someone recorded by name only,
    for example a parent supported by another council.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(
        "parents.Parent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="child_links",
    )
    other_parent_name = models.CharField(_("other parent's name"), max_length=200, blank=True)
    other_parent_care_experienced = models.BooleanField(
        _("other parent is care-experienced"), default=False
    )
    other_parent_council = models.CharField(
        _("council supporting the other parent"), max_length=200, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "parent"], name="child_parent_unique"),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=False) | ~models.Q(other_parent_name=""),
                name="child_parent_named",
            ),
        ]

    def __str__(self):
        return f"{self.child} – {self.parent or self.other_parent_name}"


class LivesWith(models.TextChoices):
    NOT_YET_BORN = "not_yet_born", _("Not yet born")
    BOTH_PARENTS = "both_parents", _("Both parents")
    ONE_PARENT = "one_parent", _("One parent")
    RELATIVES = "relatives", _("Relatives or friends")
    FOSTER_CARE = "foster_care", _("Foster care or residential care")
    ADOPTED = "adopted", _("An adoptive family")
    OTHER = "other", _("Somewhere else")


class LegalStatus(models.TextChoices):
    NONE = "none", _("None")
    CHILD_IN_NEED = "child_in_need", _("Child in need")
    CHILD_PROTECTION_PLAN = "child_protection_plan", _("Child protection plan")
    CARE_PROCEEDINGS = "care_proceedings", _("Care proceedings")
    LOOKED_AFTER = "looked_after", _("Looked after")
    PLACEMENT_ORDER = "placement_order", _("Placement order")
    ADOPTED = "adopted", _("Adopted")
    SPECIAL_GUARDIANSHIP = "special_guardianship", _("Special guardianship order")


class ChildCircumstance(CouncilOwnedModel):
    """Where a child lives and their legal position, from a date. The newest row is current."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="circumstances")
    lives_with = models.CharField(
        _("where the child lives"), max_length=20, choices=LivesWith.choices
    )
    lives_with_parent = models.ForeignKey(
        ChildParent,
        verbose_name=_("which parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    legal_status = models.CharField(
        _("legal position"), max_length=30, choices=LegalStatus.choices, default=LegalStatus.NONE
    )
    from_date = models.DateField(_("from"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(lives_with="one_parent")
                | models.Q(lives_with_parent__isnull=False),
                name="circumstance_one_parent_named",
            )
        ]

    def __str__(self):
        return f"{self.get_lives_with_display()} / {self.get_legal_status_display()}"
