"""Audit action codes in plain words, for people reading a trail (in English or Welsh).

The codes stay stable in the trail itself (ADR 0004); this is how they read on a page. Every
action that can be about a parent has words here (tests/audit/test_parent_trail.py checks the
codes in the source); anything else reads as "Other activity", never as a raw code.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTIONS = {
    # The parent's record
    "parent.created": _("Added the parent's record"),
    "parent.viewed": _("Opened the parent's record"),
    "parent.updated": _("Changed the parent's details"),
    "parent.equality.updated": _("Changed the parent's equality monitoring answers"),
    "parent.reassigned": _("Changed the personal adviser"),
    "parent.stages.changed": _("The parent's stages changed"),
    "parent.timeline.viewed": _("Looked at the parent's timeline"),
    "parent.list.viewed": _("Looked at a list of parents"),
    "consent.given": _("Recorded consent to share information"),
    "consent.withdrawn": _("Recorded that consent was withdrawn"),
    "parent_notice.told": _("Told the parent about a change"),
    "audit.trail.viewed": _("Looked at who has opened or changed this record"),
    "access.denied": _("Was refused access"),
    # Support plan
    "plan.viewed": _("Looked at the support plan"),
    "plan.regenerated": _("Brought the support plan up to date"),
    "plan.item.added": _("Added an item to the support plan"),
    "plan.item.viewed": _("Looked at an item of the support plan"),
    "plan.item.updated": _("Updated an item of the support plan"),
    "plan.item.status_changed": _("Changed the progress of a plan item"),
    "plan.item.parent_view_saved": _("Recorded the parent's view of a plan item"),
    "plan.item.to_discuss": _("Marked a plan item as to discuss"),
    "plan.item.offered": _("Marked a plan item as offered"),
    "plan.item.accepted": _("Marked a plan item as accepted"),
    "plan.item.declined": _("Marked a plan item as declined"),
    "plan.item.in_progress": _("Marked a plan item as in progress"),
    "plan.item.delivered": _("Marked a plan item as delivered"),
    "plan.item.not_needed": _("Marked a plan item as not needed"),
    "plan.review.recorded": _("Recorded a review of the support plan"),
    # Referrals to partner services
    "referral.sent": _("Sent a referral to a partner service"),
    "referral.self_referred": _("The parent referred themselves to a service"),
    "referral.viewed": _("Looked at a referral to a partner service"),
    "referral.list.viewed": _("Looked at a list of referrals"),
    "referral.status.changed": _("Changed the progress of a referral"),
    "referral.delivery.updated": _("Updated how a referral is being delivered"),
    "referral.contact.logged": _("Logged contact about a referral"),
    "referral.waiting_list.joined": _(
        "A referral joined the waiting list for a programme's places"
    ),
    "referral.place.offered": _("Offered a place on a programme"),
    "referral.place.answered": _("Recorded the answer to an offered place"),
    "referral.place.released": _("A place on a programme came free"),
    "referral.places.viewed": _("Looked at a programme's places and waiting list"),
    "referral.matched": _("Matched a family with a volunteer or worker"),
    "referral.worker.added": _("Added a volunteer or worker to a programme"),
    "referral.worker.changed": _("Changed a volunteer's or worker's details"),
    "referral.prompt.raised": _("Prompted the adviser to offer a programme"),
    "referral.prompt.answered": _("Recorded whether the parent wants a programme offered"),
    # Referrals to children's services
    "safeguards.referral.submitted": _("Submitted a referral to children's services"),
    "safeguards.referral.rewritten": _("Rewrote a referral to children's services"),
    "safeguards.referral.decided": _("Decided on a held referral to children's services"),
    "safeguards.referral.viewed": _("Looked at a referral to children's services"),
    "safeguards.referral.list.viewed": _("Looked at a list of referrals to children's services"),
    "safeguards.ground_refused": _("A reason given for a referral was refused"),
    "safeguards.evidence_refused": _(
        "A referral was refused: its evidence named no current, dated event"
    ),
    "safeguards.reason_refused": _("A manager's reason for sending a held referral was refused"),
    # Concerns
    "concern.raised": _("Recorded a concern"),
    "concern.viewed": _("Looked at a concern"),
    "concern.list.viewed": _("Looked at a list of concerns"),
    "concern.updated": _("Updated a concern"),
    "concern.closed": _("Closed a concern"),
    "concern.offer.recorded": _("Recorded support offered about a concern"),
    "concern.offer.updated": _("Updated support offered about a concern"),
    "concern.parent_view.recorded": _("Recorded the parent's view of a concern"),
    "concern.request.recorded": _("Recorded a request about a concern"),
    "concern.request.decided": _("Decided a request about a concern"),
    "concern.summary.written": _("Wrote a summary of a concern"),
    "concern.summary.shared": _("Shared a summary of a concern with the parent"),
    "concern.summary.acknowledged": _("The parent acknowledged a concern's summary"),
    "concern.portal.viewed": _("The parent looked at their concerns"),
    # Assessments and the sealed care history
    "assessment.added": _("Added a parenting assessment"),
    "assessment.updated": _("Updated a parenting assessment"),
    "assessment.viewed": _("Looked at a parenting assessment"),
    "care_history.viewed": _("Opened the sealed care history"),
    "care_history.break_glass": _("Opened the sealed care history with a written reason"),
    "care_history.entry.added": _("Added to the sealed care history"),
    "care_history.entry.updated": _("Changed the sealed care history"),
    "care_history.openings.viewed": _("Looked at who opened the sealed care history"),
    # Children
    "child.added": _("Added a child"),
    "child.viewed": _("Looked at a child's record"),
    "child.updated": _("Changed a child's details"),
    "child.circumstances.changed": _("Changed a child's circumstances"),
    # Living apart from a child
    "apart.page.viewed": _("Looked at living apart from a child"),
    "apart.arrangement.added": _("Added a contact arrangement"),
    "apart.arrangement.updated": _("Updated a contact arrangement"),
    "apart.session.logged": _("Logged a contact session"),
    "apart.letter_box.added": _("Added letter-box contact"),
    "apart.letter_box.updated": _("Updated letter-box contact"),
    "apart.proceeding.added": _("Added court proceedings"),
    "apart.proceeding.updated": _("Updated court proceedings"),
    "apart.grief_support.offered": _("Offered support with loss"),
    "apart.grief_support.followed_up": _("Followed up support with loss"),
    "apart.grief_support.updated": _("Updated support with loss"),
    "apart.claim.added": _("Added a claim for costs"),
    "apart.claim.viewed": _("Looked at a claim for costs"),
    "apart.claims.waiting.viewed": _("Looked at claims for costs waiting for a decision"),
    "apart.claim.approved": _("Approved a claim for costs"),
    "apart.claim.paid": _("Paid a claim for costs"),
    "apart.receipt.downloaded": _("Downloaded a receipt"),
    "apart.reminder.sent": _("Sent a reminder about contact"),
    "apart.demo.seeded": _("Added demonstration records"),
    # The parent's portal
    "portal.invitation.sent": _("Invited the parent to the portal"),
    "portal.invitation.accepted": _("The parent accepted the invitation to the portal"),
    "portal.account.disabled": _("Closed the parent's portal account"),
    "portal.sign_in.requested": _("A sign-in link was asked for"),
    "portal.password_reset.requested": _("A new password was asked for"),
    "portal.sign_in.throttled": _("A sign-in link was asked for too often"),
    "portal.password_reset.throttled": _("A new password was asked for too often"),
    "portal.sign_in_link.used": _("The parent signed in with an emailed link"),
    "portal.settings.updated": _("The parent changed their settings"),
    "portal.home_viewed": _("The parent opened their portal"),
    "portal.plan_viewed": _("The parent looked at their plan"),
    "portal.equality_viewed": _("The parent looked at their equality monitoring answers"),
    "portal.plan_item_viewed": _("The parent looked at an item of their plan"),
    "portal.challenges_viewed": _("The parent looked at their challenges"),
    "portal.challenges.list_viewed": _("Looked at a list of parents' challenges"),
    "portal.challenge_viewed": _("The parent looked at a challenge"),
    "portal.challenge_form_viewed": _("The parent started a challenge"),
    "portal.challenge.raised": _("The parent said a promise was not kept"),
    "portal.challenge.viewed": _("Looked at the parent's challenge"),
    "portal.challenge.responded": _("Responded to the parent's challenge"),
    "portal.challenge.resolved": _("Resolved the parent's challenge"),
    "portal.challenge.escalated": _("Passed the parent's challenge to a manager"),
    "portal.subject_access_viewed": _("The parent looked at everything held about them"),
    "portal.messages_viewed": _("The parent read their messages"),
    "notifications.list.viewed": _("Looked at their notifications"),
    "portal.subject_access_downloaded": _("The parent downloaded everything held about them"),
    # Moving between councils
    "transfer.proposed": _("Proposed a move to another council"),
    "transfer.viewed": _("Looked at a move to another council"),
    "transfer.consent.given": _("Recorded the parent's consent to move to another council"),
    "transfer.consent.refused": _("Recorded that the parent did not agree to move"),
    "transfer.withdrawn": _("Withdrew a move to another council"),
    "transfer.received": _("A move from another council arrived for a decision"),
    "transfer.incoming.viewed": _("Looked at a move from another council"),
    "transfer.list.viewed": _("Looked at moves between councils"),
    "transfer.accepted": _("Accepted a move between councils"),
    "transfer.declined": _("Declined a move between councils"),
    "transfer.closed": _("Closed the record: the parent moved to another council"),
    "transfer.portal.viewed": _("The parent looked at a move to another council"),
}

OTHER = _("Other activity")

SAFEGUARDS_OUTCOMES = {
    "held": _("held for a team manager's decision"),
    "held_routine": _("held for a team manager's decision as a routine referral"),
    "sent": _("sent to children's services"),
}
SAFEGUARDS_DECISIONS = {
    "send": pgettext_lazy("referral decision", "sent on"),
    "return": pgettext_lazy("referral decision", "returned to the worker"),
    "withdraw": pgettext_lazy("referral decision", "withdrawn"),
}


def describe(action: str) -> str:
    return str(ACTIONS.get(action, OTHER))


def outcome(action: str, detail: dict) -> str:
    """A word on how it ended, where the event's detail says (codes only, never free text)."""
    if action in ("safeguards.referral.submitted", "safeguards.referral.rewritten"):
        return str(SAFEGUARDS_OUTCOMES.get(detail.get("outcome"), ""))
    if action == "safeguards.referral.decided":
        return str(SAFEGUARDS_DECISIONS.get(detail.get("decision"), ""))
    return ""
