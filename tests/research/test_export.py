"""The split-file export: the identifiers file and the events file share nothing but the join
key, the events file holds months, age bands and codes only, the data dictionary covers every
column, objectors are left out, and the worker's progress and audit rows."""

import re

import pytest
from django_scopes import scope

from parent_charter.research import catalogue, services
from parent_charter.research.build import build_files
from parent_charter.research.models import ExportStatus
from tests.helpers import events

from .conftest import read_csv

pytestmark = pytest.mark.django_db

FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
KEY = re.compile(r"^[0-9a-f]{32}$")


def test_the_worker_builds_the_files_and_audits_it(built, council_admin):
    assert built.status == ExportStatus.READY
    assert built.progress == 100
    assert built.parents_included == 2
    assert built.parents_left_out == 1
    [requested] = events("research.export.requested")
    [made] = events("research.export.built")
    assert requested.actor_id == council_admin.pk
    assert made.object_id == str(built.public_id)
    assert made.detail["parents_left_out"] == 1


def test_the_two_files_share_no_column_but_the_join_key(built):
    identifiers = read_csv(built.identifiers)
    rows = read_csv(built.events)
    assert set(identifiers[0]) & set(rows[0]) == {"join_key"}
    assert list(identifiers[0]) == list(catalogue.IDENTIFIER_COLUMNS)
    assert list(rows[0]) == list(catalogue.EVENT_COLUMNS)
    keys = {row["join_key"] for row in identifiers}
    assert len(keys) == len(identifiers) == 2
    assert {row["join_key"] for row in rows} == keys


def test_no_identifier_or_record_id_reaches_the_events_file(built, casework):
    text = built.events
    for parent in casework.values():
        for value in (
            parent.given_name,
            parent.family_name,
            parent.postcode,
            parent.date_of_birth.isoformat(),
            str(parent.public_id),
        ):
            assert value not in text
    identifiers = read_csv(built.identifiers)
    public_ids = {str(p.public_id) for p in casework.values()}
    pks = {str(p.pk) for p in casework.values()}
    for row in identifiers:
        assert KEY.match(row["join_key"])
        assert row["join_key"] not in public_ids | pks


def test_the_events_file_holds_months_bands_and_codes_only(built):
    dictionary = read_csv(built.dictionary)
    codes = {row["event"]: set(row["values"].split()) for row in dictionary if row["event"]}
    bands = {key for key, _low, _high in catalogue.AGE_BANDS}
    rows = read_csv(built.events)
    assert rows
    assert not FULL_DATE.search(built.events)
    for row in rows:
        assert MONTH.match(row["event_month"]), row
        assert row["age_band"] in bands
        assert row["code"] in codes[row["event"]], row
        assert row["programme"] in {"", "baby-steps"}
    # The note written on a child's circumstances (free text) is nowhere in it.
    assert "foster carers" not in built.events


def test_the_events_are_those_of_the_casework_by_month_and_band(built, casework):
    keys = {row["given_name"]: row["join_key"] for row in read_csv(built.identifiers)}
    rows = {
        (row["join_key"], row["event"], row["event_month"], row["age_band"], row["code"])
        for row in read_csv(built.events)
    }
    robin, ash = keys["Robin"], keys["Ash"]
    assert (robin, "parent_role", "2026-01", "21_24", "mother") in rows
    assert (robin, "stage_entered", "2026-02", "21_24", "expecting_or_parenting") in rows
    assert (robin, "child_born", "2026-06", "21_24", "born") in rows
    assert (robin, "child_lives_with", "2026-07", "21_24", "foster_care") in rows
    assert (robin, "child_legal_status", "2026-07", "21_24", "looked_after") in rows
    assert any(r[0] == robin and r[1] == "cs_request_made" and r[4] == "pre_birth" for r in rows)
    assert (ash, "partner_referral_started", "2026-04", "18_20", "programme") in rows
    assert (ash, "partner_referral_ended", "2026-09", "18_20", "completed") in rows


def test_a_parent_who_objects_is_left_out_of_both_files(built, casework):
    assert "Objector" not in built.identifiers
    assert len(read_csv(built.identifiers)) == 2
    kit_rows = [
        row
        for row in read_csv(built.events)
        if row["join_key"] not in {r["join_key"] for r in read_csv(built.identifiers)}
    ]
    assert kit_rows == []


def test_a_withdrawn_objection_lets_the_parent_back_in(hillford, pa, casework, agreement):
    with scope(council=hillford.pk):
        services.objection_withdraw(parent=casework["kit"], actor=pa, via="adviser")
        files = build_files(agreement=agreement)
    assert "Objector" in files["identifiers"]
    assert files["parents_left_out"] == 0


def test_the_data_dictionary_describes_every_column_and_event(built):
    dictionary = read_csv(built.dictionary)
    described = {(row["file"], row["column"]) for row in dictionary if not row["event"]}
    for file, text in (("identifiers", built.identifiers), ("events", built.events)):
        for column in read_csv(text)[0]:
            assert (file, column) in described
    for row in dictionary:
        assert row["description"].strip()
    listed_events = {row["event"] for row in dictionary if row["event"]}
    assert {row["event"] for row in read_csv(built.events)} <= listed_events


def test_only_the_agreed_fields_are_exported(hillford, casework, council_admin):
    from tests.access.research import agreement_in

    with scope(council=hillford.pk):
        narrow = agreement_in(hillford, council_admin, fields=["parent_role"])
        files = build_files(agreement=narrow)
    assert {row["event"] for row in read_csv(files["events"])} == {"parent_role"}
    dictionary_events = {row["event"] for row in read_csv(files["dictionary"]) if row["event"]}
    assert dictionary_events == {"parent_role"}


def test_each_export_draws_fresh_join_keys(hillford, casework, agreement):
    with scope(council=hillford.pk):
        first = build_files(agreement=agreement)
        second = build_files(agreement=agreement)
    keys = [{row["join_key"] for row in read_csv(f["identifiers"])} for f in (first, second)]
    assert keys[0] and not keys[0] & keys[1]


def test_progress_is_reported_while_building(hillford, casework, agreement):
    seen = []
    with scope(council=hillford.pk):
        build_files(agreement=agreement, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 90 and len(seen) > 2


def test_no_export_outside_the_agreement_dates(hillford, council_admin, casework):
    import datetime

    from django.utils import timezone

    from tests.access.research import agreement_in

    today = timezone.localdate()
    with scope(council=hillford.pk):
        future = agreement_in(
            hillford,
            council_admin,
            starts_on=today + datetime.timedelta(days=3),
            ends_on=today + datetime.timedelta(days=30),
        )
        with pytest.raises(services.ExportRefused):
            services.request_export(agreement=future, actor=council_admin)
    assert events("research.export.requested") == []
