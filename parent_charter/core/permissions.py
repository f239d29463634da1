"""Every view names what it needs: `@requires("perm")` for staff pages, `@public` for open ones.

The access test (tests/test_access_matrix.py) walks the URLconf and fails for any view that
carries neither marker, so no page can be added without saying who may see it.
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction


def requires(permission: str):
    """Refuse (403, audited) unless the signed-in user holds the named django-rules permission."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                _record_denial(request, permission)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator


def public(view):
    """Open to everyone, signed in or not. Such views must show no personal data."""
    view = login_not_required(view)
    view.is_public = True
    return view


def _record_denial(request, permission: str) -> None:
    from parent_charter.audit import services as audit

    user = request.user
    if not user.is_authenticated:
        return
    with transaction.atomic():
        audit.record(
            actor=user,
            council=user.council,
            action="access.denied",
            detail={"permission": permission, "view": request.resolver_match.view_name},
        )
