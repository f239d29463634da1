"""Which parent record the signed-in parent is: every portal page starts here, the portal's own
and those other apps serve to parents under /my/. Kept in parents, which they all build on, so
those apps need not import the portal.

Portal pages never take a parent's identifier from the URL: the parent is always the one joined
to the signed-in account, so one parent cannot reach another's record. Records a portal page
names in its URL (a plan item, a referral) must be fetched through this parent
(`Thing.objects.get(public_id=..., parent=parent)`), so anyone else's is a 404.
"""

from parent_charter.core.pages import or_404
from parent_charter.parents.models import Parent


def current_parent(request) -> Parent:
    """The signed-in parent's record (scoped to their council), or 404 if none is joined."""
    cached = getattr(request, "_portal_parent", None)
    if cached is not None:
        return cached
    parents = Parent.objects.select_related("council", "personal_adviser")
    parent = or_404(parents.get, portal_account__user=request.user)
    request._portal_parent = parent
    return parent
