"""The demo's move: one Herefordshire parent waiting for Cardiff's decision, made once however
often the demo is seeded."""

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.accounts.roles import Role
from parent_charter.demo.stories import transfers as demo_data
from parent_charter.notifications.models import StaffNotification
from parent_charter.transfers.models import Status, Transfer
from parent_charter.transfers.selectors import incoming
from tests.factories import CouncilFactory, ParentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_move_waiting_for_cardiff():
    hereford = CouncilFactory(slug="herefordshire", name="Herefordshire Council")
    cardiff = CouncilFactory(slug="cardiff", name="Cardiff Council")
    pa = UserFactory(council=hereford, roles=[Role.PERSONAL_ADVISER])
    gareth = UserFactory(council=cardiff, roles=[Role.TEAM_MANAGER])
    with scope(council=hereford.pk):
        ParentFactory(council=hereford, personal_adviser=pa, given_name="Robin")
    assert "Cardiff" in demo_data.seed(hereford)
    assert demo_data.seed(hereford) == ""
    assert demo_data.seed(cardiff) == ""
    with scopes_disabled():
        transfer = Transfer.objects.get()
    assert transfer.status == Status.CONSENT_GIVEN
    waiting, _decided = incoming(cardiff)
    assert [view.first_name for view in waiting] == ["Robin"]
    with scope(council=cardiff.pk):
        assert StaffNotification.objects.filter(recipient=gareth).count() == 1
