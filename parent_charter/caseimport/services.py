"""Writes of the case-import area: the mapping, an upload, its dry run and its import.

The import is all or nothing: `apply_run` checks the files again and writes every parent,
child and link in one transaction with one audit event per record created or changed. If any
row has a problem, nothing is written and the run shows the problems instead.
"""

import datetime

from django.db import connection, connections, transaction
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.children.models import Child, ChildCircumstance, ChildParent, LivesWith
from parent_charter.core.concurrency import EditConflict, save_if_unchanged
from parent_charter.parents.models import Parent, ParentRole

from . import checking
from .models import (
    MAPPING_FIELDS,
    CaseRecordLink,
    ColumnMapping,
    ImportRun,
    RecordKind,
    RunStatus,
)
from .reading import Problem

AUDIT_REASON = "Imported from the council's case system"
WRITE_BATCH = 500


class NoMapping(Exception):
    """The council has not said yet which columns hold what."""


class ImportRefused(Exception):
    """The files have problems: nothing was written. `problems` says which."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the files; nothing was imported.")
        self.problems = problems


def mapping_save(*, council, actor, **fields) -> ColumnMapping:
    unknown = set(fields) - set(MAPPING_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a column mapping: {sorted(unknown)}")
    with transaction.atomic():
        mapping = ColumnMapping.objects.select_for_update().filter(council=council).first()
        if mapping is None:
            mapping = ColumnMapping(council=council)
        changed = [name for name, value in fields.items() if getattr(mapping, name) != value]
        for name, value in fields.items():
            setattr(mapping, name, value)
        mapping.updated_by = actor
        mapping.save()
        audit.record(
            actor=actor,
            council=council,
            action="caseimport.mapping.saved",
            obj=mapping,
            detail={"fields": changed},
        )
    return mapping


def mapping_as_dict(mapping: ColumnMapping) -> dict:
    return {name: getattr(mapping, name) for name in MAPPING_FIELDS}


def run_create(
    *, council, actor, parents_text: str, children_text: str, queue_check: bool = True
) -> ImportRun:
    """Keep an upload and queue its dry run (after commit, so the worker finds the run)."""
    from .tasks import check_run

    mapping = ColumnMapping.objects.filter(council=council).first()
    if mapping is None:
        raise NoMapping
    with transaction.atomic():
        run = ImportRun.objects.create(
            council=council,
            created_by=actor if _is_user(actor) else None,
            parents_csv=parents_text,
            children_csv=children_text,
            mapping=mapping_as_dict(mapping),
            total_rows=checking.count_rows(parents_text, children_text),
        )
        audit.record(
            actor=actor,
            council=council,
            action="caseimport.uploaded",
            obj=run,
            detail={"rows": run.total_rows, "children_file": bool(children_text.strip())},
        )
        if queue_check:
            run_id, council_id = run.pk, council.pk
            transaction.on_commit(lambda: check_run.enqueue(run_id, council_id))
    return run


def run_check(*, run: ImportRun, actor=None) -> ImportRun:
    """The dry run: find every problem and count what an import would change. Writes only the
    run's findings (and its audit event: the check reads the council's imported records)."""
    reporter = ProgressReporter(run)
    result = checking.check(
        mapping=run.mapping,
        parents_text=run.parents_csv,
        children_text=run.children_csv,
        progress=reporter,
    )
    with transaction.atomic():
        run.total_rows = result.total_rows
        run.done_rows = result.total_rows
        run.problems = [problem.as_dict() for problem in result.problems]
        run.summary = result.summary()
        run.status = RunStatus.PROBLEMS if result.problems else RunStatus.CHECKED
        run.finished_at = timezone.now()
        if result.problems:
            # A file with problems can never be imported: it is not kept (it is uploaded
            # again once corrected). Only a run waiting to be imported keeps its files.
            run.parents_csv = run.children_csv = ""
        run.save(
            update_fields=[
                "total_rows",
                "done_rows",
                "problems",
                "summary",
                "status",
                "finished_at",
                "parents_csv",
                "children_csv",
            ]
        )
        audit.record(
            actor=actor or run.created_by,
            council=run.council,
            action="caseimport.checked",
            obj=run,
            detail={"problems": len(run.problems), **run.summary},
        )
    return run


def run_confirm(*, run: ImportRun, actor) -> bool:
    """Queue the import of a checked run. False if it is not waiting to be imported."""
    from .tasks import apply_run_task

    with transaction.atomic():
        updated = ImportRun.objects.filter(pk=run.pk, status=RunStatus.CHECKED).update(
            status=RunStatus.IMPORTING, done_rows=0
        )
        if not updated:
            return False
        audit.record(actor=actor, council=run.council, action="caseimport.confirmed", obj=run)
        run_id, council_id, actor_id = run.pk, run.council_id, actor.pk
        transaction.on_commit(lambda: apply_run_task.enqueue(run_id, council_id, actor_id))
    return True


def apply_run(*, run: ImportRun, actor, today: datetime.date | None = None) -> dict:
    """Import the run's files in one transaction, or nothing at all (raises ImportRefused).

    The parents whose plans the import may change are refreshed afterwards by the worker
    (refresh_imported_plans): each refresh is its own small transaction, so a large import
    does not hold the database for minutes, and the daily refresh would catch any missed.
    """
    reporter = ProgressReporter(run)
    try:
        with transaction.atomic():
            # One import at a time per council: the second waits, then sees the first's links.
            ColumnMapping.objects.select_for_update().filter(council=run.council).first()
            result = checking.check(
                mapping=run.mapping,
                parents_text=run.parents_csv,
                children_text=run.children_csv,
                today=today,
            )
            if result.problems:
                raise ImportRefused(result.problems)
            # Counted before writing: the writer fills in the records it creates.
            summary = result.summary()
            reporter.total = len(result.parents) + len(result.children)
            writer = _Writer(run=run, actor=actor, progress=reporter)
            writer.parents(result.parents)
            writer.children(result.children)
            run.status = RunStatus.IMPORTED
            run.summary = summary
            run.problems = []
            run.total_rows = run.done_rows = reporter.total
            run.finished_at = timezone.now()
            # The files have served their purpose; the records and the trail remain.
            run.parents_csv = run.children_csv = ""
            run.save()
            audit.record(
                actor=actor,
                council=run.council,
                action="caseimport.imported",
                obj=run,
                detail=summary,
            )
            to_refresh = sorted(writer.refresh)
            if to_refresh:
                from .tasks import refresh_imported_plans

                council_id = run.council_id
                transaction.on_commit(
                    lambda: refresh_imported_plans.enqueue(council_id, to_refresh)
                )
    except (ImportRefused, EditConflict) as error:
        problems = (
            error.problems
            if isinstance(error, ImportRefused)
            else [Problem("parents", 1, "", "changed_meanwhile")]
        )
        with transaction.atomic():
            run.status = RunStatus.FAILED
            run.problems = [problem.as_dict() for problem in problems]
            run.finished_at = timezone.now()
            run.parents_csv = run.children_csv = ""
            run.save(
                update_fields=["status", "problems", "finished_at", "parents_csv", "children_csv"]
            )
            audit.record(
                actor=actor,
                council=run.council,
                action="caseimport.refused",
                obj=run,
                detail={"problems": len(problems)},
            )
        raise ImportRefused(problems) from error
    finally:
        reporter.close()
    return summary


class _Writer:
    """Writes the checked changes; bulk inserts, one audit event per record touched."""

    def __init__(self, *, run: ImportRun, actor, progress):
        self.run = run
        self.council = run.council
        self.actor = actor
        self.progress = progress
        self.done = 0
        self.parent_by_case_id: dict[str, Parent] = {}
        self.refresh: set[int] = set()

    def _tick(self, count=1):
        self.done += count
        if self.done % WRITE_BATCH == 0 or self.done == self.progress.total:
            self.progress(self.done)

    def _audit(self, action: str, obj, detail: dict) -> None:
        audit.record(
            actor=self.actor,
            council=self.council,
            action=action,
            obj=obj,
            reason=AUDIT_REASON,
            detail={"import": str(self.run.public_id), **detail},
        )

    def _save_changes(self, record, change, action: str) -> None:
        """Write what the file changed on a record already here, and audit which fields."""
        save_if_unchanged(
            record,
            expected_version=record.version,
            fields={name: change.fields[name] for name in change.changed},
        )
        self._audit(action, record, {"fields": change.changed})

    def parents(self, changes: list[checking.ParentChange]) -> None:
        new = [change for change in changes if change.existing is None]
        for change in changes:
            if change.existing is None:
                continue
            parent = change.existing
            if change.matched:
                CaseRecordLink.objects.create(
                    council=self.council,
                    kind=RecordKind.PARENT,
                    case_id=change.case_id,
                    parent=parent,
                    first_imported_by=self.run,
                )
                self._audit("parent.case_id.linked", parent, {"matched_on": "name_and_birth"})
            if change.changed:
                self._save_changes(parent, change, "parent.updated")
                if "parent_role" in change.changed:
                    self.refresh.add(parent.pk)
            self.parent_by_case_id[change.case_id] = parent
            self._tick()
        for start in range(0, len(new), WRITE_BATCH):
            batch = new[start : start + WRITE_BATCH]
            made = Parent.objects.bulk_create(
                [
                    Parent(
                        council=self.council,
                        **{"parent_role": ParentRole.PARENT, **change.fields},
                    )
                    for change in batch
                ]
            )
            CaseRecordLink.objects.bulk_create(
                [
                    CaseRecordLink(
                        council=self.council,
                        kind=RecordKind.PARENT,
                        case_id=change.case_id,
                        parent=parent,
                        first_imported_by=self.run,
                    )
                    for change, parent in zip(batch, made, strict=True)
                ]
            )
            for change, parent in zip(batch, made, strict=True):
                self._audit("parent.created", parent, {"fields": sorted(change.fields)})
                self.parent_by_case_id[change.case_id] = parent
                self.refresh.add(parent.pk)
                self._tick()

    def _parent_for(self, case_id: str) -> Parent:
        parent = self.parent_by_case_id.get(case_id)
        if parent is None:
            link = CaseRecordLink.objects.select_related("parent").get(
                kind=RecordKind.PARENT, case_id=case_id
            )
            parent = self.parent_by_case_id[case_id] = link.parent
        return parent

    def children(self, changes: list[checking.ChildChange]) -> None:
        today = timezone.localdate()
        for start in range(0, len(changes), WRITE_BATCH):
            batch = changes[start : start + WRITE_BATCH]
            new = [change for change in batch if change.existing is None]
            new_ids = {id(change) for change in new}
            made = Child.objects.bulk_create(
                [Child(council=self.council, **change.fields) for change in new]
            )
            for change, child in zip(new, made, strict=True):
                change.existing = child
            links = ChildParent.objects.bulk_create(
                [
                    ChildParent(
                        council=self.council,
                        child=change.existing,
                        parent=self._parent_for(change.parent_case_id),
                    )
                    for change in batch
                    if id(change) in new_ids or change.new_parent_link
                ]
            )
            link_of = {(link.child_id, link.parent_id): link for link in links}
            circumstances = []
            for change in batch:
                child = change.existing
                if not (id(change) in new_ids or change.new_circumstance) or not change.lives_with:
                    continue
                parent = self._parent_for(change.parent_case_id)
                lives_with_parent = None
                if change.lives_with == LivesWith.ONE_PARENT:
                    # The case system names the parent the child lives with: this row's.
                    lives_with_parent = link_of.get((child.pk, parent.pk)) or (
                        ChildParent.objects.get(child=child, parent=parent)
                    )
                circumstances.append(
                    ChildCircumstance(
                        council=self.council,
                        child=child,
                        lives_with=change.lives_with,
                        lives_with_parent=lives_with_parent,
                        from_date=(
                            (child.date_of_birth or today) if id(change) in new_ids else today
                        ),
                        recorded_by=self.actor if _is_user(self.actor) else None,
                        note=AUDIT_REASON,
                    )
                )
            ChildCircumstance.objects.bulk_create(circumstances)
            CaseRecordLink.objects.bulk_create(
                [
                    CaseRecordLink(
                        council=self.council,
                        kind=RecordKind.CHILD,
                        case_id=change.case_id,
                        child=change.existing,
                        first_imported_by=self.run,
                    )
                    for change in new
                ]
            )
            for change in batch:
                child = change.existing
                parent = self._parent_for(change.parent_case_id)
                if id(change) in new_ids:
                    self._audit(
                        "child.added",
                        child,
                        {"born": child.is_born, "lives_with": change.lives_with},
                    )
                    self.refresh.add(parent.pk)
                else:
                    if change.changed:
                        self._save_changes(child, change, "child.updated")
                    if change.new_parent_link:
                        self._audit("child.parent.linked", child, {})
                    if change.new_circumstance:
                        self._audit(
                            "child.circumstances.changed",
                            child,
                            {"lives_with": change.lives_with},
                        )
                    if change.changed or change.new_parent_link or change.new_circumstance:
                        self.refresh.update(
                            ChildParent.objects.filter(
                                child=child, parent__isnull=False
                            ).values_list("parent_id", flat=True)
                        )
                self._tick()


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def run_failed(*, run: ImportRun, actor=None) -> None:
    """Say on the run that it stopped on an error of ours (nothing was saved: the import's
    transaction rolled back), so its page never shows it running for ever."""
    with transaction.atomic():
        ImportRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            problems=[Problem("parents", 1, "", "unexpected").as_dict()],
            parents_csv="",
            children_csv="",
            finished_at=timezone.now(),
        )
        audit.record(
            actor=actor or run.created_by,
            council=run.council,
            action="caseimport.failed",
            obj=run,
        )


class ProgressReporter:
    """Moves a run's progress bar. Called with the number of rows done so far.

    Outside a transaction the run's row is simply updated. Inside the import's one long
    transaction that update would stay invisible until the end, so on PostgreSQL progress
    goes through a second, autocommitting connection; SQLite allows one writer at a time, so
    there the bar shows the check's progress and then the import's end.
    """

    def __init__(self, run: ImportRun):
        self.run = run
        self.total = run.total_rows
        self._side = None

    def __call__(self, done: int) -> None:
        self.run.done_rows = done
        fields = {"done_rows": done, "total_rows": self.total}
        if not connection.in_atomic_block:
            ImportRun.objects.filter(pk=self.run.pk).update(**fields)
            return
        if connection.vendor != "postgresql":
            return
        if self._side is None:
            self._side = connections.create_connection("default")
        with self._side.cursor() as cursor:
            cursor.execute(
                "UPDATE caseimport_importrun SET done_rows = %s, total_rows = %s WHERE id = %s",
                [done, self.total, self.run.pk],
            )

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None

    def __del__(self):
        self.close()
