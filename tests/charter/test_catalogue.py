"""The shipped charter catalogue, its schema and the loader's error messages.

Pure tests: no database and no Django settings are needed.
"""

import copy
import datetime
import json
import pathlib
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from parent_charter.charter.catalogue import (
    KEY_RE,
    MILESTONES,
    STAGES,
    THEMES,
    Bilingual,
    BilingualText,
    CatalogueError,
    CatalogueFile,
    CatalogueSpec,
    CommitmentModel,
    CommitmentSpec,
    SourceDocumentModel,
    SourceModel,
    default_catalogue_path,
    load_catalogue,
    schema,
    shipped_catalogues,
    validate_commitments,
)

# The section headings of the CASCADE charter, in the charter's order.
CHARTER_SECTIONS = (
    "Before you become a parent",
    "When you are expecting a child or become a parent",
    "Challenging stigma and discrimination",
    "If concerns are raised about parenting",
    "If you are living apart from children",
    "Finally",
)
CHARTER_TEXT = pathlib.Path("/work/shared/seeds/charter-cascade.txt")

FILE = "charter-1.0.yaml"


@pytest.fixture(scope="module")
def catalogue() -> CatalogueSpec:
    return load_catalogue(default_catalogue_path())


# --------------------------------------------------------------------------------------------
# The shipped catalogue


def test_shipped_file_loads(catalogue):
    assert catalogue.version == "1.0"
    assert catalogue.published == datetime.date(2021, 10, 1)
    assert catalogue.source_document_key == "cascade-charter"
    assert "CASCADE" in catalogue.source_document_title
    assert catalogue.title.en and catalogue.title.cy
    assert 25 <= len(catalogue.commitments) <= 40
    assert all(isinstance(c, CommitmentSpec) for c in catalogue.commitments)


def test_default_catalogue_is_among_shipped_ones():
    shipped = shipped_catalogues()
    assert default_catalogue_path() in shipped
    assert default_catalogue_path().name == "charter-1.0.yaml"
    for path in shipped:
        assert load_catalogue(path).version in path.name


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_has_a_commitment(catalogue, stage):
    assert catalogue.for_stage(stage), f"no commitment for stage {stage}"


def test_every_theme_is_used(catalogue):
    assert {c.theme for c in catalogue.commitments} == set(THEMES)


def test_stages_and_themes_are_known(catalogue):
    for c in catalogue.commitments:
        assert c.stage in STAGES
        assert c.theme in THEMES


def test_keys_are_unique_and_well_formed(catalogue):
    keys = [c.key for c in catalogue.commitments]
    assert len(keys) == len(set(keys))
    for key in keys:
        assert KEY_RE.fullmatch(key), key


def test_order_is_position_in_file(catalogue):
    assert [c.order for c in catalogue.commitments] == list(
        range(1, len(catalogue.commitments) + 1)
    )


def test_both_languages_filled_in(catalogue):
    for c in catalogue.commitments:
        for text in (c.title, c.wording):
            assert isinstance(text, Bilingual)
            assert text.en.strip() and text.cy.strip(), c.key
            assert text.en != text.cy, f"{c.key}: Welsh is a copy of the English"
        assert c.guidance.strip() and c.evidence.strip(), c.key


def test_titles_are_short_and_wording_speaks_to_the_parent(catalogue):
    for c in catalogue.commitments:
        assert len(c.title.en) <= 80 and len(c.title.cy) <= 80, c.key
        assert re.search(r"\bwe\b", c.wording.en, re.IGNORECASE), c.key
        assert re.search(r"\byou", c.wording.en, re.IGNORECASE), c.key
        assert "\n" not in c.wording.en and "\n" not in c.wording.cy, c.key


def test_bilingual_get_picks_the_language(catalogue):
    first = catalogue.commitments[0]
    assert first.title.get("cy") == first.title.cy
    assert first.title.get("cy-gb") == first.title.cy
    assert first.title.get("en") == first.title.en
    assert catalogue.get(first.key) is first
    with pytest.raises(KeyError):
        catalogue.get("no.such-key")


def test_every_charter_section_is_a_source(catalogue):
    sources = {c.source_section for c in catalogue.commitments}
    assert sources == set(CHARTER_SECTIONS)
    assert {c.source_document for c in catalogue.commitments} == {"cascade-charter"}


@pytest.mark.skipif(not CHARTER_TEXT.exists(), reason="charter source text not available")
def test_section_headings_are_quoted_exactly_from_the_charter():
    text = CHARTER_TEXT.read_text(encoding="utf-8")
    for heading in CHARTER_SECTIONS:
        assert heading in text, heading


