"""Demo directories for Herefordshire and Cardiff, loaded through the Open Referral UK import.

DEMO DATA. Every organisation below except the two councils and Home-Start Herefordshire (the
council's real partner for Baby Steps, named in its local offer) is invented, and so is every
service, address and person. Telephone numbers come from Ofcom's ranges for drama (01632 960xxx,
0808 157 0xxx, 029 2018 0xxx), which are never given to real lines; email addresses use reserved
example domains. The services are the kinds a council's offer for care-experienced parents
points to: befriending, a care leavers' drop-in, advocacy, a family hub, a young parents' group,
housing advice, counselling, drugs and alcohol support and legal advice.

Identifiers are derived from the council and a key, and the import matches by identifier, so
seeding again adds nothing twice. Each year's Christmas closure has its own identifier.
"""

import datetime
import uuid

from django.utils import timezone

from parent_charter.directory.feed import taxonomy_term_data
from parent_charter.directory.importer import import_directory
from parent_charter.directory.models import (
    Contact,
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
)
from parent_charter.directory.taxonomy import (
    CARE_EXPERIENCED,
    COUNCIL_RESIDENTS,
    ELIGIBILITY_LINK,
    NAMESPACE,
    NEED_LINK,
    ensure_taxonomies,
)

WEEKDAYS = "MO,TU,WE,TH,FR"
# A service's cost options: (key, option, Welsh option, amount, per what). Most are free.
FREE = (("free", "", "", 0, ""),)


def _id(council, *parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(["demo", council.slug, *parts])))


