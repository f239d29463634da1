"""The demo directories: realistic, valid Open Referral UK, and seeded only once."""

import datetime

import pytest

from parent_charter.demo.stories import directory as demo_data
from parent_charter.directory import oruk
from parent_charter.directory.feed import council_feed
from parent_charter.directory.models import Schedule, Service
from parent_charter.directory.opening import is_exception
from tests.factories import CouncilFactory


@pytest.mark.parametrize(("slug", "nation"), [("herefordshire", "england"), ("cardiff", "wales")])
def test_demo_directory_is_valid_and_idempotent(db, slug, nation):
    council = CouncilFactory(
        slug=slug, name=f"{slug.title()} Council", nation=nation, welsh_required=nation == "wales"
    )
    assert "services added" in demo_data.seed(council)
    counts = Service.objects.count(), Schedule.objects.count()
    demo_data.seed(council)
    assert (Service.objects.count(), Schedule.objects.count()) == counts
    assert counts[0] >= 9
    for service in council_feed(council):
        assert oruk.errors_in(service, oruk.SERVICE) == [], service["name"]
        for contact in service["contacts"]:
            number = contact["phones"][0]["number"].replace(" ", "")
            assert number.startswith(("01632960", "08081570", "02920180")), number
    schedules = list(Schedule.objects.all())
    assert {s.freq for s in schedules} >= {"WEEKLY", "MONTHLY", ""}
    christmas = [s for s in schedules if is_exception(s)]
    assert christmas and all(s.valid_from.month == 12 and s.valid_from.day == 24 for s in christmas)
    if nation == "wales":
        assert Service.objects.exclude(name_cy="").count() == counts[0]


def test_the_christmas_closure_is_the_current_or_next_one():
    assert demo_data.christmas_year(datetime.date(2027, 1, 1)) == 2026
    assert demo_data.christmas_year(datetime.date(2027, 1, 2)) == 2027
    assert demo_data.first_saturday(2027) == "2027-01-02"


def test_other_councils_get_no_demo_directory(hillford):
    assert demo_data.seed(hillford) == ""
