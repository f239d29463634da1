"""Prompts to the parent's adviser to offer a programme when a pregnancy or a new baby is
recorded (ADR 0025).

Some offers ask advisers to raise a programme when they learn that a parent's circumstances
have changed: Herefordshire's does for Baby Steps. The programme says so
(`Programme.offered_on_new_baby`). When a parent's facts change (parents.facts), each of their
children due or born in the last year raises one prompt per such programme, unless the parent
already has an open referral to it or the programme is not for them. The prompt stays on the
parent's page until the adviser records what the parent said; it is never raised twice for the
same child and programme.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.children.models import ChildParent
from parent_charter.notifications.services import notify_staff
from parent_charter.offers.models import Programme
from parent_charter.parents.models import ParentRole

from .models import OPEN_STATUSES, ProgrammePrompt, PromptAnswer, Referral
from .services import advisers_of

# A baby counts as new for its first year; a pregnancy from when it is recorded.
NEW_BABY_DAYS = 365


class AlreadyAnswered(Exception):
    """Someone recorded the parent's answer first."""


def _age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _for_parent(programme: Programme, parent, today: datetime.date) -> bool:
    if not programme.fathers_included and parent.parent_role == ParentRole.FATHER:
        return False
    age_limit = programme.maximum_age
    return age_limit is None or _age_on(parent.date_of_birth, today) < age_limit


def raise_prompts(sender=None, *, parent, actor, reason: str = "", **kwargs) -> list:
    """Answer parents.facts.facts_changed: raise the prompts the parent's children call for."""
    today = timezone.localdate()
    programmes = [
        programme
        for programme in Programme.objects.filter(
            offer__council_id=parent.council_id, offered_on_new_baby=True
        ).exclude(
            Exists(
                Referral.objects.filter(
                    parent=parent, programme=OuterRef("pk"), status__in=OPEN_STATUSES
                )
            )
        )
        if _for_parent(programme, parent, today)
    ]
    if not programmes:
        return []
    since = today - datetime.timedelta(days=NEW_BABY_DAYS)
    children = [
        link.child
        for link in ChildParent.objects.filter(parent=parent).select_related("child")
        if (link.child.date_of_birth or link.child.due_date) >= since
    ]
    if not children:
        return []
    raised_before = set(
        ProgrammePrompt.objects.filter(parent=parent).values_list("programme_id", "child_id")
    )
    raised = []
    now = timezone.now()
    for programme in programmes:
        for child in children:
            if (programme.pk, child.pk) in raised_before:
                continue
            prompt = ProgrammePrompt.objects.create(
                council_id=parent.council_id,
                parent=parent,
                programme=programme,
                child=child,
                raised_at=now,
            )
            raised.append(prompt)
            audit.record(
                actor=actor,
                council=parent.council,
                action="referral.prompt.raised",
                obj=parent,
                detail={"programme": programme.slug, "child": str(child.public_id)},
            )
    for programme in {prompt.programme_id: prompt.programme for prompt in raised}.values():
        notify_staff(
            council=parent.council,
            recipients=advisers_of(parent),
            kind="referrals.programme_prompt",
            params={"parent": parent.display_name, "programme": programme.name},
            url=reverse("parents:detail", kwargs={"public_id": parent.public_id}) + "#referrals",
        )
    return raised


def answer_prompt(*, prompt: ProgrammePrompt, actor, answer: str) -> ProgrammePrompt:
    """Record what the parent said when offered the programme; the prompt then closes."""
    if answer not in PromptAnswer.values:
        raise ValueError("Choose what the parent said.")
    with transaction.atomic():
        current = (
            ProgrammePrompt.objects.select_for_update(of=("self",))
            .select_related("parent__council", "programme")
            .get(pk=prompt.pk)
        )
        if current.answer:
            raise AlreadyAnswered(current)
        now = timezone.now()
        ProgrammePrompt.objects.filter(pk=current.pk).update(
            answer=answer, answered_at=now, answered_by=actor
        )
        prompt.answer, prompt.answered_at, prompt.answered_by = answer, now, actor
        audit.record(
            actor=actor,
            council=current.parent.council,
            action="referral.prompt.answered",
            obj=current.parent,
            detail={"programme": current.programme.slug, "answer": answer},
        )
    return prompt
