"""What every section of the figures counts with: days, and the book of counts."""

import datetime

from django.utils import timezone

from .. import disclosure


def day_of(moment) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


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
