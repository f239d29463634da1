"""National-scale benchmark: staff pages under the production server, against a trivial view.

Run `make bench` (or `.venv/bin/python bench/run.py --help`). It

1. creates the PostgreSQL database `parent_charter_bench` on 127.0.0.1:5432 (user postgres,
   trust authentication) if it is missing, migrates it, and fills it with
   `generate_synthetic` at national scale unless it already holds that data set;
2. gives synthetic people in each measured council a known password, and staff an
   authenticator (bench data only: generate_synthetic makes people who cannot sign in): a
   personal adviser, a team manager, a partner worker, and the parent with a portal account and
   the longest history (PEOPLE);
3. starts the production server (gunicorn, production settings, 2 workers x 4 threads) on a
   free loopback port, signs them in over HTTP as they would sign in (staff with both factors,
   parents with their password), and measures each page in PAGES with a bounded load from a
   few client threads on this machine, then the parent page and the update with 8 client
   threads as 8 advisers of one council and as one adviser in each of 8 councils (the audit
   chain under contention, ADR 0026);
4. counts each page's database queries in-process (django.test.Client) on the same data;
5. times the council figures of the largest synthetic council and the network view's numbers
   in-process against hand-written SQL computing the same numbers (bench/figures_sql.py), and
   builds that council's committee PDF as `manage.py committee_report` does;
6. prints a table, writes it to bench/results/latest.md, and stops the server whatever happens.

The data set is made again, in a fresh database, whenever the generator's source changes: the
database's comment records a hash of the generator's files (see `_generator_version`).
"""

import argparse
import contextlib
import datetime
import hashlib
import html.parser
import http.client
import http.cookies
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --- What is measured. Change these when pages move. -----------------------------------------


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    # URL names to try, first found wins (pages still being built fall back to older ones).
    url_names: tuple[str, ...]
    method: str = "GET"
    requests: int = 200  # in total, shared by the client threads
    expect: int = 200
    # Whose session: "adviser", "analyst" or "coordinator", or one of PEOPLE.
    who: str = "adviser"


PAGES = (
    Page("trivial", "Trivial view", ("core:health",), requests=600),
    Page("caseload", "Caseload", ("caseload:mine", "parents:list"), requests=200),
    Page("parent", "Parent page", ("parents:detail",), requests=200),
    Page("update", "Plan-item update", ("plans:item", "parents:edit"), "POST", 120, expect=302),
    Page("portal_home", "Portal home (long history)", ("portal:home",), who="parent"),
    Page("portal_plan", "Portal plan (long history)", ("portal:plan",), who="parent"),
    Page("partner", "Partner worker's referrals", ("referrals:partner_list",), who="partner"),
    Page("challenges", "Challenges list", ("portal_staff:challenges",), who="manager"),
    Page("apart", "Living-apart page", ("apart:parent",)),
    Page("held", "Held referrals list", ("safeguards:list",), who="manager"),
    Page(
        "figures",
        "Council figures (largest council)",
        ("figures:index",),
        requests=40,
        who="analyst",
    ),
    Page("network", "Network sign-up map", ("network:index",), requests=120, who="coordinator"),
    Page(
        "comparison", "Network comparison", ("network:comparison",), requests=120, who="coordinator"
    ),
)
# Who signs in for the pages that are neither an adviser's nor the analyst's or coordinator's,
# in the report's words. Like the advisers, they are synthetic people given a password (and
# staff an authenticator), one in each measured council.
PEOPLE = {
    "parent": (
        "parents signed in to the portal with their password (in each measured council, the "
        "parent with a portal account and the most plan-item status rows)"
    ),
    "partner": (
        "partner workers (in each measured council, the worker of the partner organisation "
        "with the most referrals)"
    ),
    "manager": "team managers (one per measured council)",
}
# Who signs in for the figures and the network pages (made by the benchmark, bench data only).
ANALYST = "bench-analyst@synthetic.invalid"
COORDINATOR = "bench-coordinator@synthetic.invalid"
# In-process runs of each figures computation and its hand-written SQL. With 11, the council
# figures' ratio moved between 1.35 and 1.5 from one run to the next on the same data.
COMPUTE_RUNS = 31
# The network view's computations take a few milliseconds each, where a neighbour's burst on
# the machine moves a median of 31 by a third: they are given more runs, the SQL as many.
NETWORK_RUNS = 301
PDF_RUNS = 3  # committee PDF builds
RATIO_TARGET = 1.5
PDF_TARGET_SECONDS = 5.0
# The generator's files: a change to any of them makes the data set again.
GENERATOR_FILES = (
    "parent_charter/demo/synthetic.py",
    "parent_charter/demo/synthetic_areas.py",
    "parent_charter/demo/seeded.py",
    "parent_charter/demo/names.py",
    "parent_charter/demo/management/commands/generate_synthetic.py",
)
# Which record a URL needs: a parent in the adviser's caseload, one of their plan items, or a
# parent of theirs with contact arrangements. Other pages (the portal's, the lists) name none.
URL_RECORD = {
    "parents:detail": "parent",
    "parents:edit": "parent",
    "plans:item": "item",
    "caseload:timeline": "parent",
    "plans:plan": "parent",
    "apart:parent": "apart_parent",
}
URL_KWARG = {
    "plans:plan": "parent_id",
    "caseload:timeline": "parent_id",
    "apart:parent": "parent_id",
}

DATABASE = "parent_charter_bench"
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
COUNCILS, PARENTS, SEED = 200, 100_000, 1
GENERATION_JOBS = 2  # processes for generate_synthetic
MEASURED_COUNCILS = 4  # one signed-in adviser in each
SERVER_WORKERS, SERVER_THREADS = 2, 4
CLIENT_THREADS = 4
SECONDS_PER_PAGE = 60  # a page's measurement stops after this, whatever is left
# The audit chain under contention (issue 12): these pages with this many client threads, as
# that many advisers of one council and then as one adviser in each of that many councils.
ONE_COUNCIL_THREADS = 8
ONE_COUNCIL_PAGES = ("parent", "update")
ONE_COUNCIL_TARGET = 0.8  # one council's throughput at least this share of the spread load's
ONE_COUNCIL_ROUNDS = 3  # each scenario measured this many times, the two taking turns
WARM_UP = 3  # requests per client thread before measuring
BENCH_PASSWORD = "bench-only-passphrase-2026"  # noqa: S105 - bench database only
BENCH_DEVICE = "Bench authenticator"
RESULTS = ROOT / "bench" / "results"
WORK = RESULTS / "tmp"  # ignored by git: server log, collected static files


