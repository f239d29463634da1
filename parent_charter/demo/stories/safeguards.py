"""Demo referrals to children's services in Herefordshire, and some counted guard events.

Two stories, made through the real services so the guard, the notifications and the audit
trail behave as in live use:

- a pre-birth assessment request whose evidence leans on the mother's own time in care: the
  guard holds it, Morgan (the team manager) has it waiting, and the mother has a notice;
- a referral about a toddler resting on a current, dated, sourced incident: sent.

Each is made with a fixed form token, so running the seed again finds it and adds nothing.
Earlier months' guard events are added too, so the figures page has something to show.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from parent_charter.accounts.models import User
from parent_charter.children.models import Child
from parent_charter.childrens_services import services
from parent_charter.childrens_services.models import (
    Ground,
    GuardEvent,
    GuardEventKind,
    ReferralKind,
    SourceKind,
)
from parent_charter.childrens_services.services import EvidenceInput
from parent_charter.demo.recorded import demo_id

COUNCIL = "herefordshire"

# (months ago, kind, how many, referral kind): enough in one month to pass the small-number
# threshold, the rest below it, as real figures would be.
PAST_EVENTS = (
    (1, GuardEventKind.FLAGGED, 6, ReferralKind.PRE_BIRTH),
    (1, GuardEventKind.RETURNED, 4, ReferralKind.PRE_BIRTH),
    (1, GuardEventKind.SENT_AFTER_CHECK, 2, ReferralKind.PRE_BIRTH),
    (2, GuardEventKind.FLAGGED, 3, ReferralKind.REFERRAL),
    (2, GuardEventKind.REFUSED_GROUND, 1, ReferralKind.PRE_BIRTH),
    (3, GuardEventKind.WITHDRAWN, 2, ReferralKind.PRE_BIRTH),
    (1, GuardEventKind.HELD_ROUTINE, 5, ReferralKind.PRE_BIRTH),
    (2, GuardEventKind.HELD_ROUTINE, 2, ReferralKind.PRE_BIRTH),
    (2, GuardEventKind.REFUSED_EVIDENCE, 3, ReferralKind.REFERRAL),
)


EVENT_RULES = {GuardEventKind.FLAGGED: ["care-history"], GuardEventKind.HELD_ROUTINE: ["routine"]}


# The two referrals: (scenario, who makes it, form token key, kind, grounds, whether it is about
# the expected baby, and its evidence as (what, days ago seen, source kind, source, impact)).
REFERRALS = (
    (
        "second-baby",
        "adviser",
        "held-pre-birth",
        ReferralKind.PRE_BIRTH,
        [Ground.OTHER_CURRENT],
        True,
        (
            (
                "Midwife reports she missed her antenatal appointments on two "
                "Tuesdays running and did not answer the follow-up call.",
                9,
                SourceKind.PROFESSIONAL,
                "Community midwife, Wye Valley NHS Trust (demo)",
                "Problems with the pregnancy may not be picked up in time.",
            ),
            (
                "She grew up in care herself and already has a toddler, so she is "
                "likely to struggle when the second baby arrives.",
                6,
                SourceKind.SEEN_BY_ME,
                "Personal adviser, Herefordshire leaving care team",
                "The baby may not be looked after well in the first weeks.",
            ),
        ),
    ),
    (
        "child-protection-plan",
        "social worker",
        "sent-referral",
        ReferralKind.REFERRAL,
        [Ground.DOMESTIC_ABUSE],
        False,
        (
            (
                "Police were called at 23:40 after neighbours heard shouting. Mum had a "
                "cut lip and said her ex-partner pushed her while she was holding Ruby. "
                "He left before officers arrived; he is named in a non-molestation "
                "order.",
                4,
                SourceKind.PROFESSIONAL,
                "Police constable, West Mercia Police (demo)",
                "Ruby was in mum's arms when she was pushed and could have been hurt.",
            ),
            (
                "At the home visit Ruby was clean, fed and playing, and mum agreed to "
                "a referral to the domestic abuse service. The front door lock is "
                "broken and has not been repaired.",
                3,
                SourceKind.SEEN_BY_ME,
                "Social worker, Herefordshire children's services",
                "The ex-partner could get into the home while Ruby is there.",
            ),
        ),
    ),
)


def _token(council, key: str) -> uuid.UUID:
    return demo_id(council, "safeguards", key)


def seed(council) -> str:
    if council.slug != COUNCIL:
        return ""
    from parent_charter.demo.scenarios import cast_by_scenario

    made = 0
    with scopes_disabled(), transaction.atomic():
        cast = cast_by_scenario(council)
        adviser = User.objects.filter(username=f"priya@{COUNCIL}.demo").first()
        social_worker = User.objects.filter(username=f"sian@{COUNCIL}.demo").first()
        if adviser is None or social_worker is None:
            return ""
        makers = {"adviser": adviser, "social worker": social_worker}
        today = timezone.localdate()
        for scenario, maker, *referral in REFERRALS:
            if scenario in cast:
                made += _submit(council, cast[scenario][0], makers[maker], today, *referral)
        events = _past_events(council, today)
    return f"{made} referrals added, {events} earlier guard events added."


def _child_of(parent, *, expected: bool):
    children = Child.objects.filter(parent_links__parent=parent).order_by("pk")
    return next((c for c in children if c.is_expected == expected), None)


def _submit(council, parent, actor, today, key, kind, grounds, expected, evidence) -> int:
    """One referral through the real service; 0 when its form token was used already."""
    try:
        services.submit_referral(
            parent=parent,
            actor=actor,
            form_token=_token(council, key),
            kind=kind,
            grounds=grounds,
            child=_child_of(parent, expected=expected),
            evidence=[
                EvidenceInput(
                    what=what,
                    seen_on=today - datetime.timedelta(days=days_ago),
                    source_kind=source_kind,
                    source_detail=source_detail,
                    impact=impact,
                )
                for what, days_ago, source_kind, source_detail, impact in evidence
            ],
        )
    except services.DuplicateSubmission:
        return 0
    return 1


def _past_events(council, today) -> int:
    added = 0
    for months_ago, kind, count, referral_kind in PAST_EVENTS:
        year, month = today.year, today.month - months_ago
        while month < 1:
            year, month = year - 1, month + 12
        for index in range(count):
            occurred = timezone.make_aware(
                datetime.datetime(year, month, min(3 + 4 * index, 27), 11, 0)
            )
            _event, created = GuardEvent.objects.get_or_create(
                public_id=_token(council, f"event:{months_ago}:{kind}:{index}"),
                defaults={
                    "council": council,
                    "kind": kind,
                    "referral_kind": referral_kind,
                    "occurred_at": occurred,
                    "rules": EVENT_RULES.get(kind, []),
                },
            )
            added += created
    return added
