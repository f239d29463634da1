"""The "links" section of a parent's page: the timeline, the audit trail, changing adviser.

Registered by this app's AppConfig.ready().
"""

LINK_PERMISSIONS = {
    "timeline": "parents.view_timeline",
    "audit_trail": "audit.view_trail",
    "reassign": "parents.reassign_parent",
}


def links_context(request, parent) -> dict:
    """Which links this user may follow. No queries: permissions come from cached roles."""
    allowed = {key: request.user.has_perm(perm) for key, perm in LINK_PERMISSIONS.items()}
    return {"parent": parent, "links": allowed, "any_link": any(allowed.values())}
