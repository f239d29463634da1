"""Base classes for personal records: each belongs to a council and is reached only through it."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class CouncilOwnedModel(models.Model):
    """A record of personal data. Its default manager refuses to run without a council scope.

    Queries are filtered to the active council (set per request by CouncilScopeMiddleware),
    so `Parent.objects.get(public_id=...)` for another council's record raises DoesNotExist.
    A query with no scope active raises django_scopes.ScopeError, and a test fails the build
    for any model that holds a council but does not inherit this class (docs/adr/0003).
    """

    holds_personal_data = True

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    council = models.ForeignKey(
        "authorities.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager(council="council")

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """Optimistic locking: an edit saves only if nobody else saved since the form was opened."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class SubmissionToken(models.Model):
    """A create form's one-time token, so a double click or a resent form creates nothing twice.

    Inserted in the same transaction as the record it created; a second submission with the
    same token finds it and is sent to the record the first one made.
    """

    key = models.UUIDField(primary_key=True)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.object_type} {self.object_id}"
