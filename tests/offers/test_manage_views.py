"""Council administrators change their local offer: who may, which council, audit, conflicts.

Ceri (council_admin, Hillford) is the only member of the cast who may use these pages. Eastmere's
promises and programmes are never found through Hillford's offer.
"""

import datetime
import html
import re
import uuid

import pytest
from django.urls import reverse

from parent_charter.accounts.roles import Role
from parent_charter.audit.models import AuditEvent
from parent_charter.authorities.models import Nation, OfficeHours, PartnerOrganisation, Weekday
from parent_charter.offers import services
from parent_charter.offers.models import LocalCommitment, LocalOffer, Programme
from parent_charter.offers.services import new_commitment_key, new_programme_slug
from tests.factories import (
    CharterVersionFactory,
    LocalCommitmentFactory,
    LocalOfferFactory,
    OfficeHoursFactory,
    PartnerOrganisationFactory,
    ProgrammeFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from tests.helpers import page

OTHERS = ("pa", "manager", "assessor", "partner_worker", "analyst", "coordinator", "other_pa")
DAYS = [day.name.lower() for day in Weekday]


# --- The offer and its parts ---------------------------------------------------------------


@pytest.fixture
def charter(db):
    return CharterVersionFactory()


@pytest.fixture
def offer(hillford, charter):
    return LocalOfferFactory(council=hillford, charter_version=charter)


@pytest.fixture
def commitment(offer):
    return LocalCommitmentFactory(offer=offer, key="hillford.first-scan", title_en="First scan")


@pytest.fixture
def programme(offer):
    return ProgrammeFactory(offer=offer, slug="baby-steps", name="Baby Steps")


@pytest.fixture
def partner(hillford):
    return PartnerOrganisationFactory(
        council=hillford,
        name="Home-Start Hillford",
        description="Volunteers who visit families at home.",
        website="https://homestart-hillford.example",
        phone="01632 960 123",
        email="hello@homestart-hillford.example",
    )


@pytest.fixture
def eastmere_partner(eastmere):
    return PartnerOrganisationFactory(council=eastmere, name="Home-Start Eastmere")


@pytest.fixture
def eastmere_offer(eastmere, charter):
    return LocalOfferFactory(council=eastmere, charter_version=charter)


@pytest.fixture
def eastmere_commitment(eastmere_offer):
    return LocalCommitmentFactory(offer=eastmere_offer, key="eastmere.first-scan")


@pytest.fixture
def eastmere_programme(eastmere_offer):
    return ProgrammeFactory(offer=eastmere_offer, slug="eastmere-only", name="Eastmere Steps")


@pytest.fixture
def office_hours(hillford):
    return [
        OfficeHoursFactory(council=hillford, weekday=day, opens_at=datetime.time(9, 0))
        for day in range(5)
    ]


@pytest.fixture
def admin(client_for, council_admin):
    return client_for(council_admin)


@pytest.fixture
def second_admin(hillford, client_for):
    """Dylan, a second administrator at Hillford, editing at the same time as Ceri."""
    user = UserFactory(
        username="dylan@hillford.example",
        full_name="Dylan Admin",
        council=hillford,
        roles=[Role.COUNCIL_ADMIN],
    )
    TOTPDeviceFactory(user=user)
    return client_for(user)


# --- Helpers ---------------------------------------------------------------------------------


def audited(action):
    return list(AuditEvent.objects.filter(action=action))


def offer_events():
    return list(AuditEvent.objects.filter(action__startswith="offer."))


def error_next_to(response, field_id: str) -> str:
    """The GOV.UK error message shown beside one field (empty if none)."""
    match = re.search(
        rf'<p id="{re.escape(field_id)}-error" class="govuk-error-message">(.*?)</p>',
        response.content.decode(),
        re.S,
    )
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def assert_error_page(response):
    assert response.status_code == 200
    assert "There is a problem" in page(response)
    assert "<title>Error:" in page(response)


def offer_data(offer, **changes):
    data = {
        "status": offer.status,
        "status_date_day": str(offer.status_date.day),
        "status_date_month": str(offer.status_date.month),
        "status_date_year": str(offer.status_date.year),
        "eligibility_age": str(offer.eligibility_age),
        "eligibility_boundary": offer.eligibility_boundary,
        "evidence_recency_months": str(offer.evidence_recency_months),
        "introduction_en": offer.introduction_en,
        "introduction_cy": offer.introduction_cy,
        "version": str(offer.version),
    }
    if offer.published:
        data["published"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def contacts_data(council, hours=None, **changes):
    """The contacts form as shown: `hours` maps a day name to (opens, closes) or None."""
    hours = hours if hours is not None else {}
    data = {
        "phone": council.phone,
        "duty_phone": council.duty_phone,
        "out_of_hours_phone": council.out_of_hours_phone,
        "email": council.email,
        "address": council.address,
        "postcode": council.postcode,
        "version": str(council.version),
    }
    if council.welsh_required:
        data["welsh_required"] = "on"
    for day in DAYS:
        times = hours.get(day)
        data[f"{day}_open"] = "open" if times else "closed"
        data[f"{day}_opens_at"], data[f"{day}_closes_at"] = times or ("", "")
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


WEEKDAYS_9_TO_5 = dict.fromkeys(DAYS[:5], ("09:00", "17:00"))


def commitment_data(**changes):
    data = {
        "stage": "expecting_or_parenting",
        "theme": "health",
        "title_en": "We pay for your first scan",
        "title_cy": "Rydym yn talu am eich sgan cyntaf",
        "wording_en": "We will pay for a private scan early in your pregnancy.",
        "wording_cy": "",
        "guidance": "Offer it as soon as you know about the pregnancy.",
        "evidence": "The receipt is on the record.",
        "form_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit_commitment_data(commitment, **changes):
    data = {
        "stage": commitment.stage,
        "theme": commitment.theme,
        "title_en": commitment.title_en,
        "title_cy": commitment.title_cy,
        "wording_en": commitment.wording_en,
        "wording_cy": commitment.wording_cy,
        "guidance": commitment.guidance,
        "evidence": commitment.evidence,
        "version": str(commitment.version),
    }
    if commitment.retired:
        data["retired"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def programme_data(programme, **changes):
    data = {
        "name": programme.name,
        "provider": str(programme.provider_id),
        "summary_en": programme.summary_en,
        "summary_cy": programme.summary_cy,
        "eligibility_en": programme.eligibility_en,
        "eligibility_cy": programme.eligibility_cy,
        "maximum_age": "" if programme.maximum_age is None else str(programme.maximum_age),
        "support_forms": list(programme.support_forms),
        "support_givers": list(programme.support_givers),
        "delivery_places": list(programme.delivery_places),
        "frequencies": list(programme.frequencies),
        "referral_routes": list(programme.referral_routes),
        "version": str(programme.version),
    }
    if programme.fathers_included:
        data["fathers_included"] = "on"
    if programme.residents_only:
        data["residents_only"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def partner_data(**changes):
    """The add-a-partner form as first sent."""
    data = {
        "name": "Barnardo's Hillford",
        "description": "Support for young parents.",
        "website": "https://barnardos-hillford.example",
        "phone": "01632 960 555",
        "email": "hillford@barnardos.example",
        "form_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit_partner_data(partner, **changes):
    data = {
        "name": partner.name,
        "description": partner.description,
        "website": partner.website,
        "phone": partner.phone,
        "email": partner.email,
        "version": str(partner.version),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def new_programme_data(run_by, **changes):
    """The add-a-programme form as first sent, run by the partner `run_by`."""
    data = {
        "name": "Bump Buddies",
        "provider": str(run_by.pk),
        "summary_en": "A trained volunteer meets you every week.",
        "summary_cy": "Mae gwirfoddolwr hyfforddedig yn cwrdd â chi bob wythnos.",
        "eligibility_en": "Parents leaving care, up to the age of 25.",
        "eligibility_cy": "",
        "maximum_age": "25",
        "fathers_included": "on",
        "support_forms": ["befriending"],
        "support_givers": ["volunteer"],
        "delivery_places": ["home", "community"],
        "frequencies": ["weekly"],
        "referral_routes": ["self"],
        "form_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def urls(commitment, programme):
    return [
        reverse("offers:edit_offer"),
        reverse("offers:edit_contacts"),
        reverse("offers:add_commitment"),
        reverse("offers:edit_commitment", kwargs={"pk": commitment.pk}),
        reverse("offers:add_programme"),
        reverse("offers:edit_programme", kwargs={"slug": programme.slug}),
        reverse("offers:add_partner"),
        reverse("offers:edit_partner", kwargs={"pk": programme.provider_id}),
    ]


# --- Who may use the pages -------------------------------------------------------------------


def test_council_admin_reaches_every_page(admin, commitment, programme, office_hours):
    for url in urls(commitment, programme):
        response = admin.get(url)
        assert response.status_code == 200, url
        assert "<title>Error:" not in page(response)


@pytest.mark.parametrize("who", OTHERS)
def test_every_other_role_is_refused_and_nothing_changes(
    who, cast, client_for, offer, commitment, programme, office_hours
):
    client = client_for(cast[who])
    partner = programme.provider
    partners_before = PartnerOrganisation.objects.count()
    for url in urls(commitment, programme):
        assert client.get(url).status_code == 403, url
        sent = {
            **new_programme_data(partner, name="Changed"),
            **partner_data(name="Changed"),
            "title_en": "Changed",
        }
        assert client.post(url, sent).status_code == 403, url
    offer.refresh_from_db()
    commitment.refresh_from_db()
    programme.refresh_from_db()
    partner.refresh_from_db()
    assert (offer.version, commitment.version, programme.version, partner.version) == (1, 1, 1, 1)
    assert commitment.title_en == "First scan"
    assert partner.name != "Changed"
    assert LocalCommitment.objects.count() == 1
    assert Programme.objects.count() == 1
    assert PartnerOrganisation.objects.count() == partners_before
    assert offer_events() == []


def test_pages_accept_only_get_and_post(admin, commitment, programme):
    for url in urls(commitment, programme):
        assert admin.put(url).status_code == 405, url


def test_another_councils_promise_is_not_found(
    admin, offer, eastmere_commitment, eastmere_programme
):
    url = reverse("offers:edit_commitment", kwargs={"pk": eastmere_commitment.pk})
    assert admin.get(url).status_code == 404
    response = admin.post(url, edit_commitment_data(eastmere_commitment, title_en="Mine now"))
    assert response.status_code == 404
    eastmere_commitment.refresh_from_db()
    assert eastmere_commitment.title_en != "Mine now"
    assert eastmere_commitment.version == 1
    assert offer_events() == []


def test_another_councils_programme_is_not_found(admin, offer, eastmere_programme):
    url = reverse("offers:edit_programme", kwargs={"slug": eastmere_programme.slug})
    assert admin.get(url).status_code == 404
    response = admin.post(url, programme_data(eastmere_programme, name="Mine now"))
    assert response.status_code == 404
    eastmere_programme.refresh_from_db()
    assert eastmere_programme.name == "Eastmere Steps"
    assert offer_events() == []


def test_same_slug_in_two_councils_finds_ones_own(admin, programme, eastmere_offer):
    ProgrammeFactory(offer=eastmere_offer, slug="baby-steps", name="Eastmere Baby Steps")
    response = admin.get(reverse("offers:edit_programme", kwargs={"slug": "baby-steps"}))
    assert response.status_code == 200
    assert 'value="Baby Steps"' in page(response)


def test_without_an_offer_the_pages_say_so(
    admin, hillford, eastmere_commitment, eastmere_programme
):
    for url in [
        reverse("offers:edit_offer"),
        reverse("offers:add_commitment"),
        reverse("offers:edit_commitment", kwargs={"pk": eastmere_commitment.pk}),
        reverse("offers:add_programme"),
        reverse("offers:edit_programme", kwargs={"slug": eastmere_programme.slug}),
    ]:
        response = admin.get(url)
        assert response.status_code == 404, url
        assert "Your council has no local offer yet" in page(response)
        assert admin.post(url, commitment_data()).status_code == 404
    assert not LocalOffer.objects.filter(council=hillford).exists()
    assert offer_events() == []
    # Contacts and partners belong to the council, so they can be changed without an offer.
    assert admin.get(reverse("offers:edit_contacts")).status_code == 200
    assert admin.get(reverse("offers:add_partner")).status_code == 200


def test_manage_page_links_to_every_change_page(admin, commitment, programme):
    content = page(admin.get(reverse("offers:manage")))
    for url in urls(commitment, programme):
        assert f'href="{url}"' in content, url
    assert 'Change<span class="govuk-visually-hidden"> First scan</span>' in content
    assert "Add a promise" in content
    assert "Add a programme" in content
    assert "Partner organisations" in content
    assert "Add a partner organisation" in content
    name = programme.provider.name
    assert f'Change<span class="govuk-visually-hidden"> {name}</span>' in content


# --- The offer -------------------------------------------------------------------------------


def test_admin_changes_the_offer_and_it_is_audited(admin, offer, hillford, council_admin):
    response = admin.post(
        reverse("offers:edit_offer"),
        offer_data(
            offer,
            status="withdrawn",
            status_date_day="5",
            status_date_month="6",
            status_date_year="2025",
            eligibility_age="27",
            published=None,
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:manage")
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    assert offer.status_date == datetime.date(2025, 6, 5)
    assert offer.eligibility_age == 27
    assert offer.published is False
    assert offer.version == 2
    [event] = offer_events()
    assert event.action == "offer.updated"
    assert event.council == hillford
    assert event.actor == council_admin
    assert event.detail["fields"] == ["status", "status_date", "eligibility_age", "published"]
    assert "Local offer saved" in page(admin.get(response["Location"]))


def test_saving_an_unchanged_offer_records_no_changed_fields(admin, offer):
    assert admin.post(reverse("offers:edit_offer"), offer_data(offer)).status_code == 302
    [event] = audited("offer.updated")
    assert event.detail["fields"] == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("eligibility_age", "31", "Enter an age between 18 and 30"),
        ("eligibility_age", "seventeen", "Enter an age between 18 and 30"),
        ("status", "adopted", "Select engaged, signed up or withdrawn"),
        ("eligibility_boundary", "", "Select how the age limit is counted"),
        ("evidence_recency_months", "0", "Enter a number of months between 1 and 24"),
        ("evidence_recency_months", "25", "Enter a number of months between 1 and 24"),
    ],
)
def test_bad_offer_input_is_shown_beside_the_field(admin, offer, field, value, message):
    response = admin.post(reverse("offers:edit_offer"), offer_data(offer, **{field: value}))
    assert_error_page(response)
    assert error_next_to(response, f"id_{field}") == f"Error: {message}"
    offer.refresh_from_db()
    assert offer.version == 1
    assert offer_events() == []


def test_impossible_status_date_is_shown_and_input_kept(admin, offer):
    data = offer_data(offer, status_date_day="31", status_date_month="2", eligibility_age="26")
    response = admin.post(reverse("offers:edit_offer"), data)
    assert_error_page(response)
    assert error_next_to(response, "id_status_date") == "Error: Enter a real date"
    assert 'name="eligibility_age" value="26"' in page(response)
    offer.refresh_from_db()
    assert offer.eligibility_age == 25


def test_second_editor_sees_the_conflict_and_keeps_their_input(admin, second_admin, offer):
    url = reverse("offers:edit_offer")
    opened = offer_data(offer)  # both open the form at version 1
    assert second_admin.post(url, {**opened, "eligibility_age": "21"}).status_code == 302

    response = admin.post(url, {**opened, "eligibility_age": "28", "introduction_en": "Ours"})

    assert response.status_code == 200
    content = page(response)
    assert "Someone else changed this record while you were editing it" in content
    assert 'name="eligibility_age" value="28"' in content
    assert "Ours</textarea>" in content
    assert 'name="version" value="2"' in content
    offer.refresh_from_db()
    assert offer.eligibility_age == 21  # the first save stands
    assert len(audited("offer.updated")) == 1

    # Having compared, Ceri saves again against the version she has now seen.
    again = admin.post(url, {**opened, "eligibility_age": "28", "version": "2"})
    assert again.status_code == 302
    offer.refresh_from_db()
    assert (offer.eligibility_age, offer.version) == (28, 3)


@pytest.mark.parametrize("version", [None, "", "abc", "0", "-1", "99999999999999999999999"])
def test_missing_or_tampered_version_is_a_conflict_not_a_crash(admin, offer, version):
    data = offer_data(offer, eligibility_age="29", version=version)  # None: not sent at all
    response = admin.post(reverse("offers:edit_offer"), data)
    assert response.status_code == 200
    assert "Someone else changed this" in page(response)
    offer.refresh_from_db()
    assert offer.eligibility_age == 25
    assert offer_events() == []


# --- Contacts and opening hours --------------------------------------------------------------


def test_admin_changes_contacts_and_hours_together(admin, hillford, office_hours):
    hours = {**WEEKDAYS_9_TO_5, "monday": ("08:30", "16:00"), "friday": None}
    hours["saturday"] = ("10:00", "12:00")
    data = contacts_data(hillford, hours, duty_phone="01632 960 999", postcode="te1 1st")
    response = admin.post(reverse("offers:edit_contacts"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:manage")

    hillford.refresh_from_db()
    assert hillford.duty_phone == "01632 960 999"
    assert hillford.postcode == "TE1 1ST"
    assert hillford.version == 2
    stored = {
        row.weekday: (row.opens_at.strftime("%H:%M"), row.closes_at.strftime("%H:%M"))
        for row in OfficeHours.objects.filter(council=hillford)
    }
    assert stored == {
        0: ("08:30", "16:00"),
        1: ("09:00", "17:00"),
        2: ("09:00", "17:00"),
        3: ("09:00", "17:00"),
        5: ("10:00", "12:00"),
    }
    [event] = offer_events()
    assert event.action == "offer.contacts.updated"
    assert event.council == hillford
    assert event.detail["fields"] == ["duty_phone"]
    assert event.detail["weekdays"] == ["monday", "friday", "saturday"]


def test_times_of_a_closed_day_are_ignored(admin, hillford):
    data = contacts_data(hillford, {}, sunday_opens_at="nonsense", sunday_closes_at="09:00")
    assert admin.post(reverse("offers:edit_contacts"), data).status_code == 302
    assert not OfficeHours.objects.filter(council=hillford).exists()


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        (
            {"tuesday_opens_at": "17:00", "tuesday_closes_at": "09:00"},
            "id_tuesday_closes_at",
            "The time the office closes on Tuesday must be after the time it opens",
        ),
        (
            {"tuesday_opens_at": "10:00", "tuesday_closes_at": "10:00"},
            "id_tuesday_closes_at",
            "The time the office closes on Tuesday must be after the time it opens",
        ),
        (
            {"wednesday_opens_at": ""},
            "id_wednesday_opens_at",
            "Enter the time the office opens on Wednesday",
        ),
        (
            {"wednesday_closes_at": ""},
            "id_wednesday_closes_at",
            "Enter the time the office closes on Wednesday",
        ),
        (
            {"thursday_opens_at": "25:99"},
            "id_thursday_opens_at",
            "Enter a real time on Thursday, like 09:00 or 17:30",
        ),
        ({"friday_open": None}, "id_friday_open", "Select whether the office is open on Friday"),
        (
            {"duty_phone": "call the office"},
            "id_duty_phone",
            "Enter a telephone number, like 01632 960 001 or 07700 900 982",
        ),
        (
            {"phone": "0" * 25},
            "id_phone",
            "Enter a telephone number, like 01632 960 001 or 07700 900 982",
        ),
        ({"out_of_hours_phone": ""}, "id_out_of_hours_phone", None),
        ({"email": "not-an-email"}, "id_email", None),
        ({"postcode": "NOT A POSTCODE"}, "id_postcode", "Enter a real postcode, like SW1A 1AA"),
    ],
)
def test_bad_contacts_input_is_shown_beside_the_field_and_nothing_saved(
    admin, hillford, office_hours, changes, field_id, message
):
    data = contacts_data(hillford, WEEKDAYS_9_TO_5, address="Typed address")
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    response = admin.post(reverse("offers:edit_contacts"), data)

    assert_error_page(response)
    shown = error_next_to(response, field_id)
    assert shown.startswith("Error:"), page(response)
    if message:
        assert shown == f"Error: {message}"
    assert "Typed address</textarea>" in page(response)  # what was typed is kept
    hillford.refresh_from_db()
    assert hillford.version == 1
    assert hillford.address != "Typed address"
    assert OfficeHours.objects.filter(council=hillford).count() == 5
    assert offer_events() == []


def test_a_welsh_council_cannot_turn_welsh_off(admin, hillford):
    hillford.nation = Nation.WALES
    hillford.welsh_required = True
    hillford.save()
    data = contacts_data(hillford, {}, welsh_required=None)
    data.pop("welsh_required", None)

    response = admin.post(reverse("offers:edit_contacts"), data)

    assert_error_page(response)
    assert error_next_to(response, "id_welsh_required") == (
        "Error: Councils in Wales must offer their services in Welsh, so this must stay ticked"
    )
    hillford.refresh_from_db()
    assert hillford.welsh_required is True
    assert offer_events() == []


def test_an_english_council_may_choose_to_offer_welsh(admin, hillford):
    data = contacts_data(hillford, {}, welsh_required="on")
    assert admin.post(reverse("offers:edit_contacts"), data).status_code == 302
    hillford.refresh_from_db()
    assert hillford.welsh_required is True
    [event] = audited("offer.contacts.updated")
    assert event.detail == {"fields": ["welsh_required"], "weekdays": []}


def test_contacts_conflict_keeps_input_and_overwrites_nothing(
    admin, second_admin, hillford, office_hours
):
    url = reverse("offers:edit_contacts")
    opened = contacts_data(hillford, WEEKDAYS_9_TO_5)
    first = {**opened, "monday_opens_at": "10:00", "email": "first@hillford.example"}
    assert second_admin.post(url, first).status_code == 302

    response = admin.post(url, {**opened, "monday_closes_at": "15:00", "postcode": "TE2 2ND"})

    assert response.status_code == 200
    content = page(response)
    assert "Someone else changed this record while you were editing it" in content
    assert 'name="monday_closes_at" value="15:00"' in content
    assert 'name="postcode" value="TE2 2ND"' in content
    assert "first@hillford.example" in content  # shown as what the other editor saved
    hillford.refresh_from_db()
    assert hillford.email == "first@hillford.example"
    assert hillford.postcode == "TE1 1ST"
    monday = OfficeHours.objects.get(council=hillford, weekday=0)
    assert (monday.opens_at, monday.closes_at) == (datetime.time(10), datetime.time(17))
    assert len(audited("offer.contacts.updated")) == 1


# --- The council's own promises --------------------------------------------------------------


def test_admin_adds_a_promise_with_a_key_from_its_title(admin, offer, hillford):
    response = admin.get(reverse("offers:add_commitment"))
    assert 'name="form_token"' in page(response)
    assert 'name="retired"' not in page(response)

    response = admin.post(reverse("offers:add_commitment"), commitment_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("offers:manage")
    promise = LocalCommitment.objects.get(offer=offer)
    assert promise.key == "hillford.we-pay-for-your-first-scan"
    assert promise.title_cy == "Rydym yn talu am eich sgan cyntaf"
    assert promise.retired is False
    [event] = offer_events()
    assert event.action == "offer.commitment.added"
    assert event.council == hillford
    assert event.object_id == str(promise.pk)


def test_a_clashing_key_gets_a_number(admin, offer, eastmere_offer):
    LocalCommitmentFactory(offer=offer, key="hillford.we-pay-for-your-first-scan")
    # Another council's key of the same name does not count as a clash.
    LocalCommitmentFactory(offer=eastmere_offer, key="hillford.we-pay-for-your-first-scan-2")
    admin.post(reverse("offers:add_commitment"), commitment_data())
    admin.post(reverse("offers:add_commitment"), commitment_data())
    keys = set(offer.commitments.values_list("key", flat=True))
    assert keys == {
        "hillford.we-pay-for-your-first-scan",
        "hillford.we-pay-for-your-first-scan-2",
        "hillford.we-pay-for-your-first-scan-3",
    }


def test_sending_the_add_form_twice_adds_one_promise(admin, offer):
    data = commitment_data()
    first = admin.post(reverse("offers:add_commitment"), data)
    second = admin.post(reverse("offers:add_commitment"), data)
    assert first.status_code == second.status_code == 302
    assert LocalCommitment.objects.filter(offer=offer).count() == 1
    assert len(audited("offer.commitment.added")) == 1
    assert "Nothing was added twice" in page(admin.get(second["Location"]))


@pytest.mark.parametrize("token", [None, "", "not-a-uuid"])
def test_add_form_without_a_usable_token_still_adds(admin, offer, token):
    data = commitment_data(form_token=token)
    assert admin.post(reverse("offers:add_commitment"), data).status_code == 302
    assert LocalCommitment.objects.filter(offer=offer).count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title_en": ""}, "title_en", "Enter the title in English"),
        ({"title_en": "x" * 201}, "title_en", "Title in English must be 200 characters or fewer"),
        ({"stage": "someday"}, "stage", "Select when the promise applies"),
        ({"theme": ""}, "theme", "Select the theme of the promise"),
        ({"wording_en": ""}, "wording_en", "Enter the promise to the parent in English"),
        ({"evidence": ""}, "evidence", "Enter what counts as evidence that the promise was kept"),
    ],
)
def test_bad_promise_input_is_shown_and_nothing_added(admin, offer, changes, field, message):
    data = commitment_data(**changes)
    response = admin.post(reverse("offers:add_commitment"), data)
    assert_error_page(response)
    assert error_next_to(response, f"id_{field}") == f"Error: {message}"
    assert f'value="{data["form_token"]}"' in page(response)  # the same token is sent again
    assert not LocalCommitment.objects.exists()
    assert offer_events() == []


def test_admin_changes_and_retires_a_promise_but_not_its_key(admin, commitment, hillford):
    url = reverse("offers:edit_commitment", kwargs={"pk": commitment.pk})
    assert "hillford.first-scan" in page(admin.get(url))
    data = edit_commitment_data(commitment, title_en="First and second scans", retired="on")
    data["key"] = "hillford.tampered"

    assert admin.post(url, data).status_code == 302

    commitment.refresh_from_db()
    assert commitment.title_en == "First and second scans"
    assert commitment.retired is True
    assert commitment.key == "hillford.first-scan"
    assert commitment.version == 2
    assert LocalCommitment.objects.filter(pk=commitment.pk).exists()  # retired, never deleted
    [event] = offer_events()
    assert event.action == "offer.commitment.updated"
    assert event.council == hillford
    assert event.detail["fields"] == ["title_en", "retired"]


def test_promise_conflict_keeps_input_and_overwrites_nothing(admin, second_admin, commitment):
    url = reverse("offers:edit_commitment", kwargs={"pk": commitment.pk})
    opened = edit_commitment_data(commitment)
    assert second_admin.post(url, {**opened, "guidance": "Theirs"}).status_code == 302

    response = admin.post(url, {**opened, "guidance": "Mine", "title_en": "My title"})

    assert response.status_code == 200
    content = page(response)
    assert "Someone else changed this record while you were editing it" in content
    assert "Mine</textarea>" in content
    assert 'value="My title"' in content
    commitment.refresh_from_db()
    assert (commitment.guidance, commitment.title_en) == ("Theirs", "First scan")
    assert len(audited("offer.commitment.updated")) == 1


# --- Programmes ------------------------------------------------------------------------------


def test_admin_changes_a_programme(admin, programme, hillford):
    url = reverse("offers:edit_programme", kwargs={"slug": programme.slug})
    data = programme_data(
        programme,
        name="Baby Steps Plus",
        maximum_age="25",
        residents_only="on",
        support_forms=["befriending", "mentoring"],
        referral_routes=["self", "personal_adviser"],  # same boxes, another order
    )
    assert admin.post(url, data).status_code == 302

    programme.refresh_from_db()
    assert programme.name == "Baby Steps Plus"
    assert programme.slug == "baby-steps"
    assert programme.maximum_age == 25
    assert programme.residents_only is True
    assert set(programme.support_forms) == {"befriending", "mentoring"}
    assert programme.version == 2
    [event] = offer_events()
    assert event.action == "offer.programme.updated"
    assert event.council == hillford
    assert event.detail["fields"] == ["name", "maximum_age", "residents_only", "support_forms"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"support_forms": []}, "support_forms", "Select at least one form of support"),
        ({"frequencies": ["daily"]}, "frequencies", "Select at least one option for how often"),
        (
            {"maximum_age": "99"},
            "maximum_age",
            "Enter an age between 16 and 30, or leave it empty if there is no age limit",
        ),
        ({"name": ""}, "name", "Enter the programme's name"),
    ],
)
def test_bad_programme_input_is_shown_and_nothing_saved(admin, programme, changes, field, message):
    url = reverse("offers:edit_programme", kwargs={"slug": programme.slug})
    response = admin.post(url, programme_data(programme, summary_en="Typed summary", **changes))
    assert_error_page(response)
    assert error_next_to(response, f"id_{field}") == f"Error: {message}"
    assert "Typed summary</textarea>" in page(response)
    programme.refresh_from_db()
    assert programme.version == 1
    assert offer_events() == []


def test_programme_conflict_keeps_every_ticked_box(admin, second_admin, programme):
    url = reverse("offers:edit_programme", kwargs={"slug": programme.slug})
    opened = programme_data(programme)
    assert second_admin.post(url, {**opened, "name": "Their name"}).status_code == 302

    mine = {**opened, "delivery_places": ["home", "phone", "community"]}
    response = admin.post(url, mine)

    assert response.status_code == 200
    content = page(response)
    assert "Someone else changed this record while you were editing it" in content
    for place in ("home", "phone", "community"):
        assert re.search(rf'name="delivery_places" value="{place}"[^>]*checked', content), place
    programme.refresh_from_db()
    assert programme.name == "Their name"
    assert programme.delivery_places == ["home"]
    assert len(audited("offer.programme.updated")) == 1


def test_admin_adds_a_programme_with_a_slug_from_its_name(
    admin, offer, partner, eastmere_partner, hillford, council_admin
):
    response = admin.get(reverse("offers:add_programme"))
    content = page(response)
    assert 'name="form_token"' in content
    assert 'name="version"' not in content
    assert "Home-Start Hillford" in content
    assert "Home-Start Eastmere" not in content  # only the council's own partners to choose

    response = admin.post(reverse("offers:add_programme"), new_programme_data(partner))

    assert response.status_code == 302
    assert response["Location"] == reverse("offers:manage")
    programme = Programme.objects.get(offer=offer)
    assert programme.slug == "bump-buddies"
    assert programme.provider == partner
    assert programme.maximum_age == 25
    assert programme.fathers_included is True
    assert set(programme.delivery_places) == {"home", "community"}
    [event] = offer_events()
    assert event.action == "offer.programme.added"
    assert event.council == hillford
    assert event.actor == council_admin
    assert event.object_id == str(programme.pk)
    assert event.detail["slug"] == "bump-buddies"
    assert "Programme added: Bump Buddies" in page(admin.get(response["Location"]))


def test_a_clashing_programme_slug_gets_a_number_and_never_changes(
    admin, offer, partner, eastmere_offer
):
    ProgrammeFactory(offer=offer, provider=partner, slug="bump-buddies")
    # Another council's programme of the same slug does not count as a clash.
    ProgrammeFactory(offer=eastmere_offer, slug="bump-buddies-2")
    admin.post(reverse("offers:add_programme"), new_programme_data(partner))
    admin.post(reverse("offers:add_programme"), new_programme_data(partner))
    slugs = set(offer.programmes.values_list("slug", flat=True))
    assert slugs == {"bump-buddies", "bump-buddies-2", "bump-buddies-3"}

    added = offer.programmes.get(slug="bump-buddies-3")
    url = reverse("offers:edit_programme", kwargs={"slug": added.slug})
    assert admin.post(url, programme_data(added, name="Renamed", slug="renamed")).status_code == 302
    added.refresh_from_db()
    assert (added.name, added.slug) == ("Renamed", "bump-buddies-3")


def test_a_programme_named_add_does_not_hide_the_add_page(admin, offer, partner):
    admin.post(reverse("offers:add_programme"), new_programme_data(partner, name="Add"))
    programme = Programme.objects.get(offer=offer)
    assert programme.slug == "add-2"
    url = reverse("offers:edit_programme", kwargs={"slug": programme.slug})
    assert admin.get(url).status_code == 200


def test_sending_the_add_programme_form_twice_adds_one_programme(admin, offer, partner):
    data = new_programme_data(partner)
    first = admin.post(reverse("offers:add_programme"), data)
    second = admin.post(reverse("offers:add_programme"), data)
    assert first.status_code == second.status_code == 302
    assert Programme.objects.filter(offer=offer).count() == 1
    assert len(audited("offer.programme.added")) == 1
    assert "Nothing was added twice" in page(admin.get(second["Location"]))


def test_without_partners_the_add_programme_page_says_add_one_first(admin, offer):
    response = admin.get(reverse("offers:add_programme"))
    assert response.status_code == 200
    content = page(response)
    assert "Add the partner organisation that runs the programme first" in content
    assert f'href="{reverse("offers:add_partner")}"' in content
    assert 'name="form_token"' not in content

    response = admin.post(reverse("offers:add_programme"), {"name": "Bump Buddies"})
    assert response.status_code == 200
    assert not Programme.objects.exists()
    assert offer_events() == []


def test_another_councils_partner_cannot_run_a_new_programme(
    admin, offer, partner, eastmere_partner
):
    data = new_programme_data(eastmere_partner)
    response = admin.post(reverse("offers:add_programme"), data)
    assert_error_page(response)
    assert error_next_to(response, "id_provider") == (
        "Error: Select the partner organisation that runs the programme"
    )
    assert f'value="{data["form_token"]}"' in page(response)  # the same token is sent again
    assert not Programme.objects.exists()
    assert offer_events() == []


def test_another_councils_partner_cannot_take_over_a_programme(admin, programme, eastmere_partner):
    url = reverse("offers:edit_programme", kwargs={"slug": programme.slug})
    response = admin.post(url, programme_data(programme, provider=str(eastmere_partner.pk)))
    assert_error_page(response)
    assert error_next_to(response, "id_provider") == (
        "Error: Select the partner organisation that runs the programme"
    )
    programme.refresh_from_db()
    assert programme.provider.council == programme.offer.council
    assert programme.version == 1
    assert offer_events() == []


def test_the_services_refuse_another_councils_partner(offer, programme, eastmere_partner):
    with pytest.raises(services.ProviderNotInCouncil):
        services.programme_update(
            programme=programme, actor=None, expected_version=1, provider=eastmere_partner
        )
    with pytest.raises(services.ProviderNotInCouncil):
        services.programme_add(
            offer=offer,
            actor=None,
            form_token=uuid.uuid4(),
            **{
                **{name: getattr(programme, name) for name in services.PROGRAMME_FIELDS},
                "provider": eastmere_partner,
            },
        )
    programme.refresh_from_db()
    assert programme.provider.council == offer.council
    assert Programme.objects.count() == 1
    assert offer_events() == []


def test_admin_changes_who_runs_a_programme(admin, programme, hillford):
    other = PartnerOrganisationFactory(council=hillford, name="Barnardo's Hillford")
    url = reverse("offers:edit_programme", kwargs={"slug": programme.slug})
    assert "Barnardo's Hillford" in page(admin.get(url))

    assert admin.post(url, programme_data(programme, provider=str(other.pk))).status_code == 302

    programme.refresh_from_db()
    assert programme.provider == other
    assert programme.slug == "baby-steps"
    [event] = offer_events()
    assert event.action == "offer.programme.updated"
    assert event.detail["fields"] == ["provider"]


def test_programme_conflict_names_both_providers(admin, second_admin, programme, hillford):
    other = PartnerOrganisationFactory(council=hillford, name="Barnardo's Hillford")
    url = reverse("offers:edit_programme", kwargs={"slug": programme.slug})
    opened = programme_data(programme)
    assert second_admin.post(url, {**opened, "provider": str(other.pk)}).status_code == 302

    response = admin.post(url, {**opened, "name": "Mine"})

    content = page(response)
    assert "Someone else changed this record while you were editing it" in content
    assert re.search(r"Run by</th><td[^>]*>[^<]*Home-Start[^<]*</td><td[^>]*>Barnardo", content)
    programme.refresh_from_db()
    assert (programme.name, programme.provider) == ("Baby Steps", other)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the programme's name"),
        ({"provider": None}, "provider", "Select the partner organisation that runs the programme"),
        ({"provider": "not-a-number"}, "provider", None),
        ({"summary_en": ""}, "summary_en", "Enter a summary in English"),
        ({"referral_routes": []}, "referral_routes", "Select at least one way to be referred"),
    ],
)
def test_bad_new_programme_input_is_shown_and_nothing_added(
    admin, offer, partner, changes, field, message
):
    data = new_programme_data(partner, eligibility_cy="Typed in Welsh", **changes)
    response = admin.post(reverse("offers:add_programme"), data)
    assert_error_page(response)
    shown = error_next_to(response, f"id_{field}")
    assert shown == f"Error: {message or 'Select the partner organisation that runs the programme'}"
    assert "Typed in Welsh</textarea>" in page(response)
    assert not Programme.objects.exists()
    assert offer_events() == []


# --- Partner organisations -------------------------------------------------------------------


def test_admin_adds_a_partner_organisation(admin, hillford, council_admin):
    response = admin.get(reverse("offers:add_partner"))
    assert 'name="form_token"' in page(response)
    assert 'name="version"' not in page(response)

    data = partner_data(website="www.barnardos-hillford.example")
    response = admin.post(reverse("offers:add_partner"), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("offers:manage")
    partner = PartnerOrganisation.objects.get(council=hillford)
    assert partner.name == "Barnardo's Hillford"
    assert partner.website == "https://www.barnardos-hillford.example"
    assert partner.phone == "01632 960 555"
    assert partner.version == 1
    [event] = offer_events()
    assert event.action == "offer.partner.added"
    assert event.council == hillford
    assert event.actor == council_admin
    assert event.object_id == str(partner.pk)
    content = page(admin.get(response["Location"]))
    assert "Partner organisation added: Barnardo's Hillford" in content
    assert f'href="{reverse("offers:edit_partner", kwargs={"pk": partner.pk})}"' in content


def test_only_the_name_of_a_partner_is_needed(admin, hillford):
    data = partner_data(description="", website="", phone="", email="")
    assert admin.post(reverse("offers:add_partner"), data).status_code == 302
    partner = PartnerOrganisation.objects.get(council=hillford)
    assert (partner.website, partner.phone, partner.email) == ("", "", "")


def test_sending_the_add_partner_form_twice_adds_one_partner(admin, hillford):
    data = partner_data()
    first = admin.post(reverse("offers:add_partner"), data)
    second = admin.post(reverse("offers:add_partner"), data)
    assert first.status_code == second.status_code == 302
    assert PartnerOrganisation.objects.filter(council=hillford).count() == 1
    assert len(audited("offer.partner.added")) == 1
    assert "Nothing was added twice" in page(admin.get(second["Location"]))


@pytest.mark.parametrize("name", ["Home-Start Hillford", "home-start hillford"])
def test_a_partner_name_the_council_already_uses_is_refused(admin, partner, name):
    response = admin.post(reverse("offers:add_partner"), partner_data(name=name))
    assert_error_page(response)
    assert error_next_to(response, "id_name") == (
        "Error: Your council already has a partner organisation with this name. "
        "Enter a different name"
    )
    assert PartnerOrganisation.objects.count() == 1
    assert offer_events() == []


def test_another_councils_partner_name_is_free_to_use(admin, hillford, eastmere_partner):
    data = partner_data(name=eastmere_partner.name)
    assert admin.post(reverse("offers:add_partner"), data).status_code == 302
    assert PartnerOrganisation.objects.filter(council=hillford, name="Home-Start Eastmere").exists()


def test_renaming_a_partner_to_anothers_name_is_refused(admin, partner, hillford):
    other = PartnerOrganisationFactory(council=hillford, name="Barnardo's Hillford")
    url = reverse("offers:edit_partner", kwargs={"pk": other.pk})
    response = admin.post(url, edit_partner_data(other, name="Home-Start Hillford"))
    assert_error_page(response)
    assert "already has a partner organisation with this name" in error_next_to(response, "id_name")
    other.refresh_from_db()
    assert (other.name, other.version) == ("Barnardo's Hillford", 1)
    assert offer_events() == []


def test_the_services_refuse_a_taken_partner_name(partner, hillford):
    """If someone adds the same name between the form's check and the save: nothing is saved."""
    token = uuid.uuid4()
    with pytest.raises(services.PartnerNameTaken):
        services.partner_add(council=hillford, actor=None, form_token=token, name=partner.name)
    other = PartnerOrganisationFactory(council=hillford, name="Barnardo's Hillford")
    with pytest.raises(services.PartnerNameTaken):
        services.partner_update(partner=other, actor=None, expected_version=1, name=partner.name)
    other.refresh_from_db()
    assert (other.name, other.version) == ("Barnardo's Hillford", 1)
    assert offer_events() == []
    # The token was not used up, so the corrected form can be sent with it.
    services.partner_add(council=hillford, actor=None, form_token=token, name="A new name")
    assert len(audited("offer.partner.added")) == 1


def test_admin_changes_a_partner_organisation(admin, partner, hillford):
    url = reverse("offers:edit_partner", kwargs={"pk": partner.pk})
    assert 'value="Home-Start Hillford"' in page(admin.get(url))
    data = edit_partner_data(partner, phone="01632 960 999", email="")

    response = admin.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("offers:manage")
    partner.refresh_from_db()
    assert (partner.phone, partner.email, partner.version) == ("01632 960 999", "", 2)
    [event] = offer_events()
    assert event.action == "offer.partner.updated"
    assert event.council == hillford
    assert event.object_id == str(partner.pk)
    assert event.detail["fields"] == ["phone", "email"]


def test_another_councils_partner_is_not_found(admin, eastmere_partner):
    url = reverse("offers:edit_partner", kwargs={"pk": eastmere_partner.pk})
    assert admin.get(url).status_code == 404
    response = admin.post(url, edit_partner_data(eastmere_partner, name="Mine now"))
    assert response.status_code == 404
    eastmere_partner.refresh_from_db()
    assert (eastmere_partner.name, eastmere_partner.version) == ("Home-Start Eastmere", 1)
    assert offer_events() == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the partner organisation's name"),
        ({"name": "x" * 201}, "name", "Name must be 200 characters or fewer"),
        (
            {"phone": "ring the office"},
            "phone",
            "Enter a telephone number, like 01632 960 001 or 07700 900 982",
        ),
        (
            {"phone": "0" * 21},
            "phone",
            "Enter a telephone number, like 01632 960 001 or 07700 900 982",
        ),
        (
            {"website": "not a website"},
            "website",
            "Enter a website address in the correct format, like https://www.example.org",
        ),
        (
            {"website": "ftp://files.example.org"},
            "website",
            "Enter a website address in the correct format, like https://www.example.org",
        ),
        (
            {"website": "javascript:alert(1)"},
            "website",
            "Enter a website address in the correct format, like https://www.example.org",
        ),
        (
            {"email": "not-an-email"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_bad_partner_input_is_shown_beside_the_field_and_nothing_saved(
    admin, partner, changes, field, message
):
    data = partner_data(description="Typed description", **changes)
    response = admin.post(reverse("offers:add_partner"), data)
    assert_error_page(response)
    assert error_next_to(response, f"id_{field}") == f"Error: {message}"
    assert "Typed description</textarea>" in page(response)
    assert f'value="{data["form_token"]}"' in page(response)

    url = reverse("offers:edit_partner", kwargs={"pk": partner.pk})
    response = admin.post(url, edit_partner_data(partner, **changes))
    assert_error_page(response)
    assert error_next_to(response, f"id_{field}") == f"Error: {message}"

    assert PartnerOrganisation.objects.count() == 1
    partner.refresh_from_db()
    assert (partner.name, partner.version) == ("Home-Start Hillford", 1)
    assert offer_events() == []


def test_partner_conflict_keeps_input_and_overwrites_nothing(admin, second_admin, partner):
    url = reverse("offers:edit_partner", kwargs={"pk": partner.pk})
    opened = edit_partner_data(partner)
    assert second_admin.post(url, {**opened, "phone": "01632 960 111"}).status_code == 302

    mine = {**opened, "description": "Mine", "website": "https://mine.example"}
    response = admin.post(url, mine)

    assert response.status_code == 200
    content = page(response)
    assert "Someone else changed this record while you were editing it" in content
    assert "Mine</textarea>" in content
    assert 'value="https://mine.example"' in content
    assert 'name="version" value="2"' in content
    assert "01632 960 111" in content  # shown as what the other editor saved
    partner.refresh_from_db()
    assert partner.phone == "01632 960 111"
    assert partner.description == "Volunteers who visit families at home."
    assert len(audited("offer.partner.updated")) == 1

    # Having compared, Ceri saves again against the version she has now seen.
    again = admin.post(url, {**mine, "version": "2"})
    assert again.status_code == 302
    partner.refresh_from_db()
    assert (partner.description, partner.phone, partner.version) == ("Mine", "01632 960 123", 3)
    assert len(audited("offer.partner.updated")) == 2


def test_the_manage_page_lists_partners_without_an_offer(admin, partner):
    content = page(admin.get(reverse("offers:manage")))
    assert "Partner organisations" in content
    assert "Home-Start Hillford" in content
    assert f'href="{reverse("offers:edit_partner", kwargs={"pk": partner.pk})}"' in content
    assert f'href="{reverse("offers:add_partner")}"' in content
    assert f'href="{reverse("offers:add_programme")}"' not in content  # no offer, no programmes


# --- Keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "taken", "key"),
    [
        ("We pay for your first scan!", set(), "hillford.we-pay-for-your-first-scan"),
        ("Help_with   travel & childcare", set(), "hillford.help-with-travel-childcare"),
        ("Ŵyn a dŵr", set(), "hillford.wyn-a-dwr"),
        ("???", set(), "hillford.promise"),
        ("Baby box", {"hillford.baby-box", "hillford.baby-box-2"}, "hillford.baby-box-3"),
    ],
)
def test_new_commitment_key(title, taken, key):
    assert new_commitment_key(council_slug="hillford", title=title, taken=taken) == key


def test_new_commitment_key_fits_the_offer_files_limit():
    key = new_commitment_key(council_slug="hillford", title="word " * 60, taken=set())
    assert len(key) <= 100
    assert re.fullmatch(r"[a-z0-9]+([.-][a-z0-9]+)*", key)


@pytest.mark.parametrize(
    ("name", "taken", "slug"),
    [
        ("Bump Buddies", set(), "bump-buddies"),
        ("Help_with   travel & childcare!", set(), "help-with-travel-childcare"),
        ("Ŵyn a dŵr", set(), "wyn-a-dwr"),
        ("???", set(), "programme"),
        ("Add", set(), "add-2"),
        ("Baby box", {"baby-box", "baby-box-2"}, "baby-box-3"),
    ],
)
def test_new_programme_slug(name, taken, slug):
    assert new_programme_slug(name=name, taken=taken) == slug


def test_new_programme_slug_fits_the_offer_files_limit():
    slug = new_programme_slug(name="word " * 60, taken=set())
    assert len(slug) <= 80
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


def test_the_council_sets_how_long_referral_evidence_stays_current(admin, offer):
    response = admin.post(
        reverse("offers:edit_offer"), offer_data(offer, evidence_recency_months="3")
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.evidence_recency_months == 3
    [event] = audited("offer.updated")
    assert event.detail["fields"] == ["evidence_recency_months"]
    assert "3 months" in page(admin.get(reverse("offers:manage")))