def _weekly(byday, opens, closes, **extra):
    return {"freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes, **extra}


def _monthly(byday, opens, closes, **extra):
    return {"freq": "MONTHLY", "byday": byday, "opens_at": opens, "closes_at": closes, **extra}


def christmas_year(today: datetime.date) -> int:
    """The Christmas whose closure is current or next (New Year's Day still belongs to it)."""
    return today.year - 1 if (today.month, today.day) == (1, 1) else today.year


def first_saturday(year: int) -> str:
    day = datetime.date(year, 1, 1)
    return (day + datetime.timedelta(days=(5 - day.weekday()) % 7)).isoformat()


def _christmas(year: int, cy: str = "") -> dict:
    return {
        "key": f"christmas-{year}",
        "valid_from": f"{year}-12-24",
        "valid_to": f"{year + 1}-01-01",
        "description": "Closed over Christmas and New Year.",
        "description_cy": cy or "Ar gau dros y Nadolig a'r Flwyddyn Newydd.",
    }


# Each place: key, name, Welsh name, address line, town, county, postcode, how to get in.
HEREFORDSHIRE_PLACES = {
    "riverside-hub": (
        "Riverside Family Hub",
        "",
        "5 Canal Road",
        "Hereford",
        "Herefordshire",
        "HR1 2EE",
        "Step-free entrance, lift to the first floor, space for pushchairs, baby-changing room.",
    ),
    "bridge-street": (
        "Bridge Street Youth Centre",
        "",
        "18 Bridge Street",
        "Hereford",
        "Herefordshire",
        "HR4 9DG",
        "Ramp at the side door; the drop-in room is on the ground floor.",
    ),
    "leominster-centre": (
        "Leominster Community Centre",
        "",
        "2 Orchard Lane",
        "Leominster",
        "Herefordshire",
        "HR6 8JR",
        "Ground floor, accessible toilet, parking for pushchairs inside.",
    ),
}

CARDIFF_PLACES = {
    "glan-yr-afon-hub": (
        "Riverside Family Hub",
        "Hyb Teulu Glan-yr-afon",
        "40 Heol y Gadeirlan",
        "Cardiff",
        "Cardiff",
        "CF11 9LJ",
        "Step-free entrance, lift, baby-changing room and space for pushchairs.",
    ),
    "bay-centre": (
        "Bay Youth Centre",
        "Canolfan Ieuenctid y Bae",
        "7 Stryd Bute",
        "Cardiff",
        "Cardiff",
        "CF10 5AL",
        "Level access from the street; quiet room available.",
    ),
    "ely-centre": (
        "Ely Community Centre",
        "Canolfan Gymunedol Trelái",
        "12 Heol Grand Avenue",
        "Cardiff",
        "Cardiff",
        "CF5 4AA",
        "Ground floor with an accessible toilet.",
    ),
}


def _herefordshire(year: int) -> list[dict]:
    council_org = (
        "council",
        "Herefordshire Council",
        "",
        "The council's leaving care team and its services for families.",
        "",
    )
    return [
        {
            "key": "baby-steps",
            "organisation": (
                "home-start",
                "Home-Start Herefordshire",
                "",
                "A family support charity of trained volunteers, part of the Home-Start network.",
                "",
            ),
            "name": "Baby Steps",
            "description": (
                "A trained volunteer visits you at home from pregnancy until your baby is one: "
                "someone to talk to, help getting ready for the birth, and company at "
                "appointments if you want it. Run with Herefordshire Council for care leavers "
                "who are becoming parents, mums and dads alike."
            ),
            "ages": (16, 25),
            "only": [CARE_EXPERIENCED, COUNCIL_RESIDENTS],
            "needs": ["parenting-support", "pregnancy-and-baby"],
            "places": [],
            "schedules": [
                _weekly(
                    "TU,TH",
                    "09:30",
                    "15:00",
                    description=(
                        "When the volunteer coordinator answers the phone. Visits are arranged "
                        "with you."
                    ),
                )
            ],
            "contacts": [
                (
                    "coordinator",
                    "Baby Steps coordinator",
                    "",
                    "01632 960 101",
                    "Tuesdays and Thursdays; leave a message at other times.",
                )
            ],
            "costs": [("free", "Every visit", "", 0, "")],
            "email": "babysteps@home-start-herefordshire.example",
        },
        {
            "key": "care-leavers-drop-in",
            "organisation": council_org,
            "name": "Care leavers' drop-in",
            "description": (
                "Drop in to see a personal adviser without an appointment: help with money, "
                "housing, forms and anything else. Babies and children welcome; tea and toast "
                "provided. On the first Saturday of each month there is a family lunch."
            ),
            "ages": (16, 25),
            "only": [CARE_EXPERIENCED],
            "needs": ["money-and-benefits", "somewhere-to-live", "meeting-other-parents"],
            "places": ["bridge-street"],
            "schedules": [
                _weekly("WE", "13:00", "16:00"),
                _monthly("1SA", "12:00", "14:00", description="Family lunch."),
                _christmas(year),
            ],
            "contacts": [
                (
                    "duty",
                    "Leaving care duty worker",
                    "",
                    "01632 960 110",
                    "Monday to Friday, 9am to 5pm.",
                )
            ],
            "costs": FREE,
        },
        {
            "key": "riverside-hub",
            "organisation": council_org,
            "name": "Riverside Family Hub",
            "description": (
                "Health visitors, midwife clinics, stay-and-play sessions and advice for parents "
                "of children up to 5, all in one place. Ask at reception for anything."
            ),
            "ages": (None, None),
            "only": [COUNCIL_RESIDENTS],
            "needs": ["pregnancy-and-baby", "parenting-support", "a-break"],
            "places": ["riverside-hub"],
            "schedules": [
                _weekly(WEEKDAYS, "09:00", "17:00"),
                _weekly("SA", "10:00", "12:00", description="Stay and play only."),
                _christmas(year),
            ],
            "contacts": [("reception", "Reception", "", "01632 960 120", "")],
            "costs": FREE,
        },
        {
            "key": "advocacy",
            "organisation": (
                "marches-advocacy",
                "Marches Advocacy",
                "",
                "An independent advocacy charity for children, young people and parents.",
                "",
            ),
            "name": "Advocacy for parents",
            "description": (
                "An independent advocate who is on your side: they help you say what you want "
                "in meetings with children's services, at child protection conferences and in "
                "pre-birth assessments, and make sure you are listened to."
            ),
            "ages": (16, None),
            "only": [],
            "needs": ["advocacy", "time-with-your-child"],
            "places": [],
            "schedules": [_weekly(WEEKDAYS, "09:00", "17:00"), _christmas(year)],
            "contacts": [
                (
                    "advice",
                    "Advocacy advice line",
                    "",
                    "0808 157 0123",
                    "Free to call, including from mobiles.",
                )
            ],
            "costs": FREE,
        },
        {
            "key": "young-parents-group",
            "organisation": (
                "wye-valley-parents",
                "Wye Valley Young Parents",
                "",
                "A parent-led group for young mums and dads in north Herefordshire.",
                "",
            ),
            "name": "Young parents' group",
            "description": (
                "Meet other young parents, bring your baby or toddler, and get support from "
                "youth workers who understand. Free crèche."
            ),
            "ages": (14, 25),
            "only": [],
            "needs": ["meeting-other-parents", "parenting-support"],
            "places": ["leominster-centre"],
            "schedules": [_weekly("TH", "10:00", "12:00"), _christmas(year)],
            "contacts": [("worker", "Youth worker", "", "01632 960 140", "")],
            "costs": FREE,
        },
        {
            "key": "housing-advice",
            "organisation": council_org,
            "name": "Housing advice line",
            "description": (
                "Advice if you are worried about losing your home, need somewhere to live with "
                "your baby, or are struggling with rent. Tell them you are a care leaver."
            ),
            "ages": (16, None),
            "only": [COUNCIL_RESIDENTS],
            "needs": ["somewhere-to-live", "money-and-benefits"],
            "places": [],
            "schedules": [_weekly(WEEKDAYS, "09:00", "17:00"), _christmas(year)],
            "contacts": [
                (
                    "line",
                    "Housing advice",
                    "",
                    "01632 960 150",
                    (
                        "If you have nowhere to stay tonight, call the emergency duty team out of "
                        "hours."
                    ),
                )
            ],
            "costs": FREE,
        },
        {
            "key": "counselling",
            "organisation": (
                "hereford-counselling",
                "Hereford Counselling Centre",
                "",
                "A counselling charity with trained, accredited counsellors.",
                "",
            ),
            "name": "Talk it through counselling",
            "description": (
                "Six to twelve sessions with a counsellor, face to face or by video, for anxiety, "
                "low mood, grief, loss and difficult memories. Evening appointments available."
            ),
            "ages": (16, None),
            "only": [],
            "needs": ["feelings-and-mental-health"],
            "places": ["riverside-hub"],
            "schedules": [_weekly("MO,WE,TH", "10:00", "20:00"), _christmas(year)],
            "contacts": [
                (
                    "bookings",
                    "Bookings",
                    "",
                    "01632 960 160",
                    "Leave your name and number and we will call back within two working days.",
                )
            ],
            "costs": [
                ("under-25", "Under 25s and care leavers", "", 0, ""),
                ("others", "Everyone else", "", 15, "per session"),
            ],
        },
        {
            "key": "drugs-alcohol",
            "organisation": (
                "clearwater",
                "Clearwater Recovery",
                "",
                "A charity supporting people affected by drugs and alcohol.",
                "",
            ),
            "name": "Drug and alcohol support",
            "description": (
                "Confidential help to cut down or stop, including for parents and parents-to-be. "
                "We will not judge you, and asking for help is a strength."
            ),
            "ages": (18, None),
            "only": [],
            "needs": ["drugs-and-alcohol", "feelings-and-mental-health"],
            "places": ["bridge-street"],
            "schedules": [
                _weekly(WEEKDAYS, "09:00", "17:00"),
                _weekly(
                    "SA",
                    "10:00",
                    "13:00",
                    interval=2,
                    dtstart=first_saturday(year),
                    description="Saturday clinic every other week.",
                ),
                _christmas(year),
            ],
            "contacts": [
                ("intake", "First contact", "", "0808 157 0150", "Free and confidential.")
            ],
            "costs": FREE,
        },
        {
            "key": "legal-clinic",
            "organisation": (
                "marches-law",
                "Marches Family Law Clinic",
                "",
                "Volunteer solicitors giving free family law advice.",
                "",
            ),
            "name": "Free family law clinic",
            "description": (
                "Twenty minutes with a family law solicitor, free, on the second Tuesday evening "
                "of each month: your rights when children's services are involved, contact with "
                "your child, and legal aid."
            ),
            "ages": (16, None),
            "only": [],
            "needs": ["legal-advice", "time-with-your-child"],
            "places": ["riverside-hub"],
            "schedules": [_monthly("2TU", "18:00", "20:00"), _christmas(year)],
            "contacts": [
                ("booking", "Clinic bookings", "", "01632 960 170", "Book by the Friday before.")
            ],
            "costs": FREE,
        },
    ]


def _cardiff(year: int) -> list[dict]:
    council_org = (
        "council",
        "Cardiff Council",
        "Cyngor Caerdydd",
        "The council's leaving care team and its services for families.",
        "Tîm gadael gofal y cyngor a'i wasanaethau i deuluoedd.",
    )
    talk_cardiff = (
        "siarad",
        "Talk Cardiff",
        "Siarad Caerdydd",
        "A listening and counselling charity.",
        "Elusen gwrando a chwnsela.",
    )
    return [
        {
            "key": "care-leavers-drop-in",
            "organisation": council_org,
            "name": "Care leavers' drop-in",
            "name_cy": "Sesiwn galw heibio i rai sy'n gadael gofal",
            "description": (
                "See a personal adviser without an appointment, in Welsh or English: money, "
                "housing, forms and anything else. Babies and children welcome."
            ),
            "description_cy": (
                "Gweld cynghorydd personol heb apwyntiad, yn Gymraeg neu yn Saesneg: arian, "
                "tai, ffurflenni ac unrhyw beth arall. Croeso i fabanod a phlant."
            ),
            "ages": (16, 25),
            "only": [CARE_EXPERIENCED],
            "needs": ["money-and-benefits", "somewhere-to-live", "meeting-other-parents"],
            "places": ["bay-centre"],
            "schedules": [_weekly("TU,TH", "13:00", "16:30"), _christmas(year)],
            "contacts": [
                (
                    "duty",
                    "Leaving care duty worker",
                    "Gweithiwr dyletswydd gadael gofal",
                    "029 2018 0123",
                    "",
                )
            ],
            "costs": FREE,
        },
        {
            "key": "family-hub",
            "organisation": council_org,
            "name": "Riverside Family Hub",
            "name_cy": "Hyb Teulu Glan-yr-afon",
            "description": (
                "Health visitors, parenting courses, stay-and-play and Flying Start childcare "
                "advice for families with children up to 5."
            ),
            "description_cy": (
                "Ymwelwyr iechyd, cyrsiau rhianta, aros a chwarae a chyngor ar ofal plant "
                "Dechrau'n Deg i deuluoedd â phlant hyd at 5 oed."
            ),
            "ages": (None, None),
            "only": [COUNCIL_RESIDENTS],
            "needs": ["pregnancy-and-baby", "parenting-support", "a-break"],
            "places": ["glan-yr-afon-hub"],
            "schedules": [_weekly(WEEKDAYS, "08:30", "17:00"), _christmas(year)],
            "contacts": [("reception", "Reception", "Derbynfa", "029 2018 0200", "")],
            "costs": FREE,
        },
        {
            "key": "advocacy",
            "organisation": (
                "llais-rhieni",
                "Parents' Voice Advocacy",
                "Eiriolaeth Llais Rhieni",
                "An independent advocacy service for parents in Wales.",
                "Gwasanaeth eiriolaeth annibynnol i rieni yng Nghymru.",
            ),
            "name": "Advocacy for parents",
            "name_cy": "Eiriolaeth i rieni",
            "description": (
                "An independent advocate, in Welsh or English, who helps you be heard in "
                "meetings with social services and in assessments."
            ),
            "description_cy": (
                "Eiriolwr annibynnol, yn Gymraeg neu yn Saesneg, sy'n eich helpu i gael eich "
                "clywed mewn cyfarfodydd gyda'r gwasanaethau cymdeithasol ac mewn asesiadau."
            ),
            "ages": (16, None),
            "only": [],
            "needs": ["advocacy"],
            "places": [],
            "schedules": [_weekly(WEEKDAYS, "09:00", "17:00"), _christmas(year)],
            "contacts": [
                ("line", "Advocacy line", "Llinell eiriolaeth", "0808 157 0321", "Free to call.")
            ],
            "costs": FREE,
        },
        {
            "key": "young-parents-group",
            "organisation": council_org,
            "name": "Young parents' group",
            "name_cy": "Grŵp rhieni ifanc",
            "description": (
                "Meet other young parents with your baby or toddler. Free crèche and lunch."
            ),
            "description_cy": (
                "Dewch i gwrdd â rhieni ifanc eraill gyda'ch babi neu'ch plentyn bach. Crèche a "
                "chinio am ddim."
            ),
            "ages": (14, 25),
            "only": [],
            "needs": ["meeting-other-parents", "parenting-support"],
            "places": ["ely-centre"],
            "schedules": [_weekly("WE", "10:30", "12:30"), _christmas(year)],
            "contacts": [("worker", "Youth worker", "Gweithiwr ieuenctid", "029 2018 0240", "")],
            "costs": FREE,
        },
        {
            "key": "housing-advice",
            "organisation": council_org,
            "name": "Housing advice line",
            "name_cy": "Llinell cyngor tai",
            "description": (
                "Advice if you might lose your home or need somewhere to live with your child."
            ),
            "description_cy": (
                "Cyngor os gallech chi golli eich cartref neu os oes angen rhywle i fyw arnoch chi "
                "gyda'ch plentyn."
            ),
            "ages": (16, None),
            "only": [COUNCIL_RESIDENTS],
            "needs": ["somewhere-to-live", "money-and-benefits"],
            "places": [],
            "schedules": [_weekly(WEEKDAYS, "08:30", "17:00"), _christmas(year)],
            "contacts": [("line", "Housing advice", "Cyngor tai", "029 2018 0250", "")],
            "costs": FREE,
        },
        {
            "key": "evening-line",
            "organisation": talk_cardiff,
            "name": "Evening listening line",
            "name_cy": "Llinell wrando gyda'r nos",
            "description": (
                "Someone to talk to in the evening and late at night, in Welsh or English."
            ),
            "description_cy": (
                "Rhywun i siarad ag ef gyda'r nos ac yn hwyr yn y nos, yn Gymraeg neu yn Saesneg."
            ),
            "ages": (16, None),
            "only": [],
            "needs": ["feelings-and-mental-health"],
            "places": [],
            "schedules": [_weekly("MO,TU,WE,TH,FR,SA,SU", "18:00", "02:00")],
            "contacts": [
                ("line", "Listening line", "Llinell wrando", "0808 157 0400", "Free to call.")
            ],
            "costs": FREE,
        },
        {
            "key": "counselling",
            "organisation": talk_cardiff,
            "name": "Counselling",
            "name_cy": "Cwnsela",
            "description": "Counselling sessions in Welsh or English, face to face or online.",
            "description_cy": (
                "Sesiynau cwnsela yn Gymraeg neu yn Saesneg, wyneb yn wyneb neu ar-lein."
            ),
            "ages": (16, None),
            "only": [],
            "needs": ["feelings-and-mental-health"],
            "places": ["glan-yr-afon-hub"],
            "schedules": [_weekly("MO,TU,TH", "10:00", "19:00"), _christmas(year)],
            "contacts": [("bookings", "Bookings", "Archebu", "029 2018 0410", "")],
            "costs": [
                ("care-leavers", "Care leavers", "Pobl sy'n gadael gofal", 0, ""),
                ("others", "Everyone else", "Pawb arall", 10, "per session"),
            ],
        },
        {
            "key": "drugs-alcohol",
            "organisation": (
                "llwybr",
                "Recovery Path",
                "Llwybr Adfer",
                "A drug and alcohol charity in south Wales.",
                "Elusen cyffuriau ac alcohol yn ne Cymru.",
            ),
            "name": "Drug and alcohol support",
            "name_cy": "Cymorth cyffuriau ac alcohol",
            "description": (
                "Confidential help to cut down or stop, for you or someone close to you."
            ),
            "description_cy": (
                "Help cyfrinachol i dorri i lawr neu roi'r gorau iddi, i chi neu i rywun agos "
                "atoch chi."
            ),
            "ages": (18, None),
            "only": [],
            "needs": ["drugs-and-alcohol"],
            "places": ["bay-centre"],
            "schedules": [_weekly(WEEKDAYS, "09:00", "17:00"), _christmas(year)],
            "contacts": [
                (
                    "intake",
                    "First contact",
                    "Cyswllt cyntaf",
                    "0808 157 0450",
                    "Free and confidential.",
                )
            ],
            "costs": FREE,
        },
        {
            "key": "legal-clinic",
            "organisation": (
                "law-clinic",
                "Cardiff Family Law Clinic",
                "Clinig Cyfraith Teulu Caerdydd",
                "Volunteer solicitors giving free family law advice.",
                "Cyfreithwyr gwirfoddol sy'n rhoi cyngor cyfraith teulu am ddim.",
            ),
            "name": "Free family law clinic",
            "name_cy": "Clinig cyfraith teulu am ddim",
            "description": (
                "Free advice from a family law solicitor on the last Thursday evening of each "
                "month."
            ),
            "description_cy": (
                "Cyngor am ddim gan gyfreithiwr cyfraith teulu ar nos Iau olaf pob mis."
            ),
            "ages": (16, None),
            "only": [],
            "needs": ["legal-advice"],
            "places": ["glan-yr-afon-hub"],
            "schedules": [_monthly("-1TH", "18:00", "20:00"), _christmas(year)],
            "contacts": [("booking", "Clinic bookings", "Archebu'r clinig", "029 2018 0470", "")],
            "costs": FREE,
        },
    ]


DIRECTORIES = {
    "herefordshire": (_herefordshire, HEREFORDSHIRE_PLACES),
    "cardiff": (_cardiff, CARDIFF_PLACES),
}


def _place(council, key, spec) -> dict:
    name, _name_cy, street, town, county, postcode, access = spec
    return {
        "id": _id(council, "location", key),
        "location_type": "physical",
        "name": name,
        "addresses": [
            {
                "id": _id(council, "address", key),
                "address_1": street,
                "city": town,
                "state_province": county,
                "postal_code": postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {"id": _id(council, "access", key), "description": access, "accessibility": access}
        ],
    }


def _service(council, spec, places, terms) -> dict:
    key = spec["key"]
    org_key, org_name, _org_cy, org_description, _org_desc_cy = spec["organisation"]
    low, high = spec["ages"]
    service = {
        "id": _id(council, "service", key),
        "name": spec["name"],
        "description": spec["description"],
        "status": "active",
        "organization": {
            "id": _id(council, "organization", org_key),
            "name": org_name,
            "description": org_description,
        },
        "schedules": [],
        "service_at_locations": [
            {
                "id": _id(council, "at", key, place),
                "location": _place(council, place, places[place]),
            }
            for place in spec["places"]
        ],
        "contacts": [],
        "cost_options": [],
        "attributes": [],
    }
    if low is not None:
        service["minimum_age"] = low
    if high is not None:
        service["maximum_age"] = high
    if spec.get("email"):
        service["email"] = spec["email"]
    for index, schedule in enumerate(spec["schedules"]):
        data = {k: v for k, v in schedule.items() if k not in ("key", "description_cy")}
        data["id"] = _id(council, "schedule", key, schedule.get("key", str(index)))
        service["schedules"].append(data)
    for contact_key, title, _title_cy, number, note in spec["contacts"]:
        contact = {"id": _id(council, "contact", key, contact_key), "title": title}
        phone = {"id": _id(council, "phone", key, contact_key), "number": number}
        if note:
            phone["description"] = note
        contact["phones"] = [phone]
        service["contacts"].append(contact)
    for cost_key, option, _option_cy, amount, per in spec["costs"]:
        cost = {"id": _id(council, "cost", key, cost_key), "amount": amount}
        if option:
            cost["option"] = option
        if per:
            cost["amount_description"] = per
        service["cost_options"].append(cost)
    for link_type, keys in ((NEED_LINK, spec["needs"]), (ELIGIBILITY_LINK, spec["only"])):
        for term_key in keys:
            service["attributes"].append(
                {
                    "id": _id(council, "attribute", key, term_key),
                    "link_type": link_type,
                    "taxonomy_term": taxonomy_term_data(terms[term_key]),
                }
            )
    return service


def _welsh(council, specs, places) -> None:
    """The Welsh text, which the Open Referral shape has no field for, set beside the English."""
    for key, spec in places.items():
        if spec[1]:
            Location.objects.filter(pk=_id(council, "location", key)).update(name_cy=spec[1])
    for spec in specs:
        key = spec["key"]
        org_key, _name, org_cy, _description, org_desc_cy = spec["organisation"]
        Organization.objects.filter(pk=_id(council, "organization", org_key)).update(
            name_cy=org_cy, description_cy=org_desc_cy
        )
        Service.objects.filter(pk=_id(council, "service", key)).update(
            name_cy=spec.get("name_cy", ""), description_cy=spec.get("description_cy", "")
        )
        for index, schedule in enumerate(spec["schedules"]):
            if schedule.get("description_cy"):
                Schedule.objects.filter(
                    pk=_id(council, "schedule", key, schedule.get("key", str(index)))
                ).update(description_cy=schedule["description_cy"])
        for contact_key, _title, title_cy, _number, _note in spec["contacts"]:
            if title_cy:
                Contact.objects.filter(pk=_id(council, "contact", key, contact_key)).update(
                    title_cy=title_cy
                )
        for cost_key, _option, option_cy, _amount, per in spec["costs"]:
            if option_cy or per:
                CostOption.objects.filter(pk=_id(council, "cost", key, cost_key)).update(
                    option_cy=option_cy, amount_description_cy="y sesiwn" if per else ""
                )


def seed(council) -> str:
    if council.slug not in DIRECTORIES:
        return ""
    build, places = DIRECTORIES[council.slug]
    terms = ensure_taxonomies(council)
    specs = build(christmas_year(timezone.localdate()))
    before = Service.objects.filter(council=council).count()
    import_directory(
        [_service(council, spec, places, terms) for spec in specs],
        council=council,
        file_name="demo directory",
    )
    _welsh(council, specs, places)
    added = Service.objects.filter(council=council).count() - before
    return f"{added} services added, {len(specs)} services up to date"
