"""The named cast every test uses, and helpers for signing them in.

Two councils: Hillford (the cast's own) and Eastmere (another council). Each member of staff
has a confirmed authenticator, and `sign_in` passes both steps, so tests see what a fully
signed-in user sees.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django_otp.oath import TOTP
from django_scopes import scope, scopes_disabled

from parent_charter.accounts.roles import Role
from parent_charter.portal.models import PortalAccount

from .factories import (
    CouncilFactory,
    ParentFactory,
    PartnerOrganisationFactory,
    TOTPDeviceFactory,
    UserFactory,
)

PASSWORD = "correct-horse-battery-staple"


# The cast is made by these functions, which the fixtures below call and the access sweeps'
# shared world (tests/sweep_world.py) calls once for a whole module.


def new_hillford():
    return CouncilFactory(name="Hillford Council", slug="hillford", gss_code="E06000901")


def new_eastmere():
    return CouncilFactory(name="Eastmere Council", slug="eastmere", gss_code="E06000902")


def _staff(council, name, roles, **extra):
    user = UserFactory(
        username=f"{name.split()[0].lower()}@{council.slug if council else 'network'}.example",
        full_name=name,
        council=council,
        roles=roles,
        **extra,
    )
    TOTPDeviceFactory(user=user)
    return user


def _partner_worker(hillford):
    organisation = PartnerOrganisationFactory(council=hillford, name="Home-Start Hillford")
    return _staff(
        hillford, "Hana Partner", [Role.PARTNER_WORKER], partner_organisation=organisation
    )


# Each member of staff in the cast: their council ("hillford", "eastmere" or None for the
# network) and how they are made from it.
STAFF = {
    "pa": ("hillford", lambda c: _staff(c, "Priya Adviser", [Role.PERSONAL_ADVISER])),
    "manager": ("hillford", lambda c: _staff(c, "Morgan Manager", [Role.TEAM_MANAGER])),
    "assessor": ("hillford", lambda c: _staff(c, "Sian Assessor", [Role.SOCIAL_WORKER])),
    "partner_worker": ("hillford", _partner_worker),
    "analyst": ("hillford", lambda c: _staff(c, "Alex Analyst", [Role.ANALYST])),
    "council_admin": ("hillford", lambda c: _staff(c, "Ceri Admin", [Role.COUNCIL_ADMIN])),
    "coordinator": (
        None,
        lambda c: _staff(None, "Nia Coordinator", [Role.NETWORK_COORDINATOR]),
    ),
    "other_pa": ("eastmere", lambda c: _staff(c, "Olu Otherpa", [Role.PERSONAL_ADVISER])),
}


def new_cast(councils: dict) -> dict:
    """Every member of staff in the cast, given {"hillford": ..., "eastmere": ...}."""
    return {key: make(councils.get(council)) for key, (council, make) in STAFF.items()}


def new_hillford_parent(hillford, pa):
    with scope(council=hillford.pk):
        return ParentFactory(
            council=hillford, personal_adviser=pa, given_name="Jamie", family_name="Rivers"
        )


def new_eastmere_parent(eastmere):
    with scope(council=eastmere.pk):
        return ParentFactory(council=eastmere, given_name="Casey", family_name="Brook")


def new_parent_user(council, parent, username, full_name):
    user = UserFactory(username=username, full_name=full_name, council=council, roles=[Role.PARENT])
    with scope(council=council.pk):
        PortalAccount.objects.create(council=council, user=user, parent=parent)
    return user


def new_hillford_parent_user(hillford, hillford_parent):
    return new_parent_user(hillford, hillford_parent, "jamie@parent.example", "Jamie Rivers")


@pytest.fixture
def hillford(db):
    return new_hillford()


@pytest.fixture
def eastmere(db):
    return new_eastmere()


@pytest.fixture
def pa(hillford):
    """Priya, a personal adviser at Hillford."""
    return STAFF["pa"][1](hillford)


@pytest.fixture
def manager(hillford):
    """Morgan, a team manager at Hillford."""
    return STAFF["manager"][1](hillford)


@pytest.fixture
def assessor(hillford):
    """Sian, a social worker and assessor at Hillford."""
    return STAFF["assessor"][1](hillford)


@pytest.fixture
def partner_worker(hillford):
    """Hana, a Home-Start worker who receives Hillford's referrals."""
    return STAFF["partner_worker"][1](hillford)


