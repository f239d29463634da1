"""Tokens: made random, kept only as a hash, found by their prefix and compared in constant time."""

import hashlib

import pytest
from django_scopes import scopes_disabled

from parent_charter.caseapi import tokens
from parent_charter.caseapi.models import ApiClient

from .conftest import Caller, make_client


def test_new_tokens_are_well_formed_and_never_repeat():
    made = [tokens.new_token() for _ in range(50)]
    assert len({token for _prefix, token in made}) == 50
    for prefix, token in made:
        assert tokens.prefix_of(token) == prefix
        assert tokens.matches(token, tokens.digest(token))
        assert not tokens.matches(token + "x", tokens.digest(token))


@pytest.mark.parametrize(
    "text", ["", "pcapi_", "Bearer x", "pcapi_ABCDEFGHIJ_" + "a" * 43, "pcapi_abc_" + "a" * 43]
)
def test_malformed_tokens_have_no_prefix(text):
    assert tokens.prefix_of(text) is None


def test_only_the_hash_of_the_token_is_stored(hillford, council_admin):
    client, token = make_client(hillford, council_admin)
    with scopes_disabled():
        row = ApiClient.objects.filter(pk=client.pk).values().get()
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    # pcapi_<prefix>_<secret>: the secret may itself hold "_" (URL-safe base64).
    secret = token.split("_", 2)[2]
    assert len(secret) == 43
    for value in row.values():
        assert secret not in str(value)
    assert token not in str(row)


def test_the_clients_account_cannot_sign_in(hillford, council_admin, client):
    api_client, _token = make_client(hillford, council_admin)
    account = api_client.account
    assert not account.is_active
    assert not account.has_usable_password()
    assert not account.roles
    response = client.post(
        "/accounts/sign-in/", {"username": account.username, "password": "anything"}
    )
    assert response.status_code == 200  # the form again, with its error


def test_a_token_with_the_right_prefix_but_another_secret_is_refused(hillford_api):
    _client, token = hillford_api
    forged = token[: -len("x")] + ("A" if token[-1] != "A" else "B")
    response = Caller(forged).get("client")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"
