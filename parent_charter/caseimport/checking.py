"""The dry run: every row of an upload checked, and compared with what the council holds.

`check` reads the files against the mapping, and the council's earlier imports (through the
scoped managers, so only the council in scope is ever read), and returns the problems by file,
line and column, and the changes an import would make. It writes nothing; the import
(services.apply_run) runs the same check again inside its transaction and applies the result.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from parent_charter.children.models import ChildCircumstance, ChildParent, LivesWith
from parent_charter.core.forms import clean_uk_postcode
from parent_charter.parents.models import Parent, ParentRole

from .models import CaseRecordLink, RecordKind
from .reading import Problem, living_codes, parse_uk_date, read_csv, role_codes

NAME_MAX = 100
ID_MAX = 100
PROGRESS_EVERY = 500


@dataclass
class ParentChange:
    line: int
    case_id: str
    fields: dict  # our field name -> value, only the facts the file gives
    existing: object = None  # the Parent already linked to this identifier, if any
    changed: list[str] = field(default_factory=list)
    # A parent typed in by hand before, with the same name and date of birth and no
    # identifier yet: the import links the identifier to that record instead of adding one.
    matched: bool = False


@dataclass
class ChildChange:
    line: int
    case_id: str
    parent_case_id: str
    fields: dict  # given_name, date_of_birth, due_date (those the file gives)
    lives_with: str  # "" when the file does not say
    existing: object = None  # the Child already linked to this identifier, if any
    changed: list[str] = field(default_factory=list)
    new_parent_link: bool = False  # the child is linked to this parent for the first time
    new_circumstance: bool = False  # where the child lives differs from what is recorded


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    parents: list[ParentChange] = field(default_factory=list)
    children: list[ChildChange] = field(default_factory=list)
    total_rows: int = 0

    def summary(self) -> dict:
        linked = [p for p in self.parents if p.existing is not None and not p.matched]
        return {
            "parents_created": sum(1 for p in self.parents if p.existing is None),
            "parents_matched": sum(1 for p in self.parents if p.matched),
            "parents_updated": sum(1 for p in linked if p.changed),
            "parents_unchanged": sum(1 for p in linked if not p.changed),
            "children_created": sum(1 for c in self.children if c.existing is None),
            "children_updated": sum(
                1 for c in self.children if c.existing is not None and _child_changes(c)
            ),
            "children_unchanged": sum(
                1 for c in self.children if c.existing is not None and not _child_changes(c)
            ),
        }


def _child_changes(change: ChildChange) -> bool:
    return bool(change.changed or change.new_parent_link or change.new_circumstance)


def count_rows(parents_text: str, children_text: str) -> int:
    return sum(len(f.rows) for f in (read_csv(parents_text), read_csv(children_text)) if f)


def check(
    *,
    mapping: dict,
    parents_text: str,
    children_text: str,
    today: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> CheckResult:
    """Check both files. Call inside the council's scope; reads that council's records only."""
    today = today or timezone.localdate()
    result = CheckResult()
    done = 0

    def tick():
        nonlocal done
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)

    parent_links = {
        link.case_id: link.parent
        for link in CaseRecordLink.objects.filter(kind=RecordKind.PARENT).select_related("parent")
    }
    parents_in_file: set[str] = set()
    if parents_text.strip():
        _check_parents(mapping, parents_text, parent_links, today, result, parents_in_file, tick)
    if children_text.strip():
        _check_children(mapping, children_text, parent_links, parents_in_file, today, result, tick)
    if not parents_text.strip() and not children_text.strip():
        result.problems.append(Problem("parents", 1, "", "no_rows"))
    if progress is not None:
        progress(done)
    return result


def _read(text: str, file: str, columns: dict[str, str], result: CheckResult):
    """The file's rows, or None after recording why it cannot be read at all."""
    csv_file = read_csv(text)
    if csv_file is None:
        result.problems.append(Problem(file, 1, "", "not_csv"))
        return None
    missing = [column for column in columns.values() if column and column not in csv_file.header]
    for column in missing:
        result.problems.append(Problem(file, 1, column, "missing_column", {"column": column}))
    if missing:
        return None
    if not csv_file.rows:
        result.problems.append(Problem(file, 2, "", "no_rows"))
    result.total_rows += len(csv_file.rows)
    return csv_file


