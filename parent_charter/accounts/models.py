"""People who sign in: council staff, partner workers, network coordinators and parents."""

import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .emails import normalise_email
from .roles import STAFF_ROLES, Role


class EmailUserManager(UserManager):
    """Finds the sign-in name whatever its case (accounts.emails)."""

    def get_by_natural_key(self, username):
        return self.get(username__iexact=normalise_email(username))

    @classmethod
    def normalize_email(cls, email):
        return normalise_email(email)


class User(AbstractUser):
    """A person who signs in. Their council is the wall around every record they reach."""

    # Email is the sign-in name; the inherited first/last name fields are replaced by one
    # full name, as people write their own names.
    first_name = None
    last_name = None
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=200)
    council = models.ForeignKey(
        "authorities.Council",
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    partner_organisation = models.ForeignKey(
        "authorities.PartnerOrganisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workers",
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    # The language of the emails the system sends this person (notifications.tasks): the last
    # one they chose with the language switch while signed in.
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("en", _("English")), ("cy", _("Welsh"))],
        default="en",
    )

    objects = EmailUserManager()

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email"], name="user_email_unique"),
            # One account per address whatever its case (accounts.emails).
            models.UniqueConstraint(Lower("email"), name="user_email_unique_any_case"),
            models.UniqueConstraint(Lower("username"), name="user_username_unique_any_case"),
        ]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # The sign-in name is the email address: both are kept lower-cased.
        self.email = normalise_email(self.email)
        if "@" in (self.username or ""):
            self.username = normalise_email(self.username)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.role_grants.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_staff_member(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in sorted(self.roles)]


class RoleGrant(models.Model):
    """One role held by one user. A user may hold several (for example PA and manager)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="role_grant_known_role"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"
