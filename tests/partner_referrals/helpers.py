"""Shared set-up for the referrals tests."""

import datetime
import uuid

from django_scopes import scope

from parent_charter.notifications.models import ParentNotice, StaffNotification
from parent_charter.partner_referrals import services, services_partner
from tests.factories import ConsentRecordFactory
from tests.helpers import today


def consent_for(parent, organisation, recorder, **fields):
    """A consent in force naming the organisation (given yesterday unless said)."""
    fields.setdefault("given_on", today() - datetime.timedelta(days=1))
    with scope(council=parent.council_id):
        return ConsentRecordFactory(
            parent=parent,
            partner_organisation=organisation,
            share_with=organisation.name,
            recorded_by=recorder,
            **fields,
        )


def refer(parent, organisation, actor, **fields):
    """A referral sent through the service, as the create page does."""
    fields.setdefault("kind", "advocacy")
    fields.setdefault("reason", "Would like an advocate at the next meeting.")
    fields.setdefault("shared", ["contact", "reason"])
    with scope(council=parent.council_id):
        return services.make_referral(
            parent=parent,
            actor=actor,
            form_token=uuid.uuid4(),
            organisation=organisation,
            **fields,
        )


def move(referral, actor, *statuses, by_partner=True):
    """Move a referral along `statuses`, with a reason or outcome where one is needed."""
    with scope(council=referral.council_id):
        for status in statuses:
            services_partner.change_status(
                referral=referral,
                actor=actor,
                status=status,
                reason="No places left this term" if status == "declined" else "",
                outcome="completed" if status == "ended" else "",
                by_partner=by_partner,
            )
    return referral


def staff_notifications(user, kind=None) -> list[StaffNotification]:
    with scope(council=user.council_id):
        rows = StaffNotification.objects.filter(recipient=user)
        if kind is not None:
            rows = rows.filter(kind=kind)
        return list(rows)


def parent_notices(parent) -> list[ParentNotice]:
    with scope(council=parent.council_id):
        return list(ParentNotice.objects.filter(parent=parent))
