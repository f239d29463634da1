"""The synthetic data set: deterministic, resumable, plausible, and consistent with the rules.

Consistent means a synthetic parent's stages and plan are exactly what the live services would
make of the same facts: refreshing any of them afterwards changes nothing.
"""

import datetime
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.authorities.models import Council
from parent_charter.charter.models import AppliesTo, Commitment
from parent_charter.children.models import Child, ChildCircumstance, ChildParent
from parent_charter.children.selectors import children_with_circumstances
from parent_charter.demo.synthetic import generate
from parent_charter.parents.models import (
    Disability,
    EqualityAnswers,
    EthnicGroup,
    Parent,
    ParentStage,
    high_level_group,
)
from parent_charter.parents.stages import derive_stages, has_open_concern
from parent_charter.plans.models import ItemStatus, PlanItem, PlanItemStatus, PlanReview
from parent_charter.plans.services import child_facts, refresh_parent

TODAY = datetime.date(2026, 11, 23)

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter(db):
    call_command("load_charter", stdout=io.StringIO())


def _snapshot():
    """Everything generated, by public identifiers and values (database ids may differ)."""
    return {
        "parents": list(
            Parent.objects.order_by("public_id").values_list(
                "public_id", "given_name", "family_name", "date_of_birth", "parent_role"
            )
        ),
        "children": list(
            Child.objects.order_by("public_id").values_list(
                "public_id", "given_name", "due_date", "date_of_birth"
            )
        ),
        "links": list(
            ChildParent.objects.order_by("public_id").values_list(
                "public_id", "child__public_id", "parent__public_id", "other_parent_name"
            )
        ),
        "circumstances": list(
            ChildCircumstance.objects.order_by("public_id").values_list(
                "public_id", "lives_with", "lives_with_parent__public_id", "legal_status"
            )
        ),
        "items": list(
            PlanItem.objects.order_by("public_id").values_list(
                "public_id",
                "plan__parent__public_id",
                "commitment__key",
                "milestone_key",
                "due_date",
                "status",
                "closed_reason",
            )
        ),
        "status_rows": PlanItemStatus.objects.count(),
        "reviews": list(
            PlanReview.objects.order_by("public_id").values_list("public_id", "held_on")
        ),
    }


def test_the_same_seed_gives_the_same_data(charter):
    snapshots = []
    with scopes_disabled():
        for _run in range(2):
            with transaction.atomic():
                generate(councils=3, parents=60, seed=11, today=TODAY)
                snapshots.append(_snapshot())
                transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]["parents"]) == 60


def test_running_again_adds_nothing(charter):
    with scopes_disabled():
        generate(councils=2, parents=40, seed=5, today=TODAY)
        before = _snapshot()
        summary = generate(councils=2, parents=40, seed=5, today=TODAY)
        assert summary.councils == summary.parents == summary.plan_items == 0
        assert _snapshot() == before


def test_a_run_that_stopped_part_way_carries_on_as_a_full_run_would(charter):
    def councils():
        return list(Council.objects.order_by("slug").values_list("slug", "name", "nation"))

    with scopes_disabled():
        with transaction.atomic():
            generate(councils=3, parents=60, seed=6, today=TODAY)
            full = (councils(), _snapshot())
            transaction.set_rollback(True)
        generate(councils=2, parents=40, seed=6, today=TODAY)
        summary = generate(councils=3, parents=60, seed=6, today=TODAY)
        assert (summary.councils, summary.parents) == (1, 20)
        assert (councils(), _snapshot()) == full


def test_families_are_plausible(charter):
    with scopes_disabled():
        generate(councils=3, parents=300, seed=2, today=TODAY)
        parents = Parent.objects.count()
        links = ChildParent.objects.filter(parent__isnull=False)
        assert 1.3 <= links.count() / parents <= 1.7
        assert 1.2 <= Child.objects.count() / parents <= 1.7
        without = Parent.objects.filter(child_links__isnull=True).count()
        assert 0.04 <= without / parents <= 0.18
        assert Child.objects.filter(date_of_birth__isnull=True).exists()  # some expected
        circumstances = ChildCircumstance.objects.all()
        assert circumstances.count() == Child.objects.count()  # one each
        homes = {row.lives_with for row in circumstances}
        assert {"one_parent", "foster_care", "not_yet_born"} <= homes
        # Both parents supported by the council, linked to the same child.
        assert (
            Child.objects.filter(parent_links__parent__isnull=False)
            .values("pk")
            .annotate(n=Count("parent_links__parent"))
            .filter(n=2)
            .exists()
        )
        # A child lives with a parent in most families.
        born = circumstances.exclude(lives_with="not_yet_born")
        with_parent = born.filter(lives_with__in=["one_parent", "both_parents"]).count()
        assert 0.65 <= with_parent / born.count() <= 0.95


