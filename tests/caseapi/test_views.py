"""The council administrator's pages: add a client (the token shown once), list, revoke."""

import uuid

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from parent_charter.caseapi.models import ApiClient
from tests.helpers import events, page

from .conftest import Caller, make_client

ADD = reverse("caseapi:client_add")
LIST = reverse("caseapi:clients")


def _add(client, **data):
    form = {"name": "Mosaic", "scopes": ["parents:read"], "form_token": str(uuid.uuid4())}
    return client.post(ADD, {**form, **data})


def test_adding_a_client_shows_its_token_once_and_it_works(client_for, council_admin):
    browser = client_for(council_admin)
    response = _add(browser, scopes=["parents:read", "figures:read"])
    assert response.status_code == 200
    text = page(response)
    with scopes_disabled():
        client = ApiClient.objects.get()
    token = next(word for word in text.split('"') if word.startswith("pcapi_"))
    assert token.startswith(f"pcapi_{client.token_prefix}_")
    assert client.scopes == ["parents:read", "figures:read"]
    assert client.created_by == council_admin and client.council == council_admin.council
    assert Caller(token).get("client").status_code == 200
    # Never again: the list shows the prefix only.
    listing = page(browser.get(LIST))
    assert client.token_prefix in listing and token not in listing
    [event] = events("api.client.created")
    assert event.actor_id == council_admin.pk
    assert event.object_id == str(client.public_id)
    assert token not in str(event.detail)


def test_a_form_sent_twice_makes_one_client(client_for, council_admin):
    browser = client_for(council_admin)
    form_token = str(uuid.uuid4())
    assert _add(browser, form_token=form_token).status_code == 200
    again = _add(browser, form_token=form_token)
    assert again.status_code == 302
    with scopes_disabled():
        assert ApiClient.objects.count() == 1


def test_bad_input_is_explained_with_an_error_summary(client_for, council_admin):
    response = _add(client_for(council_admin), name="  ", scopes=[])
    text = page(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert "Enter the name of the system that will use the API" in text
    assert "Select at least one thing the system may do" in text
    bad_scope = page(_add(client_for(council_admin), scopes=["everything"]))
    assert "Select at least one thing the system may do" in bad_scope
    with scopes_disabled():
        assert not ApiClient.objects.exists()


def test_revoking_a_token_refuses_its_calls(client_for, council_admin, hillford_api):
    client, token = hillford_api
    browser = client_for(council_admin)
    url = reverse("caseapi:client_revoke", args=[client.public_id])
    assert "Revoke the token" in page(browser.get(url))
    assert browser.post(url).status_code == 302
    assert Caller(token).get("client").status_code == 401
    assert browser.post(url).status_code == 302  # already revoked: said so, nothing more
    assert len(events("api.client.revoked")) == 1
    assert "Revoked" in page(browser.get(LIST))


def test_another_councils_client_is_not_found(client_for, council_admin, eastmere, eastmere_admin):
    other, token = make_client(eastmere, eastmere_admin)
    url = reverse("caseapi:client_revoke", args=[other.public_id])
    assert client_for(council_admin).post(url).status_code == 404
    assert client_for(council_admin).get(url).status_code == 404
    assert Caller(token).get("client").status_code == 200
    assert other.name not in page(client_for(council_admin).get(LIST))


def test_the_list_costs_the_same_queries_however_many_clients(client_for, council_admin, hillford):
    browser = client_for(council_admin)
    make_client(hillford, council_admin)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert browser.get(LIST).status_code == 200
        return len(captured)

    one = count()
    for n in range(4):
        make_client(hillford, council_admin, name=f"System {n}")
    assert count() == one


def test_the_pages_and_guide_are_in_welsh(client_for, council_admin, client):
    browser = client_for(council_admin)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert "Cleientiaid API" in page(browser.get(LIST))
    assert "Ychwanegu cleient API" in page(browser.get(ADD))
    guide = page(client.get(reverse("caseapi:docs")))
    assert "Yr API cofnodion achos" in guide
    assert "/api/case/v1/parents" in guide
