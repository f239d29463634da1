"""`manage.py seed_demo`: the demo councils, their offers, staff sign-ins and synthetic parents.

Idempotent: running it again brings the demo up to date and duplicates nothing.
"""

import random

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scopes_disabled

from parent_charter.authorities.models import Council, PartnerOrganisation
from parent_charter.charter.catalogue import CatalogueError
from parent_charter.demo.accounts import DEMO_PASSWORD, ensure_demo_people
from parent_charter.demo.synthetic import parent_rows
from parent_charter.offers.offer_file import load_offer_file, shipped_offer_files
from parent_charter.offers.services import apply_offer_file
from parent_charter.parents.models import Parent

DEMO_PARENTS_PER_COUNCIL = 14
DEMO_SEED = 2026


class Command(BaseCommand):
    help = "Create or refresh the demo data and print the demo sign-ins."

    def handle(self, *args, **options):
        call_command("load_charter", stdout=self.stdout)
        councils = {}
        for path in shipped_offer_files():
            try:
                spec = load_offer_file(path)
                councils[spec.council.slug] = apply_offer_file(spec, file_name=path.name)
            except CatalogueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Local offer: {spec.council.name} ({path.name})")
        partners = {
            p.name: p for p in PartnerOrganisation.objects.filter(council__in=councils.values())
        }
        people = ensure_demo_people(councils, partners)
        created = self._demo_parents(councils.values())
        self.stdout.write(f"Demo parents: {created} added.")
        self._print_sign_ins(people)

    def _demo_parents(self, councils) -> int:
        from parent_charter.accounts.models import User
        from parent_charter.accounts.roles import Role

        created = 0
        with scopes_disabled(), transaction.atomic():
            for council in councils:
                advisers = list(
                    User.objects.filter(
                        council=council, role_grants__role=Role.PERSONAL_ADVISER
                    ).order_by("username")
                )
                rows = parent_rows(
                    council=council,
                    advisers=advisers,
                    count=DEMO_PARENTS_PER_COUNCIL,
                    rng=random.Random(f"{DEMO_SEED}:{council.slug}"),
                    key=f"demo:{council.slug}",
                )
                existing = set(
                    Parent.objects.filter(public_id__in=[r.public_id for r in rows]).values_list(
                        "public_id", flat=True
                    )
                )
                new = [row for row in rows if row.public_id not in existing]
                Parent.objects.bulk_create(new)
                created += len(new)
        return created

    def _print_sign_ins(self, people) -> None:
        out = self.stdout
        out.write("")
        out.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD})")
        out.write("-" * 78)
        councils = {c.slug: c.name for c in Council.objects.all()}
        for person in people:
            where = councils.get(person.council_slug, "all councils (aggregate only)")
            roles = ", ".join(str(role.label) for role in person.roles)
            out.write(f"  {person.email:<28} {roles:<30} {where}")
        out.write("-" * 78)
        out.write(
            "Staff sign in with a password and then a security code. In this demo the code\n"
            "is shown on the security code page; real accounts use an authenticator app."
        )
