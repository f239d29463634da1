"""Ceri, Herefordshire's council administrator, opens the demo's research agreement (a
university evaluating Baby Steps), sees its export built by the worker, sends the agreement
form empty and reads the error summary, then records a second agreement, in English and then
in Welsh; a Herefordshire parent objects to research use in the portal and withdraws it. In
real Chromium with axe-core on every page."""

import datetime
import re

import pytest
from django.utils import timezone

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import HEREFORDSHIRE_PARENT, fill_date, sign_in, sign_in_as_parent, use_language

pytestmark = pytest.mark.browser


WORDS = {
    "en": {
        "list": "Research exports",
        "add": "Record a data-sharing agreement",
        "problem": "There is a problem",
        "article_6": "Article 6(1)(e): a task in the public interest or official authority",
        "article_9": "Article 9(2)(j): archiving, scientific or historical research, or statistics",
        "field": "Referrals to partner services and programmes",
        "save": "Record the agreement",
        "saved": "Data-sharing agreement recorded",
    },
    "cy": {
        "list": "Allforion ymchwil",
        "add": "Cofnodi cytundeb rhannu data",
        "problem": "Mae problem wedi codi",
        "article_6": "Erthygl 6(1)(e): tasg er budd y cyhoedd neu awdurdod swyddogol",
        "article_9": "Erthygl 9(2)(j): archifo, ymchwil wyddonol neu hanesyddol, neu ystadegau",
        "field": "Atgyfeiriadau i wasanaethau a rhaglenni partner",
        "save": "Cofnodi'r cytundeb",
        "saved": "Cytundeb rhannu data wedi'i gofnodi",
    },
}


def _record_an_agreement(page, live_server, language, axe):
    words = WORDS[language]
    page.goto(f"{live_server.url}/staff/research/")
    assert page.locator("h1").inner_text() == words["list"]
    page.get_by_role("link", name=words["add"]).click()
    page.wait_for_url(re.compile(r"/staff/research/agreements/add/$"))
    check_accessibility(page, failures=axe)
    page.get_by_role("button", name=words["save"]).click()
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=axe)
    page.fill("input[name=organisation]", f"Evaluation team ({language})")
    page.fill("textarea[name=purpose]", "Does Baby Steps help parents?")
    page.get_by_label(words["article_6"]).check()
    page.get_by_label(words["article_9"]).check()
    page.fill("textarea[name=lawful_basis_detail]", "DPA 2018 Schedule 1 paragraph 4.")
    page.get_by_label(words["field"]).check()
    today = timezone.localdate()
    fill_date(page, "starts_on", today)
    fill_date(page, "ends_on", today + datetime.timedelta(days=200))
    page.select_option("select[name=approver]", label="Ceri Lloyd")
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_url(re.compile(r"/staff/research/agreements/[0-9a-f-]{36}/$"))
    assert words["saved"] in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)


def test_research_exports_in_english_and_welsh(page, new_page, live_server):
    seed_demo()
    axe = []
    sign_in(page, live_server, "ceri@herefordshire.demo")
    page.get_by_role("link", name="Research exports").click()
    page.wait_for_url(re.compile(r"/staff/research/$"))
    check_accessibility(page, failures=axe)

    # The demo's agreement: its export was built by the worker, and Ceri may download it.
    page.get_by_role("link", name="University of the Marches, Family Research Unit").click()
    page.wait_for_url(re.compile(r"/staff/research/agreements/[0-9a-f-]{36}/$"))
    main = page.locator("main").inner_text()
    assert "Ready" in main
    assert "File 2: events and outcomes, for the researchers" in main
    check_accessibility(page, failures=axe)

    _record_an_agreement(page, live_server, "en", axe)
    use_language(page, live_server, "cy")
    _record_an_agreement(page, live_server, "cy", axe)

    # A parent objects in the portal, then changes her mind.
    parent = new_page()
    sign_in_as_parent(parent, live_server, HEREFORDSHIRE_PARENT, axe=axe)
    parent.get_by_role("link", name="Read about research and choose").click()
    parent.wait_for_url(re.compile(r"/my/research/$"))
    check_accessibility(parent, failures=axe)
    parent.get_by_role("button", name="Do not use my records for research").click()
    parent.wait_for_url(re.compile(r"/my/research/$"))
    assert "You are left out of every research export." in parent.locator("main").inner_text()
    check_accessibility(parent, failures=axe)
    parent.get_by_role("button", name="I am happy for my records to be used").click()
    parent.wait_for_url(re.compile(r"/my/research/$"))
    assert "Your objection is withdrawn." in parent.locator("main").inner_text()
    assert_no_failures(axe)
