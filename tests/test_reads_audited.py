"""Every page that shows personal data writes its read to the audit trail.

A sweep over every page of the access matrix that answers GET: each member of the cast who may
use it opens it, with records about Jamie Rivers (Hillford's parent) in every area and a staff
notification naming them; if the page shows Jamie's name, that request must have written an
audit event. A new page that shows a parent without recording the read fails here.
"""

import pytest
from django_scopes import scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.notifications.models import StaffNotification
from tests.sweep_world import *  # noqa: F403 - the sweeps' shared world (its fixtures)
from tests.test_access_matrix import MATRIX, _request

PAGES = sorted(
    name
    for name, (kind, _allowed, options) in MATRIX.items()
    if kind != "public" and options.get("method") != "post"
)


@pytest.fixture
def named_everywhere(cast, hillford, hillford_parent, targets):
    """A notification naming Jamie for every member of Hillford's staff."""
    with scopes_disabled():
        for user in cast.values():
            if user.council_id == hillford.pk:
                StaffNotification.objects.create(
                    council=hillford,
                    recipient=user,
                    kind="portal.challenge_raised",
                    params={"parent": hillford_parent.display_name},
                )
    return targets


@pytest.mark.parametrize("name", PAGES)
def test_a_page_that_shows_a_parent_records_the_read(
    name, cast, parent_user, client_for, hillford_parent, named_everywhere
):
    _kind, allowed, options = MATRIX[name]
    people = {**cast, "parent": parent_user}
    for who in sorted(allowed - {"other_pa"}):
        client = client_for(people[who])
        before = AuditEvent.objects.count()
        response = _request(client, name, options, named_everywhere)
        if response.status_code != 200 or "streaming_content" in response.__dict__:
            continue
        body = response.content.decode(errors="replace")
        if hillford_parent.family_name in body or hillford_parent.given_name in body:
            assert AuditEvent.objects.count() > before, f"{who} read {name} without an audit row"
