"""Import parents (and their children) from a case system's CSV export, with the council's
saved column mapping: `manage.py import_cases --council SLUG PARENTS.csv [--children
CHILDREN.csv] [--dry-run]`.

The dry run prints every problem by file, line and column and what an import would change,
and saves nothing but the run's record. Without --dry-run the files are checked again and
imported in one transaction, or not at all (the command then exits non-zero).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from parent_charter.authorities.models import Council

from ... import services
from ...models import RunStatus
from ...reading import MAX_FILE_BYTES, decode, describe, file_label


class Command(BaseCommand):
    help = "Check, then import, parents and children from a council case system's CSV files."

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, help="The council's slug")
        parser.add_argument("file", nargs="?", help="The parents' CSV file")
        parser.add_argument("--children", help="The children's CSV file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but save nothing"
        )
        parser.add_argument(
            "--by",
            help="The email of the member of staff running the import (named in the trail)",
        )

    def handle(self, *args, **options):
        if not options["file"] and not options["children"]:
            raise CommandError("Give a parents' file, a children's file (--children), or both.")
        try:
            council = Council.objects.get(slug=options["council"])
        except Council.DoesNotExist:
            raise CommandError(f"No council has the slug {options['council']!r}.") from None
        actor = None
        if options["by"]:
            actor = get_user_model().objects.filter(email=options["by"], council=council).first()
            if actor is None:
                raise CommandError(f"No member of {council.slug}'s staff has that email.")
        parents_text = self._read(options["file"])
        children_text = self._read(options["children"])
        with scope(council=council.pk):
            try:
                run = self._create(council, actor, parents_text, children_text)
            except services.NoMapping:
                raise CommandError(
                    f"{council.slug} has no column mapping yet: set it up under Import parents "
                    "from a case system, in the application."
                ) from None
            self.stdout.write(f"Checking {run.total_rows} row(s)…")
            services.run_check(run=run, actor=actor)
            self._report(run)
            if run.status == RunStatus.PROBLEMS:
                raise CommandError("Nothing was imported: correct the problems above first.")
            if options["dry_run"]:
                self.stdout.write("Dry run: nothing was saved.")
                return
            if run.changes == 0:
                self.stdout.write("No changes: every record is already up to date.")
            run.status = RunStatus.IMPORTING
            run.save(update_fields=["status"])
            try:
                summary = services.apply_run(run=run, actor=actor)
            except services.ImportRefused as refused:
                for problem in refused.problems:
                    self._problem(problem.as_dict())
                raise CommandError("Nothing was imported.") from None
            except Exception:
                services.run_failed(run=run, actor=actor)
                raise
            self.stdout.write(
                self.style.SUCCESS(
                    "Imported: {parents_created} parent(s) added, {parents_updated} updated, "
                    "{parents_unchanged} unchanged, {parents_matched} matched to a record typed "
                    "in before; "
                    "{children_created} child(ren) added, "
                    "{children_updated} updated, {children_unchanged} unchanged.".format(**summary)
                )
            )

    def _read(self, name: str | None) -> str:
        if not name:
            return ""
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"No such file: {name}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"{name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        return decode(path.read_bytes())

    def _create(self, council, actor, parents_text, children_text):
        # The command runs its own check and waits for it, rather than queueing one.
        return services.run_create(
            council=council,
            actor=actor,
            parents_text=parents_text,
            children_text=children_text,
            queue_check=False,
        )

    def _problem(self, problem: dict) -> None:
        column = f", column {problem['column']}" if problem["column"] else ""
        self.stdout.write(
            f"{file_label(problem)}, line {problem['line']}{column}: {describe(problem)}"
        )

    def _report(self, run) -> None:
        for problem in run.problems:
            self._problem(problem)
        if run.status == RunStatus.CHECKED:
            self.stdout.write(
                "Checked: {parents_created} parent(s) to add, {parents_updated} to update, "
                "{parents_unchanged} unchanged, {parents_matched} matched to a record typed "
                "in before; "
                "{children_created} child(ren) to add, "
                "{children_updated} to update, {children_unchanged} unchanged.".format(
                    **run.summary
                )
            )
