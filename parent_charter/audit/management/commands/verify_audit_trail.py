"""`manage.py verify_audit_trail`: report any changed, inserted or removed audit event."""

from django.core.management.base import BaseCommand, CommandError

from parent_charter.audit.models import AuditEvent
from parent_charter.audit.verification import verify_all


class Command(BaseCommand):
    help = "Verify every council's audit chain; exit with an error if any event was tampered with."

    def handle(self, *args, **options):
        chains, problems = verify_all()
        total = AuditEvent.objects.count()
        if problems:
            for problem in problems:
                self.stderr.write(f"TAMPERED {problem}")
            raise CommandError(
                f"Audit trail verification failed: {len(problems)} problem(s) in {chains} chain(s)."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Audit trail intact: {total} events in {chains} chain(s) verified.")
        )
