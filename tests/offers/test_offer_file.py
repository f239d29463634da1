"""The local-offer file loader: the shipped files, and how broken files are reported.

Pure tests: no database and no Django models. Each broken file is the shipped Herefordshire (or
Cardiff) file with one thing changed, written to a temporary folder under the same name.
"""

import copy
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from parent_charter.charter.catalogue import CatalogueError, default_catalogue_path, load_catalogue
from parent_charter.offers.offer_file import (
    DATA_DIR,
    OfferFileSpec,
    load_offer_file,
    schema,
    shipped_offer_files,
)
from parent_charter.offers.offer_shape import (
    BenefitModel,
    CouncilModel,
    OfferFile,
    OfferModel,
    OfficeHoursModel,
    PartnerModel,
    ProgrammeModel,
)

HEREFORDSHIRE_KEYS = [
    "expecting.health-appointments",
    "expecting.healthy-start",
    "expecting.registering-the-birth",
    "expecting.first-scan",
    "expecting.photo-id",
    "expecting.school-and-nursery-places",
    "expecting.maternity-and-paternity-pay",
    "throughout.leaders-champion-your-rights",
]


def _raw(slug: str) -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: Any, name: str = "herefordshire.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def herefordshire() -> OfferFileSpec:
    return load_offer_file(DATA_DIR / "herefordshire.yaml")


@pytest.fixture(scope="module")
def cardiff() -> OfferFileSpec:
    return load_offer_file(DATA_DIR / "cardiff.yaml")


# --------------------------------------------------------------------------------------------
# The shipped files


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(schema())


def test_the_loaders_models_and_the_published_schema_agree():
    defs = schema()["$defs"]
    for model, definition in (
        (OfferFile, schema()),
        (CouncilModel, defs["council"]),
        (OfficeHoursModel, defs["office_hours"]),
        (PartnerModel, defs["partner"]),
        (OfferModel, defs["offer"]),
        (ProgrammeModel, defs["programme"]),
        (BenefitModel, defs["benefit"]),
    ):
        fields = model.model_fields
        assert set(fields) == set(definition["properties"]), model.__name__
        required = {name for name, field in fields.items() if field.is_required()}
        assert required == set(definition["required"]), model.__name__


def test_shipped_files_are_found_and_all_load():
    paths = shipped_offer_files()
    assert [p.name for p in paths] == ["cardiff.yaml", "herefordshire.yaml"]
    for path in paths:
        assert load_offer_file(path).council.slug == path.stem


def test_herefordshire_council_facts(herefordshire):
    council = herefordshire.council
    assert council.name == "Herefordshire Council"
    assert council.slug == "herefordshire"
    assert council.nation == "england"
    assert council.gss_code == "E06000019"
    assert council.address == "33–35 Union Street\nHereford"
    assert council.postcode == "HR1 2BT"
    assert council.phone == "01432 261626"
    assert council.duty_phone == "07792 882327"
    assert council.out_of_hours_phone == "01905 768020"
    assert council.welsh_required is False


def test_herefordshire_office_hours(herefordshire):
    hours = {h.weekday: (h.opens, h.closes) for h in herefordshire.council.office_hours}
    nine, five = datetime.time(9, 0), datetime.time(17, 0)
    assert hours == {
        0: (nine, five),
        1: (nine, five),
        2: (nine, five),
        3: (nine, five),
        4: (nine, datetime.time(16, 45)),
    }
    assert 5 not in hours and 6 not in hours  # closed at weekends


def test_herefordshire_offer(herefordshire):
    offer = herefordshire.offer
    assert offer.charter_version == "1.0"
    assert offer.status == "signed_up"
    assert offer.status_date.year == 2024
    assert offer.eligibility_age == 25
    assert offer.eligibility_boundary == "before_birthday"
    assert "judged" in offer.introduction.en
    assert offer.introduction.cy


def test_herefordshire_adds_each_local_promise(herefordshire):
    commitments = herefordshire.offer.commitments
    assert [c.key for c in commitments] == HEREFORDSHIRE_KEYS
    assert [c.order for c in commitments] == list(range(1, len(HEREFORDSHIRE_KEYS) + 1))
    for c in commitments:
        assert c.source_document == "herefordshire-local-offer"
        assert c.stage and c.theme and c.guidance and c.evidence
        assert c.title.en and c.title.cy and c.wording.en and c.wording.cy
    leaders = commitments[-1]
    assert (leaders.stage, leaders.theme) == ("throughout", "stigma")


