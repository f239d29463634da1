"""Messages to parents go through the Notify client to a fake Notify server: the template of
each kind, channel and language, and exactly what each is given."""

import datetime
import re

import pytest
from django.utils.translation import override
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.messaging import kinds, services
from parent_charter.messaging.backends import render
from parent_charter.messaging.models import OutboundMessage, Status
from tests.fake_notify import OUTBOX

SCAN_DAY = datetime.date(2027, 2, 3)
NOT_LINKS = sorted(k for k, kind in kinds.KINDS.items() if kind.category != kinds.Category.LINK)


def _queue(parent, kind, sent_now, **kwargs):
    with sent_now(), scope(council=parent.council_id):
        return services.queue(parent=parent, kind=kind, **kwargs)


def _prefer(parent, *, channel, language):
    with scope(council=parent.council_id):
        parent.preferred_contact = "text" if channel == "sms" else "email"
        parent.preferred_language = language
        parent.save()


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("channel", ["sms", "email"])
@pytest.mark.parametrize("kind", NOT_LINKS)
def test_each_kind_uses_its_own_template_in_the_parents_language(
    kind, channel, language, reachable_parent, sent_now, settings
):
    _prefer(reachable_parent, channel=channel, language=language)
    message = _queue(reachable_parent, kind, sent_now, date=SCAN_DAY)
    [sent] = OUTBOX
    assert (sent.kind, sent.channel, sent.language) == (kind, channel, language)
    wanted = settings.PARENT_CHARTER_NOTIFY["TEMPLATES"][f"{kind}_{channel}_{language}".upper()]
    assert sent.template_id == message.template_id == wanted
    assert sent.address == ("07700 900123" if channel == "sms" else "jamie.rivers@example.com")
    assert sent.reference == str(message.public_id)
    if channel == "sms":
        assert set(sent.personalisation) == {"first_name", "sign_in_url"}
    else:
        reminder = kind.startswith("reminder_")
        assert set(sent.personalisation) == {"first_name", "sign_in_url"} | (
            {"date"} if reminder else {"council"}
        )
    assert sent.personalisation["first_name"] == "Jamie"
    # The Welsh template is really Welsh: it differs from the English one.
    other = "en" if language == "cy" else "cy"
    assert sent.body != render(kind, channel, other, sent.personalisation)[1]
    with scopes_disabled():
        message.refresh_from_db()
        assert message.status == Status.SENDING and str(message.notify_id) == sent.id
        assert AuditEvent.objects.filter(action="message.sent", object_id=str(message.public_id))


def test_a_welsh_email_gives_the_date_in_welsh(reachable_parent, sent_now):
    _prefer(reachable_parent, channel="email", language="cy")
    _queue(reachable_parent, "reminder_first_scan", sent_now, date=SCAN_DAY)
    [sent] = OUTBOX
    with override("cy"):
        assert sent.personalisation["date"] == "3 Chwefror 2027"
    assert "3 Chwefror 2027" in sent.body


def test_a_text_holds_nothing_but_the_first_name_and_a_prompt_to_sign_in(
    reachable_parent, sent_now
):
    for kind in NOT_LINKS:
        _queue(reachable_parent, kind, sent_now, date=SCAN_DAY)
    assert len(OUTBOX) == len(NOT_LINKS) and {s.channel for s in OUTBOX} == {"sms"}
    neutral = {re.sub(r"\(\([a-z_]+\)\)", "", str(kinds.get(kind).sms)) for kind in NOT_LINKS}
    for sent in OUTBOX:
        assert sent.personalisation == {
            "first_name": "Jamie",
            "sign_in_url": "http://testserver/my/",
        }
        for secret in ("Rivers", "scan", "2027", "Hillford", "Healthy", "birth", "challenge"):
            assert secret.lower() not in sent.body.lower()
        # Take away the first name and the address: one of the neutral sentences is left.
        rest = sent.body.replace("Jamie", "").replace("http://testserver/my/", "")
        assert rest in neutral


def test_a_link_is_only_ever_emailed(reachable_parent):
    assert services.channel_for(reachable_parent, kinds.get("sign_in_link")) == "email"
    assert all(
        kind.sms is None for kind in kinds.KINDS.values() if kind.category == kinds.Category.LINK
    )


def test_no_number_or_address_means_no_message(hillford_parent, sent_now):
    assert _queue(hillford_parent, "notice", sent_now) is None
    assert not OUTBOX
    with scopes_disabled():
        assert not OutboundMessage.objects.exists()


def test_a_parent_who_prefers_texts_but_has_no_mobile_gets_an_email(reachable_parent, sent_now):
    with scope(council=reachable_parent.council_id):
        reachable_parent.phone = ""
        reachable_parent.save()
    _queue(reachable_parent, "notice", sent_now)
    assert [s.channel for s in OUTBOX] == ["email"]


def test_nothing_is_sent_inside_the_request_that_queues_it(reachable_parent):
    with scope(council=reachable_parent.council_id):
        message = services.queue(parent=reachable_parent, kind="notice")
    # Not committed yet: the worker sends it only once the change that caused it is saved.
    assert not OUTBOX and message.status == Status.CREATED


def test_a_notice_for_the_parent_sends_a_message(reachable_parent, sent_now):
    from parent_charter.core.registries.notification_kinds import register
    from parent_charter.notifications.services import notify_parent

    register("tests.something_decided", "Something was decided.")
    with sent_now(), scope(council=reachable_parent.council_id):
        notify_parent(parent=reachable_parent, kind="tests.something_decided")
    [sent] = OUTBOX
    assert sent.kind == "notice" and "decided" not in sent.body


def test_the_console_backend_logs_the_message_without_the_address(
    reachable_parent, sent_now, settings, caplog
):
    settings.PARENT_CHARTER_NOTIFY = {"BACKEND": "console"}
    with caplog.at_level("INFO", logger="parent_charter.messaging.console"):
        message = _queue(reachable_parent, "reminder_contact", sent_now, date=SCAN_DAY)
    assert not OUTBOX
    logged = caplog.text
    assert "Hello Jamie, you have a reminder in Parent Charter" in logged
    assert "900123" not in logged and "jamie.rivers@" not in logged
    with scopes_disabled():
        message.refresh_from_db()
    assert message.status == Status.SENDING and message.template_id.startswith("console:")


def test_the_template_list_names_every_variable_with_its_welsh_wording(capsys):
    from django.core.management import call_command

    call_command("notify_templates")
    out = capsys.readouterr().out
    for name in kinds.template_names():
        assert f"{name} (set)" in out  # the tests' fake Notify has every template
    assert "NOTIFY_TEMPLATE_SIGN_IN_LINK_SMS_EN" not in out
    assert "Helo ((first_name)), mae gennych nodyn atgoffa yn Siarter Rhieni" in out
