"""Each benchmarked page timed and profiled in-process, under the production settings.

On a shared machine a throughput figure says more about the neighbours than about the code, so
this measures one request at a time, in this process, with django.test.Client:

- wall-clock ms (median of N) and CPU ms (`time.process_time`, which other processes' load
  barely moves), the number of queries and their SQL ms;
- `--profile PAGE`: a pyinstrument call tree of one request (after the warm-up);
- `--top PAGE`: the functions with the most own CPU time over N requests (cProfile).

It needs a PostgreSQL database holding synthetic data and the demo:

    .venv/bin/python bench/profile_pages.py --prepare   # creates, migrates and fills it
    .venv/bin/python bench/profile_pages.py --repeat 30
    .venv/bin/python bench/profile_pages.py --profile parent

`--prepare` runs `generate_synthetic --councils 20 --parents 10000 --jobs 1` and `seed_demo`
(the demo brings partner referrals, challenges, living-apart records and held referrals until
the synthetic data has them). Every page is requested as a signed-in user of the role it needs:
staff have passed both sign-in steps (a bench-only authenticator), parents are signed in to the
portal. The settings are production's: DEBUG off, the cached template loader.
"""

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DATABASE = "parent_charter_speed"
PG = "postgres://postgres@127.0.0.1:5432"
COUNCILS, PARENTS, SEED = 20, 10_000, 1
BENCH_DEVICE = "Bench authenticator"
PORTAL_USER = "bench.portal@synthetic.invalid"
WORK = ROOT / "bench" / "results" / "tmp"
STATIC_ROOT = WORK / "profile-static"