def test_welsh_review_keys_exist(catalogue):
    keys = {c.key for c in catalogue.commitments}
    assert catalogue.welsh_review <= keys


# --------------------------------------------------------------------------------------------
# The schema


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(schema())
    assert {"commitment", "bilingual"} <= set(schema()["$defs"])


def test_schema_enums_match_python_constants():
    defs = schema()["$defs"]
    assert tuple(defs["stage"]["enum"]) == STAGES
    assert tuple(defs["theme"]["enum"]) == THEMES


def _fields_agree(model, definition: dict) -> None:
    fields = model.model_fields
    assert set(fields) == set(definition["properties"]), model.__name__
    required = {name for name, field in fields.items() if field.is_required()}
    assert required == set(definition["required"]), model.__name__


def test_the_loaders_models_and_the_published_schema_agree():
    defs = schema()["$defs"]
    _fields_agree(CatalogueFile, schema())
    _fields_agree(CommitmentModel, defs["commitment"])
    _fields_agree(SourceModel, defs["source"])
    _fields_agree(BilingualText, defs["bilingual"])
    _fields_agree(SourceDocumentModel, schema()["properties"]["source_document"])
    assert tuple(defs["commitment"]["properties"]["milestone"]["enum"]) == MILESTONES


def test_schema_rejects_text_with_a_trailing_newline():
    validator = Draft202012Validator(schema()["$defs"]["text"])
    assert validator.is_valid("We will help.")
    assert validator.is_valid("x")
    for bad in ("", " x", "x ", "x\n", "\nx", "\t"):
        assert not validator.is_valid(bad), repr(bad)


# --------------------------------------------------------------------------------------------
# Error messages


def _commitment(key: str, **changes) -> dict:
    entry = {
        "key": key,
        "stage": "expecting_or_parenting",
        "theme": "home_and_money",
        "title": {"en": "A place to live", "cy": "Lle i fyw"},
        "wording": {"en": "We will help you find a home.", "cy": "Byddwn ni'n eich helpu."},
        "guidance": "Check the home is suitable.",
        "evidence": "Date the home was checked.",
        "source": {"document": "cascade-charter", "section": "Finally"},
    }
    entry.update(changes)
    return entry


def _catalogue(**changes) -> dict:
    data = {
        "version": "1.0",
        "title": {"en": "Our charter", "cy": "Ein siarter"},
        "published": datetime.date(2021, 10, 1),
        "source_document": {"key": "cascade-charter", "title": "The charter"},
        "commitments": [_commitment(f"stage.item-{n}") for n in range(1, 9)],
    }
    data.update(changes)
    return data


def _write(tmp_path, data, name=FILE) -> pathlib.Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _error(tmp_path, data, name=FILE) -> str:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(_write(tmp_path, data, name))
    return str(info.value)


def test_minimal_valid_file_loads(tmp_path):
    spec = load_catalogue(_write(tmp_path, _catalogue(welsh_review=["stage.item-2"])))
    assert len(spec.commitments) == 8
    assert spec.welsh_review == frozenset({"stage.item-2"})
    assert spec.commitments[2].order == 3


def test_missing_field(tmp_path):
    data = _catalogue()
    del data["commitments"][2]["evidence"]
    assert _error(tmp_path, data) == (
        "charter-1.0.yaml: commitment 3 ('stage.item-3'): missing required field 'evidence'"
    )


def test_missing_nested_field(tmp_path):
    data = _catalogue()
    del data["commitments"][1]["title"]["cy"]
    assert _error(tmp_path, data) == (
        "charter-1.0.yaml: commitment 2 ('stage.item-2'): missing required field 'title.cy'"
    )


def test_bad_enum(tmp_path):
    data = _catalogue()
    data["commitments"][6] = _commitment("expecting.rights", stage="expecting")
    message = _error(tmp_path, data)
    assert message.startswith("charter-1.0.yaml: commitment 7 ('expecting.rights'): ")
    assert "'stage' must be one of before_parenthood, expecting_or_parenting," in message
    assert message.endswith("; got 'expecting'")


def test_bad_theme(tmp_path):
    data = _catalogue()
    data["commitments"][0]["theme"] = "housing"
    message = _error(tmp_path, data)
    assert message.startswith("charter-1.0.yaml: commitment 1 ('stage.item-1'): 'theme'")
    assert "health, home_and_money" in message and message.endswith("got 'housing'")


