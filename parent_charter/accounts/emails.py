"""Email addresses are compared and stored without regard to case.

Phones capitalise the first letter typed, and people write "Jamie.Rivers@…" as often as not,
so "Parent@example.com" and "parent@example.com" must be the same sign-in. Every address that
names a person's account or record is stored lower-cased (`normalise_email`,
`EmailAddressField`), looked up with `iexact`, and unique regardless of case (accounts.User's
constraints). The local part of an address is case-sensitive in theory, but no mail service we
send to treats it so. Email inputs turn off capitalisation on phones (core.forms).
"""

from django import forms


def normalise_email(value) -> str:
    return str(value or "").strip().lower()


def axes_username(request, credentials=None) -> str:
    """The sign-in name django-axes counts failures against: the same for every case, so
    changing the case of an address does not reset the lockout."""
    if credentials and credentials.get("username"):
        return normalise_email(credentials["username"])
    data = getattr(request, "POST", None) or {}
    return normalise_email(data.get("username", ""))


class EmailAddressField(forms.EmailField):
    """An email address that names a person's account or record: kept lower-cased."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))
