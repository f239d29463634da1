"""Headless Chromium through Playwright, against pytest-django's live server.

Run these separately from the main suite:

    DATABASE_URL= DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/python -m pytest -m browser -q

Debian's chromium is used (`/usr/bin/chromium`); `playwright install` is neither needed nor
possible. Static files come from parent_charter/static/, built by scripts/build-frontend.sh,
which also copies axe-core to tests/browser/vendor-build/axe.min.js.
"""

import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_otp.oath import TOTP

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_PATH = Path(__file__).parent / "vendor-build" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
OFFERS_DIR = Path(__file__).resolve().parents[2] / "parent_charter" / "offers"


@pytest.fixture(scope="package", autouse=True)
def _audit_table_can_be_emptied(django_db_setup, django_db_blocker):
    """Drop the audit table's append-only triggers in the throwaway browser-test database.

    The live server needs transactional tests, and between them Django empties every table.
    On SQLite it does so with DELETE, which the append-only trigger refuses
    (parent_charter/audit/db_guard.py), so the flush would fail. Only this throwaway test
    database loses the triggers, and only while the browser tests run: they are put back
    afterwards, and the main suite keeps them and tests them (tests/audit/). On PostgreSQL
    the flush uses TRUNCATE, which the test settings already allow.
    """
    with django_db_blocker.unblock():
        from parent_charter.audit import db_guard

        if connection.vendor == "sqlite":
            db_guard.remove(connection)
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            db_guard.install(connection)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop on this thread, so Django would refuse the
    # ORM calls the tests make between page steps. Nothing here runs concurrently with them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _new_page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="en-GB", **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized page in a fresh context (no cookies) for each test."""
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A 320 px wide page, the narrowest screen WCAG's reflow criterion asks for."""
    context, page = _new_page(browser, PHONE, is_mobile=True, has_touch=True)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """Makes further pages, each in its own fresh context: `new_page(java_script_enabled=False)`."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        context, page = _new_page(browser, viewport, **options)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


def check_accessibility(page, *, failures: list | None = None) -> None:
    """Run axe-core on the page as it is now and fail on any violation.

    With `failures`, a journey test collects every page's violations and fails once at the
    end (see `assert_no_failures`), so one page's problem does not hide the later pages'.
    """
    if not AXE_PATH.exists():
        pytest.fail(f"{AXE_PATH} is missing: run scripts/build-frontend.sh first")
    page.wait_for_load_state("load")
    # Injected with evaluate, not a script tag: the site's CSP blocks injected scripts.
    page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    {json.dumps(node['target'])}: {node['summary']}")
        if failures is None:
            pytest.fail("\n".join(lines), pytrace=False)
        failures.append("\n".join(lines))


def assert_no_failures(failures: list) -> None:
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def current_code(user) -> str:
    """The user's current six-digit code, as their authenticator app would show it."""
    device = user.totpdevice_set.get()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def no_horizontal_scroll(page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width}px > {width}px"


def seed_demo() -> None:
    """The real charter and the real demo offers, as `manage.py seed_demo` loads them.

    Seeding takes seconds and most browser tests start with it, so on the in-memory SQLite
    test database each test process seeds once and keeps a copy of the result (SQLite's backup
    API); a later test that asks for the same seed from the same starting point gets that copy
    written back over its database, which is the same data the command would have made. See
    `_DemoCopies` for what "the same" means.
    """
    if not (OFFERS_DIR / "offer_file.py").exists() or not list(OFFERS_DIR.glob("data/*.yaml")):
        pytest.skip("the demo offer files (parent_charter/offers/data/*.yaml) are not there yet")
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        _run_seed_demo()
        return
    _DEMO_COPIES.seed()


def _run_seed_demo() -> None:
    call_command("load_charter", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())


class _DemoCopies:
    """Seeded databases of this test process, by what the seed started from and what it ran.

    A copy is reused only when everything the seed depends on is as it was when the copy was
    made: the date (the demo dates things from today, and a test may travel in time), the
    areas whose stories `seed_demo` runs (a test may narrow them), and the database before
    seeding: after the flush that ends each test only the rows Django's post_migrate handlers
    write (content types, permissions) are there, so every table's row count is compared; a
    test that adds rows before seeding gets a real seed.
    """

    def __init__(self):
        self.copies: dict[tuple, sqlite3.Connection] = {}

    def seed(self) -> None:
        connection.ensure_connection()
        key = self._key()
        copy = self.copies.get(key)
        if copy is None:
            _run_seed_demo()
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(copy)
            self.copies[key] = copy
            return
        copy.backup(connection.connection)
        # The content types now have the ids of the copy; Django caches them by id.
        ContentType.objects.clear_cache()

    def _key(self) -> tuple:
        from parent_charter.demo.management.commands import seed_demo as seed_command

        counts = []
        with connection.cursor() as cursor:
            for table in sorted(connection.introspection.table_names(cursor)):
                # The names come from the database's own catalogue, not from input.
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                counts.append((table, cursor.fetchone()[0]))
        areas = tuple(app_config.label for app_config in seed_command.demo_extensions())
        return (timezone.localdate(), areas, tuple(counts))


_DEMO_COPIES = _DemoCopies()