def test_duplicate_key(tmp_path):
    data = _catalogue()
    data["commitments"][3]["key"] = "a.b"
    data["commitments"][7]["key"] = "a.b"
    assert _error(tmp_path, data) == (
        "charter-1.0.yaml: commitment 8 ('a.b'): key 'a.b' is already used by commitment 4"
    )


def test_wrong_type(tmp_path):
    data = _catalogue()
    data["commitments"][4]["title"] = "A place to live"
    message = _error(tmp_path, data)
    assert message.startswith("charter-1.0.yaml: commitment 5 ('stage.item-5'): 'title' must be ")
    assert "(en, cy)" in message and message.endswith("got 'A place to live'")


def test_entry_that_is_not_a_mapping(tmp_path):
    data = _catalogue()
    data["commitments"][1] = "just a sentence"
    message = _error(tmp_path, data)
    assert message.startswith("charter-1.0.yaml: commitment 2: the entry must be a mapping")
    assert message.endswith("got 'just a sentence'")


def test_unknown_field(tmp_path):
    data = _catalogue()
    data["commitments"][0]["evidnce"] = "typo"
    message = _error(tmp_path, data)
    assert message.startswith("charter-1.0.yaml: commitment 1 ('stage.item-1'): ")
    assert "unknown field 'evidnce'" in message


def test_bad_key_pattern(tmp_path):
    data = _catalogue()
    data["commitments"][0]["key"] = "Stage One"
    message = _error(tmp_path, data)
    assert message.startswith("charter-1.0.yaml: commitment 1 ('Stage One'): 'key' must be ")
    assert "lowercase" in message


@pytest.mark.parametrize("text", ["", "  padded", "folded\n"])
def test_empty_or_padded_text(tmp_path, text):
    data = _catalogue()
    data["commitments"][5]["wording"]["cy"] = text
    message = _error(tmp_path, data)
    assert message.startswith("charter-1.0.yaml: commitment 6 ('stage.item-6'): 'wording.cy' ")
    assert "empty" in message


def test_title_too_long(tmp_path):
    data = _catalogue()
    data["commitments"][0]["title"]["en"] = "x" * 81
    assert _error(tmp_path, data).endswith("'title.en' must be at most 80 characters; got 81")


def test_source_document_must_match_the_file(tmp_path):
    data = _catalogue()
    data["commitments"][2]["source"]["document"] = "another-charter"
    message = _error(tmp_path, data)
    assert message.startswith("charter-1.0.yaml: commitment 3 ('stage.item-3'): ")
    assert "'source.document' must be 'cascade-charter'" in message
    assert message.endswith("got 'another-charter'")


def test_the_first_broken_entry_is_reported(tmp_path):
    data = _catalogue()
    data["commitments"][6]["stage"] = "nope"
    del data["commitments"][2]["guidance"]
    assert _error(tmp_path, data).startswith("charter-1.0.yaml: commitment 3 ('stage.item-3'): ")


def test_yaml_syntax_error(tmp_path):
    text = 'version: "1.0"\ntitle:\n  en: "Our charter\n  cy: [unclosed\n'
    message = _error(tmp_path, text)
    assert message.startswith("charter-1.0.yaml: YAML syntax error at line ")
    assert re.search(r"line \d+, column \d+: \S", message)


def test_yaml_repeated_field(tmp_path):
    text = yaml.safe_dump(_catalogue(), sort_keys=False).replace(
        "  stage: expecting_or_parenting\n",
        "  stage: expecting_or_parenting\n  stage: throughout\n",
        1,
    )
    message = _error(tmp_path, text)
    assert message.startswith("charter-1.0.yaml: YAML error at line ")
    assert message.endswith("field 'stage' appears more than once")


def test_missing_file(tmp_path):
    missing = tmp_path / "nowhere" / "charter-2.0.yaml"
    with pytest.raises(CatalogueError) as info:
        load_catalogue(missing)
    assert str(info.value) == f"charter-2.0.yaml: file not found ({missing})"


def test_missing_top_level_field(tmp_path):
    data = _catalogue()
    del data["version"]
    assert _error(tmp_path, data) == "charter-1.0.yaml: top level: 'version' is required"


def test_top_level_is_not_a_mapping(tmp_path):
    message = _error(tmp_path, "- one\n- two\n")
    assert message.startswith("charter-1.0.yaml: top level: the file must hold a mapping")
    assert message.endswith("got a list")


