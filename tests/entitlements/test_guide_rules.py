"""The guide's answers for the people the issue names, with reasons, and its wording."""

import datetime

import pytest
from django.utils import translation

from parent_charter.entitlements.services import assess_all, guide_for

from .conftest import TODAY


def by_key(matches):
    return {match.key: match for match in matches}


@pytest.fixture
def expectant_mother_17_england(rules):
    """A 17-year-old in care in England, pregnant with her first baby, on no benefits."""
    with translation.override("en"):
        return by_key(
            assess_all(
                nation="england",
                age=17,
                pregnant=True,
                child_ages=[],
                benefits=[],
                care_status="in_care",
                parent_kind="mother",
                today=TODAY,
            )
        )


@pytest.fixture
def father_22_wales(rules):
    """A 22-year-old care leaver in Wales on Universal Credit, whose partner is pregnant."""
    with translation.override("en"):
        return by_key(
            assess_all(
                nation="wales",
                age=22,
                pregnant=False,
                partner_pregnant=True,
                child_ages=[],
                benefits=["universal_credit"],
                care_status="care_leaver",
                parent_kind="father",
                today=TODAY,
            )
        )


def applying(results):
    return {key for key, match in results.items() if match.applies}


def test_a_17_year_old_expectant_mother_in_england(expectant_mother_17_england):
    results = expectant_mother_17_england
    assert applying(results) == {
        "healthy-start",
        "maternity-allowance",
        "statutory-maternity-pay",
        "nhs-maternity-exemption",
        "bursary-16-19-vulnerable",
        "apprenticeship-care-leavers-bursary",
    }
    # Healthy Start: the under-18 way needs no benefit.
    assert "You are 17, and it is for people aged 17 or under." in results["healthy-start"].why
    assert "You are pregnant." in results["healthy-start"].why
    assert "You are in care." in results["bursary-16-19-vulnerable"].why

    # And what does not apply, with the reason.
    assert results["sure-start-maternity-grant"].why == [
        "You would need to get one of these: Universal Credit, Income Support, income-based "
        "Jobseeker's Allowance, income-related Employment and Support Allowance."
    ]
    assert results["universal-credit"].why == ["It is for people aged 18 to 24, and you are 17."]
    assert results["child-benefit"].why == ["You may be able to get it once your baby is born."]
    assert results["care-to-learn"].why == ["You may be able to get it once your baby is born."]
    assert results["statutory-paternity-pay"].why == [
        "It is for people whose partner is expecting a baby."
    ]
    assert results["setting-up-home-allowance"].why == [
        "It is for young people who have left care."
    ]
    assert results["flying-start"].why == ["It is only available in Wales."]


def test_a_22_year_old_father_in_wales(father_22_wales):
    results = father_22_wales
    assert applying(results) == {
        "sure-start-maternity-grant",
        "universal-credit",
        "statutory-paternity-pay",
        "higher-education-bursary-wales",
        "st-davids-day-fund",
        "council-tax-exemption-care-leavers-wales",
        "discretionary-assistance-fund",
    }
    grant = results["sure-start-maternity-grant"]
    assert grant.why == [
        "Your partner is expecting a baby.",
        "It is for a first child, and you have no other child under 16.",
        "You get Universal Credit.",
    ]
    assert [line.text for line in grant.amounts] == ["£500, paid once"]
    assert results["universal-credit"].why == ["You are 22, and it is for people aged 18 to 24."]
    assert [line.text for line in results["universal-credit"].amounts] == [
        "£338.58 a month",
        "£528.34 a month",
    ]

    assert results["maternity-allowance"].why == ["It is for people who are pregnant."]
    assert results["healthy-start"].why == ["You may be able to get it once your baby is born."]
    assert results["when-i-am-ready"].why == ["It is for people aged 18 to 20, and you are 22."]
    assert results["education-maintenance-allowance-wales"].why == [
        "It is for people aged 16 to 18, and you are 22."
    ]
    assert results["care-to-learn"].why == ["It is only available in England."]


def test_rules_marked_for_checking_are_never_stated_as_confirmed(
    expectant_mother_17_england, father_22_wales
):
    assert not expectant_mother_17_england["healthy-start"].confirmed
    assert not father_22_wales["st-davids-day-fund"].confirmed
    assert expectant_mother_17_england["statutory-maternity-pay"].confirmed
    # A confirmed rule can still have an amount awaiting confirmation.
    ema = father_22_wales["education-maintenance-allowance-wales"]
    assert ema.confirmed and ema.amounts_unconfirmed


def test_amounts_in_force_on_the_day_and_the_next_announced(rules):
    def child_benefit(today):
        with translation.override("en"):
            matches = by_key(
                guide_for(
                    nation="england",
                    age=20,
                    pregnant=False,
                    child_ages=[1],
                    benefits=[],
                    care_status="care_leaver",
                    today=today,
                )
            )
        return [(line.text, line.upcoming) for line in matches["child-benefit"].amounts]

    assert child_benefit(datetime.date(2026, 1, 10)) == [
        ("£26.05 a week", False),
        ("£27.05 a week", True),
        ("£17.25 a week", False),
        ("£17.90 a week", True),
    ]
    assert child_benefit(TODAY) == [("£27.05 a week", False), ("£17.90 a week", False)]


def test_a_first_child_only_grant_is_not_offered_for_a_second_child(rules):
    with translation.override("en"):
        results = by_key(
            assess_all(
                nation="england",
                age=21,
                pregnant=True,
                child_ages=[3],
                benefits=["universal_credit"],
                care_status="care_leaver",
                today=TODAY,
            )
        )
    assert results["sure-start-maternity-grant"].why == [
        "It is usually only for a first child, and you have another child under 16."
    ]
    assert results["healthy-start"].applies  # pregnant and on Universal Credit
    assert results["child-benefit"].why == ["You have a child aged 3."]


def test_unknown_benefits_are_said_as_something_also_needed(rules):
    with translation.override("en"):
        results = by_key(
            guide_for(
                nation="wales",
                age=19,
                pregnant=True,
                child_ages=[],
                benefits=None,
                care_status="care_leaver",
                today=TODAY,
            )
        )
    grant = results["sure-start-maternity-grant"]
    assert grant.also_needed[0].startswith("You need to get one of these: Universal Credit")


def test_the_guide_in_welsh(rules):
    with translation.override("cy"):
        results = by_key(
            assess_all(
                nation="wales",
                age=22,
                pregnant=False,
                partner_pregnant=True,
                child_ages=[],
                benefits=["universal_credit"],
                care_status="care_leaver",
                today=TODAY,
            )
        )
        grant = results["sure-start-maternity-grant"]
        assert grant.name == "Grant Mamolaeth Cychwyn Cadarn"
        assert "Mae eich partner yn disgwyl babi." in grant.why
        assert [line.text for line in grant.amounts] == ["£500, wedi'i dalu unwaith"]
        assert results["when-i-am-ready"].why == [
            "Mae ar gyfer pobl rhwng 18 a 20 oed, ac rydych chi'n 22 oed."
        ]
