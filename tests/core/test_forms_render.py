"""GOV.UK markup from the form renderer: labels, hints, errors, fieldsets and the date field."""

import datetime
from html.parser import HTMLParser

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test.html import parse_html

from parent_charter.core.forms import GovUKDateField


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def element(html, element_id):
    matches = [attrs for _tag, attrs in Tags(html).found if attrs.get("id") == element_id]
    assert len(matches) == 1, f"expected one #{element_id}, found {len(matches)}"
    return matches[0]


def classes(html, element_id):
    return set(element(html, element_id).get("class", "").split())


def assert_in_html(needle, haystack):
    assert parse_html(needle) in parse_html(str(haystack))


class ReferralForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on their birth certificate")
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"class": "govuk-input--width-20"})
    )
    parent_role = forms.ChoiceField(
        label="Parent role",
        choices=[("mother", "Mother"), ("father", "Father")],
        widget=forms.RadioSelect(attrs={"inline": True}),
    )
    support = forms.MultipleChoiceField(
        label="Support wanted",
        choices=[("housing", "Housing"), ("money", "Money")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )
    consent = forms.BooleanField(label="They agreed to the referral")
    meeting_time = forms.TimeField(label="Meeting time", required=False)
    grant = forms.DecimalField(label="Grant", required=False)
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    area = forms.ChoiceField(label="Area", choices=[("n", "North"), ("s", "South")])
    date_of_birth = GovUKDateField(label="Date of birth", help_text="For example, 27 3 2004")


VALID = {
    "name": "Ann Example",
    "email": "ann@example.org",
    "parent_role": "mother",
    "support": ["money"],
    "consent": "on",
    "area": "n",
    "date_of_birth_day": "27",
    "date_of_birth_month": "3",
    "date_of_birth_year": "2004",
}


def test_text_input_has_label_hint_and_govuk_classes():
    html = ReferralForm()["name"].as_field_group()

    assert_in_html('<label class="govuk-label" for="id_name">Full name</label>', html)
    assert_in_html(
        '<div id="id_name-hint" class="govuk-hint">As on their birth certificate</div>', html
    )
    assert classes(html, "id_name") == {"govuk-input"}
    assert element(html, "id_name")["aria-describedby"] == "id_name-hint"
    # Browser validation is off: errors come from the server, in GOV.UK style and in Welsh.
    assert "required" not in element(html, "id_name")


def test_error_marks_group_input_and_message():
    form = ReferralForm(data={**VALID, "name": ""})
    html = form["name"].as_field_group()

    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert classes(html, "id_name") == {"govuk-input", "govuk-input--error"}
    assert element(html, "id_name")["aria-describedby"] == "id_name-hint id_name-error"
    assert_in_html(
        '<p id="id_name-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> This field is required.</p>',
        html,
    )


def test_widget_classes_are_kept_beside_govuk_classes():
    html = ReferralForm(data={**VALID, "email": "not an email"})["email"].as_field_group()

    assert classes(html, "id_email") == {
        "govuk-input",
        "govuk-input--error",
        "govuk-input--width-20",
    }


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("meeting_time", {"govuk-input"}),
        ("grant", {"govuk-input"}),
        ("notes", {"govuk-textarea"}),
        ("area", {"govuk-select"}),
    ],
)
def test_other_widgets_get_their_govuk_class(field, expected):
    html = ReferralForm()[field].as_field_group()

    assert classes(html, f"id_{field}") == expected
    label = ReferralForm.base_fields[field].label
    assert_in_html(f'<label class="govuk-label" for="id_{field}">{label}</label>', html)


def test_radios_are_a_fieldset_with_legend_and_govuk_items():
    html = ReferralForm(data={**VALID, "parent_role": ""})["parent_role"].as_field_group()

    assert_in_html('<legend class="govuk-fieldset__legend">Parent role</legend>', html)
    assert element(html, "id_parent_role-error")  # the error message the fieldset points at
    assert '<fieldset class="govuk-fieldset" aria-describedby="id_parent_role-error">' in html
    assert 'class="govuk-radios govuk-radios--inline" data-module="govuk-radios"' in html
    assert classes(html, "id_parent_role_0") == {"govuk-radios__input"}
    assert_in_html(
        '<label class="govuk-label govuk-radios__label" for="id_parent_role_1">Father</label>',
        html,
    )
    # The inline option belongs on the group, not on each input.
    assert "inline" not in element(html, "id_parent_role_0")
    assert html.count('class="govuk-radios__item"') == 2


def test_checkbox_group_is_a_fieldset_with_hint():
    html = ReferralForm(data=VALID)["support"].as_field_group()

    assert '<fieldset class="govuk-fieldset" aria-describedby="id_support-hint">' in html
    assert 'class="govuk-checkboxes" data-module="govuk-checkboxes"' in html
    assert "checked" in element(html, "id_support_1")
    assert "checked" not in element(html, "id_support_0")
    assert_in_html(
        '<label class="govuk-label govuk-checkboxes__label" for="id_support_0">Housing</label>',
        html,
    )