def test_empty_file(tmp_path):
    assert _error(tmp_path, "") == "charter-1.0.yaml: top level: the file is empty"


def test_unquoted_version(tmp_path):
    message = _error(tmp_path, _catalogue(version=1.0))
    assert message.startswith("charter-1.0.yaml: top level: 'version' must be text")
    assert "quotes" in message


def test_top_level_error_wins_over_entry_error(tmp_path):
    data = _catalogue(commitments=[_commitment("a.b", stage="nope")])
    del data["title"]
    assert _error(tmp_path, data) == "charter-1.0.yaml: top level: 'title' is required"


def test_no_commitments(tmp_path):
    message = _error(tmp_path, _catalogue(commitments=[]))
    assert message.startswith("charter-1.0.yaml: top level: 'commitments' must have at least 1")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-13-01", "'published' must be a real date written as YYYY-MM-DD"),
        ("1 October 2021", "'published' must be a real date written as YYYY-MM-DD"),
    ],
)
def test_bad_published_date(tmp_path, published, expected):
    message = _error(tmp_path, _catalogue(published=published))
    assert message.startswith(f"charter-1.0.yaml: top level: {expected}")


def test_impossible_yaml_date(tmp_path):
    text = yaml.safe_dump(_catalogue(), sort_keys=False).replace(
        "published: 2021-10-01", "published: 2021-02-30"
    )
    message = _error(tmp_path, text)
    assert message.startswith("charter-1.0.yaml: YAML error at line ")
    assert "'2021-02-30' is not a real date" in message


def test_welsh_review_must_name_a_commitment(tmp_path):
    message = _error(tmp_path, _catalogue(welsh_review=["stage.item-1", "no.such"]))
    assert message == (
        "charter-1.0.yaml: top level: 'welsh_review' item 2 ('no.such') is not the key of any "
        "commitment in this file"
    )


def test_version_must_match_file_name(tmp_path):
    message = _error(tmp_path, _catalogue(version="1.1"))
    assert message.startswith("charter-1.0.yaml: top level: 'version' is '1.1'")


# --------------------------------------------------------------------------------------------
# Reuse by local offers


def test_validate_commitments_for_a_local_offer():
    items = [_commitment("local.first-scan", source={"document": "hfd-offer", "section": "X"})]
    specs = validate_commitments(items, file_label="herefordshire.yaml")
    assert specs[0].key == "local.first-scan" and specs[0].order == 1
    assert specs[0].source_document == "hfd-offer"


def test_validate_commitments_reports_the_label_and_entry():
    items = [_commitment("local.a"), _commitment("local.b", theme="money")]
    with pytest.raises(CatalogueError) as info:
        validate_commitments(items, file_label="herefordshire.yaml")
    assert str(info.value).startswith("herefordshire.yaml: commitment 2 ('local.b'): 'theme'")


def test_validate_commitments_checks_the_source_document():
    items = [_commitment("local.a")]
    with pytest.raises(CatalogueError) as info:
        validate_commitments(items, file_label="offer.yaml", source_document="hfd-offer")
    assert "'source.document' must be 'hfd-offer'" in str(info.value)


def test_validate_commitments_needs_a_list():
    with pytest.raises(CatalogueError, match=r"^offer\.yaml: commitments must be a list"):
        validate_commitments({"key": "a"}, file_label="offer.yaml")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Property: whatever is in a field, the loader answers with a CatalogueError, never a crash.

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ["key", "stage", "theme", "title", "wording", "guidance", "evidence", "source"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(field=st.sampled_from(FIELDS), value=json_values)
def test_any_field_value_gives_a_clear_answer(field, value):
    entry = _commitment("stage.item-1")
    entry[field] = copy.deepcopy(value)
    try:
        specs = validate_commitments([entry], file_label="fuzz.yaml")
    except CatalogueError as exc:
        assert str(exc).startswith("fuzz.yaml: commitment 1")
        assert "ValidationError" not in str(exc)
    else:
        assert specs[0].key == entry["key"]


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40)
)
def test_text_is_accepted_exactly_when_trimmed(text):
    entry = _commitment("stage.item-1", guidance=text)
    if text == text.strip() and text:
        assert validate_commitments([entry], file_label="t.yaml")[0].guidance == text
    else:
        with pytest.raises(CatalogueError, match="'guidance'"):
            validate_commitments([entry], file_label="t.yaml")


def test_schema_file_is_json():
    path = default_catalogue_path().parent / "charter.schema.json"
    assert json.loads(path.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")