def test_stages_and_plans_follow_the_facts_as_the_live_service_would(charter):
    with scopes_disabled():
        generate(councils=3, parents=60, seed=3, today=TODAY)
        commitments = {}
        # The council's own commitments are on no parent's plan (issue 14, item 16).
        for commitment in Commitment.objects.filter(council_wide=False):
            commitments.setdefault(commitment.stage, []).append(commitment)
        for parent in Parent.objects.all():
            facts = [child_facts(link, row) for link, row in children_with_circumstances(parent)]
            # As refresh_parent derives them: an open concern brings "concerns raised".
            stages = derive_stages(facts, open_concern=has_open_concern(parent))
            assert set(
                ParentStage.objects.filter(parent=parent).values_list("stage", flat=True)
            ) == set(stages)
            open_charter = set(
                PlanItem.objects.filter(
                    plan__parent=parent, closed_at__isnull=True, commitment__isnull=False
                ).values_list("commitment_id", flat=True)
            )
            for_whom = AppliesTo.for_parent_role(parent.parent_role)
            expecting = any(not fact.is_born for fact in facts)
            assert open_charter == {
                commitment.pk
                for stage in stages
                for commitment in commitments[stage]
                if commitment.applies_to in for_whom and (expecting or not commitment.ends_at_birth)
            }
        # The live service finds nothing to add, close or reopen.
        for parent in Parent.objects.all():
            result = refresh_parent(parent=parent, actor=None, today=TODAY)
            assert (result.entered, result.left) == ([], [])
            assert (result.added, result.closed, result.reopened) == (0, 0, 0)


def test_every_item_has_its_status_history(charter):
    with scopes_disabled():
        generate(councils=2, parents=80, seed=4, today=TODAY)
        items = PlanItem.objects.all()
        assert items.filter(source="milestone").exists()
        history = {}
        for row in PlanItemStatus.objects.order_by("at", "pk"):
            history.setdefault(row.item_id, []).append(row)
        for item in items:
            rows = history[item.pk]
            assert rows[0].status == ItemStatus.TO_DISCUSS
            assert rows[-1].status == item.status
            if item.status == ItemStatus.DELIVERED:
                assert item.evidence
        moved_on = sum(1 for rows in history.values() if len(rows) > 1)
        assert 0.25 <= moved_on / items.count() <= 0.65
        assert PlanReview.objects.exists()


def _written_table(sql: str) -> str | None:
    """The table a query writes rows to: an INSERT, or on PostgreSQL the ids reserved for a
    COPY (the COPY itself is not a captured query)."""
    if sql.startswith("INSERT INTO"):
        return sql.split()[2].strip('"')
    if match := re.match(r"SELECT nextval\(pg_get_serial_sequence\('(\w+)'", sql):
        return match[1]
    return None


def test_queries_do_not_grow_with_the_number_of_parents(charter):
    """Each table is written in one insert per council (a few for the users table), so the
    queries do not grow with the rows; a table with no rows for a council (a small council
    may have no challenge yet) is simply not written, which is one insert fewer."""
    reads, inserts = [], []
    with scopes_disabled():
        for seed, parents in ((21, 30), (22, 90)):
            with CaptureQueriesContext(connection) as queries:
                generate(councils=3, parents=parents, seed=seed, today=TODAY)
            by_table = Counter()
            for query in queries.captured_queries:
                if table := _written_table(query["sql"]):
                    by_table[table] += 1
            reads.append(len(queries) - sum(by_table.values()))
            inserts.append(by_table)
    assert reads[0] == reads[1]
    for by_table in inserts:
        assert by_table["plans_planitemstatus"] == 3  # one a council
        assert max(by_table.values()) <= 3 * 3  # staff, partner workers and portal users
    assert set(inserts[1]) >= set(inserts[0])