def _environment(database: str) -> None:
    """Production settings against the profiling database; secrets made up for this run."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "parent_charter.settings.production",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "AUDIT_HMAC_KEY": os.environ.get("AUDIT_HMAC_KEY") or secrets.token_urlsafe(50),
            "AUDIT_CHECKPOINT_DIR": str(WORK / "audit-checkpoints"),
            "STATIC_ROOT": str(STATIC_ROOT),
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "DATABASE_URL": f"{PG}/{database}",
            "DATABASE_REQUIRE_TLS": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
    )


# --- Who asks for which page ------------------------------------------------------------------


@dataclass
class Target:
    """One page as one user asks for it: the path, and for a POST the data to send."""

    user: object
    path: str
    method: str = "GET"
    data: Callable | None = None  # (client, n) -> dict, for a POST
    expect: int = 200


def _staff_with(role, **filters):
    from parent_charter.accounts.models import User

    return (
        User.objects.filter(role_grants__role=role, is_active=True, **filters)
        .order_by("pk")
        .first()
    )


def _synthetic_adviser(seed: int):
    from parent_charter.accounts.models import User

    return User.objects.get(username=f"pa0.{seed}.0@synthetic.invalid")


def _reverse(name, **kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs or None)


def trivial(seed):
    return Target(_synthetic_adviser(seed), _reverse("core:health"))


def caseload(seed):
    return Target(_synthetic_adviser(seed), _reverse("caseload:mine"))


def _first_parent(adviser):
    from parent_charter.parents.models import Parent

    return Parent.objects.filter(personal_adviser=adviser).order_by("pk").first()


def parent_page(seed):
    adviser = _synthetic_adviser(seed)
    return Target(adviser, _reverse("parents:detail", public_id=_first_parent(adviser).public_id))


def plan_item_update(seed):
    from run import changed_form

    from parent_charter.plans.models import ItemStatus, PlanItem

    adviser = _synthetic_adviser(seed)
    item = (
        PlanItem.objects.filter(
            plan__parent__personal_adviser=adviser,
            closed_at__isnull=True,
            status__in=[ItemStatus.TO_DISCUSS, ItemStatus.OFFERED, ItemStatus.ACCEPTED],
        )
        .order_by("pk")
        .first()
    )
    path = _reverse("plans:item", public_id=item.public_id)

    def data(client, n):
        shown = client.get(path, secure=True)
        return changed_form("plans:item", shown.content.decode(), n)

    return Target(adviser, path, "POST", data, expect=302)


def _long_history_parent():
    """The parent with the most status changes on their plan: the longest history."""
    from django.db.models import Count

    from parent_charter.parents.models import Parent

    return (
        Parent.objects.annotate(changes=Count("support_plan__items__status_history"))
        .order_by("-changes", "pk")
        .first()
    )


def _portal_user():
    """A portal account for the parent with the longest history (made once, bench data)."""
    from django.db import transaction

    from parent_charter.accounts.models import RoleGrant, User
    from parent_charter.accounts.roles import Role
    from parent_charter.portal.models import PortalAccount

    existing = PortalAccount.objects.filter(user__username=PORTAL_USER).first()
    if existing:
        return existing.user
    parent = _long_history_parent()
    account = PortalAccount.objects.filter(parent=parent).first()
    if account:
        return account.user
    with transaction.atomic():
        user = User.objects.create(
            username=PORTAL_USER,
            email=PORTAL_USER,
            full_name="Bench parent",
            council=parent.council,
        )
        RoleGrant.objects.create(user=user, role=Role.PARENT)
        PortalAccount.objects.create(council=parent.council, user=user, parent=parent)
    return user


def portal_home(seed):
    return Target(_portal_user(), _reverse("portal:home"))


def portal_plan(seed):
    return Target(_portal_user(), _reverse("portal:plan"))


def partner_referrals(seed):
    from django.db.models import Count

    from parent_charter.accounts.roles import Role
    from parent_charter.authorities.models import PartnerOrganisation

    organisation = (
        PartnerOrganisation.objects.annotate(n=Count("referrals"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    worker = _staff_with(Role.PARTNER_WORKER, partner_organisation=organisation)
    return Target(worker, _reverse("referrals:partner_list"))


def _busiest_council(model):
    from django.db.models import Count

    row = model.objects.values("council").annotate(n=Count("pk")).order_by("-n", "council").first()
    return row["council"] if row else None


def challenges(seed):
    from parent_charter.accounts.roles import Role
    from parent_charter.portal.models import Challenge

    council = _busiest_council(Challenge)
    return Target(
        _staff_with(Role.TEAM_MANAGER, council=council), _reverse("portal_staff:challenges")
    )


def living_apart(seed):
    from django.db.models import Count

    from parent_charter.accounts.roles import Role
    from parent_charter.parents.models import Parent

    parent = (
        Parent.objects.annotate(n=Count("contact_arrangements"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    adviser = parent.personal_adviser or _staff_with(
        Role.PERSONAL_ADVISER, council=parent.council_id
    )
    return Target(adviser, _reverse("apart:parent", parent_id=parent.public_id))


def held_referrals(seed):
    from parent_charter.accounts.roles import Role
    from parent_charter.childrens_services.models import ChildrenServicesReferral

    council = _busiest_council(ChildrenServicesReferral)
    return Target(_staff_with(Role.TEAM_MANAGER, council=council), _reverse("safeguards:list"))


def council_figures(seed):
    from parent_charter.accounts.models import User

    manager = User.objects.get(username=f"manager.{seed}.0@synthetic.invalid")
    return Target(manager, _reverse("figures:index"))


PAGES = {
    "trivial": ("Trivial view", trivial),
    "caseload": ("Caseload", caseload),
    "parent": ("Parent page", parent_page),
    "update": ("Plan-item update (POST)", plan_item_update),
    "portal_home": ("Portal home (long history)", portal_home),
    "portal_plan": ("Portal plan (long history)", portal_plan),
    "partner": ("Partner worker's referrals", partner_referrals),
    "challenges": ("Challenges list", challenges),
    "apart": ("Living-apart page", living_apart),
    "held": ("Held referrals list", held_referrals),
    "figures": ("Council figures", council_figures),
}


# --- Signing in and timing --------------------------------------------------------------------


def signed_in_client(user):
    """A client as the user would be after signing in (both factors for staff)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from parent_charter.accounts.middleware import AUTHENTICATED_AT, LAST_SEEN_AT

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user, backend="parent_charter.accounts.backends.PasswordBackend")
    session = client.session
    if user.is_staff_member:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name=BENCH_DEVICE, defaults={"key": secrets.token_hex(20), "confirmed": True}
        )
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[AUTHENTICATED_AT] = session[LAST_SEEN_AT] = time.time()
    session.save()
    return client