@pytest.fixture
def analyst(hillford):
    """Alex, a committee analyst at Hillford: aggregate figures only."""
    return STAFF["analyst"][1](hillford)


@pytest.fixture
def council_admin(hillford):
    """Ceri, Hillford's council administrator."""
    return STAFF["council_admin"][1](hillford)


@pytest.fixture
def coordinator(db):
    """Nia, a network coordinator: spans councils, aggregate views only, no council."""
    return STAFF["coordinator"][1](None)


@pytest.fixture
def other_pa(eastmere):
    """Olu, a personal adviser at Eastmere: must never reach Hillford's records."""
    return STAFF["other_pa"][1](eastmere)


@pytest.fixture
def parent_user(hillford, hillford_parent):
    """Jamie Rivers (hillford_parent) signed in to the portal: a parent's own account."""
    return new_hillford_parent_user(hillford, hillford_parent)


@pytest.fixture
def eastmere_parent_user(eastmere, eastmere_parent):
    """Casey Brook (eastmere_parent) signed in to Eastmere's portal: another council's parent."""
    return new_parent_user(eastmere, eastmere_parent, "casey@parent.example", "Casey Brook")


@pytest.fixture
def cast(pa, manager, assessor, partner_worker, analyst, council_admin, coordinator, other_pa):
    return {
        "pa": pa,
        "manager": manager,
        "assessor": assessor,
        "partner_worker": partner_worker,
        "analyst": analyst,
        "council_admin": council_admin,
        "coordinator": coordinator,
        "other_pa": other_pa,
    }


@pytest.fixture
def hillford_parent(hillford, pa):
    return new_hillford_parent(hillford, pa)


@pytest.fixture
def eastmere_parent(eastmere):
    return new_eastmere_parent(eastmere)


def current_code(user) -> str:
    device = user.totpdevice_set.get()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in(client: Client, user, *, second_factor: bool = True) -> Client:
    """Sign in through the real pages: password, then (for staff) the one-time code."""
    response = client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    if second_factor and user.is_staff_member:
        response = client.post("/accounts/two-factor/", {"token": current_code(user)})
        assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def client_for(db):
    """Returns a function giving a fully signed-in client for a user (fresh client each time)."""
    clients = {}

    def make(user):
        if user is None:
            return Client()
        if user.pk not in clients:
            # The real sign-in uses a time-based code, which cannot be used twice in one 30 s
            # window; reuse one client per user within a test.
            clients[user.pk] = sign_in(Client(), user)
        return clients[user.pk]

    return make


@pytest.fixture(scope="module")
def demo_seeded_once(django_db_setup, django_db_blocker):
    """`seed_demo` run once for a whole test module, inside a transaction rolled back when the
    module's tests are done; ask for it through a function fixture that also asks for `db`.

    Each test's own transaction (the `db` fixture) is then a savepoint within this one, so what
    a test writes, seeding again included, is rolled back before the next test, which sees the
    freshly seeded demo as if it had seeded it itself. Only for modules whose every test starts
    from the seeded demo: a test in the module that does not ask for it still sees the rows.
    """
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        call_command("seed_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture
def unscoped():
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _english_unless_asked(settings):
    """Each test starts in the default language: a Welsh page in one test must not leave the
    next test's thread speaking Welsh."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def notify_server():
    """A fake GOV.UK Notify on a local port (tests/fake_notify.py), one per test process."""
    from tests import fake_notify

    fake, server = fake_notify.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def notify_outbox(notify_server, settings):
    """Every test sends parents' texts and emails through the real Notify client to the fake
    Notify server; this is the list of what it accepted (each with .to, .subject, .body)."""
    from tests import fake_notify

    notify_server.reset()
    settings.PARENT_CHARTER_NOTIFY = {
        "BACKEND": "notify",
        "API_KEY": fake_notify.API_KEY,
        "BASE_URL": notify_server.url,
        "CALLBACK_TOKEN": fake_notify.CALLBACK_TOKEN,
        "TEMPLATES": notify_server.template_settings(),
        "TIMEOUT": 5,
    }
    settings.PARENT_CHARTER_SITE_URL = "http://testserver"
    return notify_server.sent
