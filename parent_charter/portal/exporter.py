"""The portal's own part of a parent's subject-access export: their record, consents,
children, the stages that apply and when they changed, plan and its history, reviews,
challenges, the messages they were sent and their sign-in (with the links emailed to them).

Left out, and said so: the other parent of each child (their name, council and whether they
are care-experienced are about another person) and who attended each review (they may be
family members or other people). Names of council staff acting in their role are kept.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.children.models import ChildCircumstance, ChildParent
from parent_charter.core.registries.subject_access import SubjectAccessPart
from parent_charter.notifications.models import ParentNotice
from parent_charter.parents.models import ConsentRecord, ParentStage, StageChange
from parent_charter.plans.models import PlanItem, PlanItemStatus, PlanReview
from parent_charter.plans.selectors import item_title

from .models import Challenge, ChallengeEvent, PortalAccount, PortalLink
from .selectors import promise_title
from .words import challenge_status_for_parent, item_status_for_parent


def _day(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
        return f"{date_format(value, 'j F Y')}, {value:%H:%M}"
    return date_format(value, "j F Y")


def _person(user) -> str:
    return user.full_name if user is not None else _("The system")


def export_parent(parent) -> list[SubjectAccessPart]:
    return [
        _details(parent),
        _consents(parent),
        _children(parent),
        _plan(parent),
        _reviews(parent),
        _challenges(parent),
        _account(parent),
        _stages(parent),
        _messages(parent),
    ]


# Every model this exporter puts into words (subject_access.unaccounted checks the registry).
COVERS = (
    "parents.Parent",
    "parents.ConsentRecord",
    "parents.ParentStage",
    "parents.StageChange",
    "children.ChildParent",
    "children.ChildCircumstance",
    "plans.SupportPlan",
    "plans.PlanItem",
    "plans.PlanItemStatus",
    "plans.PlanReview",
    "portal.Challenge",
    "portal.ChallengeEvent",
    "portal.PortalAccount",
    "portal.PortalLink",
    "notifications.ParentNotice",
)


def _details(parent) -> SubjectAccessPart:
    rows = [
        (_("First name"), parent.given_name),
        (_("Last name"), parent.family_name),
        (_("Preferred name"), parent.preferred_name),
        (_("Pronouns"), parent.pronouns),
        (_("Date of birth"), _day(parent.date_of_birth)),
        (_("Mother, father or parent"), parent.get_parent_role_display()),
        (_("Email address"), parent.email),
        (_("Phone number"), parent.phone),
        (_("Address"), parent.address),
        (_("Postcode"), parent.postcode),
        (_("Preferred way to be contacted"), parent.get_preferred_contact_display()),
        (_("Preferred language"), parent.get_preferred_language_display()),
        (_("Care status"), parent.get_care_status_display()),
        (_("Care-leaver category"), parent.get_care_category_display()),
        (
            _("Personal adviser"),
            parent.personal_adviser.full_name if parent.personal_adviser else "",
        ),
        (_("Record made on"), _day(parent.created_at)),
        (_("Record last changed on"), _day(parent.updated_at)),
    ]
    return SubjectAccessPart(title=gettext_lazy("Your details"), records=[_strings(rows)])


def _strings(rows) -> list[tuple[str, str]]:
    return [(str(label), str(value) if value not in (None, "") else "–") for label, value in rows]


def _consents(parent) -> SubjectAccessPart:
    records = [
        _strings(
            [
                (_("Shared with"), consent.share_with),
                (_("What may be shared"), consent.information),
                (_("Given on"), _day(consent.given_on)),
                (_("Recorded by"), _person(consent.recorded_by)),
                (_("Withdrawn on"), _day(consent.withdrawn_on)),
                (_("Note about the withdrawal"), consent.withdrawal_note),
            ]
        )
        for consent in ConsentRecord.objects.filter(parent=parent)
        .select_related("recorded_by")
        .order_by("-given_on", "-pk")
    ]
    return SubjectAccessPart(title=gettext_lazy("Consent to share information"), records=records)


def _children(parent) -> SubjectAccessPart:
    links = list(
        ChildParent.objects.filter(parent=parent)
        .select_related("child")
        .prefetch_related(
            Prefetch(
                "child__circumstances",
                queryset=ChildCircumstance.objects.order_by("from_date", "pk"),
                to_attr="history",
            ),
            Prefetch(
                "child__parent_links",
                queryset=ChildParent.objects.exclude(parent=parent).order_by("pk"),
                to_attr="other_links",
            ),
        )
        .order_by("child__pk")
    )
    records, others = [], 0
    for link in links:
        child = link.child
        others += len(child.other_links)
        rows = [
            (_("First name"), child.given_name or _("Not named yet")),
            (_("Due date"), _day(child.due_date)),
            (_("Date of birth"), _day(child.date_of_birth)),
        ]
        for circumstance in child.history:
            rows.append(
                (
                    _("From %(date)s") % {"date": _day(circumstance.from_date)},
                    _("Lives: %(where)s. Legal position: %(legal)s.")
                    % {
                        "where": circumstance.get_lives_with_display(),
                        "legal": circumstance.get_legal_status_display(),
                    }
                    + (f" {circumstance.note}" if circumstance.note else ""),
                )
            )
        records.append(_strings(rows))
    withheld = ""
    if others:
        withheld = _(
            "The other parent of your children is left out (their name, the council that "
            "supports them and whether they are care-experienced), because that is information "
            "about another person. Your adviser can tell you what may be shared."
        )
    return SubjectAccessPart(
        title=gettext_lazy("Your children"), records=records, withheld=withheld
    )


def _stages(parent) -> SubjectAccessPart:
    """The charter stages that apply now, and every time one started or stopped applying."""
    current = [
        _strings([(_("Stage"), row.get_stage_display()), (_("Since"), _day(row.since))])
        for row in ParentStage.objects.filter(parent=parent).order_by("since", "pk")
    ]
    changes = [
        _strings(
            [
                (_("When"), _day(change.at)),
                (_("Stage"), change.get_stage_display()),
                (
                    _("What changed"),
                    _("Started to apply") if change.entered else _("Stopped applying"),
                ),
                (_("Why"), change.reason_text),
                (_("Recorded by"), _person(change.by)),
            ]
        )
        for change in StageChange.objects.filter(parent=parent)
        .select_related("by")
        .order_by("at", "pk")
    ]
    return SubjectAccessPart(
        title=gettext_lazy("The stages of the charter that apply to you"),
        records=current + changes,
        notes=[
            _(
                "The stages are worked out from the facts recorded about you and your "
                "children; nobody types them in. First the stages that apply now, then each "
                "time one started or stopped applying."
            )
        ],
    )


def _plan(parent) -> SubjectAccessPart:
    items = (
        PlanItem.objects.filter(plan__parent=parent)
        .select_related("commitment", "local_commitment", "child", "owner")
        .prefetch_related(
            Prefetch(
                "status_history",
                queryset=PlanItemStatus.objects.select_related("by").order_by("at", "pk"),
            )
        )
        .order_by("order", "pk")
    )
    records = []
    for item in items:
        history = "\n".join(
            " – ".join(
                part
                for part in (
                    _day(row.at),
                    item_status_for_parent(row.status),
                    _person(row.by),
                    row.note_text,
                )
                if part
            )
            for row in item.status_history.all()
        )
        records.append(
            _strings(
                [
                    (_("Promise"), item_title(item)),
                    (_("Kind"), item.get_source_display()),
                    (_("Stage"), item.get_stage_display()),
                    (_("Where it stands"), item_status_for_parent(item.status)),
                    (_("Due date"), _day(item.due_date)),
                    (_("Owner"), item.owner.full_name if item.owner else ""),
                    (_("Your view"), item.parent_view),
                    (_("Evidence of delivery"), item.evidence),
                    (_("Added on"), _day(item.created_at)),
                    (_("No longer applies since"), _day(item.closed_at)),
                    (_("Why it no longer applies"), item.closed_reason_text),
                    (_("History"), history),
                ]
            )
        )
    return SubjectAccessPart(title=gettext_lazy("Your support plan"), records=records)


def _reviews(parent) -> SubjectAccessPart:
    reviews = list(
        PlanReview.objects.filter(plan__parent=parent)
        .select_related("recorded_by")
        .order_by("-held_on", "-pk")
    )
    records = [
        _strings(
            [
                (_("Date of the review"), _day(review.held_on)),
                (_("Did you take part?"), review.get_participation_display()),
                (_("How you took part"), review.participation_detail),
                (_("Summary"), review.summary),
                (_("Agreed actions"), review.agreed_actions),
                (_("Recorded by"), _person(review.recorded_by)),
            ]
        )
        for review in reviews
    ]
    withheld = ""
    if reviews:
        withheld = _(
            "Who attended each review is left out, because it may name other people. Your "
            "adviser can tell you who was there."
        )
    return SubjectAccessPart(
        title=gettext_lazy("Reviews of your plan"), records=records, withheld=withheld
    )


def _challenges(parent) -> SubjectAccessPart:
    challenges = (
        Challenge.objects.filter(parent=parent)
        .select_related(
            "plan_item__commitment",
            "plan_item__local_commitment",
            "plan_item__child",
            "commitment",
            "local_commitment",
            "responded_by",
        )
        .prefetch_related(
            Prefetch("events", queryset=ChallengeEvent.objects.select_related("by").order_by("pk"))
        )
        .order_by("-raised_at", "-pk")
    )
    records = []
    for challenge in challenges:
        timeline = "\n".join(
            f"{_day(event.at)} – {event.get_kind_display()}" for event in challenge.events.all()
        )
        records.append(
            _strings(
                [
                    (_("Promise"), promise_title(challenge)),
                    (_("What happened"), challenge.what_happened),
                    (_("What would put it right"), challenge.what_would_help),
                    (_("Raised on"), _day(challenge.raised_at)),
                    (_("Response due by"), _day(challenge.due_on)),
                    (_("Where it stands"), challenge_status_for_parent(challenge.status)),
                    (_("The council's response"), challenge.response),
                    (
                        _("Responded by"),
                        challenge.responded_by.full_name if challenge.responded_by else "",
                    ),
                    (_("Passed to the team manager on"), _day(challenge.escalated_at)),
                    (_("What you still need"), challenge.still_needed),
                    (_("Timeline"), timeline),
                ]
            )
        )
    return SubjectAccessPart(title=gettext_lazy("Your challenges"), records=records)


def _messages(parent) -> SubjectAccessPart:
    records = [
        _strings(
            [
                (_("Sent on"), _day(notice.created_at)),
                (_("Message"), notice.text),
                (_("Your adviser told you on"), _day(notice.told_at)),
                (_("You read it on"), _day(notice.seen_at)),
            ]
        )
        for notice in ParentNotice.objects.filter(parent=parent).order_by("-created_at", "-pk")
    ]
    return SubjectAccessPart(title=gettext_lazy("Messages to you"), records=records)


def _account(parent) -> SubjectAccessPart:
    account = PortalAccount.objects.filter(parent=parent).select_related("user").first()
    records = []
    if account is not None:
        records.append(
            _strings(
                [
                    (_("Email address you sign in with"), account.user.email),
                    (_("Account set up on"), _day(account.activated_at)),
                    (_("Last signed in"), _day(account.user.last_login)),
                ]
            )
        )
    # The links themselves cannot be given: only a scrambled form of each secret is kept.
    for link in PortalLink.objects.filter(parent=parent).order_by("-created_at", "-pk"):
        records.append(
            _strings(
                [
                    (_("Link emailed to you"), link.get_purpose_display()),
                    (_("Sent to"), link.email),
                    (_("Made on"), _day(link.created_at)),
                    (_("Used on"), _day(link.used_at)),
                    (_("Worked until"), _day(link.expires_at)),
                    (_("Cancelled on"), _day(link.revoked_at)),
                ]
            )
        )
    return SubjectAccessPart(title=gettext_lazy("Your sign-in"), records=records)