def test_single_checkbox_uses_its_label_and_no_fieldset():
    html = ReferralForm(data={**VALID, "consent": ""})["consent"].as_field_group()

    assert "<fieldset" not in html
    assert classes(html, "id_consent") == {"govuk-checkboxes__input"}
    assert element(html, "id_consent")["aria-describedby"] == "id_consent-error"
    assert_in_html(
        '<label class="govuk-label govuk-checkboxes__label" for="id_consent">'
        "They agreed to the referral</label>",
        html,
    )


def test_date_input_is_a_group_of_three_labelled_inputs():
    html = ReferralForm()["date_of_birth"].as_field_group()

    assert (
        '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_date_of_birth-hint">'
        in html
    )
    assert_in_html('<legend class="govuk-fieldset__legend">Date of birth</legend>', html)
    for index, (part, label, width) in enumerate(
        [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)]
    ):
        input_id = f"id_date_of_birth_{index}"
        attrs = element(html, input_id)
        assert attrs["name"] == f"date_of_birth_{part}"
        assert attrs["inputmode"] == "numeric"
        assert classes(html, input_id) == {
            "govuk-input",
            "govuk-date-input__input",
            f"govuk-input--width-{width}",
        }
        assert_in_html(
            f'<label class="govuk-label govuk-date-input__label" for="{input_id}">{label}</label>',
            html,
        )


def test_valid_date_cleans_to_a_date():
    form = ReferralForm(data=VALID)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(2004, 3, 27)


def test_bound_date_keeps_what_was_typed():
    html = ReferralForm(data={**VALID, "date_of_birth_month": "13"})["date_of_birth"].as_widget()

    assert element(html, "id_date_of_birth_1")["value"] == "13"


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "highlighted"),
    [
        ("", "", "", "Enter a date", {0, 1, 2}),
        ("27", "", "2004", "Date must include a month", {1}),
        ("", "3", "", "Date must include a day and year", {0, 2}),
        ("31", "2", "2004", "Enter a real date", {0, 1, 2}),
        ("x", "3", "2004", "Enter a real date", {0, 1, 2}),
        ("27", "3", "04", "Year must include 4 numbers", {2}),
    ],
)
def test_date_errors_say_what_is_wrong_and_highlight_those_parts(
    day, month, year, message, highlighted
):
    data = {
        **VALID,
        "date_of_birth_day": day,
        "date_of_birth_month": month,
        "date_of_birth_year": year,
    }
    form = ReferralForm(data=data)
    html = form["date_of_birth"].as_field_group()

    assert form.errors["date_of_birth"] == [message]
    assert 'aria-describedby="id_date_of_birth-hint id_date_of_birth-error"' in html
    for index in range(3):
        has_error = "govuk-input--error" in classes(html, f"id_date_of_birth_{index}")
        assert has_error == (index in highlighted)


def test_optional_date_left_empty_is_none():
    class OptionalDateForm(forms.Form):
        moved_in = GovUKDateField(required=False)

    form = OptionalDateForm(data={})
    assert form.is_valid()
    assert form.cleaned_data["moved_in"] is None


def test_error_added_by_the_form_highlights_every_date_part():
    form = ReferralForm(data=VALID)
    form.is_valid()
    form.add_error("date_of_birth", "Date of birth must be in the past")
    html = form["date_of_birth"].as_field_group()

    for index in range(3):
        assert "govuk-input--error" in classes(html, f"id_date_of_birth_{index}")


def test_whole_form_renders_hidden_fields_and_non_field_errors():
    class ChangeForm(ReferralForm):
        version = forms.IntegerField(widget=forms.HiddenInput)

        def clean(self):
            raise forms.ValidationError("Someone else changed this record")

    html = str(ChangeForm(data={**VALID, "version": "3"}))

    assert_in_html('<input type="hidden" name="version" value="3" id="id_version">', html)
    assert "Someone else changed this record" in html
    assert html.count('class="govuk-form-group') >= len(ReferralForm.base_fields)


def test_error_summary_links_each_error_to_its_input():
    data = {**VALID, "name": "", "parent_role": "", "date_of_birth_month": ""}
    form = ReferralForm(data=data)
    html = render_to_string("govuk/error_summary.html", {"form": form})

    assert 'data-module="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert_in_html('<a href="#id_name">This field is required.</a>', html)
    assert_in_html('<a href="#id_parent_role_0">This field is required.</a>', html)
    assert_in_html('<a href="#id_date_of_birth_1">Date must include a month</a>', html)


def test_error_summary_is_empty_for_a_valid_form():
    assert (
        render_to_string("govuk/error_summary.html", {"form": ReferralForm(data=VALID)}).strip()
        == ""
    )