def test_local_promises_do_not_repeat_charter_keys(herefordshire):
    charter_keys = {c.key for c in load_catalogue(default_catalogue_path()).commitments}
    assert not charter_keys & {c.key for c in herefordshire.offer.commitments}


def test_herefordshire_partner_and_baby_steps(herefordshire):
    assert [p.name for p in herefordshire.partners] == ["Home-Start Herefordshire"]
    (programme,) = herefordshire.offer.programmes
    assert programme.slug == "baby-steps"
    assert programme.name == "Baby Steps"
    assert programme.provider == "Home-Start Herefordshire"
    assert programme.order == 1
    assert programme.maximum_age == 25
    assert programme.fathers_included is True
    assert programme.residents_only is True
    assert programme.support_forms == ("befriending", "advocacy", "mentoring")
    assert programme.support_givers == ("volunteer", "paid_worker", "peer_group", "dad_support")
    assert programme.delivery_places == ("home", "phone", "community")
    assert programme.frequencies == ("weekly", "occasional")
    assert programme.referral_routes == (
        "personal_adviser",
        "self",
        "midwife",
        "health_visitor",
        "other_professional",
    )
    for name in (
        "steering group",
        "Herefordshire Community Foundation",
        "Warwick Business School",
    ):
        assert name in programme.summary.en
    assert [b.heading.en for b in programme.benefits] == [
        "Wellbeing and confidence",
        "Feeling less alone",
        "Parenting skills",
        "Work, education or training",
        "Keeping your home",
    ]
    assert all(b.heading.cy and b.text.cy for b in programme.benefits)


def test_cardiff_is_a_welsh_council_on_the_base_charter(cardiff):
    council = cardiff.council
    assert (council.name, council.name_cy) == ("Cardiff Council", "Cyngor Caerdydd")
    assert council.nation == "wales"
    assert council.welsh_required is True
    assert council.gss_code == "W06000015"
    assert council.email.endswith("@cardiff.example")
    for number in (council.phone, council.duty_phone, council.out_of_hours_phone):
        assert number.startswith("029 2018 0")  # Ofcom's drama range, never a real line
    assert [h.weekday for h in council.office_hours] == [0, 1, 2, 3, 4]
    assert cardiff.partners == ()
    assert cardiff.offer.commitments == ()
    assert cardiff.offer.programmes == ()
    assert cardiff.offer.eligibility_age == 25
    assert cardiff.offer.status == "signed_up"
    assert cardiff.offer.status_date > datetime.date(2023, 1, 9)
    assert cardiff.offer.introduction.cy


# --------------------------------------------------------------------------------------------
# Broken files: each message names the file, the entry and the problem


def _programme(data):
    return data["offer"]["programmes"][0]


def _friday(data):
    return data["council"]["office_hours"][4]


