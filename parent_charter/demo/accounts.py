"""The demo's sign-ins: one per role per council, each with a demo authenticator."""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from parent_charter.accounts.models import RoleGrant, User
from parent_charter.accounts.roles import Role
from parent_charter.accounts.services import DEMO_DEVICE_NAME

DEMO_PASSWORD = "charter-demo-2026"  # noqa: S105 - published demo password, demo data only


@dataclass(frozen=True)
class DemoPerson:
    council_slug: str | None
    local_part: str
    full_name: str
    roles: tuple[str, ...]
    job_title: str
    partner: str | None = None

    @property
    def email(self) -> str:
        domain = f"{self.council_slug}.demo" if self.council_slug else "network.demo"
        return f"{self.local_part}@{domain}"


DEMO_PEOPLE = (
    DemoPerson(
        "herefordshire", "priya", "Priya Shah", (Role.PERSONAL_ADVISER,), "Personal adviser"
    ),
    DemoPerson("herefordshire", "tom", "Tom Evans", (Role.PERSONAL_ADVISER,), "Personal adviser"),
    DemoPerson("herefordshire", "morgan", "Morgan Hughes", (Role.TEAM_MANAGER,), "Team manager"),
    DemoPerson("herefordshire", "sian", "Sian Price", (Role.SOCIAL_WORKER,), "Social worker"),
    DemoPerson(
        "herefordshire",
        "hana",
        "Hana Clarke",
        (Role.PARTNER_WORKER,),
        "Baby Steps coordinator",
        partner="Home-Start Herefordshire",
    ),
    DemoPerson("herefordshire", "alex", "Alex Turner", (Role.ANALYST,), "Committee analyst"),
    DemoPerson(
        "herefordshire", "ceri", "Ceri Lloyd", (Role.COUNCIL_ADMIN,), "Systems administrator"
    ),
    DemoPerson("cardiff", "rhian", "Rhian Morgan", (Role.PERSONAL_ADVISER,), "Cynghorydd personol"),
    DemoPerson("cardiff", "gareth", "Gareth Jenkins", (Role.TEAM_MANAGER,), "Rheolwr tîm"),
    DemoPerson("cardiff", "elin", "Elin Rees", (Role.COUNCIL_ADMIN,), "Gweinyddwr systemau"),
    DemoPerson(None, "nia", "Nia Roberts", (Role.NETWORK_COORDINATOR,), "Network coordinator"),
)


def demo_device_key(email: str) -> str:
    """A stable TOTP key per demo account, so re-seeding keeps authenticator apps working."""
    return hashlib.sha256(f"parent-charter-demo:{email}".encode()).hexdigest()[:40]


def ensure_demo_people(councils: dict, partners: dict) -> list[DemoPerson]:
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        for person in DEMO_PEOPLE:
            council = councils.get(person.council_slug) if person.council_slug else None
            user, created = User.objects.get_or_create(
                username=person.email,
                defaults={
                    "email": person.email,
                    "full_name": person.full_name,
                    "council": council,
                    "job_title": person.job_title,
                    "partner_organisation": partners.get(person.partner),
                    "password": password_hash,
                },
            )
            for role in person.roles:
                RoleGrant.objects.get_or_create(user=user, role=role)
            TOTPDevice.objects.get_or_create(
                user=user,
                name=DEMO_DEVICE_NAME,
                defaults={"key": demo_device_key(person.email), "confirmed": True},
            )
    return list(DEMO_PEOPLE)
