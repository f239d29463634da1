"""Staff emails go in each person's own language: the one they last chose while signed in."""

from django.core import mail
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.core.registries.notification_kinds import register
from parent_charter.notifications.services import notify_staff


def test_choosing_welsh_is_kept_and_audited(client_for, pa):
    client = client_for(pa)
    response = client.post("/i18n/set-language/", {"language": "cy", "next": "/staff/"})
    assert response.status_code == 302
    pa.refresh_from_db()
    assert pa.preferred_language == "cy"
    with scopes_disabled():
        event = AuditEvent.objects.get(action="account.language_chosen")
    assert event.actor == pa and event.detail == {"language": "cy"}
    # An unknown language changes nothing.
    client.post("/i18n/set-language/", {"language": "xx", "next": "/staff/"})
    pa.refresh_from_db()
    assert pa.preferred_language == "cy"


def test_each_person_gets_the_email_in_their_own_language(
    pa, manager, hillford, django_capture_on_commit_callbacks
):
    pa.preferred_language = "cy"
    pa.save()
    register("tests.staff_kind", "Something for staff.")
    with django_capture_on_commit_callbacks(execute=True), scope(council=hillford.pk):
        notify_staff(council=hillford, recipients=[pa, manager], kind="tests.staff_kind")
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person[manager.email].subject == "Parent Charter: something needs your attention"
    assert by_person[pa.email].subject != by_person[manager.email].subject
    assert "Siarter Rhieni" in by_person[pa.email].subject