def _set(getter: Callable[[dict], dict], field: str, value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        getter(data)[field] = value

    return change


def _delete(getter: Callable[[dict], dict], field: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        del getter(data)[field]

    return change


BROKEN = {
    "missing council field": (
        _delete(lambda d: d["council"], "duty_phone"),
        "herefordshire.yaml: council: missing required field 'duty_phone'",
    ),
    "missing section": (
        _delete(lambda d: d, "partners"),
        "herefordshire.yaml: top level: 'partners' is required",
    ),
    "missing programme field": (
        _delete(_programme, "referral_routes"),
        "herefordshire.yaml: offer.programmes[1] ('baby-steps'): missing required field "
        "'referral_routes'",
    ),
    "missing commitment field": (
        _delete(lambda d: d["offer"]["commitments"][2], "evidence"),
        "herefordshire.yaml: offer.commitments[3] ('expecting.registering-the-birth'): missing "
        "required field 'evidence'",
    ),
    "missing Welsh in a benefit": (
        _delete(lambda d: _programme(d)["benefits"][1]["text"], "cy"),
        "herefordshire.yaml: offer.programmes[1] ('baby-steps').benefits[2]: missing required "
        "field 'text.cy'",
    ),
    "unknown field": (
        _set(lambda d: d["council"], "fax", "01432 000000"),
        "herefordshire.yaml: council: unknown field 'fax'",
    ),
    "unknown support form": (
        lambda d: _programme(d)["support_forms"].append("counselling"),
        "herefordshire.yaml: offer.programmes[1] ('baby-steps'): 'support_forms item 4' must be "
        "one of befriending, advocacy, mentoring; got 'counselling'",
    ),
    "unknown referral route": (
        lambda d: _programme(d)["referral_routes"].__setitem__(2, "gp"),
        "herefordshire.yaml: offer.programmes[1] ('baby-steps'): 'referral_routes item 3' must "
        "be one of personal_adviser, self, midwife, health_visitor, other_professional; got 'gp'",
    ),
    "repeated enum value": (
        lambda d: _programme(d)["frequencies"].append("weekly"),
        "herefordshire.yaml: offer.programmes[1] ('baby-steps'): 'frequencies' lists 'weekly' "
        "more than once",
    ),
    "unknown nation": (
        _set(lambda d: d["council"], "nation", "cymru"),
        "herefordshire.yaml: council: 'nation' must be one of england, wales, scotland, "
        "northern_ireland; got 'cymru'",
    ),
    "unknown status": (
        _set(lambda d: d["offer"], "status", "signed"),
        "herefordshire.yaml: offer: 'status' must be one of engaged, signed_up, withdrawn; got "
        "'signed'",
    ),
    "unknown day": (
        _set(_friday, "day", "fri"),
        "herefordshire.yaml: council.office_hours[5] ('fri'): 'day' must be one of monday, "
        "tuesday, wednesday, thursday, friday, saturday, sunday; got 'fri'",
    ),
    "unknown stage in a local commitment": (
        _set(lambda d: d["offer"]["commitments"][0], "stage", "expecting"),
        "herefordshire.yaml: offer.commitments[1] ('expecting.health-appointments'): 'stage' "
        "must be one of before_parenthood,",
    ),
    "provider not among the partners": (
        _set(_programme, "provider", "Home Start"),
        "herefordshire.yaml: offer.programmes[1] ('baby-steps'): provider 'Home Start' is not "
        "one of the partners (Home-Start Herefordshire)",
    ),
    "duplicate weekday": (
        lambda d: d["council"]["office_hours"].append(
            {"day": "friday", "opens": "10:00", "closes": "12:00"}
        ),
        "herefordshire.yaml: council.office_hours[6] ('friday'): friday is already listed at "
        "council.office_hours[5]",
    ),
    "closes before opens": (
        _set(_friday, "closes", "08:00"),
        "herefordshire.yaml: council.office_hours[5] ('friday'): 'closes' (08:00) must be later "
        "than 'opens' (09:00)",
    ),
    "closes when it opens": (
        _set(_friday, "closes", "09:00"),
        "herefordshire.yaml: council.office_hours[5] ('friday'): 'closes' (09:00) must be later "
        "than 'opens' (09:00)",
    ),
    "time not HH:MM": (
        _set(_friday, "opens", "9am"),
        "herefordshire.yaml: council.office_hours[5] ('friday'): 'opens' must be a time on the "
        "24-hour clock written as HH:MM",
    ),
    "key clashing with the charter": (
        _set(lambda d: d["offer"]["commitments"][3], "key", "expecting.money"),
        "herefordshire.yaml: offer.commitments[4] ('expecting.money'): key 'expecting.money' is "
        "already a commitment of charter 1.0 (charter-1.0.yaml)",
    ),
    "repeated local key": (
        _set(lambda d: d["offer"]["commitments"][4], "key", "expecting.healthy-start"),
        "herefordshire.yaml: offer.commitments[5] ('expecting.healthy-start'): key "
        "'expecting.healthy-start' is already used by offer.commitments[2]",
    ),
    "wrong source document": (
        _set(
            lambda d: d["offer"]["commitments"][1],
            "source",
            {"document": "cascade-charter", "section": "Finally"},
        ),
        "herefordshire.yaml: offer.commitments[2] ('expecting.healthy-start'): 'source.document' "
        "must be 'herefordshire-local-offer'",
    ),
    "repeated programme slug": (
        lambda d: d["offer"]["programmes"].append(copy.deepcopy(_programme(d))),
        "herefordshire.yaml: offer.programmes[2] ('baby-steps'): slug 'baby-steps' is already "
        "used by offer.programmes[1]",
    ),
    "repeated partner": (
        lambda d: d["partners"].append({"name": "Home-Start Herefordshire"}),
        "herefordshire.yaml: partners[2] ('Home-Start Herefordshire'): name "
        "'Home-Start Herefordshire' is already used by partners[1]",
    ),
    "bad GSS code": (
        _set(lambda d: d["council"], "gss_code", "E0600001"),
        "herefordshire.yaml: council: 'gss_code' must be a GSS code: E, W, S or N followed by 8 "
        "digits",
    ),
    "GSS code of another nation": (
        _set(lambda d: d["council"], "gss_code", "W06000019"),
        "herefordshire.yaml: council: 'gss_code' 'W06000019' is a Welsh code (it starts with "
        "'W') but 'nation' is england",
    ),
    "bad telephone number": (
        _set(lambda d: d["council"], "duty_phone", "ring the office"),
        "herefordshire.yaml: council: 'duty_phone' must be a telephone number",
    ),
    "unknown charter version": (
        _set(lambda d: d["offer"], "charter_version", "9.9"),
        "herefordshire.yaml: offer: 'charter_version' is '9.9' but there is no charter-9.9.yaml",
    ),
    "age out of range": (
        _set(lambda d: d["offer"], "eligibility_age", 40),
        "herefordshire.yaml: offer: 'eligibility_age' must be between 18 and 30; got the number 40",
    ),
    "impossible status date": (
        _set(lambda d: d["offer"], "status_date", "2024-02-30"),
        "herefordshire.yaml: offer: 'status_date' must be a real date written as YYYY-MM-DD",
    ),
    "slug not matching the file name": (
        _set(lambda d: d["council"], "slug", "hereford"),
        "herefordshire.yaml: council: 'slug' is 'hereford' but the file is named "
        "'herefordshire.yaml'",
    ),
}


@pytest.mark.parametrize("change, message", BROKEN.values(), ids=BROKEN.keys())
def test_broken_herefordshire_file(tmp_path, change, message):
    data = _raw("herefordshire")
    change(data)
    with pytest.raises(CatalogueError) as caught:
        load_offer_file(_write(tmp_path, data))
    assert str(caught.value).startswith(message), str(caught.value)


def test_wales_without_welsh_required(tmp_path):
    data = _raw("cardiff")
    data["council"]["welsh_required"] = False
    with pytest.raises(CatalogueError) as caught:
        load_offer_file(_write(tmp_path, data, "cardiff.yaml"))
    assert str(caught.value) == (
        "cardiff.yaml: council: 'welsh_required' must be true when 'nation' is wales (councils "
        "in Wales must offer their services in Welsh); got false"
    )


def test_provider_with_no_partners_at_all(tmp_path):
    data = _raw("herefordshire")
    data["partners"] = []
    with pytest.raises(CatalogueError, match=r"\(the file lists no partners\)"):
        load_offer_file(_write(tmp_path, data))


def test_the_first_problem_in_the_file_is_reported(tmp_path):
    data = _raw("herefordshire")
    _programme(data)["support_forms"] = ["counselling"]
    data["offer"]["commitments"][5]["theme"] = "nursery"
    data["partners"][0]["website"] = "homestart"
    with pytest.raises(CatalogueError) as caught:
        load_offer_file(_write(tmp_path, data))
    assert str(caught.value).startswith(
        "herefordshire.yaml: partners[1] ('Home-Start Herefordshire'): 'website' must be a web "
        "address"
    )


def test_unquoted_time_is_explained(tmp_path):
    text = (DATA_DIR / "herefordshire.yaml").read_text(encoding="utf-8")
    text = text.replace('opens: "09:00", closes: "16:45"', 'opens: "09:00", closes: 16:45', 1)
    path = tmp_path / "herefordshire.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_offer_file(path)
    assert str(caught.value) == (
        "herefordshire.yaml: council.office_hours[5] ('friday'): 'closes' must be a time in "
        'quotes, such as "16:45"; got the number 1005 (YAML reads an unquoted time as a number '
        "of minutes)"
    )


def test_repeated_yaml_key_is_refused(tmp_path):
    text = (DATA_DIR / "cardiff.yaml").read_text(encoding="utf-8")
    text = text.replace("  slug: cardiff\n", "  slug: cardiff\n  slug: cardiff\n", 1)
    path = tmp_path / "cardiff.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"^cardiff\.yaml: YAML error at line \d+"):
        load_offer_file(path)


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "herefordshire.yaml: top level: the file is empty"),
        ("- a list\n", "herefordshire.yaml: top level: the file must hold a mapping"),
    ],
)
def test_empty_or_wrong_shape_file(tmp_path, content, message):
    path = tmp_path / "herefordshire.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_offer_file(path)
    assert str(caught.value).startswith(message)


def test_missing_file(tmp_path):
    with pytest.raises(CatalogueError, match=r"^nowhere\.yaml: file not found"):
        load_offer_file(tmp_path / "nowhere.yaml")
