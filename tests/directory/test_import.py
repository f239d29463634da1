"""Importing Open Referral UK files: clear errors, nothing half-written, never another council's."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from parent_charter.audit.models import AuditEvent
from parent_charter.directory.feed import council_feed
from parent_charter.directory.importer import DirectoryImportError, import_directory
from parent_charter.directory.models import Organization, Schedule, Service

SERVICE_ID = "0c3f6a5e-5b7e-4d0e-9a5e-2f1b7c3d9e01"


def a_service(**changes) -> dict:
    service = {
        "id": SERVICE_ID,
        "name": "Young parents' drop-in",
        "status": "active",
        "organization": {
            "id": "0c3f6a5e-5b7e-4d0e-9a5e-2f1b7c3d9e02",
            "name": "Hillford Young Parents",
            "description": "A charity",
        },
        "schedules": [
            {
                "id": "0c3f6a5e-5b7e-4d0e-9a5e-2f1b7c3d9e03",
                "freq": "WEEKLY",
                "byday": "TU",
                "opens_at": "10:00",
                "closes_at": "12:00",
            }
        ],
    }
    service.update(changes)
    return service


def errors_of(data, council) -> list[str]:
    with pytest.raises(DirectoryImportError) as caught:
        import_directory(data, council=council)
    return caught.value.errors


def test_errors_name_the_object_and_the_field(hillford):
    bad = a_service(status="open", minimum_age="twelve")
    bad["schedules"][0]["freq"] = "DAILY"
    bad["schedules"][0]["opens_at"] = "ten o'clock"
    del bad["name"]
    errors = errors_of(bad, hillford)
    where = f"service (id {SERVICE_ID})"
    assert f"{where}: the field 'name' is required" in errors
    statuses = "'active', 'inactive', 'defunct', 'temporarily closed'"
    assert f"{where} › status: 'open' is not one of {statuses}" in errors
    assert f"{where} › minimum_age: 'twelve' should be a number" in errors
    schedule = f"{where} › schedules[0] (id 0c3f6a5e-5b7e-4d0e-9a5e-2f1b7c3d9e03)"
    assert any(e.startswith(f"{schedule} › freq: 'DAILY'") for e in errors)
    assert f'{schedule} › opens_at: "ten o\'clock" is not a valid time' in errors
    assert not Service.objects.exists() and not Organization.objects.exists()


def test_values_the_database_cannot_hold_stop_everything(hillford):
    errors = errors_of(
        [a_service(), a_service(id="0c3f6a5e-5b7e-4d0e-9a5e-2f1b7c3d9e09", minimum_age=12.5)],
        hillford,
    )
    assert errors == [
        "service [1] (id 0c3f6a5e-5b7e-4d0e-9a5e-2f1b7c3d9e09) › minimum_age: 12.5 must be a "
        "whole number of years, 0 to 150"
    ]
    assert not Service.objects.exists()


def test_an_id_of_another_council_is_refused(hillford, eastmere):
    import_directory(a_service(), council=eastmere)
    errors = errors_of(a_service(), hillford)
    assert f"service {SERVICE_ID}: this id belongs to another council's directory" in errors
    assert Service.objects.get().council == eastmere


def test_importing_twice_changes_nothing_and_is_audited(hillford):
    first = import_directory(a_service(), council=hillford, file_name="drop-in.json")
    exported = council_feed(hillford)
    second = import_directory(a_service(), council=hillford, file_name="drop-in.json")
    assert (first.services_created, second.services_updated) == (1, 1)
    assert council_feed(hillford) == exported
    assert Schedule.objects.count() == 1
    events = AuditEvent.objects.filter(action="directory.imported", council=hillford)
    assert [e.detail["file"] for e in events] == ["drop-in.json", "drop-in.json"]


def test_a_new_file_replaces_a_services_details_but_keeps_welsh(hillford):
    import_directory(a_service(), council=hillford)
    Service.objects.update(name_cy="Galw heibio i rieni ifanc")
    changed = a_service(name="Drop-in for young parents", schedules=[])
    import_directory(changed, council=hillford)
    service = Service.objects.get()
    assert service.name == "Drop-in for young parents"
    assert service.name_cy == "Galw heibio i rieni ifanc"
    assert not service.schedules.exists()


def test_a_utc_offset_is_dropped_with_a_warning(hillford):
    service = a_service()
    service["schedules"][0]["opens_at"] = "10:00Z"
    report = import_directory(service, council=hillford)
    assert Schedule.objects.get().opens_at.hour == 10
    assert "offset" in report.warnings[0]


def test_the_commands(hillford, tmp_path):
    path = tmp_path / "drop-in.json"
    path.write_text(json.dumps([a_service()]))
    out = io.StringIO()
    call_command("import_directory", str(path), council="hillford", stdout=out)
    assert "1 services added" in out.getvalue()
    exported = io.StringIO()
    call_command("export_directory", council="hillford", stdout=exported)
    assert json.loads(exported.getvalue())[0]["id"] == SERVICE_ID

    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_directory", str(broken), council="hillford")
    with pytest.raises(CommandError, match="No council has the short name 'atlantis'"):
        call_command("import_directory", str(path), council="atlantis")
    bad = copy.deepcopy(a_service())
    bad["status"] = "open"
    path.write_text(json.dumps(bad))
    with pytest.raises(CommandError, match="status: 'open' is not one of"):
        call_command("import_directory", str(path), council="hillford")