def main() -> int:
    options = _arguments()
    WORK.mkdir(parents=True, exist_ok=True)
    static_root = WORK / "static"
    shutil.rmtree(static_root, ignore_errors=True)
    port = _free_port()
    os.environ.update(_server_environment(static_root, options.database))
    _ensure_database(options.database, options)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generation = _ensure_data(options)
    call_command("collectstatic", interactive=False, verbosity=0)
    largest = _largest_council(options.seed)
    shared = _ensure_shared_figures()
    advisers = _bench_advisers(options.seed, options.measured_councils)
    people = {
        "adviser": advisers,
        "analyst": [_bench_person(ANALYST, largest, "analyst")],
        "coordinator": [_bench_person(COORDINATOR, None, "network_coordinator")],
        "parent": _bench_parents(advisers),
        "partner": _bench_partners(options.seed, options.measured_councils),
        "manager": _bench_managers(options.seed, options.measured_councils),
    }
    pages = _resolve_pages()
    print("Counting queries per page in-process ...", flush=True)
    in_process = {
        page.key: _queries_in_process(page, url, people[page.who][0]) for page, url in pages
    }
    computations = _computations_against_sql(largest)
    pdf = _committee_pdf(largest)

    server = _start_server(port)
    try:
        _wait_until_up(port)
        sessions = {
            who: [_sign_in(port, person, _check_path(who)) for person in persons]
            for who, persons in people.items()
        }
        results = {}
        for page, url_name in pages:
            print(f"Measuring {page.label} ({url_name}) ...", flush=True)
            results[page.key] = _measure(port, page, url_name, sessions[page.who], options)
        one_council = _one_council(port, pages, sessions["adviser"], options)
    finally:
        _stop_server(server)

    extra = {
        "largest": largest,
        "shared": shared,
        "computations": computations,
        "pdf": pdf,
        "one_council": one_council,
        "people": people,
    }
    report = _report(pages, results, in_process, generation, options, extra)
    print()
    print(report)
    (RESULTS / "latest.md").write_text(report)
    print(f"Written to {(RESULTS / 'latest.md').relative_to(ROOT)}")
    measured = [*results.values()] + [r for pair in one_council.values() for r in pair]
    return 0 if all(not r.errors for r in measured) else 1


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--councils", type=int, default=COUNCILS)
    parser.add_argument("--parents", type=int, default=PARENTS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--database", default=DATABASE, help="created on 127.0.0.1 if missing")
    parser.add_argument("--measured-councils", type=int, default=MEASURED_COUNCILS)
    parser.add_argument("--client-threads", type=int, default=CLIENT_THREADS)
    parser.add_argument("--seconds-per-page", type=float, default=SECONDS_PER_PAGE)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply each page's number of requests"
    )
    parser.add_argument(
        "--one-council-threads",
        type=int,
        default=ONE_COUNCIL_THREADS,
        help="client threads of the one-council scenario (0: leave it out)",
    )
    return parser.parse_args()


# --- The database and the data set ------------------------------------------------------------


def _database_url(database: str) -> str:
    return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"


def _server_environment(static_root: Path, database: str) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "parent_charter.settings.production",
        "STATIC_ROOT": str(static_root),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_HMAC_KEY": secrets.token_urlsafe(50),
        "AUDIT_CHECKPOINT_DIR": str(WORK / "audit-checkpoints"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": _database_url(database),
        "DATABASE_REQUIRE_TLS": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def _generator_version() -> str:
    """A hash of the generator's source: a data set made by other code is not reused."""
    digest = hashlib.sha256()
    for name in GENERATOR_FILES:
        digest.update(name.encode())
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def _data_set_wanted(options) -> dict:
    return {
        "generator": _generator_version(),
        "seed": options.seed,
        "councils": options.councils,
        "parents": options.parents,
    }


def _connect(dbname: str):
    import psycopg

    return psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=dbname, autocommit=True)


def _recorded(database: str) -> dict:
    """What the database's comment says about the data set in it ({} if nothing)."""
    with _connect("postgres") as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [database],
        ).fetchone()
    try:
        return json.loads(row[0]) if row and row[0] else {}
    except ValueError:
        return {}


def _record(database: str, facts: dict) -> None:
    from psycopg import sql

    with _connect("postgres") as connection:
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(database), sql.Literal(json.dumps(facts))
            )
        )


def _ensure_database(database: str, options) -> None:
    """Create the database if it is missing; drop and create it again if it holds a data set
    made by another version of the generator (or with other sizes)."""
    from psycopg import sql

    with _connect("postgres") as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
    if exists:
        recorded = _recorded(database)
        wanted = _data_set_wanted(options)
        same = all(recorded.get(key) == value for key, value in wanted.items())
        if not same and _holds_synthetic_data(database):
            print(
                f"The data set in {database} was made by another generator "
                f"({recorded.get('generator', 'unrecorded')}, now {wanted['generator']}) or "
                "with other sizes: making it again in a fresh database ...",
                flush=True,
            )
            with _connect("postgres") as connection:
                connection.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database))
                )
            exists = False
    if not exists:
        print(f"Creating database {database} ...", flush=True)
        with _connect("postgres") as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def _holds_synthetic_data(database: str) -> bool:
    with _connect(database) as connection:
        table = connection.execute("SELECT to_regclass('authorities_council')").fetchone()[0]
        if table is None:
            return False
        return bool(
            connection.execute(
                "SELECT 1 FROM authorities_council WHERE slug LIKE 'synthetic-%%' LIMIT 1"
            ).fetchone()
        )


def _ensure_data(options) -> dict:
    """Generate the national data set unless this seed's councils are all there already (made
    by this generator: `_ensure_database` has dropped any other)."""
    from django.core.management import call_command

    from parent_charter.authorities.models import Council

    recorded = _recorded(options.database)
    made = Council.objects.filter(slug__startswith=f"synthetic-{options.seed}-").count()
    if made >= options.councils and recorded.get("complete"):
        print(f"Data set for seed {options.seed} already there ({made} councils).", flush=True)
        return recorded
    print(
        f"Generating {options.councils} councils and {options.parents} parents "
        f"(seed {options.seed}) ...",
        flush=True,
    )
    # Recorded before it starts, so that a run that stops part way is carried on next time.
    _record(options.database, _data_set_wanted(options) | {"complete": False})
    started = time.monotonic()
    call_command(
        "generate_synthetic",
        councils=options.councils,
        parents=options.parents,
        seed=options.seed,
        jobs=GENERATION_JOBS,
    )
    # Bulk loads leave the planner without statistics (a live database has them): without
    # them it picks nested loops over millions of rows and the figures take seconds more.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    generation = _data_set_wanted(options) | {
        "complete": True,
        "seconds": round(time.monotonic() - started, 1),
        "on": datetime.date.today().isoformat(),
        "resumed_from_councils": made,
    }
    _record(options.database, generation)
    return generation