def test_the_command_loads_the_charter_when_needed(db):
    out = io.StringIO()
    call_command("generate_synthetic", councils=1, parents=10, seed=9, no_progress=True, stdout=out)
    assert "10 parents" in out.getvalue()
    with scopes_disabled():
        assert PlanItem.objects.exists()


# --- The areas added after the first generator -------------------------------------------


def _owned(model, *paths):
    """Rows of `model` whose council differs from the council of a record they point at."""
    from django.db.models import Q

    wrong = Q()
    for path in paths:
        wrong |= ~Q(council_id=F(f"{path}__council_id")) & Q(**{f"{path}__isnull": False})
    return model.objects.filter(wrong)


def test_the_newer_areas_have_rows_tied_to_their_council(charter):
    from parent_charter.accounts.models import User
    from parent_charter.apart.models import ContactArrangement, CostClaim
    from parent_charter.assessments_care_history.models import ParentingAssessment
    from parent_charter.childrens_services.models import (
        ChildrenServicesReferral,
        GuardEvent,
        ReferralEvidence,
        ReferralStep,
    )
    from parent_charter.concerns.models import Concern
    from parent_charter.network.models import NetworkSharing
    from parent_charter.parents.models import ConsentRecord
    from parent_charter.partner_referrals.models import (
        Delivery,
        DeliveryContact,
        Referral,
        ReferralStatus,
    )
    from parent_charter.portal.models import Challenge, ChallengeEvent, PortalAccount

    with scopes_disabled():
        summary = generate(councils=2, parents=400, seed=8, today=TODAY)
        tied = {
            PortalAccount: ("parent", "user"),
            Challenge: ("parent", "plan_item"),
            ChallengeEvent: ("challenge",),
            Concern: ("parent",),
            ParentingAssessment: ("parent", "assessor"),
            ChildrenServicesReferral: ("parent", "child", "created_by"),
            ReferralEvidence: ("referral",),
            ReferralStep: ("referral", "actor"),
            GuardEvent: ("referral",),
            ConsentRecord: ("parent", "partner_organisation"),
            Referral: ("parent", "organisation", "consent", "programme__offer"),
            ReferralStatus: ("referral",),
            Delivery: ("referral",),
            DeliveryContact: ("referral",),
            ContactArrangement: ("parent", "child"),
            CostClaim: ("parent", "arrangement", "claimed_by"),
            EqualityAnswers: ("parent",),
        }
        for model, paths in tied.items():
            assert model.objects.exists(), model.__name__
            assert not _owned(model, *paths).exists(), model.__name__
        # A challenge's plan item is the parent's own; a claim's child is the parent's own.
        assert not Challenge.objects.exclude(plan_item__plan__parent=F("parent")).exists()
        assert not ContactArrangement.objects.exclude(
            child__parent_links__parent=F("parent")
        ).exists()
        # Portal accounts are parents' own sign-ins; partner workers belong to a partner.
        assert set(
            User.objects.filter(portal_account__isnull=False).values_list(
                "role_grants__role", flat=True
            )
        ) == {"parent"}
        workers = User.objects.filter(
            partner_organisation__council__slug__startswith="synthetic-8-"
        )
        assert workers
        # A partner worker belongs to their organisation's council (without it they may open
        # none of their pages).
        assert not workers.exclude(council=F("partner_organisation__council")).exists()
        assert NetworkSharing.objects.count() == 2
        assert summary.cost_claims == CostClaim.objects.count()
        assert summary.portal_accounts == PortalAccount.objects.count()
        assert summary.equality_answers == EqualityAnswers.objects.count()


def test_equality_answers_are_optional_and_spread_across_the_census_groups(charter):
    """Most parents, not all, have answered; the answers are the census's groups, so the
    figures' equality tables have something to count beyond "not recorded"."""
    with scopes_disabled():
        generate(councils=2, parents=1000, seed=14, today=TODAY)
        answers = list(EqualityAnswers.objects.values_list("ethnic_group", "disability"))
        assert 600 <= len(answers) <= 800  # 70% of 1,000 parents answer
        assert len(set(EqualityAnswers.objects.values_list("parent", flat=True))) == len(answers)
        groups = Counter(high_level_group(ethnic) for ethnic, _disability in answers)
        assert {"white", "asian", "black", "mixed", "other", "prefer_not_to_say"} <= set(groups)
        assert groups["white"] > len(answers) / 2
        assert {ethnic for ethnic, _d in answers} <= set(EthnicGroup.values)
        assert {disability for _e, disability in answers} == set(Disability.values)


