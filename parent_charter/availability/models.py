"""Who to contact now: when each member of staff works, and when they are away.

A parent's personal adviser is the first person to call, but only while they are at work. Their
usual week (`WorkingPattern` with one `WorkingDay` per day worked) and their leave (`Absence`)
let the service answer "who can I call right now?" honestly. These are staff members' personal
data, so they sit behind the council wall like every other personal record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import Weekday, phone_validator
from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class WorkingPattern(CouncilOwnedModel, VersionedModel):
    """A member of staff's usual working week and the telephone they answer at work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="working_pattern"
    )
    work_phone = models.CharField(
        _("work telephone"), max_length=20, blank=True, validators=[phone_validator]
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self):
        return f"Working pattern {self.public_id}"


class WorkingDay(CouncilOwnedModel):
    """One day of the week a member of staff works, and their hours. No row: not a work day."""

    pattern = models.ForeignKey(WorkingPattern, on_delete=models.CASCADE, related_name="days")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("finishes"))

    class Meta:
        ordering = ["pattern", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "weekday"], name="working_day_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="working_day_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Absence(CouncilOwnedModel):
    """Days a member of staff is away (leave, training, sickness). No reason is kept: whoever
    needs to know who to call only needs the dates."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences"
    )
    first_day = models.DateField(_("first day away"))
    last_day = models.DateField(_("last day away"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "first_day", "pk"]
        indexes = [models.Index(fields=["user", "last_day"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="absence_ends_after_start",
            )
        ]

    def __str__(self):
        return f"Absence {self.first_day}–{self.last_day}"

    def covers(self, day) -> bool:
        return self.first_day <= day <= self.last_day
