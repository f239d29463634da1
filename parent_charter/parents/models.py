"""Parents in and leaving care: each a full record of their own, mother, father or other parent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class ParentRole(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    PARENT = "parent", _("Parent")


class Parent(CouncilOwnedModel, VersionedModel):
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    parent_role = models.CharField(
        _("is this person a mother, a father or another parent?"),
        max_length=20,
        choices=ParentRole.choices,
        default=ParentRole.PARENT,
    )
    personal_adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personal adviser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["council", "family_name", "given_name"])]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        given = self.preferred_name or self.given_name
        return f"{given} {self.family_name}"
