"""The case-records API: tokens, scopes, the council wall, audit, rate limits, conflicts."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.caseapi import services
from parent_charter.caseapi.models import ApiClient, Scope
from parent_charter.figures import periods
from parent_charter.figures import selectors as figures
from parent_charter.plans.models import PlanItem, PlanItemStatus
from tests.factories import ParentFactory
from tests.helpers import events

from .conftest import Caller, make_client


def _fresh(item):
    with scopes_disabled():
        return PlanItem.objects.get(pk=item.pk)


# --- Tokens --------------------------------------------------------------------------------


def test_a_call_with_a_token_names_its_client_and_notes_its_use(api, hillford_api):
    client, _token = hillford_api
    response = api.get("client")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(client.public_id)
    assert body["council"] == "hillford"
    assert body["scopes"] == list(Scope.values)
    assert response["Cache-Control"] == "no-store"
    with scopes_disabled():
        assert ApiClient.objects.get(pk=client.pk).last_used_at is not None


@pytest.mark.parametrize(
    "header", [None, "", "Bearer", "Basic abc", "Bearer pcapi_nope", "Token pcapi_x"]
)
def test_no_token_or_a_malformed_one_is_a_401_in_json(db, header):
    caller = Caller(None)
    headers = {"Authorization": header} if header is not None else {}
    response = caller.get("parents", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401
    assert body["error"] in {"unauthenticated", "invalid_token"}
    assert "token" in body["message"].lower()


def test_a_revoked_token_is_refused_and_the_refusal_audited(
    api, hillford_api, council_admin, hillford
):
    client, _token = hillford_api
    assert api.get("client").status_code == 200
    with scope(council=hillford.pk):
        assert services.client_revoke(client=client, actor=council_admin)
    response = api.get("parents")
    assert response.status_code == 401
    assert response.json()["error"] == "revoked_token"
    refused = events("api.refused")[-1]
    assert refused.council_id == hillford.pk
    assert refused.actor_id == client.account_id
    assert refused.detail["status"] == 401
    assert refused.detail["api_client"] == str(client.public_id)
    assert [e.actor_id for e in events("api.client.revoked")] == [council_admin.pk]


def test_a_signed_in_session_without_a_token_is_refused(client_for, manager):
    response = client_for(manager).get("/api/case/v1/parents")
    assert response.status_code == 401


# --- Scopes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scopes", "path", "allowed"),
    [
        ([Scope.READ_FIGURES], "parents", False),
        ([Scope.UPDATE_ITEM_STATUS], "parents", False),
        ([Scope.READ_PARENTS], "parents", True),
        ([Scope.READ_PARENTS], "figures", False),
        ([Scope.READ_FIGURES], "figures", True),
    ],
)
def test_each_operation_needs_its_scope(hillford, council_admin, scopes, path, allowed):
    client, token = make_client(hillford, council_admin, scopes=scopes)
    response = Caller(token).get(path)
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        body = response.json()
        assert body["error"] == "insufficient_scope"
        assert "needs the scope" in body["message"]
        assert events("api.refused")[-1].detail["status"] == 403


def test_reading_an_item_is_not_enough_to_change_it(hillford, council_admin, item):
    _client, token = make_client(hillford, council_admin, scopes=[Scope.READ_PARENTS])
    caller = Caller(token)
    assert caller.get(f"plan-items/{item.public_id}").status_code == 200
    response = caller.patch(f"plan-items/{item.public_id}", {"status": "offered", "version": 1})
    assert response.status_code == 403
    assert _fresh(item).status == "to_discuss"


# --- The council wall ----------------------------------------------------------------------


def test_one_councils_token_never_reaches_anothers_records(
    api, hillford_parent, eastmere_parent, eastmere_item, eastmere, eastmere_admin
):
    listed = api.get("parents").json()
    assert [p["id"] for p in listed["items"]] == [str(hillford_parent.public_id)]
    for path in (
        f"parents/{eastmere_parent.public_id}",
        f"parents/{eastmere_parent.public_id}/plan",
        f"plan-items/{eastmere_item.public_id}",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"] == "not_found"
    response = api.patch(
        f"plan-items/{eastmere_item.public_id}", {"status": "offered", "version": 1}
    )
    assert response.status_code == 404
    assert _fresh(eastmere_item).status == "to_discuss"
    # Eastmere's own token reads its own parent, and never Hillford's.
    _client, token = make_client(eastmere, eastmere_admin)
    assert Caller(token).get(f"parents/{eastmere_parent.public_id}").status_code == 200
    assert Caller(token).get(f"parents/{hillford_parent.public_id}").status_code == 404
    # Every refusal is in Hillford's trail, none in Eastmere's.
    refusals = events("api.refused")
    assert {e.council_id for e in refusals} == {hillford_parent.council_id, eastmere.pk}
    assert all(e.detail["record"] for e in refusals)


# --- Reads, each audited under the client ------------------------------------------------


def test_reads_are_audited_with_the_client_as_actor(api, hillford_api, hillford_parent, item):
    client, _token = hillford_api
    assert api.get("parents").status_code == 200
    assert api.get(f"parents/{hillford_parent.public_id}").status_code == 200
    plan = api.get(f"parents/{hillford_parent.public_id}/plan").json()
    assert [i["id"] for i in plan["items"]] == [str(item.public_id)]
    response = api.get(f"plan-items/{item.public_id}")
    assert response["ETag"] == f'"{item.version}"'
    for action in ("parent.list.viewed", "parent.viewed", "plan.viewed", "plan.item.viewed"):
        [event] = events(action)
        assert event.actor_id == client.account_id, action
        assert event.actor_label == client.account.username
        assert event.council_id == hillford_parent.council_id
    assert events("parent.viewed")[0].object_id == str(hillford_parent.public_id)
    assert events("plan.viewed")[0].parent_id == hillford_parent.pk


def test_parent_fields_are_public_ids_never_keys(api, hillford_parent):
    body = api.get(f"parents/{hillford_parent.public_id}").json()
    assert body["id"] == str(hillford_parent.public_id)
    assert "pk" not in body and "council" not in body
    assert body["given_name"] == "Jamie"


def test_the_list_is_paged_at_a_fixed_number_of_queries(api, hillford, hillford_parent):
    def queries(per_page):
        with CaptureQueriesContext(connection) as captured:
            response = api.get("parents", per_page=per_page)
        assert response.status_code == 200
        return len(captured), response.json()

    few, _body = queries(10)
    with scope(council=hillford.pk):
        ParentFactory.create_batch(12, council=hillford)
    many, body = queries(10)
    assert many == few
    assert body["total_items"] == 13 and body["total_pages"] == 2 and len(body["items"]) == 10
    second = api.get("parents", page=2, per_page=10).json()
    assert len(second["items"]) == 3
    assert api.get("parents", page=5, per_page=10).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [({"page": "0"}, "page"), ({"per_page": "101"}, "per_page"), ({"page": "x"}, "page")],
)
def test_bad_paging_is_a_400_naming_the_parameter(api, params, field):
    response = api.get("parents", **params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_request"
    assert body["errors"][0]["field"] == field
    assert body["message"].startswith(f"{field}:")


# --- Changing an item's status ------------------------------------------------------------


def test_a_status_change_goes_through_the_plans_service(api, hillford_api, item):
    client, _token = hillford_api
    response = api.patch(
        f"plan-items/{item.public_id}",
        {"status": "offered", "version": item.version, "note": "Offered at the visit"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "offered" and body["version"] == item.version + 1
    assert response["ETag"] == f'"{item.version + 1}"'
    with scopes_disabled():
        row = PlanItemStatus.objects.filter(item=item).latest("pk")
    assert row.by_id == client.account_id and row.note == "Offered at the visit"
    [updated] = events("plan.item.updated")
    [offered] = events("plan.item.offered")
    assert updated.actor_id == offered.actor_id == client.account_id


def test_a_stale_version_is_a_409_with_the_current_version(api, item):
    first = api.patch(f"plan-items/{item.public_id}", {"status": "offered", "version": 1})
    assert first.status_code == 200
    stale = api.patch(f"plan-items/{item.public_id}", {"status": "accepted", "version": 1})
    assert stale.status_code == 409
    body = stale.json()
    assert body["error"] == "version_conflict"
    assert body["current_version"] == 2
    assert "version 2" in body["message"]
    assert _fresh(item).status == "offered"
    assert events("api.refused")[-1].detail["status"] == 409


def test_if_match_carries_the_version_and_none_at_all_is_a_428(api, item):
    missing = api.patch(f"plan-items/{item.public_id}", {"status": "offered"})
    assert missing.status_code == 428
    assert missing.json()["error"] == "version_required"
    etag = api.get(f"plan-items/{item.public_id}")["ETag"]
    ok = api.patch(f"plan-items/{item.public_id}", {"status": "offered"}, {"If-Match": etag})
    assert ok.status_code == 200
    stale = api.patch(f"plan-items/{item.public_id}", {"status": "declined"}, {"If-Match": etag})
    assert stale.status_code == 409


def test_delivery_needs_evidence_as_on_the_page(api, item):
    response = api.patch(f"plan-items/{item.public_id}", {"status": "delivered", "version": 1})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "evidence"
    assert _fresh(item).status == "to_discuss"
    done = api.patch(
        f"plan-items/{item.public_id}",
        {"status": "delivered", "version": 1, "evidence": "Receipt on file"},
    )
    assert done.status_code == 200
    assert _fresh(item).evidence == "Receipt on file"


def test_a_closed_item_cannot_change(api, item):
    with scopes_disabled():
        PlanItem.objects.filter(pk=item.pk).update(closed_at=timezone.now())
    response = api.patch(f"plan-items/{item.public_id}", {"status": "offered", "version": 1})
    assert response.status_code == 409
    assert response.json()["error"] == "item_closed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "finished", "version": 1}, "status"),
        ({"status": "offered", "version": "one"}, "version"),
        ({"status": "offered", "version": 1, "colour": "red"}, "colour"),
        ({"version": 1}, "status"),
    ],
)
def test_a_bad_body_is_a_400_naming_the_field(api, item, body, field):
    response = api.patch(f"plan-items/{item.public_id}", body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert _fresh(item).version == 1


def test_a_body_that_is_not_json_is_a_400_saying_so(api, item):
    response = api.patch(f"plan-items/{item.public_id}", "{not json")
    assert response.status_code == 400
    assert "JSON" in response.json()["message"]


def test_an_unchanged_status_is_still_audited(api, hillford_api, item):
    response = api.patch(f"plan-items/{item.public_id}", {"status": "to_discuss", "version": 1})
    assert response.status_code == 200
    assert response.json()["version"] == 1
    [event] = events("api.plan.item.unchanged")
    assert event.actor_id == hillford_api[0].account_id


# --- Rate limit ----------------------------------------------------------------------------


def test_calls_past_the_limit_get_429_until_the_window_ends(api, hillford_api, settings):
    settings.CASE_API_CALLS_PER_WINDOW = 3
    settings.CASE_API_WINDOW_SECONDS = 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assert [api.get("client").status_code for _ in range(3)] == [200, 200, 200]
        traveller.shift(datetime.timedelta(seconds=20))
        refused = api.get("client")
        assert refused.status_code == 429
        assert refused["Retry-After"] == "40"
        assert refused.json()["error"] == "rate_limited"
        assert events("api.refused")[-1].detail["status"] == 429
        traveller.shift(datetime.timedelta(seconds=40))
        assert api.get("client").status_code == 200


def test_each_client_has_its_own_limit(api, hillford, council_admin, settings):
    settings.CASE_API_CALLS_PER_WINDOW = 1
    assert api.get("client").status_code == 200
    assert api.get("client").status_code == 429
    _other, token = make_client(hillford, council_admin, name="Reporting")
    assert Caller(token).get("client").status_code == 200


# --- Figures -------------------------------------------------------------------------------


def test_figures_are_protected_exactly_as_on_the_page(api, hillford, hillford_parent):
    period = periods.last_full_quarter(timezone.localdate())
    response = api.get("figures", period=period.slug)
    assert response.status_code == 200
    body = response.json()
    assert body["period"]["id"] == period.slug
    threshold = body["threshold"]
    with scope(council=hillford.pk):
        page = figures.council_figures(council=hillford, period=period)
    shown_on_page = {
        str(label): [c.state for c in counts] for _k, label, counts in page["parents"]["headline"]
    }
    by_measure = {}
    for figure in body["figures"]:
        if figure["state"] == "shown":
            assert figure["value"] is not None
            assert not 0 < figure["value"] < threshold
        else:
            assert figure["value"] is None and figure["amount"] is None
        if figure["section"] == "parents.headline":
            by_measure.setdefault(figure["measure"], []).append(figure["state"])
    assert by_measure == shown_on_page
    [event] = events("api.figures.read")
    assert event.detail["period"] == period.slug


@pytest.mark.parametrize("period", ["2026-13", "next year", "2026-Q5", "26"])
def test_a_period_that_is_not_one_is_a_400(api, period):
    response = api.get("figures", period=period)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "period"


@pytest.mark.parametrize("period", ["1999-Q1", "2099", "1999-01"])
def test_a_period_with_no_published_figures_is_not_found(api, period):
    response = api.get("figures", period=period)
    assert response.status_code == 404
    assert "such as" in response.json()["message"]


def test_every_call_leaves_an_audit_row(api, hillford_parent, item):
    before = AuditEvent.objects.count()
    calls = [
        api.get("client"),
        api.get("parents"),
        api.get(f"parents/{hillford_parent.public_id}"),
        api.get(f"parents/{hillford_parent.public_id}/plan"),
        api.get(f"plan-items/{item.public_id}"),
        api.get("figures"),
        api.get("parents/not-an-id"),
    ]
    assert [c.status_code for c in calls] == [200, 200, 200, 200, 200, 200, 404]
    assert AuditEvent.objects.count() - before >= len(calls)
