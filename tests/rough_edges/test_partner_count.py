"""A partner worker's start page and list agree: the start page says what its number counts
(those waiting for an answer), and the list says how many of all its rows those are."""

import html

from django_scopes import scope

from tests.factories import ParentFactory
from tests.partner_referrals.factories import ReferralFactory


def test_start_page_count_matches_the_list(client_for, partner_worker, hillford):
    organisation = partner_worker.partner_organisation
    with scope(council=hillford.pk):
        for status in ("sent", "sent", "received", "received", "accepted", "declined", "ended"):
            ReferralFactory(
                parent=ParentFactory(council=hillford), organisation=organisation, status=status
            )
    client = client_for(partner_worker)
    start = html.unescape(client.get("/staff/").content.decode())
    assert "4 waiting for an answer" in start
    listing = html.unescape(client.get("/staff/referrals/partner/").content.decode())
    assert "7 referrals" in listing
    assert "4 of 7 are waiting for your answer." in listing
