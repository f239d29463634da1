"""One world for the sweeps that open every page: made once for a test module, not per test.

The access matrix, the audited-reads sweep and the input sweeps each open several hundred pages
as the cast. Making the councils, the cast, a parent in each council, every area's records
(`targets`) and signing everyone in through the real pages took most of each of those tests'
time, and it was the same for all of them. Here it is made once for a module, in each test
process, inside a transaction rolled back when the module's tests are done (as
`demo_seeded_once` in tests/conftest.py does for the demo). Each test still runs in a savepoint
of its own (the `db` fixture), so what a test writes, a sign-out included, is undone before the
next: every test starts from the same world.

A module uses the world by importing these fixtures, which stand in for the cast's fixtures of
tests/conftest.py in that module only:

    from tests.sweep_world import *  # noqa: F403 - the sweeps' shared world

Only for modules whose tests never sign in through the pages themselves: each member of the
cast has signed in already, and a one-time code cannot be used twice in its 30 seconds.
`client_for(user)` gives a client holding the session that user's sign-in made.
"""

import sys
from dataclasses import dataclass
from operator import attrgetter

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django_scopes import scopes_disabled

from parent_charter.offers.models import LocalOffer
from tests.access import collected_targets
from tests.conftest import (
    STAFF,
    new_cast,
    new_eastmere,
    new_eastmere_parent,
    new_hillford,
    new_hillford_parent,
    new_hillford_parent_user,
    sign_in,
)
from tests.factories import (
    CharterVersionFactory,
    LocalCommitmentFactory,
    LocalOfferFactory,
    ProgrammeFactory,
)

__all__ = [
    "sweep_world",
    "hillford",
    "eastmere",
    "hillford_parent",
    "eastmere_parent",
    "parent_user",
    "cast",
    "client_for",
    "targets",
    "open_page",
    *STAFF,
]


@dataclass
class World:
    hillford: object
    eastmere: object
    cast: dict
    hillford_parent: object
    eastmere_parent: object
    parent_user: object
    targets: dict
    sessions: dict  # user pk -> the session key their sign-in made


def build_targets(ctx) -> dict:
    """Records in Hillford and in Eastmere for URLs to name: every area's (tests/access), an
    offer in each council with a local promise and a programme."""
    with scopes_disabled():
        extra = collected_targets(ctx)
        charter = CharterVersionFactory()
        # An area's targets may have made a council's offer already (referrals' programmes).
        offers = {
            which: LocalOffer.objects.filter(council=ctx[which]).first()
            or LocalOfferFactory(council=ctx[which], charter_version=charter)
            for which in ("hillford", "eastmere")
        }
        commitments = {k: LocalCommitmentFactory(offer=o) for k, o in offers.items()}
        programmes = {k: ProgrammeFactory(offer=o) for k, o in offers.items()}
    return {
        "offer": {"hillford": {"slug": offers["hillford"].council.slug}},
        "commitment": {k: {"pk": c.pk} for k, c in commitments.items()},
        "programme": {k: {"slug": p.slug} for k, p in programmes.items()},
        "partner": {k: {"pk": p.provider_id} for k, p in programmes.items()},
        "parent": {
            "hillford": {"public_id": ctx["hillford_parent"].public_id},
            "eastmere": {"public_id": ctx["eastmere_parent"].public_id},
        },
        **extra,
    }


def _build() -> World:
    hillford, eastmere = new_hillford(), new_eastmere()
    cast = new_cast({"hillford": hillford, "eastmere": eastmere})
    hillford_parent = new_hillford_parent(hillford, cast["pa"])
    eastmere_parent = new_eastmere_parent(eastmere)
    parent_user = new_hillford_parent_user(hillford, hillford_parent)
    ctx = {
        **cast,
        "hillford": hillford,
        "eastmere": eastmere,
        "hillford_parent": hillford_parent,
        "eastmere_parent": eastmere_parent,
    }
    targets = build_targets(ctx)
    sessions = {
        user.pk: sign_in(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
        for user in [*cast.values(), parent_user]
    }
    return World(
        hillford, eastmere, cast, hillford_parent, eastmere_parent, parent_user, targets, sessions
    )


@pytest.fixture(scope="module")
def sweep_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            world = _build()
        except BaseException:
            module_transaction.__exit__(*sys.exc_info())
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


def _from_world(name, read):
    @pytest.fixture(name=name)
    def fixture(db, sweep_world):
        return read(sweep_world)

    fixture.__doc__ = f"{name}, from the sweeps' shared world."
    return fixture


# The fixtures that stand in for tests/conftest.py's, each read from the world.
hillford = _from_world("hillford", attrgetter("hillford"))
eastmere = _from_world("eastmere", attrgetter("eastmere"))
hillford_parent = _from_world("hillford_parent", attrgetter("hillford_parent"))
eastmere_parent = _from_world("eastmere_parent", attrgetter("eastmere_parent"))
parent_user = _from_world("parent_user", attrgetter("parent_user"))
cast = _from_world("cast", lambda world: dict(world.cast))
targets = _from_world("targets", attrgetter("targets"))
# Each member of the cast by their own name (pa, manager, ...), as in tests/conftest.py.
for _key in STAFF:
    globals()[_key] = _from_world(_key, lambda world, key=_key: world.cast[key])


@pytest.fixture
def client_for(db, sweep_world):
    """A client signed in as the user (their session from the world), one per user a test."""
    clients = {}

    def make(user):
        if user is None:
            return Client()
        if user.pk not in clients:
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = sweep_world.sessions[user.pk]
            clients[user.pk] = client
        return clients[user.pk]

    return make


@pytest.fixture
def open_page(cast, parent_user, client_for, targets):
    """Opens a page of the access matrix (GET) on Hillford's record as the first member of the
    cast (by key) allowed to use it: (client, url, response), or None when no one from
    Hillford may."""
    from tests.test_access_matrix import MATRIX, url_for  # which imports this module

    people = {**cast, "parent": parent_user}

    def open_(name):
        _kind, allowed, options = MATRIX[name]
        who = sorted(allowed - {"other_pa"})
        if not who:
            return None
        client = client_for(people[who[0]])
        url = url_for(name, options, targets)
        return client, url, client.get(url)

    return open_
