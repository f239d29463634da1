"""The council's own commitments to every parent are listed on its offer page as the council's,
apart from the promises to each parent (issue 14, item 16)."""

import html

import pytest

from parent_charter.charter.models import Commitment


@pytest.fixture
def demo(demo_seeded_once, db):
    """The seeded demo (seeded once for this module, see tests/conftest.py)."""


def test_the_offer_page_lists_them_as_the_councils_own(client, demo):
    body = html.unescape(client.get("/councils/herefordshire/").content.decode())
    section = body[body.index('id="council-commitments"') :]
    section = section[: section.index('id="programmes"')]
    assert "What we do for every parent" in section
    assert "They are not a task on your plan" in section
    council_wide = list(Commitment.objects.filter(council_wide=True))
    assert len(council_wide) == 2
    for commitment in council_wide:
        assert commitment.title_en in section
        assert body.count(commitment.title_en) == 1  # not also among the stage's promises
    assert 'href="#council-commitments"' in body


def test_in_welsh(client, demo):
    client.post("/i18n/set-language/", {"language": "cy", "next": "/"})
    body = html.unescape(client.get("/councils/cardiff/").content.decode())
    assert "Beth rydyn ni'n ei wneud i bob rhiant" in body
    assert "Gwirio sut rydyn ni'n gwneud" in body
