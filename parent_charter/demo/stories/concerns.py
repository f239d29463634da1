"""Demo concerns in Herefordshire: one open, one closed.

The open concern (about the mother of the "new-baby" story) shows everything around it: a
summary shared in person and acknowledged, advocacy accepted and legal advice not yet decided,
a request for recorded meetings agreed, the mother's own view, and two support items in her
plan. The closed one (the "second-baby" mother) ended with no further action. Each is recorded
once (deterministic public ids); other councils get none.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from parent_charter.concerns.models import (
    AskedBy,
    Concern,
    ConcernOffer,
    ConcernRequest,
    ConcernStatus,
    ConcernSummary,
    Decision,
    OfferAnswer,
    OfferKind,
    Outcome,
    ParentView,
    RaisedBy,
    RequestKind,
    SharedHow,
    SupportArea,
)
from parent_charter.demo.recorded import REASON, demo_id, record_demo
from parent_charter.demo.scenarios import story_parent
from parent_charter.plans.services import refresh_parent
from parent_charter.plans.services_items import add_support_item

COUNCIL = "herefordshire"

# What the open concern's mother was offered: (key, kind, her answer, days ago she answered,
# note); both were offered ten days ago.
OPEN_OFFERS = (
    (
        "advocacy",
        OfferKind.ADVOCACY,
        OfferAnswer.ACCEPTED,
        10,
        "Would like an advocate from NYAS at the assessment meetings.",
    ),
    (
        "legal",
        OfferKind.LEGAL_ADVICE,
        OfferAnswer.NOT_YET_DECIDED,
        None,
        "Wants to talk to her advocate first.",
    ),
)
# The support items in her plan: (title, detail, area, due in days).
OPEN_SUPPORT = (
    (
        "Heating repaired, then a warmer flat",
        "Adviser to chase the landlord's repair and refer to housing options.",
        SupportArea.HOUSING,
        7,
    ),
    (
        "Talking therapy for low mood after the birth",
        "Self-referral to the perinatal mental health team, with the adviser's help.",
        SupportArea.MENTAL_HEALTH,
        21,
    ),
)


def _id(council, key: str) -> uuid.UUID:
    return demo_id(council, "concerns", key)


def seed(council) -> str:
    if council.slug != COUNCIL:
        return ""
    added = 0
    with scope(council=council.pk), transaction.atomic():
        today = timezone.localdate()
        for key, scenario, child, record in (
            ("open", "new-baby", "baby", _open_concern),
            ("closed", "second-baby", "first", _closed_concern),
        ):
            parent = story_parent(council, scenario, child)
            if (
                parent is not None
                and not Concern.objects.filter(public_id=_id(council, key)).exists()
            ):
                record(council, parent, today)
                added += 1
    return f"{added} concerns added" if added else ""


def _days(today, days: int) -> datetime.date:
    return today - datetime.timedelta(days=days)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _concern(council, parent, key, **fields):
    """The concern about `parent`, recorded by their adviser."""
    return Concern.objects.create(
        public_id=_id(council, key),
        council=council,
        parent=parent,
        recorded_by=parent.personal_adviser,
        **fields,
    )


def _summary(council, concern, key, **fields):
    """The concern's first summary for the parent, written and shared by their adviser."""
    adviser = concern.parent.personal_adviser
    return ConcernSummary.objects.create(
        public_id=_id(council, f"{key}:summary:1"),
        council=council,
        concern=concern,
        number=1,
        written_by=adviser,
        shared_recorded_by=adviser,
        **fields,
    )


def _on_concern(model, council, concern, key, **fields):
    """An offer, request or view of the parent's on `concern`, recorded by their adviser."""
    return model.objects.create(
        public_id=_id(council, key),
        council=council,
        concern=concern,
        recorded_by=concern.parent.personal_adviser,
        **fields,
    )


