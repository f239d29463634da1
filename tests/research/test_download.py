"""A file of an export goes only to the approver the agreement names: any other member of
staff gets 403 (and the refusal is audited), another council's export is not found, and after
the agreement ends the files are refused and then removed."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from parent_charter.accounts.roles import Role
from parent_charter.research import services
from parent_charter.research.models import DataSharingAgreement, ExportStatus, ResearchExport
from parent_charter.research.tasks import remove_expired_exports_task
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import events, page, today

from .conftest import read_csv

pytestmark = pytest.mark.django_db


def _url(export, file="events"):
    return reverse("research:download", kwargs={"public_id": export.public_id, "file": file})


@pytest.mark.parametrize("file", ["identifiers", "events", "dictionary"])
def test_the_approver_downloads_each_file_and_it_is_audited(built, council_admin, client_for, file):
    response = client_for(council_admin).get(_url(built, file))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert read_csv(response.content.decode())
    [downloaded] = events("research.export.downloaded")
    assert downloaded.actor_id == council_admin.pk
    assert downloaded.detail["file"] == file


def test_another_administrator_of_the_council_is_refused(built, hillford, client_for):
    other_admin = UserFactory(council=hillford, roles=[Role.COUNCIL_ADMIN], full_name="Dai Admin")
    TOTPDeviceFactory(user=other_admin)
    response = client_for(other_admin).get(_url(built))
    assert response.status_code == 403
    assert events("research.export.downloaded") == []
    [refused] = events("research.export.download_refused")
    assert refused.actor_id == other_admin.pk


def test_every_other_role_is_refused(built, cast, parent_user, client_for):
    for who, user in {**cast, "parent": parent_user}.items():
        if who == "council_admin":
            continue
        response = client_for(user).get(_url(built))
        assert response.status_code == 403, who
    assert events("research.export.downloaded") == []


def test_another_councils_administrator_does_not_find_it(built, eastmere, client_for):
    theirs = UserFactory(council=eastmere, roles=[Role.COUNCIL_ADMIN])
    TOTPDeviceFactory(user=theirs)
    assert client_for(theirs).get(_url(built)).status_code == 404
    agreement_url = reverse("research:agreement", kwargs={"public_id": built.agreement.public_id})
    assert client_for(theirs).get(agreement_url).status_code == 404


def test_an_unknown_file_is_not_found(built, council_admin, client_for):
    assert client_for(council_admin).get(_url(built, "everything")).status_code == 404


def _end_agreement(agreement, days_ago=1):
    with scopes_disabled():
        DataSharingAgreement.objects.filter(pk=agreement.pk).update(
            starts_on=today() - datetime.timedelta(days=400),
            ends_on=today() - datetime.timedelta(days=days_ago),
        )


def test_after_the_end_date_the_files_are_refused(built, council_admin, client_for):
    _end_agreement(built.agreement)
    response = client_for(council_admin).get(_url(built))
    assert response.status_code == 302
    assert events("research.export.downloaded") == []
    assert events("research.export.download_refused")[0].detail["why"] == "unavailable"
    follow = client_for(council_admin).get(response["Location"])
    assert "The agreement has ended" in page(follow)


def test_on_the_end_date_itself_the_files_are_still_given(built, council_admin, client_for):
    _end_agreement(built.agreement, days_ago=0)
    assert client_for(council_admin).get(_url(built)).status_code == 200


def test_expired_exports_are_emptied_and_audited(built, hillford):
    _end_agreement(built.agreement)
    assert services.remove_expired() == 1
    with scope(council=hillford.pk):
        export = ResearchExport.objects.get(pk=built.pk)
    assert export.status == ExportStatus.REMOVED
    assert export.removed_at is not None
    assert (export.identifiers, export.events, export.dictionary) == ("", "", "")
    [removed] = events("research.export.removed")
    assert removed.object_id == str(built.public_id)
    assert services.remove_expired() == 0  # once only


def test_exports_in_force_are_kept(built, hillford):
    assert services.remove_expired() == 0
    with scope(council=hillford.pk):
        assert ResearchExport.objects.get(pk=built.pk).identifiers


def test_the_command_and_the_task_remove_expired_exports(built, hillford):
    _end_agreement(built.agreement)
    call_command("research_remove_expired")
    with scope(council=hillford.pk):
        assert ResearchExport.objects.get(pk=built.pk).status == ExportStatus.REMOVED
    # The task (run at once in tests) finds nothing more to do.
    assert remove_expired_exports_task.enqueue().return_value == 0
