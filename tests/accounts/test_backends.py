"""Only roles grant access: Django's model permissions grant nothing, and cost no query."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parent_charter.accounts.backends import PasswordBackend


def test_a_model_permission_given_directly_or_through_a_group_grants_nothing(pa):
    direct = Permission.objects.get(codename="change_user")
    pa.user_permissions.add(direct)
    group = Group.objects.create(name="Somebody's shortcut")
    group.permissions.add(Permission.objects.get(codename="delete_user"))
    pa.groups.add(group)

    pa = type(pa).objects.get(pk=pa.pk)  # no permission cache
    assert not pa.has_perm("accounts.change_user")
    assert not pa.has_perm("accounts.delete_user")
    assert not pa.has_module_perms("accounts")
    assert pa.get_all_permissions() == set()


def test_a_permission_the_rules_refuse_asks_the_database_nothing(pa):
    pa = type(pa).objects.get(pk=pa.pk)
    pa.roles  # noqa: B018 - the roles are read once per request, before any check
    with CaptureQueriesContext(connection) as queries:
        assert not pa.has_perm("network.view_network")
    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]


def test_the_password_still_signs_people_in(pa, client):
    from tests.conftest import PASSWORD

    user = PasswordBackend().authenticate(None, username=pa.username, password=PASSWORD)
    assert user == pa
    assert PasswordBackend().authenticate(None, username=pa.username, password="wrong") is None


def test_signing_in_through_the_pages_works_with_it(pa, client_for):
    response = client_for(pa).get("/staff/")
    assert response.status_code == 200