def _required(row, column, file, line, problems, max_length=NAME_MAX) -> str:
    value = row.get(column, "")
    if not value:
        problems.append(Problem(file, line, column, "missing_value"))
    elif len(value) > max_length:
        problems.append(Problem(file, line, column, "too_long", {"max": max_length}))
        return ""
    return value


def _case_id(row, column, file, line, problems, first_line: dict[str, int]) -> tuple[str, bool]:
    """The row's case id, and whether it is the first row with it: a later row with the same id
    is a problem naming the first one's line (`first_line` remembers them)."""
    case_id = _required(row, column, file, line, problems, ID_MAX)
    if case_id in first_line:
        problems.append(Problem(file, line, column, "duplicate", {"other": first_line[case_id]}))
        return case_id, False
    if case_id:
        first_line[case_id] = line
        return case_id, True
    return case_id, False


def _date(row, column, file, line, problems, today, *, required, birth):
    value = row.get(column, "") if column else ""
    if not value:
        if required:
            problems.append(Problem(file, line, column, "missing_value"))
        return None
    parsed = parse_uk_date(value)
    if parsed is None:
        problems.append(Problem(file, line, column, "date_form"))
    elif parsed.year < 1900:
        problems.append(Problem(file, line, column, "date_too_old"))
        return None
    elif birth and parsed > today:
        problems.append(Problem(file, line, column, "date_future"))
        return None
    return parsed


def _code(row, column, table, file, line, problems) -> str:
    value = row.get(column, "") if column else ""
    if not value:
        return ""
    found = table.get(value.strip().lower())
    if found is None:
        problems.append(Problem(file, line, column, "unknown_code", {"code": value[:40]}))
        return ""
    return found


def _check_parents(mapping, text, links, today, result, seen, tick) -> None:
    file = "parents"
    columns = {
        "id": mapping["parent_id_column"],
        "given": mapping["given_name_column"],
        "family": mapping["family_name_column"],
        "dob": mapping["date_of_birth_column"],
        "postcode": mapping.get("postcode_column", ""),
        "role": mapping.get("parent_role_column", ""),
    }
    csv_file = _read(text, file, columns, result)
    if csv_file is None:
        return
    roles = role_codes(mapping.get("parent_role_codes", ""))
    by_name_and_birth = _parents_without_identifier()
    matched: set[int] = set()
    first_line: dict[str, int] = {}
    problems = result.problems
    for line, row in csv_file.rows:
        tick()
        before = len(problems)
        case_id, first = _case_id(row, columns["id"], file, line, problems, first_line)
        if first:
            seen.add(case_id)
        fields = {
            "given_name": _required(row, columns["given"], file, line, problems),
            "family_name": _required(row, columns["family"], file, line, problems),
            "date_of_birth": _date(
                row, columns["dob"], file, line, problems, today, required=True, birth=True
            ),
        }
        if columns["postcode"] and row.get(columns["postcode"]):
            try:
                fields["postcode"] = clean_uk_postcode(row[columns["postcode"]])
            except ValidationError:
                problems.append(Problem(file, line, columns["postcode"], "postcode"))
        if columns["role"]:
            role = _code(row, columns["role"], roles, file, line, problems)
            if role and role not in ParentRole.values:
                problems.append(
                    Problem(file, line, columns["role"], "unknown_code", {"code": role[:40]})
                )
            elif role:
                fields["parent_role"] = role
        if len(problems) > before or not case_id:
            continue
        existing = links.get(case_id)
        is_match = False
        if existing is None:
            key = _name_and_birth(
                fields["given_name"], fields["family_name"], fields["date_of_birth"]
            )
            candidates = [p for p in by_name_and_birth.get(key, []) if p.pk not in matched]
            if len(candidates) > 1:
                problems.append(
                    Problem(file, line, "", "several_matches", {"count": len(candidates)})
                )
                continue
            if candidates:
                existing, is_match = candidates[0], True
                matched.add(existing.pk)
        change = ParentChange(
            line=line, case_id=case_id, fields=fields, existing=existing, matched=is_match
        )
        if existing is not None:
            change.changed = [
                name for name, value in fields.items() if getattr(existing, name) != value
            ]
        result.parents.append(change)


def _name_and_birth(given: str, family: str, born) -> tuple:
    return (given.casefold(), family.casefold(), born)


def _parents_without_identifier() -> dict[tuple, list]:
    """The council's parents no import has linked yet, by name and date of birth."""
    linked = CaseRecordLink.objects.filter(kind=RecordKind.PARENT).values("parent_id")
    table: dict[tuple, list] = {}
    for parent in Parent.objects.exclude(pk__in=linked).order_by("pk"):
        key = _name_and_birth(parent.given_name, parent.family_name, parent.date_of_birth)
        table.setdefault(key, []).append(parent)
    return table


