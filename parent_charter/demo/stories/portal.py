"""Demo portal sign-ins for two demo parents, and a challenge each.

In Herefordshire, the mother of baby Isla (the "new baby" story) signs in in English and has
an open challenge about registering with a GP. In Cardiff, the expectant mother's record says
she prefers Welsh, so the portal opens in Welsh for her; the council has answered her
challenge and is waiting to hear whether that resolved things. Both use the demo password.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from parent_charter.accounts.models import RoleGrant, User
from parent_charter.accounts.roles import Role
from parent_charter.demo.accounts import DEMO_PASSWORD
from parent_charter.demo.recorded import demo_id, record_demo
from parent_charter.parents.models import Language, Parent
from parent_charter.plans.models import PlanItem
from parent_charter.portal.models import (
    Challenge,
    ChallengeEvent,
    ChallengeEventKind,
    ChallengeStatus,
    PortalAccount,
)
from parent_charter.portal.services_challenges import response_due_on


class DemoParent:
    def __init__(self, council_slug, email, scenario, language, challenge):
        self.council_slug = council_slug
        self.email = email
        self.scenario = scenario
        self.language = language
        self.challenge = challenge


# The promise challenged, what the parent wrote, how many days ago, and the council's answer.
DEMO_PARENTS = (
    DemoParent(
        "herefordshire",
        "parent@herefordshire.demo",
        "new-baby",
        Language.ENGLISH,
        {
            "item": "milestone:gp-registration",
            "what_happened": (
                "My adviser said she would help me register Isla with the GP and come with "
                "me, but nobody has been in touch for three weeks and the surgery says the "
                "forms are not there."
            ),
            "what_would_help": "Someone to come with me to the surgery this week.",
            "days_ago": 3,
            "response": "",
        },
    ),
    DemoParent(
        "cardiff",
        "rhiant@cardiff.demo",
        "expecting-mother",
        Language.WELSH,
        {
            "item": "expecting.health-in-pregnancy",
            "what_happened": (
                "Cefais addewid y byddai rhywun yn dod gyda fi i'r apwyntiad cyntaf gyda'r "
                "fydwraig, ond doedd neb yno."
            ),
            "what_would_help": "Hoffwn i rywun ddod gyda fi i'r apwyntiad nesaf.",
            "days_ago": 9,
            "response": (
                "Mae'n ddrwg gennym na ddaeth neb gyda chi. Mae Rhian wedi trefnu i ddod "
                "gyda chi i'r apwyntiad nesaf ddydd Mawrth, a bydd hi'n eich ffonio y diwrnod "
                "cynt."
            ),
        },
    ),
)


def seed(council) -> str:
    """Give the council's demo parent a portal sign-in and a challenge. Idempotent."""
    demo = next((d for d in DEMO_PARENTS if d.council_slug == council.slug), None)
    if demo is None:
        return ""
    from parent_charter.demo.scenarios import cast_by_scenario

    with scope(council=council.pk), transaction.atomic():
        parents = cast_by_scenario(council).get(demo.scenario) or []
        if not parents:
            return ""
        parent = parents[0]
        if parent.preferred_language != demo.language:
            Parent.objects.filter(pk=parent.pk).update(preferred_language=demo.language)
            parent.preferred_language = demo.language
        user = _ensure_account(council, parent, demo.email)
        if user is None:
            return ""
        challenge = _ensure_challenge(council, parent, user, demo)
    language = "Welsh" if demo.language == Language.WELSH else "English"
    story = (
        "an open challenge"
        if challenge.status == ChallengeStatus.OPEN
        else ("a challenge the council has answered")
    )
    return (
        f"parent sign-in {demo.email} ({parent.display_name}, prefers {language}), "
        f"password {DEMO_PASSWORD}, with {story}."
    )


def sign_in_rows() -> list[tuple[str, str, str]]:
    """(email, what it is, council slug) for the printed table of demo sign-ins."""
    return [
        (demo.email, "Parent (portal)", demo.council_slug)
        for demo in DEMO_PARENTS
        if User.objects.filter(username=demo.email).exists()
    ]


def _ensure_account(council, parent, email) -> User | None:
    existing = PortalAccount.objects.filter(parent=parent).select_related("user").first()
    if existing is not None:
        return existing.user if existing.user.username == email else None
    user, _created = User.objects.get_or_create(
        username=email,
        defaults={
            "email": email,
            "full_name": parent.display_name,
            "council": council,
            "password": make_password(DEMO_PASSWORD),
        },
    )
    RoleGrant.objects.get_or_create(user=user, role=Role.PARENT)
    if PortalAccount.objects.filter(user=user).exists():
        return None  # the address is joined to another demo parent already
    now = timezone.now()
    PortalAccount.objects.create(
        council=council,
        user=user,
        parent=parent,
        invited_by=parent.personal_adviser,
        activated_at=now,
    )
    record_demo(council, "portal.invitation.accepted", parent)
    return user


def _ensure_challenge(council, parent, user, demo) -> Challenge:
    public_id = demo_id(council, "portal", "challenge")
    challenge = Challenge.objects.filter(public_id=public_id).first()
    if challenge is not None:
        return challenge
    spec = demo.challenge
    item = _plan_item(parent, spec["item"])
    raised_at = timezone.now() - datetime.timedelta(days=spec["days_ago"])
    responded = bool(spec["response"])
    adviser = parent.personal_adviser
    challenge = Challenge.objects.create(
        public_id=public_id,
        council=council,
        parent=parent,
        plan_item=item,
        commitment=None if item else _any_commitment(council),
        what_happened=spec["what_happened"],
        what_would_help=spec["what_would_help"],
        status=ChallengeStatus.RESPONDED if responded else ChallengeStatus.OPEN,
        raised_at=raised_at,
        raised_by=user,
        due_on=response_due_on(council, timezone.localdate(raised_at)),
        response=spec["response"],
        responded_at=raised_at + datetime.timedelta(days=4) if responded else None,
        responded_by=adviser if responded else None,
        version=2 if responded else 1,
    )
    ChallengeEvent.objects.create(
        council=council, challenge=challenge, kind=ChallengeEventKind.RAISED, at=raised_at, by=user
    )
    if responded:
        ChallengeEvent.objects.create(
            council=council,
            challenge=challenge,
            kind=ChallengeEventKind.RESPONDED,
            text=spec["response"],
            at=challenge.responded_at,
            by=adviser,
        )
    record_demo(council, "portal.challenge.raised", parent, detail={"challenge": str(public_id)})
    return challenge


def _plan_item(parent, key: str) -> PlanItem | None:
    items = PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True)
    if key.startswith("milestone:"):
        return items.filter(milestone_key=key.removeprefix("milestone:")).first()
    return items.filter(commitment__key=key).first() or items.first()


def _any_commitment(council):
    from parent_charter.charter.models import Commitment

    offer = getattr(council, "local_offer", None)
    return Commitment.objects.filter(charter_version_id=offer.charter_version_id).first()
