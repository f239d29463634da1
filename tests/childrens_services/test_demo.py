"""The demo's referrals: one held for Morgan in Herefordshire, one sent, earlier counts."""

import pytest
from django_scopes import scopes_disabled

from parent_charter.accounts.models import User
from parent_charter.authorities.models import Council
from parent_charter.childrens_services.models import ChildrenServicesReferral, GuardEvent
from parent_charter.demo.stories import safeguards as demo_data
from parent_charter.notifications.models import ParentNotice, StaffNotification


@pytest.fixture
def demo(demo_seeded_once, db):
    """The seeded demo (seeded once for this module, see tests/conftest.py)."""


def _counts():
    with scopes_disabled():
        return (
            ChildrenServicesReferral.objects.count(),
            GuardEvent.objects.count(),
            StaffNotification.objects.filter(kind__startswith="safeguards.").count(),
            ParentNotice.objects.filter(kind__startswith="safeguards.").count(),
        )


def test_the_demo_has_a_held_request_for_morgan_and_a_sent_referral(demo):
    morgan = User.objects.get(username="morgan@herefordshire.demo")
    with scopes_disabled():
        held = ChildrenServicesReferral.objects.get(status="held")
        sent = ChildrenServicesReferral.objects.get(status="sent")
        assert held.council.slug == sent.council.slug == "herefordshire"
        assert held.kind == "pre_birth" and held.child is not None and held.child.is_expected
        assert any(e.findings for e in held.evidence.all())
        assert not any(e.findings for e in sent.evidence.all())
        note = StaffNotification.objects.get(recipient=morgan, kind="safeguards.held_for_decision")
        assert note.url == f"/staff/safeguarding/{held.public_id}/decide/"
        assert ParentNotice.objects.filter(parent=held.parent, told_at__isnull=True).exists()
        assert GuardEvent.objects.filter(council=held.council).count() >= 10
        assert not ChildrenServicesReferral.objects.exclude(council__slug="herefordshire").exists()


def test_seeding_again_adds_nothing(demo):
    before = _counts()
    for council in Council.objects.all():
        demo_data.seed(council)
    assert _counts() == before