def _largest_council(seed: int) -> dict:
    """The synthetic council with the most parents (the first by slug among equals)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.id, c.slug, count(p.id) FROM authorities_council c
               JOIN parents_parent p ON p.council_id = c.id
               WHERE c.slug LIKE %s GROUP BY c.id, c.slug ORDER BY 3 DESC, 2 LIMIT 1""",
            [f"synthetic-{seed}-%"],
        )
        pk, slug, parents = cursor.fetchone()
    return {"pk": pk, "slug": slug, "parents": parents}


def _ensure_shared_figures() -> dict:
    """The shared figures of every council that shares them, for the last full quarter, built
    as the quarterly `build_network_figures` command builds them (once a quarter)."""
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from parent_charter.figures import periods
    from parent_charter.network.models import NetworkSharing, SharedFigures
    from parent_charter.network.services import build_network_figures

    period = periods.last_full_quarter(timezone.localdate())
    with scopes_disabled():
        sharing = NetworkSharing.objects.filter(share_figures=True).count()
        built = SharedFigures.objects.filter(period=period.slug).count()
    if built >= sharing:
        return {"period": period.slug, "councils": built, "seconds": None}
    print(f"Building the shared figures of {sharing} councils for {period.slug} ...", flush=True)
    started = time.monotonic()
    count = build_network_figures(period=period)
    seconds = round(time.monotonic() - started, 1)
    print(f"  built {count} in {seconds} s", flush=True)
    return {"period": period.slug, "councils": count, "seconds": seconds}


@dataclass
class Adviser:
    """A signed-in person the benchmark uses (an adviser, or anyone else in PEOPLE), and the
    records their pages are asked for."""

    username: str
    council_id: int
    user_pk: int
    parents: list[str]  # public ids of parents in their caseload
    items: list[str]  # public ids of open plan items of those parents
    device_key: str  # their authenticator's key; "" for a parent, who signs in with a password
    # Public ids of parents in their caseload with contact arrangements, the most first.
    apart_parents: list[str] = field(default_factory=list)
    about: str = ""  # what the report says of them (the parent's history)


def _bench_advisers(seed: int, count: int) -> list[Adviser]:
    """Give the first adviser of each measured council a password and an authenticator."""
    return [_bench_adviser(f"pa0.{seed}.{index}@synthetic.invalid") for index in range(count)]


def _bench_credentials(user, *, authenticator: bool = True) -> str:
    """A known password for a synthetic user (made unable to sign in), and for staff an
    authenticator; its key ("" without one)."""
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user.password = make_password(BENCH_PASSWORD)
    user.save(update_fields=["password"])
    if not authenticator:
        return ""
    key = secrets.token_hex(20)
    TOTPDevice.objects.update_or_create(
        user=user, name=BENCH_DEVICE, defaults={"key": key, "confirmed": True}
    )
    return key


def _person(user, device_key: str, **more) -> Adviser:
    """Someone whose pages name no record of their caseload."""
    return Adviser(user.username, user.council_id, user.pk, [], [], device_key, **more)


def _bench_adviser(username: str) -> Adviser:
    """A synthetic personal adviser with a known password and an authenticator, and the
    records of their caseload the pages are asked for."""
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from parent_charter.accounts.models import User
    from parent_charter.parents.models import Parent
    from parent_charter.plans.models import ItemStatus, PlanItem

    with scopes_disabled():
        user = User.objects.get(username=username)
        key = _bench_credentials(user)
        parents = list(
            Parent.objects.filter(personal_adviser=user)
            .order_by("pk")
            .values_list("public_id", flat=True)
        )
        items = list(
            PlanItem.objects.filter(
                plan__parent__personal_adviser=user,
                closed_at__isnull=True,
                status__in=[ItemStatus.TO_DISCUSS, ItemStatus.OFFERED, ItemStatus.ACCEPTED],
            )
            .order_by("pk")
            .values_list("public_id", flat=True)[:200]
        )
        apart = list(
            Parent.objects.filter(personal_adviser=user)
            .annotate(arrangements=Count("contact_arrangements"))
            .filter(arrangements__gt=0)
            .order_by("-arrangements", "pk")
            .values_list("public_id", flat=True)[:200]
        )
    return Adviser(
        user.username,
        user.council_id,
        user.pk,
        [str(p) for p in parents],
        [str(i) for i in items],
        key,
        apart_parents=[str(p) for p in apart],
    )


def _bench_managers(seed: int, count: int) -> list[Adviser]:
    """The team manager of each measured council, with a password and an authenticator."""
    from parent_charter.accounts.models import User

    managers = []
    for index in range(count):
        user = User.objects.get(username=f"manager.{seed}.{index}@synthetic.invalid")
        managers.append(_person(user, _bench_credentials(user)))
    return managers


def _bench_partners(seed: int, count: int) -> list[Adviser]:
    """In each measured council, the partner worker of the organisation with the most
    referrals, with a password and an authenticator."""
    from django.db.models import Count

    from parent_charter.accounts.models import User

    workers = []
    for index in range(count):
        names = [f"partner{n}.{seed}.{index}@synthetic.invalid" for n in (0, 1)]
        user = (
            User.objects.filter(username__in=names)
            .select_related("partner_organisation")
            .annotate(referrals=Count("partner_organisation__referrals"))
            .order_by("-referrals", "pk")
            .first()
        )
        if user is None:
            raise RuntimeError(f"No synthetic partner worker in council {index} ({names})")
        workers.append(_person(user, _bench_credentials(user)))
    return workers


def _bench_parents(advisers: list[Adviser]) -> list[Adviser]:
    """In each adviser's council, the parent with a working portal account and the longest
    history (the most plan-item status rows, then the most plan items), with a password."""
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from parent_charter.parents.models import Parent

    parents = []
    with scopes_disabled():
        for adviser in advisers:
            parent = (
                Parent.objects.filter(
                    council_id=adviser.council_id,
                    portal_account__activated_at__isnull=False,
                    portal_account__disabled_at__isnull=True,
                    portal_account__user__is_active=True,
                )
                .annotate(
                    changes=Count("support_plan__items__status_history"),
                    items=Count("support_plan__items", distinct=True),
                )
                .select_related("portal_account__user")
                .order_by("-changes", "-items", "pk")
                .first()
            )
            if parent is None:
                raise RuntimeError(f"No portal account in council {adviser.council_id}")
            user = parent.portal_account.user
            parents.append(
                _person(
                    user,
                    _bench_credentials(user, authenticator=False),
                    about=f"{parent.items} plan items, {parent.changes} status rows",
                )
            )
    return parents


