"""Background work of the portal, run by the task worker (`manage.py db_worker`).

Emails are never sent inside a request. A link's email is a message of the messaging app,
sent by its worker, which makes the link's secret just before sending (portal.messages), so
the request that asked for it (and the task queue's stored arguments) never holds it.
"""

from django.tasks import task
from django_scopes import scope


@task
def handle_link_request(request_id: int) -> bool:
    """Deal with a request for a sign-in or reset link: a link and its email if the address has
    an active parent account, nothing otherwise. Run for every request that was not over its
    limit, so the page asking for a link does the same work either way."""
    from .services import link_for_request

    return link_for_request(request_id) is not None


@task
def escalate_council_challenges(council_id: int) -> int:
    """Pass the council's overdue challenges to its team managers. Safe to run twice."""
    from parent_charter.authorities.models import Council

    from .services_challenges import escalate_overdue

    with scope(council=council_id):
        return escalate_overdue(council=Council.objects.get(pk=council_id))
