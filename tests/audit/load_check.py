"""Run in a process of its own by test_verification_under_load.py, against a database of its own.

Two writers append events to one council's chain as fast as they can (as staff reading parent
pages do: two advisers, so two of its shards) while the verifier checks the trail again and
again. Prints one JSON line: how many
verifications ran, what they reported, and how many events were written while they ran.
"""

import json
import os
import sys
import threading
import time


def main(seconds: float) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parent_charter.settings.test")
    django.setup()

    from django.db import connections, transaction

    from parent_charter.audit import services
    from parent_charter.audit.verification import verify_all
    from tests.factories import CouncilFactory, UserFactory

    council = CouncilFactory()
    advisers = [UserFactory(council=council) for _slot in range(2)]
    stop = threading.Event()
    written = [0, 0]
    errors: list[str] = []

    def write(slot: int) -> None:
        try:
            while not stop.is_set():
                with transaction.atomic():
                    services.record(actor=advisers[slot], council=council, action="parent.viewed")
                written[slot] += 1
        except Exception as error:  # reported to the test, which fails on any
            errors.append(repr(error))
        finally:
            connections.close_all()

    writers = [threading.Thread(target=write, args=(slot,)) for slot in range(2)]
    for writer in writers:
        writer.start()
    runs, alarms = 0, []
    # Let the writers get going, so every verification overlaps writes.
    while sum(written) < 20 and not errors:
        time.sleep(0.01)
    written_before = sum(written)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not errors:
            _chains, problems = verify_all()
            runs += 1
            alarms.extend(str(problem) for problem in problems)
    except Exception as error:
        errors.append(f"verifier: {error!r}")
    written_during = sum(written) - written_before
    stop.set()
    for writer in writers:
        writer.join()
    # Once the writers have stopped, the whole trail must still verify.
    _chains, final = verify_all()
    return {
        "runs": runs,
        "alarms": alarms[:10],
        "written_during": written_during,
        "errors": errors,
        "final": [str(problem) for problem in final],
    }


if __name__ == "__main__":
    print(json.dumps(main(float(sys.argv[1]) if len(sys.argv) > 1 else 4.0)))
