"""A council's choice to share its figures with the network, and the figures it shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class NetworkSharing(CouncilOwnedModel, VersionedModel):
    """Whether the council's figures join the comparison across councils (no row: they do not)."""

    share_figures = models.BooleanField(
        _("share the council's figures with the network"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council"], name="network_sharing_one_per_council"),
        ]

    def __str__(self):
        return f"Network sharing {self.public_id}"


class SharedFigures(CouncilOwnedModel):
    """The key measures of one council for one period, as its own figures page publishes them
    (small numbers already protected), built when the council agrees and each quarter after, so
    the comparison reads one row a council instead of computing every council's figures."""

    period = models.CharField(_("period"), max_length=20)
    # {measure key: {"value": int | None, "state": str, "threshold": int}} for counts, and
    # {measure key: {"percent": int | None}} for percentages.
    measures = models.JSONField(_("measures"), default=dict)
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "period"], name="network_shared_figures_one_per_period"
            ),
        ]

    def __str__(self):
        return f"Shared figures {self.period} {self.public_id}"
