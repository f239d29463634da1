"""`manage.py verify_audit_trail`: report any changed, inserted or removed audit event."""

from django.core.management.base import BaseCommand, CommandError

from parent_charter.audit import checkpoints
from parent_charter.audit.verification import verify_trail


class Command(BaseCommand):
    help = (
        "Verify every council's audit chain against itself and the signed checkpoints; print "
        "each chain's length and last hash; exit with an error naming the failed checks if any "
        "event was tampered with."
    )

    def handle(self, *args, **options):
        report = verify_trail()
        for chain in report.chains:
            state = "FAILED" if chain.problems else "ok"
            self.stdout.write(
                f"{chain.chain}: {chain.length} events, last #{chain.last_seq} "
                f"hash {chain.last_hash} {state}"
            )
        if report.checkpoints:
            newest = report.checkpoints[-1]
            self.stdout.write(
                f"Checked against {len(report.checkpoints)} signed checkpoint(s), the newest "
                f"{newest.name} ({newest.written_at})."
            )
        else:
            self.stderr.write(
                f"WARNING no checkpoint in {checkpoints.directory()}: the chain heads were not "
                "checked against anything outside the database (run checkpoint_audit_trail)."
            )
        problems = report.problems
        total = sum(chain.length for chain in report.chains)
        if problems:
            for problem in problems:
                self.stderr.write(f"TAMPERED {problem}")
            failed = sorted({problem.check for problem in problems})
            raise CommandError(
                f"Audit trail verification failed: {len(problems)} problem(s) in "
                f"{len(report.chains)} chain(s); failed check(s): {', '.join(failed)}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {total} events in {len(report.chains)} chain(s) verified."
            )
        )
