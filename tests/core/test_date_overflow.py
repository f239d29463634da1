"""A date's day, month or year of any size gets a message on the form, never a server error.

The field itself, then a sweep over every page of the access matrix: each form with a date
input is sent back with a huge day, a huge month and a year beyond the calendar, by someone
allowed to use it, and must answer with "Enter a real date" (or the year message) rather than
an OverflowError.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.urls import reverse

from parent_charter.core.forms import GovUKDateField
from tests.sweep_world import *  # noqa: F403 - the sweeps' shared world (its fixtures)
from tests.test_access_matrix import MATRIX

HUGE = "9" * 25


class DateForm(forms.Form):
    when = GovUKDateField(label="When")


def bound(day, month, year):
    return DateForm({"when_day": day, "when_month": month, "when_year": year})


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        (HUGE, "1", "2026", "Enter a real date"),
        ("1", HUGE, "2026", "Enter a real date"),
        (HUGE, HUGE, "2026", "Enter a real date"),
        ("9" * 5000, "1", "2026", "Enter a real date"),
        ("2147483648", "1", "2026", "Enter a real date"),
        ("1", "1", "9999", "Enter a year between 1900 and 2100"),
        ("31", "12", "9999", "Enter a year between 1900 and 2100"),
        ("1", "1", "0001", "Enter a year between 1900 and 2100"),
        ("1", "1", HUGE, "Year must include 4 numbers"),
        ("²", "1", "2026", "Enter a real date"),
        ("١", "1", "2026", "Enter a real date"),
    ],
)
def test_the_field_answers_with_a_message(day, month, year, message):
    form = bound(day, month, year)
    assert not form.is_valid()
    assert form.errors["when"] == [message]
    form.has_changed()  # compress() must not raise either
    assert day in str(form["when"])  # and it shows what was typed


def test_the_years_at_the_edges_are_accepted():
    assert bound("1", "1", "1900").is_valid()
    form = bound("31", "12", "2100")
    assert form.is_valid() and form.cleaned_data["when"] == datetime.date(2100, 12, 31)


class Inputs(HTMLParser):
    """The POST forms of a page: their action and the names and values of their inputs."""

    def __init__(self, html):
        super().__init__()
        self.forms = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action")}
            )
            self.forms[-1]["fields"] = {}
        elif tag in {"input", "textarea", "select"} and self.forms and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in {"radio", "checkbox"} and "checked" not in attrs:
                return
            self.forms[-1]["fields"].setdefault(attrs["name"], attrs.get("value") or "")


def _date_forms(body):
    for form in Inputs(body).forms:
        if form["method"] == "post" and any(n.endswith("_day") for n in form["fields"]):
            yield form


PAGES = sorted(
    name
    for name, (kind, _allowed, options) in MATRIX.items()
    # Pages people sign in to; the case-records API's token-only addresses have no forms (its
    # own schema property tests send it huge and malformed values).
    if kind not in {"public", "api-token"} and options.get("method") != "post"
)


@pytest.mark.parametrize("name", PAGES)
def test_every_date_input_answers_a_huge_value_with_a_message(name, open_page):
    opened = open_page(name)
    if opened is None:
        pytest.skip("no one from Hillford may use it")
    client, url, response = opened
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    for form in _date_forms(response.content.decode()):
        for bad in ({"day": HUGE}, {"month": HUGE}, {"day": HUGE, "month": HUGE}, {"year": "9999"}):
            data = dict(form["fields"])
            for field in [n for n in data if n.endswith("_day")]:
                stem = field[: -len("_day")]
                data[f"{stem}_day"] = bad.get("day", "1")
                data[f"{stem}_month"] = bad.get("month", "1")
                data[f"{stem}_year"] = bad.get("year", "2026")
            answer = client.post(form["action"] or url, data)
            assert answer.status_code in {200, 302, 400, 403, 404, 409}, (name, bad)
            if answer.status_code == 200:
                # The date's own message, unless the form ignores a date it did not ask for
                # (a question revealing it was not answered): then the form's other errors.
                text = answer.content.decode()
                assert re.search(
                    r"Enter a real date|Enter a year between 1900 and 2100|govuk-error-summary",
                    text,
                ), (name, bad)


def test_a_huge_date_of_birth_is_named_on_the_childs_form(client_for, pa, hillford_parent):
    url = reverse("children:add", kwargs={"parent_id": hillford_parent.public_id})
    response = client_for(pa).post(
        url,
        {
            "status": "born",
            "date_of_birth_day": HUGE,
            "date_of_birth_month": "1",
            "date_of_birth_year": "2026",
        },
    )
    assert response.status_code == 200
    assert "Enter a real date" in response.content.decode()
