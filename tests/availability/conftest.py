import datetime

import pytest

from tests.factories import OfficeHoursFactory

FRIDAY = 4


@pytest.fixture
def office_hours(hillford):
    """Hillford's leaving care office: 9:00 to 17:00 Monday to Thursday, to 16:30 on Friday."""
    for weekday in range(5):
        OfficeHoursFactory(
            council=hillford,
            weekday=weekday,
            opens_at=datetime.time(9, 0),
            closes_at=datetime.time(16, 30) if weekday == FRIDAY else datetime.time(17, 0),
        )
    hillford.duty_phone = "01632 960 002"
    hillford.out_of_hours_phone = "01632 960 003"
    return hillford
