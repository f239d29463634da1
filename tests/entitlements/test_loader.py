"""Loading the entitlements data file: validation with clear messages, and idempotence."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from parent_charter.charter.catalogue import CatalogueError
from parent_charter.entitlements.catalogue import DATA_FILE, load_file
from parent_charter.entitlements.models import Entitlement, EntitlementAmount, WayToQualify
from parent_charter.entitlements.services import load_entitlements_file

GOOD_RULE = """\
  - key: test-grant
    nations: [england]
    name: {en: Test grant, cy: Grant prawf}
    summary: {en: Money for tests., cy: Arian ar gyfer profion.}
    how_to_claim: {en: Ask., cy: Gofynnwch.}
    discretionary: false
    applies_from: 2025-04-06
    last_checked: 2026-11-01
    needs_checking: false
    sources:
      - {title: A source, url: "https://example.org/grant"}
    amounts:
      - value: "10.50"
        unit: gbp
        period: per_week
        from: 2025-04-06
        for: {en: each week, cy: bob wythnos}
    ways:
      - age: {min: 16, max: 24}
"""


def write(tmp_path, rules_text, name="entitlements.yaml"):
    path = tmp_path / name
    path.write_text("schema_version: 1\nrules:\n" + rules_text, encoding="utf-8")
    return path


def test_the_shipped_file_is_valid_and_every_rule_has_welsh_and_a_source():
    rules = load_file(DATA_FILE)
    assert len(rules) >= 20
    for rule in rules:
        assert rule.name.cy and rule.summary.cy and rule.how_to_claim.cy
        assert rule.sources
        for amount in rule.amounts:
            assert amount.applies_to.cy


def test_loading_twice_adds_nothing_twice(db):
    first = load_entitlements_file()
    assert first.created == Entitlement.objects.count() > 20
    counts = (EntitlementAmount.objects.count(), WayToQualify.objects.count())
    second = load_entitlements_file()
    assert (second.created, second.updated, second.retired) == (0, 0, 0)
    assert second.unchanged == first.created
    assert (EntitlementAmount.objects.count(), WayToQualify.objects.count()) == counts


def test_a_changed_rule_is_updated_and_a_removed_one_retired(db, tmp_path):
    path = write(tmp_path, GOOD_RULE)
    assert load_entitlements_file(path).created == 1
    changed = write(tmp_path, GOOD_RULE.replace('"10.50"', '"11.00"'))
    assert load_entitlements_file(changed).updated == 1
    amount = EntitlementAmount.objects.get(entitlement__key="test-grant")
    assert str(amount.value) == "11.00"

    other = GOOD_RULE.replace("test-grant", "other-grant")
    result = load_entitlements_file(write(tmp_path, other))
    assert (result.created, result.retired) == (1, 1)
    assert Entitlement.objects.get(key="test-grant").retired


def test_the_command_reports_what_it_did(db):
    out = io.StringIO()
    call_command("load_entitlements", stdout=out)
    assert "added" in out.getvalue() and "0 retired" in out.getvalue()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('"10.50"', "10.50"),
            "rule 1 ('test-grant'): amount 1: 'value' must be written in quotes",
        ),
        (
            ("nations: [england]", "nations: [englnd]"),
            "'nations item 1' must be one of england, wales, scotland, northern_ireland; "
            "got 'englnd'",
        ),
        (("cy: Grant prawf", "cy: ''"), "rule 1 ('test-grant'): 'name.cy' must not be empty"),
        (
            ("needs_checking: false", "needs_checking: true"),
            "so say in 'checking' what must be confirmed",
        ),
        (
            ("period: per_week", "period: weekly"),
            "rule 1 ('test-grant'): amount 1: 'period' must be one of one_off",
        ),
        (
            ("age: {min: 16, max: 24}", "age: {min: 24, max: 16}"),
            "way 1: age.min (24) is more than",
        ),
        (
            ("age: {min: 16, max: 24}", "situation: child"),
            "situation 'child' needs child_age.max",
        ),
        (("last_checked: 2026-11-01", "last_checked: 2099-01-01"), "is in the future"),
        (("last_checked: 2026-11-01", "last_checked: 2026-02-30"), "is not a real date"),
        (
            ('url: "https://example.org/grant"', "url: example"),
            "source 1: 'url' must be a web address",
        ),
        (
            ("discretionary: false", "discretionary: false\n    colour: blue"),
            "rule 1 ('test-grant'): unknown field 'colour'",
        ),
        (
            ("discretionary: false", "discretionary: false\n    discretionary: true"),
            "'discretionary' appears more than once",
        ),
        (
            ("    ways:\n      - age: {min: 16, max: 24}\n", ""),
            "rule 1 ('test-grant'): missing required field 'ways'",
        ),
    ],
)
def test_mistakes_are_reported_with_the_rule_and_field(tmp_path, change, message):
    old, new = change
    assert old in GOOD_RULE
    path = write(tmp_path, GOOD_RULE.replace(old, new))
    with pytest.raises(CatalogueError) as error:
        load_file(path, today=datetime.date(2026, 11, 23))
    assert str(error.value).startswith("entitlements.yaml: ")
    assert message in str(error.value)


def test_a_key_used_twice_is_refused(tmp_path):
    path = write(tmp_path, GOOD_RULE + GOOD_RULE)
    with pytest.raises(
        CatalogueError,
        match="rule 2 \\('test-grant'\\): key 'test-grant' is already used by rule 1",
    ):
        load_file(path, today=datetime.date(2026, 11, 23))


def test_a_broken_file_leaves_the_loaded_rules_alone(db, tmp_path):
    load_entitlements_file()
    before = Entitlement.objects.count()
    broken = write(tmp_path, GOOD_RULE.replace("key: test-grant", "key: Not A Key"))
    with pytest.raises(CommandError, match="'key' must be lower-case words"):
        call_command("load_entitlements", str(broken), stdout=io.StringIO())
    assert Entitlement.objects.filter(retired=False).count() == before
