"""The guard's rules file (data/guard-rules.yaml): read once, and a bad edit named clearly."""

import copy

import pytest
import yaml
from django.utils import translation

from parent_charter.childrens_services import guard
from parent_charter.childrens_services.guard import ruleset
from parent_charter.childrens_services.guard.messages import FAMILY_TEXTS

SHIPPED = yaml.safe_load(ruleset.RULES_FILE.read_text(encoding="utf-8"))


def write(tmp_path, data):
    path = tmp_path / "guard-rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_rules_are_what_the_guard_uses():
    fresh = ruleset.load(ruleset.RULES_FILE)
    assert [(c.family.key, c.pattern.pattern) for c in fresh.cues] == [
        (c.family.key, c.pattern.pattern) for c in guard.CUES
    ]
    assert fresh.threshold == guard.THRESHOLD == 3
    assert fresh.past_families == guard.PAST_FAMILIES
    assert guard.ROUTINE.key not in guard.PAST_FAMILIES
    assert set(guard.FAMILIES) == set(ruleset.ENGINE_FAMILIES)


def test_the_rules_are_read_once_per_process(monkeypatch):
    assert ruleset.rules() is ruleset.rules() is guard.RULES

    def no_reading(*args, **kwargs):
        raise AssertionError("the rules file was read again")

    monkeypatch.setattr(ruleset, "load", no_reading)
    monkeypatch.setattr(ruleset.yaml, "safe_load", no_reading)
    assert guard.check("She grew up in care so will struggle.").flagged


def test_a_family_names_its_translated_text_by_key():
    assert {f.key: f.title for f in guard.FAMILIES.values()} == {
        key: FAMILY_TEXTS[key].title for key in guard.FAMILIES
    }
    with translation.override("cy"):
        welsh = str(guard.CARE_HISTORY.title)
    assert welsh and welsh != str(guard.CARE_HISTORY.title)


def change(edit):
    data = copy.deepcopy(SHIPPED)
    edit(data)
    return data


BAD_EDITS = {
    "broken regex": (
        lambda d: d["cues"][3].update(pattern="\\bin\\s+(care"),
        "cues[3] (care-history): not a regular expression",
    ),
    "unknown family": (
        lambda d: d["cues"][0].update(family="care-histroy"),
        "cues[0]: family 'care-histroy' is not one of",
    ),
    "misspelt field": (
        lambda d: d["cues"][2].update(check_subject=True),
        "cues[2] (care-history): unknown fields ['check_subject']",
    ),
    "unknown fragment": (
        lambda d: d["cues"][1].update(pattern="\\bin\\s+{{care_knd}}care\\b"),
        "cues[1] (care-history): unknown fragment {{care_knd}}",
    ),
    "subject check without a subject": (
        lambda d: d["cues"][2].update(pattern="\\bwas\\s+in\\s+care\\b"),
        'cues[2] (care-history): checks_subject needs a group named "subj"',
    ),
    "pattern matching nothing at all": (
        lambda d: d["negations"].__setitem__(1, "(?:not)?"),
        "negations[1]: the pattern matches empty text",
    ),
    "text not in messages.py": (
        lambda d: d["families"][4].update(messages="reasons"),
        "families[4] (reasoning): messages 'reasons' is not a key of guard/messages.py",
    ),
    "family the engine needs": (
        lambda d: d.__setitem__("families", d["families"][:-1]),
        "families: the engine needs these families: ['past-record']",
    ),
    "weight that is not a number": (
        lambda d: d["families"][0].update(weight="3"),
        "families[0] (care-history): weight must be a whole number",
    ),
    "word list that is not words": (
        lambda d: d["words"].update(not_the_parent=["baby", "child"]),
        "words.not_the_parent: must be words separated by spaces",
    ),
    "missing section": (
        lambda d: d.pop("current_event"),
        "current_event: missing",
    ),
}


@pytest.mark.parametrize("name", list(BAD_EDITS))
def test_a_bad_rules_file_is_refused_naming_the_entry(tmp_path, name):
    edit, message = BAD_EDITS[name]
    path = write(tmp_path, change(edit))
    with pytest.raises(ruleset.GuardRulesError) as error:
        ruleset.load(path)
    assert str(error.value).startswith("guard-rules.yaml, "), str(error.value)
    assert message in str(error.value)


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "guard-rules.yaml"
    path.write_text("cues: [unclosed\n", encoding="utf-8")
    with pytest.raises(ruleset.GuardRulesError, match="guard-rules.yaml: not YAML"):
        ruleset.load(path)


def test_the_shipped_file_written_back_out_reads_the_same(tmp_path):
    # The same rules through another YAML writer: nothing in the file depends on its layout.
    again = ruleset.load(write(tmp_path, SHIPPED))
    assert [c.pattern.pattern for c in again.cues] == [c.pattern.pattern for c in guard.CUES]
    assert again.current_event.pattern == guard.CURRENT_EVENT.pattern
    assert again.other_people == guard.OTHER_PEOPLE
