"""The demo's research export: one agreement in Herefordshire, approved by its council
administrator, with one objector and an export, made once however often the demo is seeded."""

import pytest
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.demo.stories import research as demo_data
from parent_charter.research.models import DataSharingAgreement, ResearchExport
from tests.factories import CouncilFactory, UserFactory

from .conftest import build_casework

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_agreement_with_an_export_and_an_objector(
    django_capture_on_commit_callbacks,
):
    council = CouncilFactory(slug="herefordshire", name="Herefordshire Council")
    pa = UserFactory(council=council, roles=[Role.PERSONAL_ADVISER])
    ceri = UserFactory(council=council, roles=[Role.COUNCIL_ADMIN], full_name="Ceri Lloyd")
    with scope(council=council.pk):
        build_casework(council, pa)
    with django_capture_on_commit_callbacks(execute=True):
        summary = demo_data.seed(council)
    assert "data-sharing agreement" in summary
    with scope(council=council.pk):
        agreement = DataSharingAgreement.objects.get()
        export = ResearchExport.objects.get()
    assert agreement.approver == ceri
    assert "Baby Steps" in agreement.purpose
    assert export.status == "ready"
    assert export.parents_left_out == 2  # Kit, and the demo's objector
    assert demo_data.seed(council) == ""


def test_other_councils_get_no_agreement(hillford):
    assert demo_data.seed(hillford) == ""
