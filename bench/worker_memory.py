"""The background worker's resident memory after 1,000 tasks of the kinds the app enqueues.

Starts `manage.py db_worker` under the production settings against the profiling database
(`bench/profile_pages.py --prepare` makes it), queues TASKS tasks of the kinds the daily
commands and pages queue (each council's parent messages, living-apart reminders, overdue
challenges and plan refreshes, and audit checkpoints), and reads the worker's resident set size
(VmRSS in /proc) as it works through them. Messages go to the console Notify backend. Tasks the
worker's tasks queue in turn (emails to staff) are run too and counted, not waited for.

    .venv/bin/python bench/worker_memory.py            # 1,000 tasks; target under 200 MB
    .venv/bin/python bench/worker_memory.py --tasks 200 --database parent_charter_bench
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from profile_pages import DATABASE, WORK, _environment  # noqa: E402 - after the path

TASKS = 1000
TARGET_MB = 200
SAMPLES = (1, 100, 250, 500, 750, 1000)
# Per round of one council: the daily tasks of each kind; a plan refresh (a whole council's
# parents, the heaviest) every PLAN_REFRESH_EVERY councils, a checkpoint every CHECKPOINT_EVERY.
PLAN_REFRESH_EVERY = 5
CHECKPOINT_EVERY = 25


def _rss_kib(pid: int) -> dict[str, int]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _sep, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return found


def _queue(total: int) -> list[str]:
    """TASKS tasks, council after council, as the daily commands queue them."""
    from django_scopes import scopes_disabled

    from parent_charter.apart.tasks import send_council_reminders
    from parent_charter.audit.tasks import write_audit_checkpoint
    from parent_charter.authorities.models import Council
    from parent_charter.messaging.tasks import send_council_messages
    from parent_charter.plans.tasks import refresh_council_plans
    from parent_charter.portal.tasks import escalate_council_challenges

    with scopes_disabled():
        councils = list(Council.objects.order_by("pk").values_list("pk", flat=True))
    ids = []
    round_ = 0
    while len(ids) < total:
        council = councils[round_ % len(councils)]
        batch = [
            (send_council_messages, (council,)),
            (send_council_reminders, (council,)),
            (escalate_council_challenges, (council,)),
        ]
        if round_ % PLAN_REFRESH_EVERY == 0:
            batch.append((refresh_council_plans, (council,)))
        if round_ % CHECKPOINT_EVERY == 0:
            batch.append((write_audit_checkpoint, ()))
        for task, args in batch[: total - len(ids)]:
            ids.append(str(task.enqueue(*args).id))
        round_ += 1
    return ids


def _finished(ids: list[str]) -> tuple[int, Counter]:
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(id__in=ids).values_list("task_path", "status")
    done = Counter()
    finished = 0
    for path, status in rows:
        if status in ("SUCCESSFUL", "FAILED"):
            finished += 1
            done[(path.rsplit(".", 1)[-1], status)] += 1
    return finished, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--tasks", type=int, default=TASKS)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait at most")
    options = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    _environment(options.database)
    import django

    django.setup()
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    # Tasks left over from an earlier run would be run first and muddle the count.
    stale = DBTaskResult.objects.filter(status="READY").count()
    if stale:
        print(f"{stale} tasks were already waiting; they are run too.", file=sys.stderr)
    ids = _queue(options.tasks)
    connection.close()
    log = (WORK / "worker-memory.log").open("w")
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    samples: list[tuple[int, float, dict]] = []
    started = time.monotonic()
    try:
        wanted = [n for n in SAMPLES if n <= len(ids)] + [len(ids)]
        finished, kinds = 0, Counter()
        while finished < len(ids):
            if worker.poll() is not None:
                raise RuntimeError(f"the worker stopped; see {log.name}")
            if time.monotonic() - started > options.timeout:
                raise RuntimeError(f"{finished} of {len(ids)} tasks done in {options.timeout} s")
            time.sleep(0.5)
            finished, kinds = _finished(ids)
            while wanted and finished >= wanted[0]:
                samples.append((finished, time.monotonic() - started, _rss_kib(worker.pid)))
                wanted = [n for n in wanted if n > finished]
        final = _rss_kib(worker.pid)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()

    print(f"`manage.py db_worker` (production settings) on {options.database}: {len(ids)} tasks\n")
    print("| Tasks done | Seconds | RSS MB | Peak RSS MB |")
    print("|---:|---:|---:|---:|")
    for done, seconds, rss in samples:
        print(f"| {done} | {seconds:.0f} | {rss['VmRSS'] / 1024:.1f} | {rss['VmHWM'] / 1024:.1f} |")
    print()
    for (kind, status), count in sorted(kinds.items()):
        print(f"- {kind}: {count} {status.lower()}")
    met = "met" if final["VmRSS"] / 1024 < TARGET_MB else "**missed**"
    print(
        f"\nResident after {len(ids)} tasks: **{final['VmRSS'] / 1024:.1f} MB** (peak "
        f"{final['VmHWM'] / 1024:.1f} MB; target under {TARGET_MB} MB: {met})."
    )
    return 0 if met == "met" else 1


if __name__ == "__main__":
    sys.exit(main())