@dataclass
class Sample:
    wall_ms: float
    cpu_ms: float
    queries: int
    sql_ms: float


def request_once(client, target: Target, n: int, profiler=None) -> Sample:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = target.data(client, n) if target.data else None
    with CaptureQueriesContext(connection) as queries, profiler or contextlib.nullcontext():
        wall, cpu = time.perf_counter(), time.process_time()
        if data is None:
            response = client.get(target.path, secure=True)
        else:
            response = client.post(target.path, data, secure=True)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if response.status_code != target.expect:
        raise RuntimeError(f"{target.path} gave {response.status_code}, not {target.expect}")
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    return Sample(wall * 1000, cpu * 1000, len(queries), sql * 1000)


@dataclass
class Result:
    label: str
    path: str
    samples: list[Sample]

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(s, attribute) for s in self.samples)


def _prepared(key: str, seed: int):
    """The page's target and a signed-in client. The bench picks its users and records across
    councils; each request is then scoped by the middleware, as in production."""
    from django_scopes import scopes_disabled

    label, make = PAGES[key]
    with scopes_disabled():
        target = make(seed)
        client = signed_in_client(target.user)
    return label, target, client


def measure(key: str, seed: int, repeat: int, warm_up: int = 3) -> Result:
    label, target, client = _prepared(key, seed)
    for n in range(warm_up):
        request_once(client, target, n)
    samples = [request_once(client, target, warm_up + n) for n in range(repeat)]
    return Result(label, target.path, samples)


def profile_tree(key: str, seed: int) -> str:
    from pyinstrument import Profiler

    label, target, client = _prepared(key, seed)
    for n in range(3):
        request_once(client, target, n)
    profiler = Profiler(interval=0.0005)
    request_once(client, target, 3, profiler)
    return f"## {label}\n\n" + profiler.output_text(unicode=False, color=False, show_all=False)


BUCKETS = (
    r"parent_charter/|compiler.py:\d+\(as_sql\)|backends/utils.py:\d+\(execute\)"
    r"|shortcuts.py:\d+\(render\)|template/base.py:\d+\(render\)|sessions/backends|auth/__init__"
)


def profile_top(key: str, seed: int, repeat: int, lines: int = 25) -> str:
    """Own CPU time per function over `repeat` requests: steadier than one request's tree."""
    label, target, client = _prepared(key, seed)
    for n in range(3):
        request_once(client, target, n)
    profiler = cProfile.Profile(time.process_time)
    samples = [request_once(client, target, 3 + n, profiler) for n in range(repeat)]
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(lines)
    # Where the time goes in the project's own code, and the framework's big buckets: building
    # SQL, running it, rendering templates.
    stats.sort_stats("cumulative").print_stats(BUCKETS, lines * 2)
    cpu = statistics.median(s.cpu_ms for s in samples)
    return f"## {label}: {repeat} requests, median CPU {cpu:.1f} ms (under cProfile)\n" + "\n".join(
        line for line in out.getvalue().splitlines() if line.strip()
    )