def _open_concern(council, parent, today) -> None:
    adviser = parent.personal_adviser
    concern = _concern(
        council,
        parent,
        "open",
        raised_by_role=RaisedBy.HEALTH_VISITOR,
        raised_by_organisation="Herefordshire health visiting team",
        raised_by_name="Gwen Morley",
        raised_on=_days(today, 12),
        evidence_what=(
            "At the six-week visit the baby had gained less weight than expected, and the flat "
            "was very cold: the heating has been broken for two weeks. Mum said she is tired "
            "and low and has not been out since the birth."
        ),
        evidence_when=_days(today, 13),
        evidence_source="Health visitor's six-week home visit",
        status=ConcernStatus.UNDER_ASSESSMENT,
    )
    record_demo(
        council,
        "concern.raised",
        concern,
        detail={"parent": str(parent.public_id), "raised_by_role": concern.raised_by_role},
    )
    refresh_parent(parent=parent, actor=None, reason=REASON)
    _summary(
        council,
        concern,
        "open",
        what_is_happening=(
            "Your health visitor is worried because the baby has not put on as much weight as "
            "expected, and your flat has been cold since the heating broke. She asked "
            "children's services to look at what help you need. A social worker will visit "
            "and talk with you; this is called an assessment. It is about how things are now, "
            "not about your own time in care."
        ),
        the_plan=(
            "Your adviser will get the heating fixed this week and ask housing about a warmer "
            "flat. The health visitor will weigh the baby every week for a month. You can have "
            "an advocate with you at meetings, get free legal advice, and ask for meetings to "
            "be recorded. If you disagree with anything, tell us and we will write it down."
        ),
        written_at=_at(_days(today, 11)),
        shared_on=_days(today, 10),
        shared_how=SharedHow.IN_PERSON,
        shared_note="Read through together at home",
        acknowledged_at=_at(_days(today, 10), 15),
    )
    for key, kind, answer, answered, note in OPEN_OFFERS:
        _on_concern(
            ConcernOffer,
            council,
            concern,
            f"open:offer:{key}",
            kind=kind,
            offered_on=_days(today, 10),
            answer=answer,
            answered_on=_days(today, answered) if answered is not None else None,
            note=note,
        )
    _on_concern(
        ConcernRequest,
        council,
        concern,
        "open:request:recorded",
        kind=RequestKind.RECORDED_MEETINGS,
        detail="Asked for the assessment meetings to be recorded so she can listen again.",
        requested_on=_days(today, 9),
        asked_by=AskedBy.PARENT,
        decision=Decision.AGREED,
        reasons="Meetings will be recorded and a copy given to her and her advocate.",
        decided_by_name="Morgan Hughes, team manager",
        decided_on=_days(today, 8),
        decision_recorded_by=adviser,
    )
    _on_concern(
        ParentView,
        council,
        concern,
        "open:view:1",
        given_on=_days(today, 10),
        words=(
            "I was scared when I heard children's services were involved. I feed her all the "
            "time. It's the cold, not me. I want help with the flat and someone to talk to."
        ),
    )
    for title, detail, area, days in OPEN_SUPPORT:
        add_support_item(
            parent=parent,
            actor=None,
            title=title,
            detail=detail,
            concern=concern,
            support_area=area,
            due_date=today + datetime.timedelta(days=days),
        )


def _closed_concern(council, parent, today) -> None:
    adviser = parent.personal_adviser
    concern = _concern(
        council,
        parent,
        "closed",
        raised_by_role=RaisedBy.SCHOOL_OR_NURSERY,
        raised_by_organisation="Little Oaks nursery",
        raised_on=_days(today, 120),
        evidence_what="Alfie was collected late from nursery three times in one week.",
        evidence_when=_days(today, 122),
        evidence_source="Nursery's collection log",
        status=ConcernStatus.CLOSED,
        outcome=Outcome.NO_FURTHER_ACTION,
        outcome_detail="Her shifts had changed; a later pick-up time was agreed with the nursery.",
        closed_on=_days(today, 100),
        closed_by=adviser,
    )
    _summary(
        council,
        concern,
        "closed",
        what_is_happening=(
            "The nursery told us Alfie was picked up late a few times. We looked into it with "
            "you and know your work shifts changed."
        ),
        the_plan="Nothing more will happen. The nursery has agreed a later pick-up time.",
        written_at=_at(_days(today, 101)),
        shared_on=_days(today, 100),
        shared_how=SharedHow.PHONE,
        acknowledged_at=_at(_days(today, 99)),
    )
    record_demo(council, "concern.closed", concern, detail={"outcome": concern.outcome})
