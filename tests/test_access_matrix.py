"""Every URL in the URLconf, for every member of the cast: who gets in, who gets 403 or 404.

Addresses of the case-records API ("api-token") answer 401 to everyone here, signed in or
not: only a client's token opens them, and tests/caseapi checks what a token reaches.

Adding a URL without adding it here fails `test_every_url_is_in_the_matrix`, so no page can
slip past the role and council checks. Views must also declare who may use them.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import EVERYONE, STAFF, collected_rows
from tests.sweep_world import *  # noqa: F403 - the sweeps' shared world (its fixtures)

COUNCIL_STAFF = STAFF - {"coordinator"}

# url name -> (what it needs, who may use it on Hillford's records, how to reach it)
MATRIX = {
    "core:home": ("public", EVERYONE, {}),
    "core:health": ("public", EVERYONE, {}),
    "set_language": ("public", EVERYONE, {}),
    "accounts:login": ("public", EVERYONE, {}),
    "accounts:logout": ("public", EVERYONE, {"method": "post"}),
    "accounts:two_factor": ("signed-in", EVERYONE, {}),
    "accounts:two_factor_setup": ("signed-in", EVERYONE, {}),
    "public_offers:offer": ("public", EVERYONE, {"kwargs": "offer"}),
    "core:dashboard": ("core.view_dashboard", STAFF | {"other_pa"}, {}),
    "parents:list": ("parents.view_parent", {"pa", "manager", "assessor", "other_pa"}, {}),
    "parents:create": ("parents.add_parent", {"pa", "manager", "other_pa"}, {}),
    "parents:detail": ("parents.view_parent", {"pa", "manager", "assessor"}, {"kwargs": "parent"}),
    "parents:edit": ("parents.change_parent", {"pa", "manager"}, {"kwargs": "parent"}),
    "parents:audit_trail": ("audit.view_trail", {"manager"}, {"kwargs": "parent"}),
    "offers:manage": ("offers.change_offer", {"council_admin"}, {}),
    "offers:edit_offer": ("offers.change_offer", {"council_admin"}, {}),
    "offers:edit_contacts": ("offers.change_offer", {"council_admin"}, {}),
    "offers:add_commitment": ("offers.change_offer", {"council_admin"}, {}),
    "offers:edit_commitment": ("offers.change_offer", {"council_admin"}, {"kwargs": "commitment"}),
    "offers:edit_programme": ("offers.change_offer", {"council_admin"}, {"kwargs": "programme"}),
    "offers:add_programme": ("offers.change_offer", {"council_admin"}, {}),
    "offers:add_partner": ("offers.change_offer", {"council_admin"}, {}),
    "offers:edit_partner": ("offers.change_offer", {"council_admin"}, {"kwargs": "partner"}),
}


MATRIX.update(collected_rows())


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from _walk(entry.url_patterns, prefix + namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + (entry.name or f"<unnamed {entry.pattern}>"), entry.callback


def url_names():
    return dict(_walk(get_resolver().url_patterns))


def test_every_url_is_in_the_matrix():
    missing = sorted(set(url_names()) - set(MATRIX))
    assert not missing, f"Add these URL names to the access matrix: {missing}"


def test_every_view_says_who_may_use_it():
    for name, view in url_names().items():
        declared = (
            getattr(view, "is_public", False)
            or getattr(view, "required_permission", None)
            or getattr(view, "before_two_factor", False)
        )
        assert declared, f"{name}: use @requires('…'), @public or the sign-in step marker"
        kind = MATRIX[name][0]
        if kind == "api-token":
            assert getattr(view, "api_token_required", False), f"{name} must check its token"
        elif kind not in {"public", "signed-in"}:
            assert view.required_permission == kind, f"{name} needs {view.required_permission}"


def url_for(name, options, targets, which="hillford"):
    """The URL of `name`, on `which` council's record when it names one."""
    kwargs = targets[options["kwargs"]][which] if "kwargs" in options else {}
    return reverse(name, kwargs=kwargs)


def _request(client, name, options, targets, which="hillford"):
    url = url_for(name, options, targets, which)
    if options.get("method") == "post":
        return client.post(url)
    if options.get("method") == "patch":
        return client.patch(url, "{}", content_type="application/json")
    return client.get(url)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_is_sent_to_sign_in_except_on_public_pages(name, client, targets):
    kind, _who, options = MATRIX[name]
    response = _request(client, name, options, targets)
    if kind == "api-token":
        assert response.status_code == 401
        assert response.json()["error"] == "unauthenticated"
    elif kind == "public":
        # An endpoint for another system (options "token") refuses a request without its
        # bearer token, signed in or not.
        assert response.status_code in ({401} if options.get("token") else {200, 302})
        if response.status_code == 302:
            assert "/accounts/sign-in/" not in response["Location"] or name == "accounts:logout"
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/?next=")


@pytest.mark.parametrize("name", sorted(n for n, row in MATRIX.items() if row[0] != "public"))
def test_role_matrix(name, cast, parent_user, client_for, targets):
    kind, allowed, options = MATRIX[name]
    people = {**cast, "parent": parent_user}
    for who, user in people.items():
        if who == "other_pa" and "kwargs" in options:
            continue  # the other council's worker is checked in the next test
        response = _request(client_for(user), name, options, targets)
        if kind == "api-token":
            # A session never opens the API: only a token does.
            assert response.status_code == 401, f"{who} reached {name} without a token"
        elif who in allowed or kind == "signed-in":
            assert response.status_code in {200, 302}, f"{who} should reach {name}"
            if response.status_code == 302:
                assert "sign-in" not in response["Location"], f"{who} bounced from {name}"
        else:
            assert response.status_code == 403, f"{who} must get 403 on {name}"


@pytest.mark.parametrize(
    "name",
    sorted(
        n
        for n, row in MATRIX.items()
        if row[2].get("kwargs")
        and row[2]["kwargs"] != "offer"
        and row[0] not in {"public", "api-token"}
    ),
)
def test_another_councils_record_is_not_found(name, cast, parent_user, client_for, targets):
    """Olu (Eastmere) holds the right role but must not find Hillford's record: 404."""
    kind, allowed, options = MATRIX[name]
    other = cast["other_pa"]
    response = _request(client_for(other), name, options, targets, which="hillford")
    expected = 404 if kind in other_permissions(other) else 403
    assert response.status_code == expected
    # And Hillford's own workers (and Hillford's parent, on portal pages) do not find
    # Eastmere's record either.
    people = {**cast, "parent": parent_user}
    for who in allowed:
        response = _request(client_for(people[who]), name, options, targets, which="eastmere")
        assert response.status_code == 404, f"{who} reached another council's record"


def other_permissions(user):
    return {perm for perm in {row[0] for row in MATRIX.values()} if user.has_perm(perm)}
