"""Council administrators keep the directory: forms, version checks, audit and the council wall."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from parent_charter.audit.models import AuditEvent
from parent_charter.directory.models import (
    Contact,
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
    TaxonomyTerm,
)

from .factories import OrganizationFactory, ScheduleFactory, ServiceFactory

STAFF = "/staff/directory"


def audited(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def test_the_start_page_links_administrators_to_the_directory(client_for, council_admin, pa):
    assert f'href="{STAFF}/"' in client_for(council_admin).get("/staff/").content.decode()
    assert f'href="{STAFF}/"' not in client_for(pa).get("/staff/").content.decode()


def test_an_administrator_builds_a_service_from_nothing(client_for, council_admin, hillford):
    client = client_for(council_admin)
    response = client.post(
        f"{STAFF}/organisations/add/",
        {"form_token": uuid.uuid4(), "name": "Hillford Young Parents", "description": "A charity"},
    )
    assert response.status_code == 302
    organization = Organization.objects.get(council=hillford)
    token = uuid.uuid4()
    place = {
        "form_token": token,
        "name": "Riverside Family Hub",
        "location_type": "physical",
        "address_1": "4 Mill Lane",
        "city": "Hillford",
        "state_province": "Hillfordshire",
        "postal_code": "hf1 2ab",
        "access": "Step-free, space for pushchairs",
    }
    assert client.post(f"{STAFF}/places/add/", place).status_code == 302
    assert client.post(f"{STAFF}/places/add/", place).status_code == 302  # sent twice
    location = Location.objects.get(council=hillford)
    assert location.addresses.get().postal_code == "HF1 2AB"

    client.get(f"{STAFF}/services/add/")  # the needs exist once the form has been shown
    need = TaxonomyTerm.objects.get(council=hillford, key="meeting-other-parents")
    response = client.post(
        f"{STAFF}/services/add/",
        {
            "form_token": uuid.uuid4(),
            "organization": organization.pk,
            "name": "Young parents' drop-in",
            "description": "Tea, toast and other parents.",
            "status": "active",
            "minimum_age": "16",
            "maximum_age": "25",
            "care_experienced_only": "on",
            "needs": [need.pk],
            "locations": [location.pk],
        },
    )
    service = Service.objects.get(council=hillford)
    assert response["Location"] == f"{STAFF}/services/{service.pk}/"
    assert service.service_at_locations.get().location == location
    keys = set(service.attributes.values_list("taxonomy_term__key", flat=True))
    assert keys == {"meeting-other-parents", "care-experienced"}

    weekly = {
        "form_token": uuid.uuid4(),
        "kind": "weekly",
        "days": ["TU", "TH"],
        "opens_at": "10:00",
        "closes_at": "12:30",
    }
    assert (
        client.post(f"{STAFF}/services/{service.pk}/opening-times/add/", weekly).status_code == 302
    )
    christmas = {
        "form_token": uuid.uuid4(),
        "kind": "closed",
        "valid_from_day": "24",
        "valid_from_month": "12",
        "valid_from_year": "2026",
        "valid_to_day": "2",
        "valid_to_month": "1",
        "valid_to_year": "2027",
        "description": "Closed over Christmas",
    }
    assert (
        client.post(f"{STAFF}/services/{service.pk}/opening-times/add/", christmas).status_code
        == 302
    )
    rules = {s.freq: s for s in Schedule.objects.filter(service=service)}
    assert rules["WEEKLY"].byday == "TU,TH"
    assert rules[""].is_closure and rules[""].valid_to.year == 2027

    contact = {
        "form_token": uuid.uuid4(),
        "title": "Drop-in worker",
        "phone_number": "01632 960 555",
        "phone_description": "Tuesdays and Thursdays",
    }
    assert client.post(f"{STAFF}/services/{service.pk}/contacts/add/", contact).status_code == 302
    assert Contact.objects.get(service=service).phones.get().number == "01632 960 555"
    cost = {"form_token": uuid.uuid4(), "amount": "0", "option": "Each session"}
    assert client.post(f"{STAFF}/services/{service.pk}/costs/add/", cost).status_code == 302

    page = client.get(f"{STAFF}/services/{service.pk}/").content.decode()
    assert "Every week: Tuesday and Thursday, 10:00 a.m. to 12:30 p.m." in page
    assert "Closed from 24 December 2026 to 2 January 2027" in page
    for action, times in (
        ("directory.organization.added", 1),
        ("directory.location.added", 1),  # the form sent twice added one place
        ("directory.service.added", 1),
        ("directory.schedule.added", 2),
        ("directory.contact.added", 1),
        ("directory.cost.added", 1),
    ):
        events = audited(action)
        assert len(events) == times, action
        assert events[0].council == hillford and events[0].actor == council_admin
        assert "Drop-in" not in str(events[0].detail)


def test_forms_show_errors_beside_their_fields(client_for, council_admin, baby_group):
    client = client_for(council_admin)
    response = client.post(
        f"{STAFF}/services/{baby_group.pk}/opening-times/add/",
        {"form_token": uuid.uuid4(), "kind": "monthly", "opens_at": "25:00"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    for message in ("Select which week of the month", "Select which day", "Enter a real time"):
        assert message in page
    response = client.post(
        f"{STAFF}/services/{baby_group.pk}/edit/",
        {"version": baby_group.version, "minimum_age": "30", "maximum_age": "20"},
    )
    assert "The oldest age must be the same as or more than the youngest age" in (
        response.content.decode()
    )


def test_someone_elses_save_is_shown_not_overwritten(client_for, council_admin, baby_group):
    client = client_for(council_admin)
    opened_at = baby_group.version
    Service.objects.filter(pk=baby_group.pk).update(name="Renamed meanwhile", version=opened_at + 1)
    form = {
        "version": opened_at,
        "organization": baby_group.organization_id,
        "name": "My new name",
        "description": "Changed",
        "status": "active",
    }
    response = client.post(f"{STAFF}/services/{baby_group.pk}/edit/", form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this record" in page and "Renamed meanwhile" in page
    assert Service.objects.get(pk=baby_group.pk).name == "Renamed meanwhile"
    assert not audited("directory.service.updated")
    # Saving again, having seen theirs, is a choice.
    form["version"] = opened_at + 1
    assert client.post(f"{STAFF}/services/{baby_group.pk}/edit/", form).status_code == 302
    assert Service.objects.get(pk=baby_group.pk).name == "My new name"
    assert audited("directory.service.updated")[0].detail["fields"] == [
        "description",
        "maximum_age",
        "minimum_age",
        "name",
        "needs",
    ]


def test_an_opening_time_is_changed_and_removed(client_for, council_admin, baby_group):
    client = client_for(council_admin)
    schedule = baby_group.schedules.get()
    form = client.get(f"{STAFF}/opening-times/{schedule.pk}/").context["form"]
    assert form.initial["kind"] == "weekly"
    assert form.initial["days"] == ["MO", "TU", "WE", "TH", "FR"]
    response = client.post(
        f"{STAFF}/opening-times/{schedule.pk}/",
        {
            "version": schedule.version,
            "kind": "monthly",
            "month_week": "-1",
            "month_day": "FR",
            "opens_at": "18:00",
            "closes_at": "20:00",
        },
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.freq, schedule.byday) == ("MONTHLY", "-1FR")
    assert client.post(f"{STAFF}/opening-times/{schedule.pk}/remove/").status_code == 302
    assert not Schedule.objects.filter(pk=schedule.pk).exists()
    assert audited("directory.schedule.removed")[0].object_id == str(schedule.pk)


def test_another_councils_records_are_not_found(
    client_for, council_admin, hillford, eastmere_service
):
    client = client_for(council_admin)
    OrganizationFactory(council=hillford)
    schedule = eastmere_service.schedules.get()
    for url in (
        f"{STAFF}/services/{eastmere_service.pk}/",
        f"{STAFF}/services/{eastmere_service.pk}/edit/",
        f"{STAFF}/organisations/{eastmere_service.organization_id}/",
        f"{STAFF}/opening-times/{schedule.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{STAFF}/opening-times/{schedule.pk}/remove/").status_code == 404
    assert Schedule.objects.filter(pk=schedule.pk).exists()
    # Nor can a form of ours name another council's organisation.
    response = client.post(
        f"{STAFF}/services/add/",
        {
            "form_token": uuid.uuid4(),
            "organization": eastmere_service.organization_id,
            "name": "Sneaky",
            "description": "x",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "Select the organisation that runs the service" in response.content.decode()
    assert not Service.objects.filter(name="Sneaky").exists()


def test_a_need_is_added_and_renamed(client_for, council_admin, hillford):
    client = client_for(council_admin)
    response = client.post(
        f"{STAFF}/needs/add/",
        {"form_token": uuid.uuid4(), "name": "Dads' support", "theme": "relationship_with_child"},
    )
    assert response.status_code == 302
    term = TaxonomyTerm.objects.get(council=hillford, key="dads-support")
    response = client.post(
        f"{STAFF}/needs/{term.pk}/",
        {"version": term.version, "name": "Support for dads", "theme": "relationship_with_child"},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.name == "Support for dads" and term.key == "dads-support"
    assert client.get("/services/", {"council": "hillford"}).status_code == 200


def test_the_overview_costs_the_same_queries_however_big(client_for, council_admin, hillford):
    client = client_for(council_admin)
    organization = OrganizationFactory(council=hillford)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{STAFF}/").status_code == 200
        return len(queries)

    ScheduleFactory(service=ServiceFactory(council=hillford, organization=organization))
    few = count()
    for _ in range(5):
        ScheduleFactory(service=ServiceFactory(council=hillford, organization=organization))
    assert count() == few
    assert CostOption.objects.count() == 0


def test_a_service_detail_form_sent_twice_adds_it_once(client_for, council_admin, baby_group):
    client = client_for(council_admin)
    service_page = f"{STAFF}/services/{baby_group.pk}/"
    models = (Schedule, Contact, CostOption)
    before = [model.objects.filter(service=baby_group).count() for model in models]
    forms = {
        "opening-times": {
            "kind": "weekly",
            "days": ["TU"],
            "opens_at": "10:00",
            "closes_at": "12:00",
        },
        "contacts": {"title": "Drop-in worker"},
        "costs": {"amount": "2.50"},
    }
    for kind, data in forms.items():
        data = {**data, "form_token": uuid.uuid4()}
        first = client.post(f"{service_page}{kind}/add/", data)
        second = client.post(f"{service_page}{kind}/add/", data)
        assert first.status_code == second.status_code == 302
        assert second["Location"] == service_page
        assert "Nothing was added twice" in client.get(second["Location"]).content.decode()
    after = [model.objects.filter(service=baby_group).count() for model in models]
    assert after == [count + 1 for count in before]
    for action in ("directory.schedule.added", "directory.contact.added", "directory.cost.added"):
        assert len(audited(action)) == 1, action
