"""The shared write plumbing every area uses: the form-token claim, the audited save at a
version, the add-once flow, the 404 for what is behind the council wall, and the fields."""

import uuid

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import Http404
from django.test import RequestFactory
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.core import fields
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    EditConflict,
    claim_or_raise,
    complete_submission,
    save_audited,
)
from parent_charter.core.pages import or_404, submit_once
from parent_charter.parents.models import Parent
from parent_charter.parents.selectors import parent_or_404


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_token_claimed_twice_names_what_the_first_made(hillford, hillford_parent):
    token = uuid.uuid4()
    with scope(council=hillford.pk):
        claim = claim_or_raise(token, object_type="parents.parent", model=Parent)
        complete_submission(claim, hillford_parent)
        with pytest.raises(DuplicateSubmission) as raised:
            claim_or_raise(token, object_type="parents.parent", model=Parent)
    assert raised.value.existing == hillford_parent


def test_an_unfinished_first_submission_is_a_duplicate_with_nothing_to_show(hillford):
    token = uuid.uuid4()
    with scope(council=hillford.pk):
        claim_or_raise(token, object_type="parents.parent", model=Parent)
        with pytest.raises(DuplicateSubmission) as raised:
            claim_or_raise(token, object_type="parents.parent", model=Parent)
    assert raised.value.existing is None


def test_another_councils_record_is_not_named_by_a_duplicate(hillford, eastmere, eastmere_parent):
    token = uuid.uuid4()
    with scope(council=eastmere.pk):
        claim = claim_or_raise(token, object_type="parents.parent", model=Parent)
        complete_submission(claim, eastmere_parent)
    with scope(council=hillford.pk), pytest.raises(DuplicateSubmission) as raised:
        claim_or_raise(token, object_type="parents.parent", model=Parent)
    assert raised.value.existing is None


def test_save_audited_writes_the_fields_and_one_row_naming_what_changed(hillford_parent, pa):
    parent = hillford_parent
    version = parent.version
    changed = save_audited(
        parent,
        expected_version=version,
        fields={"given_name": "Changed", "family_name": parent.family_name},
        actor=pa,
        action="parent.updated",
        detail={"page": "test"},
    )
    assert changed == ["given_name"]
    parent.refresh_from_db()
    assert parent.given_name == "Changed" and parent.version == version + 1
    row = AuditEvent.objects.filter(action="parent.updated").get()
    assert row.detail["fields"] == ["given_name"] and row.detail["page"] == "test"
    assert row.parent_id == parent.pk and row.actor_id == pa.pk


def test_save_audited_at_an_old_version_writes_nothing(hillford_parent, pa):
    parent = hillford_parent
    with pytest.raises(EditConflict) as raised:
        save_audited(
            parent,
            expected_version=parent.version - 1,
            fields={"given_name": "Lost"},
            actor=pa,
            action="parent.updated",
        )
    assert raised.value.current.given_name != "Lost"
    assert not AuditEvent.objects.filter(action="parent.updated").exists()


def test_submit_once_adds_once_and_tells_the_person_the_second_time(hillford, hillford_parent):
    class AddForm(forms.Form):
        form_token = forms.UUIDField(required=False)

    token = uuid.uuid4()
    made = []

    def create(form_token):
        with scope(council=hillford.pk):
            claim = claim_or_raise(form_token, object_type="parents.parent", model=Parent)
            complete_submission(claim, hillford_parent)
        made.append(form_token)
        return hillford_parent

    first = submit_once(_request(), AddForm({"form_token": str(token)}), create)
    second_request = _request()
    second = submit_once(second_request, AddForm({"form_token": str(token)}), create)
    assert first.saved and first.obj == hillford_parent and not first.duplicate
    assert not second.saved and second.duplicate and second.obj == hillford_parent
    assert made == [token]
    assert [str(m) for m in second_request._messages] == [
        "That form had already been sent. Nothing was added twice."
    ]


def test_submit_once_does_nothing_with_an_invalid_form():
    class AddForm(forms.Form):
        name = forms.CharField()

    outcome = submit_once(_request(), AddForm({}), lambda token: pytest.fail("created"))
    assert outcome == type(outcome)(saved=False)


def test_another_councils_parent_is_a_404_and_no_read_is_recorded(hillford, eastmere_parent, pa):
    with scope(council=hillford.pk), pytest.raises(Http404):
        parent_or_404(actor=pa, public_id=eastmere_parent.public_id)
    assert not AuditEvent.objects.filter(action="parent.viewed").exists()


def test_parent_or_404_records_one_read_naming_the_page(hillford, hillford_parent, pa):
    with scope(council=hillford.pk):
        parent = parent_or_404(actor=pa, public_id=hillford_parent.public_id, page="test.page")
    assert parent == hillford_parent
    row = AuditEvent.objects.get(action="parent.viewed")
    assert row.parent_id == parent.pk and row.detail["page"] == "test.page"


def test_or_404_passes_other_errors_through():
    def broken():
        raise ValueError("not a missing record")

    with pytest.raises(ValueError):
        or_404(broken)


@pytest.mark.parametrize(
    ("field", "data", "error"),
    [
        (fields.radios("Colour", [("r", "Red")], "Select a colour"), "", "Select a colour"),
        (fields.radios("Colour", [("r", "Red")], "Select a colour"), "x", "Select a colour"),
        (fields.radios("Colour", [("r", "Red")]), "x", "Select an option"),
        (fields.select("Kind", [("a", "A")], "Select a kind"), "", "Select a kind"),
        (fields.text("Name", required="Enter a name"), "", "Enter a name"),
        (fields.text("Name", max_length=3, too_long="Too long"), "abcd", "Too long"),
        (fields.whole_number("Age", low=18, high=30, message="18 to 30"), "31", "18 to 30"),
        (fields.whole_number("Age", low=18, high=30, message="18 to 30"), "x", "18 to 30"),
    ],
)
def test_fields_say_their_own_message(field, data, error):
    form_class = type("OneField", (forms.Form,), {"answer": field})
    form = form_class({"answer": data})
    assert not form.is_valid()
    assert form.errors["answer"] == [error]


def test_optional_fields_and_textarea_line_endings():
    form_class = type(
        "Optional",
        (forms.Form,),
        {
            "colour": fields.radios("Colour", [("r", "Red")]),
            "notes": fields.text("Notes", textarea=True),
        },
    )
    form = form_class({"notes": "one\r\ntwo"})
    assert form.is_valid()
    assert form.cleaned_data == {"colour": "", "notes": "one\ntwo"}


def test_versioned_edit_form_starts_from_the_records_version(hillford_parent):
    class NameForm(fields.VersionedEditForm):
        record_field_names = ("given_name",)
        given_name = fields.text("Name", required="Enter a name")

    initial = NameForm.initial_for(hillford_parent)
    assert initial == {"given_name": hillford_parent.given_name, "version": hillford_parent.version}
    form = NameForm({"given_name": "New", "version": "not a number"})
    assert form.is_valid()
    assert form.expected_version == 0 and form.record_fields() == {"given_name": "New"}