def _bench_person(username: str, council: dict | None, role: str) -> Adviser:
    """A staff member of the benchmark's own (an analyst of the largest council, or a network
    coordinator) with a known password and an authenticator."""
    from parent_charter.accounts.models import RoleGrant, User

    user, _created = User.objects.update_or_create(
        username=username,
        defaults={
            "email": username,
            "full_name": "Benchmark " + role.replace("_", " "),
            "council_id": council["pk"] if council else None,
            "is_active": True,
        },
    )
    RoleGrant.objects.get_or_create(user=user, role=role)
    return _person(user, _bench_credentials(user))


def _check_path(who: str) -> str:
    """A page each kind of person may open, to check that they are signed in."""
    from django.urls import reverse

    return {
        "adviser": reverse("caseload:mine"),
        "analyst": reverse("figures:index"),
        "coordinator": reverse("network:index"),
        "parent": reverse("portal:home"),
        "partner": reverse("referrals:partner_list"),
        "manager": reverse("safeguards:list"),
    }[who]


def _resolve_pages() -> list[tuple[Page, str]]:
    from django.urls import NoReverseMatch

    resolved = []
    for page in PAGES:
        for name in page.url_names:
            try:
                _path(name, "00000000-0000-4000-8000-000000000000")
            except NoReverseMatch:
                continue
            resolved.append((page, name))
            break
        else:
            print(f"  {page.label}: none of {page.url_names} exists; skipped", flush=True)
    return resolved


def _path(url_name: str, record: str | None) -> str:
    from django.urls import reverse

    if url_name not in URL_RECORD:
        return reverse(url_name)
    return reverse(url_name, kwargs={URL_KWARG.get(url_name, "public_id"): record})


def _record_for(url_name: str, adviser: Adviser, n: int) -> str | None:
    kind = URL_RECORD.get(url_name)
    if kind is None:
        return None
    records = {
        "parent": adviser.parents,
        "item": adviser.items,
        "apart_parent": adviser.apart_parents,
    }[kind]
    if not records:
        raise RuntimeError(f"{adviser.username} has no record for {url_name} ({kind})")
    return records[n % len(records)]


# --- Forms: what the update POST sends ----------------------------------------------------------


class FormParser(html.parser.HTMLParser):
    """The fields of each POST form on a page, as a browser would submit them unchanged."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {"action": a.get("action", ""), "fields": {}, "names": set()}
            self.forms.append(self._form)
        if self._form is None:
            return
        fields, name = self._form["fields"], a.get("name")
        if name:
            self._form["names"].add(name)
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "image", "file"):
                fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data


def form_to_submit(page_html: str, must_have: str) -> dict:
    parser = FormParser()
    parser.feed(page_html)
    for form in parser.forms:
        if must_have in form["names"]:
            return dict(form["fields"])
    raise RuntimeError(f"No form with a {must_have!r} field on the page")


def changed_form(url_name: str, page_html: str, n: int) -> dict:
    """The form as shown, with a small real change (so the update is not a no-op)."""
    if url_name == "plans:item":
        fields = form_to_submit(page_html, "status")
        current = fields.get("status")
        fields["status"] = "accepted" if current == "offered" else "offered"
        fields["note"] = f"Benchmark update {n}"
        return fields
    fields = form_to_submit(page_html, "given_name")
    fields["preferred_name"] = "" if fields.get("preferred_name") else f"Bench{n % 10}"
    return fields


# --- Queries per page, in-process -------------------------------------------------------------


@dataclass
class InProcess:
    queries: int
    sql_ms: float
    total_ms: float


def _queries_in_process(page: Page, url_name: str, adviser: Adviser) -> InProcess:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from parent_charter.accounts.middleware import AUTHENTICATED_AT, LAST_SEEN_AT
    from parent_charter.accounts.models import User

    user = User.objects.get(pk=adviser.user_pk)
    client = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user, backend="parent_charter.accounts.backends.PasswordBackend")
    session = client.session
    if adviser.device_key:  # staff have passed their second factor; parents have none
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(
            user=user, name=BENCH_DEVICE
        ).persistent_id
    session[AUTHENTICATED_AT] = session[LAST_SEEN_AT] = time.time()
    session.save()

    samples = []
    for n in range(3):  # the first request warms caches; report the steadier later ones
        path = _path(url_name, _record_for(url_name, adviser, n))
        data = None
        if page.method == "POST":
            shown = client.get(path, secure=True)
            data = changed_form(url_name, shown.content.decode(), n)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            if data is None:
                response = client.get(path, secure=True)
            else:
                response = client.post(path, data, secure=True)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != page.expect:
            raise RuntimeError(f"{page.label}: {path} gave {response.status_code} in-process")
        sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        samples.append(InProcess(len(queries), sql, elapsed))
    last = samples[1:]
    return InProcess(
        max(s.queries for s in last),
        statistics.median(s.sql_ms for s in last),
        statistics.median(s.total_ms for s in last),
    )


# --- Figures against hand-written SQL, and the committee PDF ---------------------------------


@dataclass
class Computation:
    label: str
    page_ms: list[float]
    page_queries: int
    sql_ms: list[float]
    sql_queries: int
    agree: int
    compared: int
    note: str = ""
    mismatches: list = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.page_ms) / statistics.median(self.sql_ms)


def _timed_pair(page, sql, runs: int) -> tuple[tuple, tuple]:
    """For each of the page's computation and the hand-written SQL: the milliseconds of each
    run after one untimed warm-up (whose queries are counted), and what its last run returned."""
    timed = _timed_turns({"page": page, "sql": sql}, runs)
    return timed["page"], timed["sql"]


def _timed_turns(functions: dict, runs: int) -> dict[str, tuple]:
    """For each function by name: the milliseconds of each run after one untimed warm-up (whose
    queries are counted), its query count, and what its last run returned. They take turns,
    a different one going first in each round (with two, each in every other round), so that
    a change in the machine's load in the middle of the measuring falls on all alike."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    names = list(functions)
    counts, results, times = {}, {}, {name: [] for name in names}
    for name, function in functions.items():
        with CaptureQueriesContext(connection) as queries:
            results[name] = function()
        counts[name] = len(queries)
    for run in range(runs):
        first = run % len(names)
        for name in names[first:] + names[:first]:
            started = time.perf_counter()
            results[name] = functions[name]()
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: (times[name], counts[name], results[name]) for name in names}


