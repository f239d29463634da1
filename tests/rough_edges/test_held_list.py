"""Held referrals to children's services can be told apart in the managers' list, even when
the same adviser made two for the same parent on the same day."""

import re

from django_scopes import scope

from tests.childrens_services.factories import ReferralFactory

TAGS = re.compile(r"<[^>]+>")


def row_texts(body: str) -> list[str]:
    tbody = body[body.index('<tbody class="govuk-table__body">') : body.index("</tbody>")]
    rows = tbody.split('<tr class="govuk-table__row">')[1:]
    return [" ".join(TAGS.sub(" ", row).split()) for row in rows]


def test_two_held_referrals_for_one_parent_read_differently(
    client_for, pa, manager, hillford, hillford_parent
):
    with scope(council=hillford.pk):
        first = ReferralFactory(parent=hillford_parent, created_by=pa, status="held")
        second = ReferralFactory(parent=hillford_parent, created_by=pa, status="held")
    body = client_for(manager).get("/staff/safeguarding/").content.decode()
    texts = row_texts(body)
    assert len(texts) == 2
    assert texts[0] != texts[1], texts
    for referral in (first, second):
        assert f"Reference {str(referral.public_id)[:8].upper()}" in body
