"""`manage.py generate_synthetic --councils 200 --parents 100000`: scale data for benchmarks."""

import io
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from parent_charter.demo.synthetic import Summary, current_charter, generate, progress_bar


class Command(BaseCommand):
    help = (
        "Create deterministic synthetic councils, staff, parents, children and support plans "
        "with bulk inserts. Councils already made for the seed are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--councils", type=int, default=10)
        parser.add_argument("--parents", type=int, default=1000, help="in total, across councils")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="processes sharing the councils (PostgreSQL: 2 keeps both cores of a small "
            "machine busy, one building rows while the database writes another's)",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, councils, parents, seed, jobs, no_progress, **options):
        started = time.monotonic()
        if current_charter() is None:
            call_command("load_charter", stdout=io.StringIO())
        report = None if no_progress else progress_bar(self.stderr)
        if jobs > 1 and connections["default"].vendor != "sqlite":
            summary = _in_processes(councils, parents, seed, jobs, report)
        else:
            summary = generate(councils=councils, parents=parents, seed=seed, report=report)
        self.stdout.write(
            f"Created {summary.councils} councils, {summary.users} staff, "
            f"{summary.parents} parents, {summary.children} children, {summary.plans} plans, "
            f"{summary.plan_items} plan items, {summary.status_rows} status rows and "
            f"{summary.reviews} reviews in {time.monotonic() - started:.1f} s (seed {seed})."
        )


_done = None  # in each worker process: the shared count of councils finished


def _start_worker(counter) -> None:
    global _done
    _done = counter


def _count_council(_label, _index, _total) -> None:
    with _done.get_lock():
        _done.value += 1


def _part(councils, parents, seed, part, parts) -> Summary:
    return generate(
        councils=councils,
        parents=parents,
        seed=seed,
        part=part,
        parts=parts,
        report=_count_council,
    )


def _in_processes(councils, parents, seed, jobs, report) -> Summary:
    """Share the councils among `jobs` forked processes, each with its own connection."""
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    connections.close_all()  # a forked child must open its own connection
    summary = Summary()
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(counter,)
    ) as pool:
        futures = [pool.submit(_part, councils, parents, seed, part, jobs) for part in range(jobs)]
        while not all(future.done() for future in futures):
            if report and counter.value < councils:
                report("councils", counter.value, councils)
            time.sleep(0.5)
        for future in futures:
            summary.add(future.result())
    if report:
        report("councils", councils, councils)
    return summary