def _council_figures_against_sql(largest: dict, period) -> "Computation":
    from django.conf import settings
    from django.db import connection
    from django_scopes import scope

    from bench import figures_sql
    from parent_charter.authorities.models import Council
    from parent_charter.figures import disclosure, periods
    from parent_charter.figures.selectors import council_figures
    from parent_charter.offers.models import LocalOffer

    council = Council.objects.get(pk=largest["pk"])
    shown = sorted({period, period.previous, *periods.trend_quarters(period)})
    with scope(council=council.pk):
        offer = (
            LocalOffer.objects.filter(council=council)
            .values("eligibility_age", "review_interval_months")
            .first()
        )
        # The page's counts before protection, and the time protection takes, from one run.
        captured = {}
        protect = disclosure.protect

        def capturing(values, relations, **kwargs):
            # The first book is the page's; the equality figures are protected in a book of
            # their own afterwards, whose time counts too.
            captured.setdefault("books", []).append(dict(values))
            started = time.perf_counter()
            result = protect(values, relations, **kwargs)
            captured["protect_ms"] = (
                captured.get("protect_ms", 0) + (time.perf_counter() - started) * 1000
            )
            return result

        disclosure.protect = capturing
        try:
            council_figures(council=council, period=period)
        finally:
            disclosure.protect = protect

        def hand_sql():
            with connection.cursor() as cursor:
                return figures_sql.council_figures_sql(
                    cursor,
                    council_id=council.pk,
                    period=period,
                    previous=period.previous,
                    shown=shown,
                    offer=offer,
                    tz=settings.TIME_ZONE,
                )

        (page_ms, page_queries, _figures), (sql_ms, sql_queries, by_sql) = _timed_pair(
            lambda: council_figures(council=council, period=period), hand_sql, COMPUTE_RUNS
        )
    # Every count of the page's book but the trend's (copies of counts compared already) and
    # of the equality figures' book; a count the SQL has no group for is zero.
    book, equality = captured["books"]
    book = {**book, **equality}
    keys = [key for key in book if key[1] != "trend"]
    mismatches = [(k, book[k], by_sql.get(k, 0)) for k in keys if book[k] != by_sql.get(k, 0)]
    return Computation(
        f"Council figures of {largest['slug']} ({largest['parents']:,} parents) for "
        f"{period.slug}, the quarter before and four quarters' trend",
        page_ms,
        page_queries,
        sql_ms,
        sql_queries,
        len(keys) - len(mismatches),
        len(keys),
        note=f"protecting small numbers took {captured['protect_ms']:.0f} ms of one page run",
        mismatches=mismatches,
    )


def _sign_up_against_sql() -> "Computation":
    from django.db import connection
    from django_scopes import scopes_disabled

    from bench import figures_sql
    from parent_charter.network import hexmap
    from parent_charter.network import selectors as network

    on_map = [(c.code, c.nation) for c in hexmap.map_councils().values()]

    def hand_sql():
        with connection.cursor() as cursor:
            return figures_sql.sign_up_sql(cursor, on_map=on_map)

    with scopes_disabled():
        (page_ms, page_queries, overview), (sql_ms, sql_queries, counted) = _timed_pair(
            network.sign_up_overview, hand_sql, NETWORK_RUNS
        )
    by_page = {
        (nation["key"], status): n
        for nation in overview["nations"]
        for status, _label, n in nation["counts"]
        if n
    }
    keys = sorted(set(by_page) | set(counted))
    wrong = [
        (k, by_page.get(k, 0), counted.get(k, 0)) for k in keys if by_page.get(k) != counted.get(k)
    ]
    return Computation(
        "Network sign-up map: every council's status, counted by nation",
        page_ms,
        page_queries,
        sql_ms,
        sql_queries,
        len(keys) - len(wrong),
        len(keys),
        note="the page also draws the hex maps; the SQL is given the maps' council codes",
        mismatches=wrong,
    )


def _comparison_against_sql(period) -> "Computation":
    from django.db import connection
    from django_scopes import scopes_disabled

    from bench import figures_sql
    from parent_charter.network import measures
    from parent_charter.network import selectors as network

    kinds = [(key, kind) for key, _label, kind, _read in measures.MEASURES]

    def hand_sql():
        with connection.cursor() as cursor:
            return figures_sql.comparison_sql(cursor, period_slug=period.slug, measures=kinds)

    def quartiles_only():
        with connection.cursor() as cursor:
            return figures_sql.quartiles_sql(cursor, period_slug=period.slug, measures=kinds)

    # The yardstick of earlier runs computed the quartiles only, not the councils' rows the
    # page shows too; it is timed in the same turns, so that runs can still be compared.
    with scopes_disabled():
        timed = _timed_turns(
            {
                "page": lambda: network.comparison(period=period),
                "sql": hand_sql,
                "quartiles": quartiles_only,
            },
            NETWORK_RUNS,
        )
    (page_ms, page_queries, compared), (sql_ms, sql_queries, by_sql) = timed["page"], timed["sql"]
    quartile_ms = timed["quartiles"][0]
    agree, wrong = _comparison_agreement(compared, by_sql, kinds)
    quartile_ratio = statistics.median(page_ms) / statistics.median(quartile_ms)
    return Computation(
        f"Network comparison: {compared['sharing_count']} councils sharing, quartiles of "
        f"{len(kinds)} measures and each council's row",
        page_ms,
        page_queries,
        sql_ms,
        sql_queries,
        agree,
        len(compared["measures"]) + len(compared["councils"]),
        note=(
            f"against SQL computing the quartiles alone (the yardstick before 7 December 2026), "
            f"{statistics.median(quartile_ms):.1f} ms: {quartile_ratio:.1f}×"
        ),
        mismatches=wrong,
    )


def _comparison_agreement(compared: dict, by_sql: dict, kinds) -> tuple[int, list]:
    """How many of the comparison's measure rows and council rows the SQL's numbers match."""
    from parent_charter.network import selectors as network

    agree, wrong = 0, []
    for row in compared["measures"]:
        count, values = by_sql[row["key"]]
        same = count == row["councils"]
        if row["stats"] is not None:
            shown = [row["stats"][name] for name in ("lower", "median", "upper")]
            same = same and values is not None and shown == [network._number(v) for v in values]
        agree += same
        if not same:
            wrong.append((row["key"], row["councils"], row["stats"], count, values))
    if len(by_sql["rows"]) != len(compared["councils"]):
        wrong.append(("councils", len(compared["councils"]), len(by_sql["rows"])))
    for council, sql_row in zip(compared["councils"], by_sql["rows"], strict=False):
        expected = _cells_from_sql(sql_row[2:], kinds)
        same = council["name"] in sql_row[:2] and council["cells"] == expected
        agree += same
        if not same:
            wrong.append((council["name"], council["cells"], sql_row))
    return agree, wrong