def test_referrals_to_childrens_services_are_held_as_the_guard_would_hold_them(charter):
    from parent_charter.childrens_services.models import (
        ChildrenServicesReferral,
        GuardEvent,
        ReferralStep,
        Status,
        StepKind,
    )
    from parent_charter.childrens_services.services import EvidenceInput, read_evidence

    with scopes_disabled():
        generate(councils=3, parents=900, seed=12, today=TODAY)
        referrals = ChildrenServicesReferral.objects.prefetch_related("evidence", "steps")
        statuses = {r.status for r in referrals}
        assert {Status.SENT, Status.HELD, Status.RETURNED, Status.WITHDRAWN} <= statuses
        for referral in referrals:
            first = [e for e in referral.evidence.all() if e.round == 1]
            rules = set()
            for piece in first:
                findings, fired = read_evidence(
                    EvidenceInput(
                        what=piece.what,
                        seen_on=piece.seen_on,
                        source_kind=piece.source_kind,
                        source_detail=piece.source_detail,
                        impact=piece.impact,
                    )
                )
                assert piece.findings == findings
                rules |= fired
            steps = [s.step for s in referral.steps.all()]
            if rules:
                assert steps[0] in (StepKind.HELD, StepKind.HELD_ROUTINE)
            else:
                assert steps == [StepKind.SENT]
            if referral.status == Status.SENT:
                assert referral.sent_at is not None
        # Each manager's decision is counted for the figures, as the live service counts it.
        decided = ReferralStep.objects.filter(
            step__in=[StepKind.SENT_AFTER_CHECK, StepKind.RETURNED, StepKind.WITHDRAWN]
        ).count()
        counted = GuardEvent.objects.filter(
            kind__in=["sent_after_check", "returned", "withdrawn"]
        ).count()
        assert decided == counted > 0


def test_cost_claims_are_decimal_amounts_decided_by_someone_else(charter):
    from decimal import Decimal

    from parent_charter.apart.models import ClaimStatus, CostClaim

    with scopes_disabled():
        generate(councils=2, parents=400, seed=13, today=TODAY)
        claims = list(CostClaim.objects.all())
        assert claims
        for claim in claims:
            assert isinstance(claim.amount, Decimal) and claim.amount > 0
            assert claim.amount == claim.amount.quantize(Decimal("0.01"))
            assert claim.decided_by_id != claim.claimed_by_id
            if claim.status == ClaimStatus.PAID:
                assert claim.paid_on is not None and claim.paid_on <= TODAY
        assert {ClaimStatus.PAID, ClaimStatus.WAITING} <= {c.status for c in claims}


def test_records_begin_when_the_story_says_so_the_figures_have_something_to_count(charter):
    """A parent's record, plan and plan items carry the times of the story (support began up
    to two years ago), not the moment the data set was made: the council figures count
    parents from the day their record was made, and items from the day they were added, so a
    data set made today would otherwise count no one in any period before today."""
    from parent_charter.figures import periods
    from parent_charter.figures.selectors import council_figures
    from parent_charter.plans.models import SupportPlan

    made = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(12)))
    with scopes_disabled():
        generate(councils=1, parents=60, seed=5, today=TODAY)
        parents = {p.pk: p.created_at for p in Parent.objects.all()}
        assert all(
            made - datetime.timedelta(days=700) <= at <= made - datetime.timedelta(days=20)
            for at in parents.values()
        )
        for plan in SupportPlan.objects.all():
            assert plan.created_at == parents[plan.parent_id]
        added = {
            row.item_id: row.at
            for row in PlanItemStatus.objects.filter(note="system:added").order_by("at", "pk")
        }
        for item in PlanItem.objects.all():
            assert item.created_at == added[item.pk]
        council = Council.objects.get()
    quarter = periods.last_full_quarter(TODAY)
    with scope(council=council.pk):
        figures = council_figures(council=council, period=quarter)
    supported, _before = figures["parents"]["headline"][0][2]
    assert supported.shown and supported.value >= 20
    assert figures["promises"]["applies"].shown and figures["promises"]["applies"].value > 0
