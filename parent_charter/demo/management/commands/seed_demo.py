"""`manage.py seed_demo`: the demo councils, their offers, staff sign-ins, parents and casework.

The stories and the helpers that seed them are in parent_charter/demo/scenarios.py; this
command runs them, then each area's own stories (demo.stories), and prints the sign-ins.
"""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from parent_charter.authorities.models import Council, PartnerOrganisation
from parent_charter.charter.catalogue import CatalogueError
from parent_charter.demo.accounts import DEMO_PASSWORD, ensure_demo_people
from parent_charter.demo.scenarios import (
    STORIES,
    demo_extensions,
    give_history,
    seed_casework,
    seed_demo_parents,
)
from parent_charter.offers.offer_file import load_offer_file, shipped_offer_files
from parent_charter.offers.offer_import import apply_offer_file


class Command(BaseCommand):
    help = "Create or refresh the demo data and print the demo sign-ins."

    def handle(self, *args, **options):
        started = timezone.now()
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
        created = seed_demo_parents(councils.values())
        self.stdout.write(f"Demo parents: {created} added.")
        children = sum(seed_casework(council) for council in councils.values())
        self.stdout.write(f"Demo casework: {children} children added, plans up to date.")
        given = sum(give_history(c, made_since=started) for c in councils.values())
        if given:
            self.stdout.write(f"Demo history: {given} parents' support began months ago.")
        for app_config in demo_extensions():
            for council in councils.values():
                summary = import_module(f"{STORIES}.{app_config.label}").seed(council)
                if summary:
                    self.stdout.write(f"{app_config.verbose_name} ({council.name}): {summary}")
        self._print_sign_ins(people)

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
        # Other sign-ins an area's stories add, such as parents' portal accounts (no security
        # code; see demo/stories/portal.py): its sign_in_rows(), if it has one.
        for app_config in demo_extensions():
            sign_in_rows = getattr(
                import_module(f"{STORIES}.{app_config.label}"), "sign_in_rows", None
            )
            for email, what, slug in sign_in_rows() if sign_in_rows else ():
                out.write(f"  {email:<28} {what:<30} {councils.get(slug, slug)}")
        out.write("-" * 78)
        out.write(
            "Staff sign in with a password and then a security code. In this demo the code\n"
            "is shown on the security code page; real accounts use an authenticator app."
        )
