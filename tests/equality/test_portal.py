"""The parent answers the equality monitoring questions in the portal, or changes them."""

from django_scopes import scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.parents.models import EqualityAnswers

URL = "/my/about-you/"


def test_the_parent_answers_for_themselves_and_the_audit_says_so(
    client_for, parent_user, hillford_parent
):
    client = client_for(parent_user)
    page = client.get(URL).content.decode()
    assert "What is your ethnic group?" in page
    assert "You do not have to answer" in page
    # A parent either answers or says they prefer not to: "not asked" is for staff to record.
    assert 'value="not_recorded"' not in page
    response = client.post(
        URL, {"version": "1", "ethnic_group": "asian_chinese", "disability": "prefer_not_to_say"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        answers = EqualityAnswers.objects.get(parent=hillford_parent)
        viewed = AuditEvent.objects.get(action="portal.equality_viewed")
        updated = AuditEvent.objects.get(action="parent.equality.updated")
    assert (answers.ethnic_group, answers.disability) == ("asian_chinese", "prefer_not_to_say")
    assert viewed.parent_id == hillford_parent.pk
    assert updated.parent_id == hillford_parent.pk and updated.actor_id == parent_user.pk
    assert updated.detail["by"] == "parent"


def test_the_portal_home_links_to_the_questions(client_for, parent_user):
    page = client_for(parent_user).get("/my/").content.decode()
    assert URL in page
    assert "Answer the questions, or say you prefer not to" in page


def test_staff_cannot_use_the_parents_page(client_for, pa, manager):
    for user in (pa, manager):
        assert client_for(user).get(URL).status_code == 403