def _check_children(mapping, text, parent_links, parents_in_file, today, result, tick) -> None:
    file = "children"
    columns = {
        "id": mapping.get("child_id_column", ""),
        "parent": mapping.get("child_parent_id_column", ""),
        "given": mapping.get("child_given_name_column", ""),
        "dob": mapping.get("child_date_of_birth_column", ""),
        "due": mapping.get("child_due_date_column", ""),
        "living": mapping.get("living_arrangement_column", ""),
    }
    if not (columns["id"] and columns["parent"] and (columns["dob"] or columns["due"])):
        result.problems.append(Problem(file, 1, "", "no_children_mapping"))
        return
    csv_file = _read(text, file, columns, result)
    if csv_file is None:
        return
    living = living_codes(mapping.get("living_arrangement_codes", ""))
    child_links = {
        link.case_id: link.child
        for link in CaseRecordLink.objects.filter(kind=RecordKind.CHILD).select_related("child")
    }
    child_ids = [child.pk for child in child_links.values()]
    # Where each child lives now (the newest row, as plans read it) and whom it is linked to.
    current: dict[int, ChildCircumstance] = {}
    for row in ChildCircumstance.objects.filter(child_id__in=child_ids).order_by(
        "child", "-from_date", "-recorded_at", "-pk"
    ):
        current.setdefault(row.child_id, row)
    linked = set(
        ChildParent.objects.filter(child_id__in=child_ids, parent__isnull=False).values_list(
            "child_id", "parent_id"
        )
    )
    first_line: dict[str, int] = {}
    problems = result.problems
    for line, row in csv_file.rows:
        tick()
        before = len(problems)
        case_id, _first = _case_id(row, columns["id"], file, line, problems, first_line)
        parent_case_id = _required(row, columns["parent"], file, line, problems, ID_MAX)
        if (
            parent_case_id
            and parent_case_id not in parents_in_file
            and parent_case_id not in parent_links
        ):
            problems.append(Problem(file, line, columns["parent"], "unknown_parent"))
        given = row.get(columns["given"], "") if columns["given"] else ""
        if len(given) > NAME_MAX:
            problems.append(Problem(file, line, columns["given"], "too_long", {"max": NAME_MAX}))
        born = _date(row, columns["dob"], file, line, problems, today, required=False, birth=True)
        due = _date(row, columns["due"], file, line, problems, today, required=False, birth=False)
        dates_given = bool(
            (columns["dob"] and row.get(columns["dob"]))
            or (columns["due"] and row.get(columns["due"]))
        )
        if not dates_given:
            problems.append(Problem(file, line, columns["dob"] or columns["due"], "no_child_date"))
        lives_with = _code(row, columns["living"], living, file, line, problems)
        if lives_with and lives_with not in LivesWith.values:
            problems.append(
                Problem(file, line, columns["living"], "unknown_code", {"code": lives_with[:40]})
            )
        elif born is not None and lives_with == LivesWith.NOT_YET_BORN:
            problems.append(Problem(file, line, columns["living"], "born_not_yet"))
        elif (
            columns["living"]
            and born is not None
            and not lives_with
            and not row.get(columns["living"])
        ):
            problems.append(Problem(file, line, columns["living"], "missing_value"))
        if len(problems) > before or not case_id:
            continue
        # A fact the case system leaves blank is not erased here: an adviser may know it.
        fields = {
            name: value
            for name, value in (("given_name", given), ("date_of_birth", born), ("due_date", due))
            if value
        }
        if not lives_with and born is None:
            lives_with = LivesWith.NOT_YET_BORN
        existing = child_links.get(case_id)
        change = ChildChange(
            line=line,
            case_id=case_id,
            parent_case_id=parent_case_id,
            fields=fields,
            lives_with=lives_with,
            existing=existing,
        )
        if existing is not None:
            change.changed = [
                name for name, value in fields.items() if getattr(existing, name) != value
            ]
            parent = parent_links.get(parent_case_id)
            change.new_parent_link = parent is None or (existing.pk, parent.pk) not in linked
            now = current.get(existing.pk)
            change.new_circumstance = bool(lives_with) and (
                now is None or now.lives_with != lives_with
            )
        result.children.append(change)
