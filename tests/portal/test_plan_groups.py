"""The parent's plan grouped by what needs doing now, and the challenge form's promises grouped
by stage (issue 14, item 16)."""

import datetime
import re

from django.utils import timezone
from django_scopes import scope

from parent_charter.charter.models import Stage
from parent_charter.portal.selectors import parent_plan
from tests.factories import LocalCommitmentFactory, PlanItemFactory
from tests.helpers import page


def _promise_item(plan, offer, title, *, stage=Stage.EXPECTING_OR_PARENTING, **fields):
    promise = LocalCommitmentFactory(offer=offer, title_en=title, stage=stage)
    return PlanItemFactory(
        plan=plan,
        source="local",
        milestone_key="",
        local_commitment=promise,
        stage=stage,
        **fields,
    )


def test_the_plan_is_grouped_by_what_needs_doing_now(parent_client, plan, offer, hillford):
    today = timezone.localdate()
    with scope(council=hillford.pk):
        late = _promise_item(
            plan, offer, "Late one", status="to_discuss", due_date=today - datetime.timedelta(3)
        )
        soon = _promise_item(
            plan, offer, "Soon one", status="to_discuss", due_date=today + datetime.timedelta(9)
        )
        under_way = _promise_item(plan, offer, "Under way", status="in_progress")
        later = _promise_item(
            plan, offer, "Later one", status="to_discuss", due_date=today + datetime.timedelta(90)
        )
        undated = _promise_item(plan, offer, "No date yet", status="to_discuss")
        grouped = parent_plan(plan.parent, today=today)
    assert [row.item for row in grouped.now] == [late, soon, under_way]
    assert [row.item for row in grouped.coming] == [later]
    assert [row.item for row in grouped.to_discuss] == [undated]

    body = page(parent_client.get("/my/plan/"))
    now_at, coming_at = body.index("Needs doing now"), body.index("Coming up later")
    discuss_at = body.index("To go through with your adviser")
    assert now_at < body.index("Late one") < coming_at < body.index("Later one") < discuss_at
    assert discuss_at < body.index("No date yet")
    assert "3 things need doing now." in body and "1 thing is coming up later." in body
    # Later items are one line each, linking to the item's own page.
    assert f'href="/my/plan/{later.public_id}/">Later one</a>' in body


def test_the_challenge_form_groups_promises_by_stage(parent_client, plan, offer, hillford):
    with scope(council=hillford.pk):
        _promise_item(plan, offer, "Before one", stage=Stage.BEFORE_PARENTHOOD)
        _promise_item(plan, offer, "Expecting one")
        _promise_item(plan, offer, "Throughout one", stage=Stage.THROUGHOUT)
    body = page(parent_client.get("/my/challenges/new/"))
    groups = re.findall(r'<p class="[^"]*" id="(promise-group-\d+)">([^<]+)</p>', body)
    labels = [label for _id, label in groups]
    assert labels == [
        "Before you become a parent",
        "When you are expecting or parenting",
        "At every stage",
    ]
    for group_id, _label in groups:
        assert f'role="group" aria-labelledby="{group_id}"' in body
    assert body.index("Before one") < body.index("Expecting one") < body.index("Throughout one")
    # Every radio is still one field: the choice is sent and checked as before.
    assert body.count('name="promise"') == 4  # three promises and "not in my plan"
