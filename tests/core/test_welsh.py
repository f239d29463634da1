"""Welsh: council names in Welsh, mutation after "ar", and the list of phrases kept for a Welsh
speaker's review (docs/welsh-review.md)."""

import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from parent_charter.core.welsh import on_day, soft_mutation
from parent_charter.directory.opening import OpeningState, describe_change
from tests.factories import CouncilFactory
from tests.test_operations import welsh_catalogues

REVIEW = Path(settings.BASE_DIR) / "docs" / "welsh-review.md"


@pytest.mark.parametrize(
    ("radical", "mutated"),
    [
        ("Caerdydd", "Gaerdydd"),
        ("cyngor", "gyngor"),
        ("Pen-y-bont", "Ben-y-bont"),
        ("Torfaen", "Dorfaen"),
        ("Gwynedd", "Wynedd"),
        ("Bangor", "Fangor"),
        ("dydd", "ddydd"),
        ("Llanelli", "Lanelli"),
        ("Merthyr", "Ferthyr"),
        ("Rhondda", "Rondda"),
        ("Abertawe", "Abertawe"),
        ("Sir", "Sir"),
    ],
)
def test_soft_mutation(radical, mutated):
    assert soft_mutation(radical) == mutated


def test_a_day_after_ar_mutates_in_welsh_only():
    assert on_day("Dydd Llun 7 Rhagfyr", "cy") == "ddydd Llun 7 Rhagfyr"
    assert on_day("Dydd Gwener", "cy") == "ddydd Gwener"
    assert on_day("Monday 7 December", "en") == "Monday 7 December"


def test_the_directory_says_ar_ddydd_llun():
    friday_evening = datetime.datetime(2026, 12, 4, 18, 0)
    state = OpeningState(open_now=False, next_change=datetime.datetime(2026, 12, 7, 9, 0))
    with translation.override("cy"):
        text = describe_change(state, friday_evening)
    assert "ar ddydd Llun 7 Rhagfyr" in text
    assert "Dydd" not in text
    with translation.override("en"):
        assert "on Monday 7 December" in describe_change(state, friday_evening)


def test_councils_show_their_welsh_name_on_welsh_pages(client, db):
    council = CouncilFactory(
        name="Cardiff Council",
        name_cy="Cyngor Caerdydd",
        slug="cardiff",
        nation="wales",
        welsh_required=True,
        gss_code="W06000015",
    )
    with translation.override("cy"):
        assert str(council) == "Cyngor Caerdydd"
    with translation.override("en"):
        assert str(council) == "Cardiff Council"
    english_only = CouncilFactory(name="Hillford Council", slug="hillford")
    with translation.override("cy"):
        assert str(english_only) == "Hillford Council"


def test_the_portal_count_of_things_to_come_reads_clearly_in_welsh():
    catalogue = polib.pofile(
        str(Path(settings.PACKAGE_DIR) / "portal" / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    )
    [entry] = [e for e in catalogue if e.msgid == "%(counter)s thing is still to come."]
    assert all("eto i ddod" in text for text in entry.msgstr_plural.values())
    assert not any("o hyd" in text for text in entry.msgstr_plural.values())


def test_every_fuzzy_string_is_listed_for_review():
    listed = REVIEW.read_text(encoding="utf-8")
    missing = [
        f"{path.parent.parent.parent.parent.name}: {entry.msgid}"
        for path in welsh_catalogues()
        for entry in polib.pofile(str(path)).fuzzy_entries()
        if entry.msgid not in listed
    ]
    assert not missing, f"Add these to docs/welsh-review.md: {missing}"


def test_synthetic_welsh_councils_have_a_welsh_name(db):
    import io

    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from parent_charter.authorities.models import Council

    call_command(
        "generate_synthetic",
        councils=10,
        parents=10,
        seed=5,
        no_progress=True,
        stdout=io.StringIO(),
    )
    with scopes_disabled():
        welsh = list(Council.objects.filter(nation="wales", slug__startswith="synthetic-5-"))
        english = list(Council.objects.filter(nation="england", slug__startswith="synthetic-5-"))
    assert welsh and english
    for council in welsh:
        assert council.name_cy == "Cyngor " + council.name.removesuffix(" Council")
    assert all(council.name_cy == "" for council in english)