def _cells_from_sql(values, kinds) -> list[dict]:
    """A council's cells as the page shows them, from the SQL's columns for its row."""
    cells, values = [], list(values)
    for _key, kind in kinds:
        if kind == "count":
            state, value, threshold = values[:3]
            del values[:3]
            cells.append(
                {
                    "text": f"{value:,}" if state == "shown" else None,
                    "fewer": threshold if state == "fewer" else None,
                }
            )
        else:
            percent = values.pop(0)
            cells.append({"text": None if percent is None else f"{percent}%", "fewer": None})
    return cells


def _computations_against_sql(largest: dict) -> list["Computation"]:
    """The figures page's computation for the largest council, and the network view's, each
    timed in-process beside hand-written SQL computing the same numbers (bench/figures_sql.py).
    The two are checked against each other first: a fast query that counted something else
    would prove nothing."""
    from django.utils import timezone

    from parent_charter.figures import periods

    period = periods.last_full_quarter(timezone.localdate())
    print(f"Timing the figures of {largest['slug']} against hand-written SQL ...", flush=True)
    computations = [_council_figures_against_sql(largest, period)]
    print("Timing the network view against hand-written SQL ...", flush=True)
    computations += [_sign_up_against_sql(), _comparison_against_sql(period)]
    for computation in computations:
        print(
            f"  {computation.label}: {statistics.median(computation.page_ms):.1f} ms "
            f"({computation.page_queries} queries) against SQL "
            f"{statistics.median(computation.sql_ms):.1f} ms: {computation.ratio:.1f}x; "
            f"agree on {computation.agree} of {computation.compared}",
            flush=True,
        )
        for mismatch in computation.mismatches[:10]:
            print(f"    differs (page, SQL): {mismatch}", flush=True)
    return computations


def _committee_pdf(largest: dict) -> dict:
    """Build the largest council's committee PDF as `manage.py committee_report` does, a few
    times; the median build time."""
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from parent_charter.figures import periods

    quarter = periods.last_full_quarter(timezone.localdate()).slug
    output = WORK / "committee-report.pdf"
    print(f"Building the committee PDF of {largest['slug']} for {quarter} ...", flush=True)
    seconds = []
    for _run in range(PDF_RUNS):
        started = time.perf_counter()
        call_command(
            "committee_report",
            council=largest["slug"],
            quarter=quarter,
            language="en",
            output=str(output),
            stdout=io.StringIO(),
        )
        seconds.append(time.perf_counter() - started)
    print(f"  {', '.join(f'{s:.2f}' for s in seconds)} s", flush=True)
    return {"quarter": quarter, "seconds": seconds, "bytes": output.stat().st_size}


# --- The production server --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    log = (WORK / "server.log").open("w")
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "parent_charter.wsgi:application",
        "--chdir",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(SERVER_WORKERS),
        "--threads",
        str(SERVER_THREADS),
        "--worker-class",
        "gthread",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
    ]
    print(f"Starting gunicorn on 127.0.0.1:{port} ...", flush=True)
    return subprocess.Popen(  # noqa: S603 - our own fixed command
        command, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"The server did not start; see {WORK / 'server.log'}")


def _stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    print("Server stopped.", flush=True)


# --- HTTP clients -----------------------------------------------------------------------------


class Browser:
    """One signed-in person's cookies, and a keep-alive connection per thread."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, data: dict | None = None):
        origin = f"https://127.0.0.1:{self.port}"
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            # As the load balancer would say: TLS ended in front of the application.
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + path,
            }
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()  # the server closed a kept-alive connection: retry once
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.getheader("Location", ""), content.decode()


def _sign_in(port: int, adviser: Adviser, check_path: str = "/staff/") -> dict:
    """Sign in over HTTP as a person would: the password on the sign-in page, then for staff
    the authenticator's code; a parent has no second step and lands in the portal."""
    browser = Browser(port)
    _status, _location, page = browser.request("GET", "/accounts/sign-in/")
    fields = form_to_submit(page, "username")
    fields |= {"username": adviser.username, "password": BENCH_PASSWORD}
    status, location, _page = browser.request("POST", "/accounts/sign-in/", fields)
    if adviser.device_key:
        if status != 302 or "two-factor" not in location:
            raise RuntimeError(f"Password step failed for {adviser.username}: {status} {location}")
        _second_factor(browser, adviser)
    elif status != 302 or not urllib.parse.urlsplit(location).path.startswith("/my/"):
        raise RuntimeError(f"{adviser.username} did not land in the portal: {status} {location}")
    status, _location, _page = browser.request("GET", check_path)
    if status != 200:
        raise RuntimeError(f"{adviser.username} is not signed in: {check_path} gave {status}")
    browser.connection.close()
    return {"adviser": adviser, "cookies": browser.cookies}


def _second_factor(browser: "Browser", adviser: Adviser) -> None:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user_id=adviser.user_pk, name=BENCH_DEVICE)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t >= totp.t():  # a code is good once: wait for the next one
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.5)
    _status, _location, page = browser.request("GET", "/accounts/two-factor/")
    fields = form_to_submit(page, "token")
    fields["token"] = f"{totp.token():0{device.digits}d}"
    status, location, _page = browser.request("POST", "/accounts/two-factor/", fields)
    if status != 302:
        raise RuntimeError(f"Second factor failed for {adviser.username}: {status}")


