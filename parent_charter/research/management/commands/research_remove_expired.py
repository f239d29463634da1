"""`manage.py research_remove_expired`: empty the files of every research export whose
data-sharing agreement has ended (run daily, for example from cron; `--queue` hands the work
to the background worker instead)."""

from django.core.management.base import BaseCommand

from parent_charter.research import services
from parent_charter.research.tasks import remove_expired_exports_task


class Command(BaseCommand):
    help = "Remove the files of research exports whose agreement has ended."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Queue it for the worker.")

    def handle(self, *args, **options):
        if options["queue"]:
            remove_expired_exports_task.enqueue()
            self.stdout.write("Queued the removal of expired research exports.")
            return
        count = services.remove_expired()
        self.stdout.write(f"Removed the files of {count} research export(s).")
