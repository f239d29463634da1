"""National-scale benchmark: staff pages under the production server, against a trivial view.

Run `make bench` (or `.venv/bin/python bench/run.py --help`). It

1. creates the PostgreSQL database `parent_charter_bench` on 127.0.0.1:5432 (user postgres,
   trust authentication) if it is missing, migrates it, and fills it with
   `generate_synthetic` at national scale unless it already holds that data set;
2. gives one synthetic personal adviser in each measured council a known password and an
   authenticator (bench data only: generate_synthetic makes staff who cannot sign in);
3. starts the production server (gunicorn, production settings, 2 workers x 4 threads) on a
   free loopback port, signs those advisers in with both factors over HTTP, and measures each
   page in PAGES with a bounded load from a few client threads on this machine;
4. counts each page's database queries in-process (django.test.Client) on the same data;
5. prints a table, writes it to bench/results/latest.md, and stops the server whatever happens.
"""

import argparse
import contextlib
import datetime
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


PAGES = (
    Page("trivial", "Trivial view", ("core:health",), requests=600),
    Page("caseload", "Caseload", ("caseload:mine", "parents:list"), requests=200),
    Page("parent", "Parent page", ("parents:detail",), requests=200),
    Page("update", "Plan-item update", ("plans:item", "parents:edit"), "POST", 120, expect=302),
)
# Which record a URL needs: a parent in the adviser's caseload, or one of their plan items.
URL_RECORD = {
    "parents:detail": "parent",
    "parents:edit": "parent",
    "plans:item": "item",
    "caseload:timeline": "parent",
    "plans:plan": "parent",
}
URL_KWARG = {"plans:plan": "parent_id", "caseload:timeline": "parent_id"}

DATABASE = "parent_charter_bench"
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
COUNCILS, PARENTS, SEED = 200, 100_000, 1
GENERATION_JOBS = 2  # processes for generate_synthetic
MEASURED_COUNCILS = 4  # one signed-in adviser in each
SERVER_WORKERS, SERVER_THREADS = 2, 4
CLIENT_THREADS = 4
SECONDS_PER_PAGE = 60  # a page's measurement stops after this, whatever is left
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
    _ensure_database(options.database)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generation = _ensure_data(options)
    call_command("collectstatic", interactive=False, verbosity=0)
    advisers = _bench_advisers(options.seed, options.measured_councils)
    pages = _resolve_pages()
    print("Counting queries per page in-process ...", flush=True)
    in_process = {page.key: _queries_in_process(page, url, advisers[0]) for page, url in pages}

    server = _start_server(port)
    try:
        _wait_until_up(port)
        sessions = [_sign_in(port, adviser) for adviser in advisers]
        results = {}
        for page, url_name in pages:
            print(f"Measuring {page.label} ({url_name}) ...", flush=True)
            results[page.key] = _measure(port, page, url_name, sessions, options)
    finally:
        _stop_server(server)

    report = _report(pages, results, in_process, generation, options)
    print()
    print(report)
    (RESULTS / "latest.md").write_text(report)
    print(f"Written to {(RESULTS / 'latest.md').relative_to(ROOT)}")
    return 0 if all(not r.errors for r in results.values()) else 1


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


def _ensure_database(database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            print(f"Creating database {database} ...", flush=True)
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def _ensure_data(options) -> dict:
    """Generate the national data set unless this seed's councils are all there already."""
    from django.core.management import call_command

    from parent_charter.authorities.models import Council

    record = WORK / f"generation-{options.seed}.json"
    made = Council.objects.filter(slug__startswith=f"synthetic-{options.seed}-").count()
    if made >= options.councils:
        print(f"Data set for seed {options.seed} already there ({made} councils).", flush=True)
        return json.loads(record.read_text()) if record.exists() else {}
    print(
        f"Generating {options.councils} councils and {options.parents} parents "
        f"(seed {options.seed}) ...",
        flush=True,
    )
    started = time.monotonic()
    call_command(
        "generate_synthetic",
        councils=options.councils,
        parents=options.parents,
        seed=options.seed,
        jobs=GENERATION_JOBS,
    )
    generation = {
        "seconds": round(time.monotonic() - started, 1),
        "on": datetime.date.today().isoformat(),
        "resumed_from_councils": made,
    }
    record.write_text(json.dumps(generation))
    return generation


@dataclass
class Adviser:
    username: str
    council_id: int
    user_pk: int
    parents: list[str]  # public ids of parents in their caseload
    items: list[str]  # public ids of open plan items of those parents
    device_key: str


def _bench_advisers(seed: int, count: int) -> list[Adviser]:
    """Give the first adviser of each measured council a password and an authenticator."""
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_scopes import scopes_disabled

    from parent_charter.accounts.models import User
    from parent_charter.parents.models import Parent
    from parent_charter.plans.models import ItemStatus, PlanItem

    password = make_password(BENCH_PASSWORD)
    advisers = []
    with scopes_disabled():
        for index in range(count):
            user = User.objects.get(username=f"pa0.{seed}.{index}@synthetic.invalid")
            user.password = password
            user.save(update_fields=["password"])
            key = secrets.token_hex(20)
            TOTPDevice.objects.update_or_create(
                user=user, name=BENCH_DEVICE, defaults={"key": key, "confirmed": True}
            )
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
            advisers.append(
                Adviser(
                    user.username,
                    user.council_id,
                    user.pk,
                    [str(p) for p in parents],
                    [str(i) for i in items],
                    key,
                )
            )
    return advisers


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
    records = adviser.parents if kind == "parent" else adviser.items
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
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
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


def _sign_in(port: int, adviser: Adviser) -> dict:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    browser = Browser(port)
    _status, _location, page = browser.request("GET", "/accounts/sign-in/")
    fields = form_to_submit(page, "username")
    fields |= {"username": adviser.username, "password": BENCH_PASSWORD}
    status, location, _page = browser.request("POST", "/accounts/sign-in/", fields)
    if status != 302 or "two-factor" not in location:
        raise RuntimeError(f"Password step failed for {adviser.username}: {status} {location}")
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
    status, _location, _page = browser.request("GET", "/staff/")
    if status != 200:
        raise RuntimeError(f"{adviser.username} is not signed in: /staff/ gave {status}")
    browser.connection.close()
    return {"adviser": adviser, "cookies": browser.cookies}


@dataclass
class Measured:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    first_error: str = ""

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


def _report(pages, results, in_process, generation, options) -> str:
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
    if generation.get("seconds"):
        made = f"generated in {generation['seconds']:.0f} s on {generation['on']}"
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
        "adviser's session, so all pay for the session and sign-in checks.",
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
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
