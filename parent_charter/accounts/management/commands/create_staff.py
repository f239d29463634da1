"""`manage.py create_staff`: add a member of staff, for a council's first administrator.

The password is read from standard input (never from the command line, where it would land in
shell history and process lists). The person sets up their authenticator app at first sign-in.
"""

import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from parent_charter.accounts.emails import normalise_email
from parent_charter.accounts.models import RoleGrant, User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.authorities.models import Council


class Command(BaseCommand):
    help = "Create a staff account with one or more roles; the password is read from stdin."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True, help="full name")
        parser.add_argument("--council", help="council slug (not for network coordinators)")
        parser.add_argument(
            "--role", action="append", required=True, choices=[r.value for r in Role]
        )

    def handle(self, *args, email, name, council, role, **options):
        roles = set(role)
        email = normalise_email(email)
        if Role.NETWORK_COORDINATOR in roles and council:
            raise CommandError("A network coordinator spans councils: leave out --council.")
        if roles - {Role.NETWORK_COORDINATOR} and not council:
            raise CommandError("These roles belong to a council: give --council SLUG.")
        council_obj = None
        if council:
            council_obj = Council.objects.filter(slug=council).first()
            if council_obj is None:
                raise CommandError(f"No council with slug {council!r}.")
        if User.objects.filter(username__iexact=email).exists():
            raise CommandError(f"An account for {email} already exists.")
        password = sys.stdin.readline().rstrip("\n")
        user = User(username=email, email=email, full_name=name, council=council_obj)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            RoleGrant.objects.bulk_create(RoleGrant(user=user, role=r) for r in sorted(roles))
            audit.record(
                actor=None,
                council=council_obj,
                action="account.created",
                obj=user,
                detail={"roles": sorted(roles), "by": "create_staff command"},
            )
        self.stdout.write(f"Created {email} ({', '.join(sorted(roles))}).")
