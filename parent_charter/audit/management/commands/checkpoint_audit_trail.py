"""`manage.py checkpoint_audit_trail`: queue a signed checkpoint of the audit chain heads."""

from django.core.management.base import BaseCommand

from parent_charter.audit.tasks import write_audit_checkpoint


class Command(BaseCommand):
    help = (
        "Queue a task that checks the audit events since the last checkpoint and writes a "
        "signed checkpoint of every chain's head to AUDIT_CHECKPOINT_DIR (run it often, e.g. "
        "every 15 minutes, from cron)."
    )

    def handle(self, *args, **options):
        write_audit_checkpoint.enqueue()
        self.stdout.write("Queued an audit trail checkpoint.")
