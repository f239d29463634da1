"""The audit trail: an append-only, hash-chained record of reads and changes of personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")


class AuditEvent(models.Model):
    """One thing that happened: who did what to which record, when, why, in which request.

    Each council has its own chain: an event's hash covers its content and the previous
    event's hash, so a changed, inserted or removed row breaks the chain
    (`manage.py verify_audit_trail`). The database refuses UPDATE and DELETE by trigger too.
    """

    chain = models.CharField(max_length=40, help_text="council:<id>, or 'network' for no council")
    seq = models.PositiveBigIntegerField()
    at = models.DateTimeField(_("when"))
    council = models.ForeignKey(
        "authorities.Council", on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Kept beside the key so the trail still reads if an account is renamed.
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # The parent the event is about, where the object leads to one (the parent, or a record of
    # theirs such as a referral or a concern), so their trail is one indexed query. Not a
    # database constraint: disposing of a parent's records must not touch the trail.
    parent = models.ForeignKey(
        "parents.Parent",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the index below starts with it
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # The id of the secret key of the hash (HMAC-SHA-256, audit/keys.py). Null for events
    # recorded before the hash was keyed: those keep their plain SHA-256 (ADR 0004).
    key_id = models.CharField(max_length=16, null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["chain", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq_unique")
        ]
        indexes = [
            models.Index(fields=["council", "object_type", "object_id", "at"]),
            models.Index(fields=["council", "at"]),
            models.Index(fields=["parent", "at"], name="audit_event_parent_at"),
        ]

    def __str__(self):
        return f"{self.chain}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """The last sequence number and hash of each chain.

    Writers lock this row, so events of one chain are numbered one at a time on every database,
    and the verifier can tell when the newest events were removed.
    """

    chain = models.CharField(max_length=40, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self):
        return f"{self.chain} at {self.seq}"
