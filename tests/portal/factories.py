"""Factories for the portal's records: one-time links and challenges."""

import datetime

import factory
from django.utils import timezone

from parent_charter.portal.links import hash_token
from parent_charter.portal.models import Challenge, ChallengeEvent, LinkPurpose, PortalLink


class PortalLinkFactory(factory.django.DjangoModelFactory):
    """A link already emailed: pass `token=` to know its secret (default "secret-<n>")."""

    class Meta:
        model = PortalLink
        exclude = ("token",)

    token = factory.Sequence(lambda n: f"secret-{n}")
    council = factory.SelfAttribute("parent.council")
    parent = None
    purpose = LinkPurpose.INVITATION
    email = "jamie.rivers@example.com"
    token_hash = factory.LazyAttribute(lambda link: hash_token(link.token))
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class ChallengeFactory(factory.django.DjangoModelFactory):
    """An open challenge about one of the parent's plan items (pass plan_item=)."""

    class Meta:
        model = Challenge

    council = factory.SelfAttribute("parent.council")
    parent = None
    what_happened = "Nobody came back to me about the scan."
    raised_at = factory.LazyFunction(timezone.now)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class ChallengeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeEvent

    council = factory.SelfAttribute("challenge.council")
    challenge = factory.SubFactory(ChallengeFactory)
    kind = "raised"
    at = factory.LazyFunction(timezone.now)
