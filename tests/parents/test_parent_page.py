"""The parent's page: a frame of sections, one audit row, eligibility shown, queries fixed."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.plans.services import refresh_parent
from tests.factories import ConsentRecordFactory, LocalOfferFactory, ParentFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
BIRTHDAY = datetime.date(2001, 6, 15)  # 25 on 15 June 2026


def _url(parent) -> str:
    return f"/staff/parents/{parent.public_id}/"


def _at(day: datetime.date):
    noon = datetime.datetime.combine(day, datetime.time(12), LONDON)
    return time_machine.travel(noon, tick=False)


@pytest.fixture
def turning_25(hillford, pa):
    LocalOfferFactory(council=hillford)  # up to the age of 25, warned six months ahead
    with scope(council=hillford.pk):
        return ParentFactory(
            council=hillford,
            personal_adviser=pa,
            given_name="Lee",
            family_name="Hollis",
            date_of_birth=BIRTHDAY,
        )


def test_the_page_shows_this_apps_sections_in_order(client_for, pa, hillford_parent):
    body = client_for(pa).get(_url(hillford_parent)).content.decode()
    positions = [body.index(f'id="{key}"') for key in ("details", "eligibility", "consent")]
    assert positions == sorted(positions)
    assert body.count("<h1") == 1


def test_sections_are_registered_with_their_orders():
    from parent_charter.core.registries import parent_sections as sections

    registered = {key: s.order for key, s in sections._SECTIONS.items()}
    assert (registered["details"], registered["eligibility"], registered["consent"]) == (10, 20, 60)


def test_the_page_records_exactly_one_view(client_for, pa, hillford, hillford_parent):
    with scope(council=hillford.pk):
        ConsentRecordFactory(parent=hillford_parent, recorded_by=pa)
    client = client_for(pa)  # signing in writes its own events first
    before = AuditEvent.objects.count()
    assert client.get(_url(hillford_parent)).status_code == 200
    events = AuditEvent.objects.order_by("pk")[before:]
    assert [event.action for event in events] == ["parent.viewed"]


def test_details_show_the_record_and_the_current_stages(client_for, pa, hillford, hillford_parent):
    with scope(council=hillford.pk):
        hillford_parent.pronouns = "they/them"
        hillford_parent.care_category = "eng_former_relevant"
        hillford_parent.save()
        refresh_parent(parent=hillford_parent, actor=pa, reason="test")
    body = client_for(pa).get(_url(hillford_parent)).content.decode()
    assert "they/them" in body and "Former relevant child (England)" in body
    assert "17 May 2004" in body and "Hillford Council" in body and "Priya Adviser" in body
    assert '<strong class="govuk-tag govuk-tag--blue">At every stage</strong>' in body
    assert '<strong class="govuk-tag govuk-tag--blue">Before you become a parent</strong>' in body
    assert f"/staff/parents/{hillford_parent.public_id}/edit/" in body


def test_no_change_or_consent_links_for_a_reader(client_for, assessor, hillford_parent):
    body = client_for(assessor).get(_url(hillford_parent)).content.decode()
    assert "/edit/" not in body and "/consents/add/" not in body


def test_wrong_role_and_another_council(client_for, analyst, other_pa, pa, eastmere_parent):
    assert client_for(analyst).get(_url(eastmere_parent)).status_code == 403
    assert client_for(other_pa).get(_url(eastmere_parent)).status_code == 200
    assert client_for(pa).get(_url(eastmere_parent)).status_code == 404


@pytest.mark.parametrize(
    ("today", "expected", "absent"),
    [
        (datetime.date(2025, 12, 14), "govuk-tag--green", "Support ending soon"),
        (datetime.date(2025, 12, 15), "Support ending soon", "Support has ended"),
        (datetime.date(2026, 6, 14), "Support ending soon", "Support has ended"),
        (datetime.date(2026, 6, 15), "Support has ended on 15 June 2026", "Support ending soon"),
    ],
)
def test_eligibility_either_side_of_the_25th_birthday(
    client_for, pa, turning_25, today, expected, absent
):
    with _at(today):
        response = client_for(pa).get(_url(turning_25))
    assert response.status_code == 200
    body = response.content.decode()
    assert expected in body and absent not in body
    assert "14 June 2026" in body  # the last day of support


def test_ending_soon_is_a_warning_with_the_date(client_for, pa, turning_25):
    with _at(datetime.date(2026, 3, 1)):
        body = client_for(pa).get(_url(turning_25)).content.decode()
    start = body.index('class="govuk-warning-text"')
    warning = body[start : body.index("</div>", start)]
    assert "Support ending soon" in warning and "14 June 2026" in warning


def test_a_parent_whose_support_ended_is_kept_and_shown_distinctly(client_for, pa, turning_25):
    with _at(datetime.date(2027, 1, 10)):
        response = client_for(pa).get(_url(turning_25))
    assert response.status_code == 200
    body = response.content.decode()
    # A banner under the heading, before any section, and a grey tag in the section.
    banner = body.index("govuk-notification-banner")
    assert body.index("<h1") < banner < body.index('id="details"')
    assert "Support has ended on 15 June 2026" in body
    assert '<strong class="govuk-tag govuk-tag--grey">Support has ended</strong>' in body
    # Everything in the record can still be read.
    assert "Lee Hollis" in body and "Personal details" in body


def test_the_councils_age_limit_is_used(client_for, pa, hillford):
    LocalOfferFactory(council=hillford, eligibility_age=21, eligibility_warning_months=3)
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford, date_of_birth=datetime.date(2005, 6, 15))
    with _at(datetime.date(2026, 4, 1)):
        body = client_for(pa).get(_url(parent)).content.decode()
    assert "Support ending soon" in body and "14 June 2026" in body
    assert "Up to the age of 21" in body


def test_without_an_offer_the_charters_age_limit_applies(client_for, pa, hillford_parent):
    body = client_for(pa).get(_url(hillford_parent)).content.decode()
    assert "16 May 2029" in body  # the day before the 25th birthday


def test_query_count_does_not_depend_on_consents(client_for, pa, hillford, hillford_parent):
    LocalOfferFactory(council=hillford)
    with scope(council=hillford.pk):
        refresh_parent(parent=hillford_parent, actor=pa, reason="test")
        ConsentRecordFactory(parent=hillford_parent, recorded_by=pa)
    client = client_for(pa)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(hillford_parent)).status_code == 200
        return len(queries)

    one = count_queries()
    with scope(council=hillford.pk):
        for number in range(19):
            ConsentRecordFactory(
                parent=hillford_parent,
                recorded_by=pa,
                share_with=f"Service {number}",
                withdrawn_on=datetime.date(2026, 2, 1) if number % 2 else None,
                withdrawn_by=pa if number % 2 else None,
            )
    twenty = count_queries()
    assert one == twenty
    body = client.get(_url(hillford_parent)).content.decode()
    assert body.count("Recorded by Priya Adviser") == 20 + 9  # given, and withdrawn for 9
