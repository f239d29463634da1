"""`manage.py generate_synthetic --councils 200 --parents 100000`: scale data for benchmarks."""

import time

from django.core.management.base import BaseCommand

from parent_charter.demo.synthetic import generate, progress_bar


class Command(BaseCommand):
    help = "Create deterministic synthetic councils, staff and parents with bulk inserts."

    def add_arguments(self, parser):
        parser.add_argument("--councils", type=int, default=10)
        parser.add_argument("--parents", type=int, default=1000, help="in total, across councils")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, councils, parents, seed, no_progress, **options):
        started = time.monotonic()
        summary = generate(
            councils=councils,
            parents=parents,
            seed=seed,
            report=None if no_progress else progress_bar(self.stderr),
        )
        self.stdout.write(
            f"Created {summary.councils} councils, {summary.users} staff and "
            f"{summary.parents} parents in {time.monotonic() - started:.1f} s (seed {seed})."
        )