def table(results: list[Result]) -> str:
    rows = [
        "| Page | Path | Wall ms (median) | CPU ms (median) | Queries | SQL ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in results:
        queries = max(s.queries for s in r.samples)
        rows.append(
            f"| {r.label} | `{r.path}` | {r.median('wall_ms'):.1f} | {r.median('cpu_ms'):.1f} "
            f"| {queries} | {r.median('sql_ms'):.1f} |"
        )
    return "\n".join(rows)


# --- The audit chain under contention -------------------------------------------------------


def audit_contention(threads: int, events: int, seed: int) -> str:
    """Readers' audit rows written from `threads` threads at once: as `threads` advisers of one
    council (all on that council's chain), then as one adviser in each of `threads` councils
    (each on their own council's chain). How much the chain-head lock serialises a council."""
    import threading

    from django.db import connection
    from django_scopes import scopes_disabled

    from parent_charter.accounts.models import User
    from parent_charter.audit import services as audit

    def advisers_and_parents(usernames):
        with scopes_disabled():
            advisers = [User.objects.get(username=name) for name in usernames]
            return [(adviser, _first_parent(adviser)) for adviser in advisers]

    one_council = advisers_and_parents(
        [f"pa{n}.{seed}.0@synthetic.invalid" for n in range(threads)]
    )
    spread_out = advisers_and_parents(
        [f"pa0.{seed}.{index}@synthetic.invalid" for index in range(threads)]
    )

    def run(pairs) -> tuple[float, float]:
        waits = []
        barrier = threading.Barrier(len(pairs) + 1)

        def reader(actor, parent):
            barrier.wait()
            for _n in range(events):
                started = time.perf_counter()
                audit.record_now(
                    actor=actor, council=parent.council, action="parent.viewed", obj=parent
                )
                waits.append(time.perf_counter() - started)
            connection.close()

        workers = [threading.Thread(target=reader, args=pair) for pair in pairs]
        for worker in workers:
            worker.start()
        barrier.wait()
        started = time.perf_counter()
        for worker in workers:
            worker.join()
        return len(pairs) * events / (time.perf_counter() - started), statistics.median(waits)

    run(one_council[:1])  # warm-up: connections, and the council's shard heads
    one = run(one_council)
    spread = run(spread_out)
    councils = len({parent.council_id for _adviser, parent in spread_out})
    return (
        f"{threads} threads x {events} read events\n"
        f"- {threads} advisers of one council: {one[0]:.0f} events/s, "
        f"median {one[1] * 1000:.1f} ms each\n"
        f"- one adviser in each of {councils} councils: {spread[0]:.0f} events/s, "
        f"median {spread[1] * 1000:.1f} ms each\n"
        f"- one council at {one[0] / spread[0]:.0%} of spread"
    )


# --- Preparing the database -------------------------------------------------------------------


def prepare(database: str, councils: int, parents: int, seed: int) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command(
        "generate_synthetic",
        councils=councils,
        parents=parents,
        seed=seed,
        jobs=1,
        no_progress=True,
    )
    call_command("seed_demo", stdout=io.StringIO())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated keys")
    parser.add_argument(
        "--profile", metavar="PAGE", help="print a pyinstrument tree of one request"
    )
    parser.add_argument("--top", metavar="PAGE", help="print cProfile's top functions")
    parser.add_argument(
        "--audit-contention", type=int, metavar="THREADS", help="time audit writes at once"
    )
    parser.add_argument("--prepare", action="store_true", help="create and fill the database")
    parser.add_argument("--councils", type=int, default=COUNCILS)
    parser.add_argument("--parents", type=int, default=PARENTS)
    options = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    _environment(options.database)
    if options.prepare:
        prepare(options.database, options.councils, options.parents, options.seed)
        return 0

    import django

    django.setup()
    if not (STATIC_ROOT / "staticfiles.json").exists():  # the manifest production pages need
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    if options.profile:
        print(profile_tree(options.profile, options.seed))
        return 0
    if options.audit_contention:
        print(audit_contention(options.audit_contention, options.repeat, options.seed))
        return 0
    if options.top:
        print(profile_top(options.top, options.seed, options.repeat))
        return 0
    results = []
    for key in options.pages.split(","):
        print(f"Measuring {PAGES[key][0]} ...", file=sys.stderr, flush=True)
        results.append(measure(key, options.seed, options.repeat))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
