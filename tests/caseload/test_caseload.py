"""The caseload page: whose parents, every filter, what each row shows, a fixed query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.audit.models import AuditEvent
from parent_charter.parents.eligibility import birthday
from tests.factories import LocalOfferFactory, ParentFactory, UserFactory

from . import builders as b

URL = "/staff/caseload/"


def _names(response) -> set[str]:
    rows = response.context["rows"]
    return {row.parent.family_name for row in rows}


@pytest.fixture
def second_pa(hillford):
    return UserFactory(council=hillford, full_name="Pat Second", roles=[Role.PERSONAL_ADVISER])


@pytest.fixture
def parents(hillford, pa, second_pa):
    """Priya's parents, Pat's and one without an adviser, by family name."""
    with scope(council=hillford.pk):
        return {
            name: ParentFactory(council=hillford, family_name=name, personal_adviser=adviser)
            for name, adviser in [
                ("Ash", pa),
                ("Birch", pa),
                ("Cedar", second_pa),
                ("Damson", None),
            ]
        }


def test_an_adviser_sees_only_their_own_parents(client_for, pa, parents):
    response = client_for(pa).get(URL)
    assert response.status_code == 200
    assert _names(response) == {"Ash", "Birch"}
    assert "Your caseload" in response.content.decode()
    # An adviser cannot widen the page to someone else's caseload.
    assert _names(client_for(pa).get(URL + "?adviser=none")) == {"Ash", "Birch"}


def test_a_manager_sees_the_council_and_filters_by_adviser(
    client_for, manager, second_pa, parents, eastmere_parent
):
    client = client_for(manager)
    assert _names(client.get(URL)) == {"Ash", "Birch", "Cedar", "Damson"}
    assert _names(client.get(f"{URL}?adviser={second_pa.public_id}")) == {"Cedar"}
    assert _names(client.get(URL + "?adviser=none")) == {"Damson"}
    body = client.get(URL).content.decode()
    assert "Pat Second" in body and "Not yet allocated" in body


def test_search_by_name(client_for, pa, parents):
    assert _names(client_for(pa).get(URL + "?q=bir")) == {"Birch"}


def test_filter_by_stage_any_of_those_ticked(client_for, manager, hillford, parents):
    with scope(council=hillford.pk):
        b.stages(parents["Ash"], "throughout", "expecting_or_parenting")
        b.stages(parents["Birch"], "throughout", "child_removed", "living_apart")
        b.stages(parents["Cedar"], "throughout", "before_parenthood")
    client = client_for(manager)
    assert _names(client.get(URL + "?stage=child_removed")) == {"Birch"}
    assert _names(client.get(URL + "?stage=child_removed&stage=expecting_or_parenting")) == {
        "Ash",
        "Birch",
    }


def test_filter_items_due_in_14_days_or_overdue(client_for, manager, hillford, parents):
    with scope(council=hillford.pk):
        b.item(parents["Ash"], due=b.days(14))  # due on the last day of the window
        b.item(parents["Birch"], due=b.days(-40))  # overdue
        b.item(parents["Cedar"], due=b.days(15))  # not yet
        b.item(parents["Cedar"], due=b.days(-5), status="delivered")  # done
        b.item(parents["Damson"], due=b.days(-5), closed=True)  # no longer applies
        b.item(parents["Damson"], due=None)  # no date
    assert _names(client_for(manager).get(URL + "?only=items_due")) == {"Ash", "Birch"}


def test_filter_reviews_due_in_14_days_or_overdue(client_for, manager, hillford, pa, parents):
    with scope(council=hillford.pk):
        b.plan_for(parents["Ash"], created_days_ago=200)  # no review yet; first one overdue
        b.review(parents["Birch"], held_on=b.days(-60), by=pa)  # next one months away
        b.review(parents["Cedar"], held_on=b.days(-175), by=pa)  # due within two weeks
        # Damson has no plan, so no review is due.
    assert _names(client_for(manager).get(URL + "?only=review_due")) == {"Ash", "Cedar"}


def _born_to_end_in(days: int) -> datetime.date:
    """A date of birth whose 25th birthday (the charter's default end) is `days` from today."""
    end = b.days(days)
    return end.replace(year=end.year - 25) if (end.month, end.day) != (2, 29) else end


def test_filter_support_ending_uses_the_council_offer(client_for, manager, hillford, parents):
    with scope(council=hillford.pk):
        for name, dob in [
            ("Ash", _born_to_end_in(60)),  # ends in two months: warned
            ("Birch", _born_to_end_in(400)),  # more than six months away
            ("Cedar", _born_to_end_in(-10)),  # already ended: not "ending"
            ("Damson", _born_to_end_in(240)),  # eight months away
        ]:
            parents[name].date_of_birth = dob
            parents[name].save()
    client = client_for(manager)
    assert _names(client.get(URL + "?only=support_ending")) == {"Ash"}
    # A council that warns nine months ahead warns about Damson too.
    LocalOfferFactory(council=hillford, eligibility_warning_months=9)
    assert _names(client.get(URL + "?only=support_ending")) == {"Ash", "Damson"}


def test_filters_combine(client_for, manager, hillford, pa, parents):
    with scope(council=hillford.pk):
        b.stages(parents["Ash"], "living_apart")
        b.stages(parents["Birch"], "living_apart")
        b.item(parents["Birch"], due=b.days(1))
        b.item(parents["Cedar"], due=b.days(1))
    response = client_for(manager).get(URL + "?stage=living_apart&only=items_due&q=b")
    assert _names(response) == {"Birch"}


def test_each_row_shows_age_stages_dates_counts_and_support(client_for, pa, hillford):
    today = b.today()
    with scope(council=hillford.pk):
        parent = ParentFactory(
            council=hillford,
            personal_adviser=pa,
            family_name="Elm",
            date_of_birth=_born_to_end_in(30),
        )
        b.stages(parent, "throughout", "expecting_or_parenting", "concerns_raised")
        b.item(parent, due=b.days(-3))
        b.item(parent, due=b.days(-1))
        b.item(parent, due=b.days(20))
        b.item(parent, due=b.days(-30), status="not_needed")
        b.review(parent, held_on=b.days(-200), by=pa)
    response = client_for(pa).get(URL)
    [row] = response.context["rows"]
    assert row.age == 24
    assert [code for code, _label in row.stages] == ["expecting_or_parenting", "concerns_raised"]
    assert row.next_due == b.days(-3)
    assert row.overdue_items == 2
    assert row.review_overdue and row.next_review < today
    assert row.eligibility.status == "ending_soon"
    assert row.eligibility.ends_on == birthday(parent.date_of_birth, 25)
    body = response.content.decode()
    for text in ("Expecting or parenting", "Concerns raised", "Support ending soon", "Overdue"):
        assert text in body
    assert "At every stage" not in body


def test_ended_support_is_shown_distinctly(client_for, pa, hillford):
    with scope(council=hillford.pk):
        ParentFactory(council=hillford, personal_adviser=pa, date_of_birth=_born_to_end_in(-1))
    response = client_for(pa).get(URL)
    assert response.context["rows"][0].eligibility.status == "ended"
    assert "Support has ended" in response.content.decode()


def test_viewing_is_audited_with_filters_and_counts_but_no_names(client_for, manager, parents):
    client_for(manager).get(URL + "?q=Ash&stage=living_apart&only=items_due&adviser=none")
    [event] = AuditEvent.objects.filter(action="caseload.viewed")
    assert event.actor == manager and event.council == manager.council
    assert event.detail == {
        "filters": {
            "search": True,
            "stages": ["living_apart"],
            "only": ["items_due"],
            "adviser": "none",
        },
        "shown": 0,
        "total": 0,
        "page": 1,
    }
    assert "Ash" not in str(event.detail)


@pytest.mark.parametrize(
    "query",
    [
        "?stage=nonsense",
        "?only=everything",
        "?adviser=00000000-0000-0000-0000-000000000000",
        "?adviser=%00",
        "?q=a%00b",
        "?page=last&page=abc",
        "?page=99999",
    ],
)
def test_garbage_in_the_query_string_is_explained_not_an_error(client_for, manager, query):
    response = client_for(manager).get(URL + query)
    assert response.status_code == 200


def test_a_bad_filter_is_reported_next_to_the_field_and_the_rest_still_apply(
    client_for, manager, parents
):
    response = client_for(manager).get(URL + "?stage=nonsense&q=ash")
    body = response.content.decode()
    assert "There is a problem" in body and "Select stages from the list" in body
    assert _names(response) == {"Ash"}


def test_an_adviser_from_another_council_is_not_a_choice(client_for, manager, other_pa):
    response = client_for(manager).get(f"{URL}?adviser={other_pa.public_id}")
    assert "Select a personal adviser from the list" in response.content.decode()
    assert "Olu" not in response.content.decode().split("There is a problem")[0]


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["pa", "manager"])
def test_query_count_is_the_same_for_5_and_200_parents(client_for, hillford, pa, manager, who):
    client = client_for({"pa": pa, "manager": manager}[who])
    url = URL + "?only=items_due&only=review_due&stage=living_apart"
    with scope(council=hillford.pk):
        for n in range(5):
            b.busy_parent(hillford, pa, n)
    few, few_filtered = _count_queries(client, URL), _count_queries(client, url)
    assert len(client.get(URL).context["rows"]) == 5
    with scope(council=hillford.pk):
        for n in range(5, 200):
            b.busy_parent(hillford, pa, n)
    assert _count_queries(client, URL) == few
    assert _count_queries(client, url) == few_filtered
    assert _count_queries(client, URL + "?page=3") == few
    assert len(client.get(URL).context["rows"]) == 50


def test_another_councils_parents_never_appear(client_for, other_pa, parents, eastmere_parent):
    with scope(council=eastmere_parent.council_id):
        eastmere_parent.personal_adviser = other_pa
        eastmere_parent.save()
    assert _names(client_for(other_pa).get(URL)) == {"Brook"}


@pytest.mark.parametrize("who", ["assessor", "partner_worker", "analyst", "council_admin"])
def test_other_roles_are_refused(client_for, cast, who):
    assert client_for(cast[who]).get(URL).status_code == 403
