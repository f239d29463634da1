"""A council's settings for its published figures."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel

from .disclosure import DEFAULT_THRESHOLD


class FiguresSettings(CouncilOwnedModel, VersionedModel):
    """How small a count must be to be shown only as "fewer than N"."""

    suppression_threshold = models.PositiveSmallIntegerField(
        _("show counts below this number as “fewer than” it"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(3), MaxValueValidator(20)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "figures settings"
        constraints = [
            models.UniqueConstraint(fields=["council"], name="figures_settings_one_per_council"),
            models.CheckConstraint(
                condition=models.Q(suppression_threshold__gte=3),
                name="figures_threshold_at_least_three",
            ),
        ]

    def __str__(self):
        return f"Figures settings {self.public_id}"