@dataclass
class Measured:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    first_error: str = ""
    rounds: list[float] = field(default_factory=list)  # requests/s of each round, when pooled

    @property
    def median(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


def _measure(port, page: Page, url_name: str, sessions, options) -> Measured:
    threads = options.client_threads
    per_thread = max(1, int(page.requests * options.scale) // threads)
    result = Measured()
    lock = threading.Lock()
    start = threading.Barrier(threads + 1, timeout=300)

    def client(t: int) -> None:
        try:
            run_client(t)
        except Exception as error:
            start.abort()  # a client that cannot run stops the page, not the whole machine
            with lock:
                result.errors += 1
                result.first_error = result.first_error or repr(error)

    def run_client(t: int) -> None:
        session = sessions[t % len(sessions)]
        adviser = session["adviser"]
        browser = Browser(port, session["cookies"])
        # Threads sharing an adviser take turns through their records, so two updates never
        # collide (a collision would be an edit conflict, not a measurement).
        slot, slots = t // len(sessions), -(-threads // len(sessions))

        def one(n: int, *, record: bool) -> None:
            path = _path(url_name, _record_for(url_name, adviser, slot + n * slots))
            data = None
            if page.method == "POST":
                _status, _location, shown = browser.request("GET", path)
                data = changed_form(url_name, shown, n)
            began = time.perf_counter()
            status, location, _body = browser.request(page.method, path, data)
            elapsed = (time.perf_counter() - began) * 1000
            if not record:
                return
            with lock:
                if status == page.expect:
                    result.latencies_ms.append(elapsed)
                else:
                    result.errors += 1
                    result.first_error = result.first_error or f"{path}: {status} {location}"

        for n in range(WARM_UP):
            one(n, record=False)
        try:
            start.wait()
        except threading.BrokenBarrierError:
            return
        deadline = time.monotonic() + options.seconds_per_page
        for n in range(WARM_UP, WARM_UP + per_thread):
            if time.monotonic() > deadline:
                break
            one(n, record=True)
        browser.connection.close()

    workers = [threading.Thread(target=client, args=(t,), daemon=True) for t in range(threads)]
    for worker in workers:
        worker.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        start.wait()
    began = time.monotonic()
    for worker in workers:
        worker.join(timeout=options.seconds_per_page + 120)
    result.seconds = time.monotonic() - began
    if result.errors:
        print(f"  {result.errors} unexpected responses, first: {result.first_error}", flush=True)
    if not result.latencies_ms:
        raise RuntimeError(f"{page.label}: no successful requests ({result.first_error})")
    return result


# --- Staff of one council at once: the audit chain under contention ----------------------------


def _one_council(port, pages, signed_in, options) -> dict[str, tuple["Measured", "Measured"]]:
    """The parent page and the update with ONE_COUNCIL_THREADS client threads, each signed in
    as a different adviser: all of one council (every request audited in that council's
    chain), then one in each of as many councils. The same load, the same server."""
    threads = options.one_council_threads
    wanted = [page_url for page_url in pages if page_url[0].key in ONE_COUNCIL_PAGES]
    if not threads or not wanted:
        return {}
    seed = options.seed
    one = [f"pa{n}.{seed}.0@synthetic.invalid" for n in range(threads)]
    spread = [f"pa0.{seed}.{index}@synthetic.invalid" for index in range(threads)]
    known = {session["adviser"].username: session for session in signed_in}
    for username in dict.fromkeys(one + spread):
        if username not in known:
            known[username] = _sign_in(port, _bench_adviser(username), _check_path("adviser"))
    load = argparse.Namespace(**{**vars(options), "client_threads": threads})
    measured = {}
    for page, url_name in wanted:
        rounds = {"one": [], "spread": []}
        # With 8 client threads on 2 cores, one measurement of a scenario moves by a third from
        # run to run: the two take turns, ONE_COUNCIL_ROUNDS times each, each going first in
        # every other round, and each scenario's rounds are pooled.
        for round_ in range(ONE_COUNCIL_ROUNDS):
            order = ("one", "spread") if round_ % 2 == 0 else ("spread", "one")
            for scenario in order:
                who = one if scenario == "one" else spread
                print(
                    f"Measuring {page.label} with {threads} advisers of "
                    + ("one council" if scenario == "one" else f"{threads} councils")
                    + f" (round {round_ + 1} of {ONE_COUNCIL_ROUNDS}) ...",
                    flush=True,
                )
                rounds[scenario].append(
                    _measure(port, page, url_name, [known[name] for name in who], load)
                )
        measured[page.key] = (_pooled(rounds["one"]), _pooled(rounds["spread"]))
    return measured


def _pooled(rounds: list["Measured"]) -> "Measured":
    """Rounds of one scenario as one measurement: every request's time, over all their time."""
    pooled = Measured()
    for measured in rounds:
        pooled.latencies_ms += measured.latencies_ms
        pooled.seconds += measured.seconds
        pooled.errors += measured.errors
        pooled.first_error = pooled.first_error or measured.first_error
    pooled.rounds = [m.throughput for m in rounds]
    return pooled


def _one_council_report(pages, measured, threads) -> list[str]:
    if not measured:
        return []
    rows = [
        f"## {threads} staff of one council at once",
        "",
        f"The parent page and the update with {threads} client threads, each signed in as a "
        f"different personal adviser: first {threads} advisers of one council, so that every "
        "request's audit event goes to that council's chain (ADR 0026: its shards), then one "
        f"adviser in each of {threads} councils. The two take turns, {ONE_COUNCIL_ROUNDS} "
        "rounds each, each going first in every other round; each scenario's rounds are "
        "pooled (all its requests over all its time), and each round's requests/s is listed. "
        f"Target: one council at {ONE_COUNCIL_TARGET:.0%} or more of the spread load's "
        "requests/s.",
        "",
        "| Page | One council: requests/s | median ms | p95 ms | Spread: requests/s "
        "| median ms | p95 ms | One council ÷ spread | Target met | Rounds (one; spread) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for page, _url_name in pages:
        if page.key not in measured:
            continue
        one, many = measured[page.key]
        ratio = one.throughput / many.throughput if many.throughput else float("nan")
        met = "yes" if ratio >= ONE_COUNCIL_TARGET else "**no**"
        rows.append(
            f"| {page.label} ({page.method}) | {one.throughput:.1f} | {one.median:.1f} "
            f"| {one.p95:.1f} | {many.throughput:.1f} | {many.median:.1f} | {many.p95:.1f} "
            f"| {ratio:.0%} | {met} | {', '.join(f'{r:.1f}' for r in one.rounds)}; "
            f"{', '.join(f'{r:.1f}' for r in many.rounds)} |"
        )
    return [*rows, ""]


# --- The report -------------------------------------------------------------------------------


def _data_set() -> dict:
    from django.db import connection

    tables = {
        "councils": "authorities_council",
        "parents": "parents_parent",
        "children": "children_child",
        "plan items": "plans_planitem",
        "item status rows": "plans_planitemstatus",
        "plan reviews": "plans_planreview",
        "portal accounts": "portal_portalaccount",
        "challenges": "portal_challenge",
        "concerns": "concerns_concern",
        "assessments": "assessments_parentingassessment",
        "referrals to children's services": "safeguards_childrenservicesreferral",
        "partner referrals": "referrals_referral",
        "partner contacts": "referrals_deliverycontact",
        "contact arrangements": "apart_contactarrangement",
        "cost claims": "apart_costclaim",
        "equality monitoring answers": "parents_equalityanswers",
        "audit events": "audit_auditevent",
    }
    counts = {}
    with connection.cursor() as cursor:
        for label, table in tables.items():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            counts[label] = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        counts["postgresql"] = cursor.fetchone()[0]
    return counts


def _machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    load = ", load before the run {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return f"{os.cpu_count()} CPUs ({cpu}){memory}, {platform.system()} {platform.release()}{load}"


def _report(pages, results, in_process, generation, options, extra) -> str:
    import django

    data = _data_set()
    trivial = results.get("trivial")
    rows = [
        "| Page | URL name | Median ms | p95 ms | Requests/s | × trivial (median) "
        "| Queries | SQL ms | Alone ms | Requests (errors) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page, url_name in pages:
        r, q = results[page.key], in_process[page.key]
        ratio = r.median / trivial.median if trivial else float("nan")
        rows.append(
            f"| {page.label} ({page.method}) | `{url_name}` | {r.median:.1f} | {r.p95:.1f} "
            f"| {r.throughput:.1f} | {ratio:.1f} | {q.queries} | {q.sql_ms:.1f} "
            f"| {q.total_ms:.1f} | {len(r.latencies_ms)} ({r.errors}) |"
        )
    made = "generated by an earlier run"
    if generation.get("generator"):
        made = f"generator {generation['generator']}, {made}"
    if generation.get("seconds"):
        made = (
            f"generator {generation['generator']}, generated in {generation['seconds']:.0f} s "
            f"on {generation['on']}"
        )
        if generation.get("resumed_from_councils"):
            made += f", resuming after {generation['resumed_from_councils']} councils"
    lines = [
        "# Benchmark: national-scale data under the production server",
        "",
        f"Run on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC by `make bench`.",
        "",
        f"- Machine: {_machine()}.",
        f"- PostgreSQL {data['postgresql']} on the same machine; Python "
        f"{platform.python_version()}, Django {django.get_version()}.",
        f"- Server: gunicorn, production settings, {SERVER_WORKERS} workers x "
        f"{SERVER_THREADS} threads (gthread), plain HTTP on loopback with "
        "`X-Forwarded-Proto: https` as a load balancer would send.",
        f"- Load: {options.client_threads} client threads on the same machine, each signed in "
        f"as one of {options.measured_councils} personal advisers (one per council, both "
        f"factors), keep-alive connections; each page at most "
        f"{options.seconds_per_page:.0f} s. Every request, the trivial one too, carries the "
        "adviser's session, so all pay for the session and sign-in checks. The council figures "
        "page is requested by an analyst of the largest council and the network pages by a "
        "network coordinator (both factors too), every client thread sharing that one session.",
        *_people_report(pages, extra["people"]),
        f"- Data set (seed {options.seed}, {made}): "
        + ", ".join(f"{data[k]:,} {k}" for k in list(data)[:-1])
        + ".",
        "- Median, p95 and requests/s: measured over HTTP under the load above. Queries, SQL ms "
        "and Alone ms: one request on its own, in-process (django.test.Client, same database "
        "and settings, the steadier of two after a warm-up); Alone ms minus SQL ms is the "
        "Python time (view, templates, middleware). The update is a real change of status with "
        "a note; its figures are for the POST alone: each POST follows an untimed GET of the "
        "item's form, which the requests/s figure does not count.",
        "",
        *rows,
        "",
        *_one_council_report(pages, extra["one_council"], options.one_council_threads),
        *_computations_report(extra),
    ]
    return "\n".join(lines)


def _people_report(pages, people) -> list[str]:
    """Who requests the pages measured as someone other than an adviser or the two above."""
    others = {who: [] for who in PEOPLE}
    for page, _url_name in pages:
        if page.who in others:
            others[page.who].append(page.label.split(" (")[0].lower())
    lines = []
    if others["parent"]:
        histories = "; ".join(person.about for person in people["parent"])
        lines.append(
            f"- The {' and '.join(others['parent'])} are requested by {PEOPLE['parent']}: "
            f"{histories}."
        )
    for who in ("partner", "manager"):
        if others[who]:
            lines.append(
                f"- The {' and '.join(others[who])} are requested by {PEOPLE[who]}, both factors."
            )
    if "apart" in {page.key for page, _url_name in pages}:
        lines.append(
            "- The living-apart page is requested by the advisers, for parents in their "
            "caseload with contact arrangements (those with the most first)."
        )
    return lines


def _computations_report(extra) -> list[str]:
    largest, shared, pdf = extra["largest"], extra["shared"], extra["pdf"]
    built = (
        f"built by this run in {shared['seconds']:.0f} s"
        if shared["seconds"] is not None
        else "built by an earlier run"
    )
    rows = [
        "## Figures and the network view against hand-written SQL",
        "",
        f"In-process, on the same connection: each computation once untimed (its queries "
        f"counted), then {COMPUTE_RUNS} timed runs ({NETWORK_RUNS} for the network view's, "
        "which take a few milliseconds each) taking turns with the hand-written SQL (a "
        "different one going first in each round); the medians. The page's "
        "figures computation is `figures.selectors.council_figures` (everything the figures "
        "page shows, small numbers protected) and `network.selectors.sign_up_overview` and "
        "`comparison`; the hand-written SQL is bench/figures_sql.py, raw SQL through a cursor, "
        "computing the same counts (not protected). Before timing, the two are compared count "
        "by count. Largest council: "
        f"`{largest['slug']}` ({largest['parents']:,} parents; every synthetic council has "
        f"the same number, so this is the first). Shared figures for {shared['period']}: "
        f"{shared['councils']} councils, {built} as the quarterly `build_network_figures` "
        f"does. Target: the page's computation within {RATIO_TARGET}× the SQL.",
        "",
        "| Computation | Page ms (median) | Page queries | SQL ms (median) | SQL queries "
        "| × SQL | Target met | Counts agreeing |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    notes = []
    for c in extra["computations"]:
        met = "yes" if c.ratio <= RATIO_TARGET else "**no**"
        rows.append(
            f"| {c.label} | {statistics.median(c.page_ms):.1f} | {c.page_queries} "
            f"| {statistics.median(c.sql_ms):.1f} | {c.sql_queries} | {c.ratio:.1f} | {met} "
            f"| {c.agree} of {c.compared} |"
        )
        if c.note:
            notes.append(f"- {c.label.split(':')[0].split(' of ')[0]}: {c.note}.")
        if c.mismatches:
            shown = "; ".join(f"{m[0]}: page {m[1]}, SQL {m[2]}" for m in c.mismatches[:5])
            notes.append(f"  - Counts that differ (first {min(5, len(c.mismatches))}): {shown}.")
    seconds = pdf["seconds"]
    median = statistics.median(seconds)
    met = "met" if median < PDF_TARGET_SECONDS else "**missed**"
    rows += [
        "",
        *notes,
        "",
        "## Committee PDF",
        "",
        f"`manage.py committee_report --council {largest['slug']} --quarter {pdf['quarter']} "
        f"--language en` ({pdf['bytes']:,} bytes), built {len(seconds)} times in this process: "
        f"{', '.join(f'{s:.2f}' for s in seconds)} s; median **{median:.2f} s** (target under "
        f"{PDF_TARGET_SECONDS:.0f} s: {met}).",
        "",
    ]
    return rows


if __name__ == "__main__":
    sys.exit(main())
