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


@pytest.fixture
def hillford(db):
    return CouncilFactory(name="Hillford Council", slug="hillford", gss_code="E06000901")


@pytest.fixture
def eastmere(db):
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


@pytest.fixture
def pa(hillford):
    """Priya, a personal adviser at Hillford."""
    return _staff(hillford, "Priya Adviser", [Role.PERSONAL_ADVISER])


@pytest.fixture
def manager(hillford):
    """Morgan, a team manager at Hillford."""
    return _staff(hillford, "Morgan Manager", [Role.TEAM_MANAGER])


@pytest.fixture
def assessor(hillford):
    """Sian, a social worker and assessor at Hillford."""
    return _staff(hillford, "Sian Assessor", [Role.SOCIAL_WORKER])


@pytest.fixture
def partner_worker(hillford):
    """Hana, a Home-Start worker who receives Hillford's referrals."""
    organisation = PartnerOrganisationFactory(council=hillford, name="Home-Start Hillford")
    return _staff(
        hillford, "Hana Partner", [Role.PARTNER_WORKER], partner_organisation=organisation
    )


@pytest.fixture
def analyst(hillford):
    """Alex, a committee analyst at Hillford: aggregate figures only."""
    return _staff(hillford, "Alex Analyst", [Role.ANALYST])


@pytest.fixture
def council_admin(hillford):
    """Ceri, Hillford's council administrator."""
    return _staff(hillford, "Ceri Admin", [Role.COUNCIL_ADMIN])


@pytest.fixture
def coordinator(db):
    """Nia, a network coordinator: spans councils, aggregate views only, no council."""
    return _staff(None, "Nia Coordinator", [Role.NETWORK_COORDINATOR])


@pytest.fixture
def other_pa(eastmere):
    """Olu, a personal adviser at Eastmere: must never reach Hillford's records."""
    return _staff(eastmere, "Olu Otherpa", [Role.PERSONAL_ADVISER])


@pytest.fixture
def parent_user(hillford, hillford_parent):
    """Jamie Rivers (hillford_parent) signed in to the portal: a parent's own account."""
    user = UserFactory(
        username="jamie@parent.example",
        full_name="Jamie Rivers",
        council=hillford,
        roles=[Role.PARENT],
    )
    with scope(council=hillford.pk):
        PortalAccount.objects.create(council=hillford, user=user, parent=hillford_parent)
    return user


@pytest.fixture
def eastmere_parent_user(eastmere, eastmere_parent):
    """Casey Brook (eastmere_parent) signed in to Eastmere's portal: another council's parent."""
    user = UserFactory(
        username="casey@parent.example",
        full_name="Casey Brook",
        council=eastmere,
        roles=[Role.PARENT],
    )
    with scope(council=eastmere.pk):
        PortalAccount.objects.create(council=eastmere, user=user, parent=eastmere_parent)
    return user


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
    with scope(council=hillford.pk):
        return ParentFactory(
            council=hillford, personal_adviser=pa, given_name="Jamie", family_name="Rivers"
        )


@pytest.fixture
def eastmere_parent(eastmere):
    with scope(council=eastmere.pk):
        return ParentFactory(council=eastmere, given_name="Casey", family_name="Brook")


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
