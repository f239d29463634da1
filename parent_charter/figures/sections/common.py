"""What every section of the figures counts with: days, and the book of counts."""

import datetime

from django.db.models import DateField
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from .. import disclosure


def day_of(moment) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


def day_reader():
    """`day_of` for a loop over many moments: the current time zone is looked up once, which
    is most of what `timezone.localdate` costs. The same days as `day_of`."""
    zone = timezone.get_current_timezone()

    def day(moment) -> datetime.date:
        if isinstance(moment, datetime.datetime):
            if moment.utcoffset() is None:
                return moment.date()
            return moment.astimezone(zone).date()
        return moment

    return day


def aware_at(day: datetime.date, end: bool = False):
    moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    return timezone.make_aware(moment)


def age_on(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Book:
    """Every count a page publishes, keyed (period, section, row, column), and the sums that
    tie them, so that one call protects them all together."""

    def __init__(self):
        self.values: dict = {}
        self.relations: list = []

    def put(self, key, value: int):
        self.values[key] = int(value)

    def total(self, parts, whole):
        self.relations.append(disclosure.total(parts, whole))


def local_day(field: str):
    """The day of a moment in the current time zone (as `day_of`), worked out by the database:
    for the tens of thousands of rows of a council's history, reading a date is much cheaper
    than reading a moment and converting it. (The cast keeps Django from passing each row
    through TruncDate's converter, which the date the database returns does not need.)"""
    return Cast(TruncDate(field), DateField())
