"""The parent chooses in the portal whether to get reminders; notices come either way, and the
adviser sees the choice."""

from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.messaging import services
from parent_charter.messaging.models import MessageChoice
from tests.fake_notify import OUTBOX

URL = "/my/texts-and-emails/"


def test_the_parent_opts_out_of_reminders_and_still_gets_notices(
    client_for, parent_user, reachable_parent, sent_now, pa
):
    client = client_for(parent_user)
    page = client.get(URL)
    assert page.status_code == 200
    assert "by text message" in page.content.decode()
    response = client.post(URL, {"reminders": "no", "version": 1})
    assert response.status_code == 302
    with scopes_disabled():
        choice = MessageChoice.objects.get(parent=reachable_parent)
        assert choice.reminders is False and choice.changed_by == parent_user
        assert AuditEvent.objects.filter(action="message.choice_changed", actor=parent_user)
        assert AuditEvent.objects.filter(action="message.choice_viewed", actor=parent_user)
    with sent_now(), scope(council=reachable_parent.council_id):
        assert services.queue(parent=reachable_parent, kind="reminder_plan_review") is None
        assert services.queue(parent=reachable_parent, kind="notice") is not None
    assert [s.kind for s in OUTBOX] == ["notice"]
    staff_page = client_for(pa).get(f"/staff/parents/{reachable_parent.public_id}/")
    assert "Chose not to get reminders (notices are still sent)" in staff_page.content.decode()


def test_opting_back_in_sends_reminders_again(client_for, parent_user, reachable_parent, sent_now):
    client = client_for(parent_user)
    client.post(URL, {"reminders": "no", "version": 1})
    client.post(URL, {"reminders": "yes", "version": 2})
    with sent_now(), scope(council=reachable_parent.council_id):
        assert services.queue(parent=reachable_parent, kind="reminder_plan_review")
    assert [s.kind for s in OUTBOX] == ["reminder_plan_review"]


def test_no_choice_made_is_an_error_next_to_the_field(client_for, parent_user, reachable_parent):
    response = client_for(parent_user).post(URL, {"version": 1})
    assert response.status_code == 200
    text = response.content.decode()
    assert "govuk-error-summary" in text and "Choose whether you want reminders" in text
    with scopes_disabled():
        assert not MessageChoice.objects.exists()


def test_a_choice_changed_in_another_window_is_not_overwritten(
    client_for, parent_user, reachable_parent
):
    client = client_for(parent_user)
    client.post(URL, {"reminders": "no", "version": 1})
    stale = client.post(URL, {"reminders": "yes", "version": 1}, follow=True)
    assert "changed in another window" in stale.content.decode()
    with scopes_disabled():
        assert MessageChoice.objects.get(parent=reachable_parent).reminders is False


def test_the_page_is_in_welsh(client_for, parent_user, reachable_parent):
    client = client_for(parent_user)
    client.cookies["parent_charter_language"] = "cy"
    text = client.get(URL).content.decode()
    assert "Negeseuon testun ac e-byst" in text and "drwy neges destun" in text


def test_the_staff_section_costs_the_same_queries_however_many_messages(
    client_for, pa, reachable_parent, sent_now, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(pa)
    url = f"/staff/parents/{reachable_parent.public_id}/"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with sent_now(), scope(council=reachable_parent.council_id):
        services.queue(parent=reachable_parent, kind="notice")
    one = count()
    with sent_now(), scope(council=reachable_parent.council_id):
        for _ in range(6):
            services.queue(parent=reachable_parent, kind="notice")
    assert count() == one
