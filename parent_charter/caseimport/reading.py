"""Reading a case system's CSV export: dates in the forms UK systems write, codes, problems.

Nothing here touches the database. A problem names its file, line and column and carries a
code and parameters, never the row's values: it is put into words (English or Welsh) only
when shown.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from parent_charter.children.models import LivesWith
from parent_charter.parents.models import ParentRole

MAX_FILE_BYTES = 20 * 1024 * 1024

MESSAGES = {
    "not_csv": _("The file could not be read as CSV. Save it from the case system as CSV."),
    "no_rows": _("The file has a header line but no rows."),
    "no_children_mapping": _(
        "The column mapping does not say yet which columns of a children's file hold what."
    ),
    "missing_column": _("The file has no column “%(column)s”, which the column mapping names."),
    "missing_value": _("Missing: this column must have a value."),
    "date_form": _(
        "Not a date in a form we accept. Use day, month and year, like 25/12/2004, "
        "25-12-2004, 25 Dec 2004 or 2004-12-25."
    ),
    "date_future": _("A date of birth cannot be in the future."),
    "date_too_old": _("The date is before 1900: check it."),
    "postcode": _("Not a real UK postcode."),
    "unknown_code": _("Unknown code “%(code)s”. Add it to the column mapping, or correct the row."),
    "duplicate": _("The same identifier is already on line %(other)s of this file."),
    "unknown_parent": _("No parent has this identifier, in the parents' file or imported before."),
    "no_child_date": _("Give the child's date of birth or due date."),
    "born_not_yet": _("A child with a date of birth cannot be “not yet born”."),
    "too_long": _("Longer than %(max)s characters."),
    "unexpected": _(
        "Something went wrong on our side, and nothing was saved. Upload the files again; "
        "if it happens again, ask your systems team to look at the worker's log."
    ),
    "several_matches": _(
        "%(count)s parents in Parent Charter have this name and date of birth and no "
        "case-system identifier yet. Correct or merge them before importing."
    ),
    "changed_meanwhile": _(
        "This record was changed in Parent Charter after the check. Upload the file again."
    ),
}

FILE_LABELS = {"parents": _("Parents' file"), "children": _("Children's file")}


@dataclass(frozen=True)
class Problem:
    file: str  # "parents" or "children"
    line: int  # the line of the file, counting the header as line 1
    column: str  # the file's own column name, or "" for the whole row or file
    code: str
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "params": self.params,
        }


def describe(problem: dict) -> str:
    """A stored problem in the active language."""
    return str(MESSAGES[problem["code"]]) % problem.get("params", {})


def file_label(problem: dict) -> str:
    return str(FILE_LABELS[problem["file"]])


# --- Dates -------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# A time after the date, as Mosaic's and spreadsheets' exports add: "2004-03-12 00:00:00".
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_NUMERIC_UK = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})" + _TIME + "$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
_NAMED = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})" + _TIME + "$")


def parse_uk_date(raw: str) -> datetime.date | None:
    """A date in one of the forms UK case systems export, or None if it is not one.

    Day first (25/12/2004, 25-12-2004, 25.12.2004), ISO (2004-12-25, with or without a time)
    and with the month's name (25 Dec 2004, 25-DEC-2004, 25 December 2004). Two-digit years
    and American month-first dates are refused rather than guessed.
    """
    value = raw.strip()
    try:
        if match := _NUMERIC_UK.match(value):
            day, _sep, month, year = match.groups()
            return datetime.date(int(year), int(month), int(day))
        if match := _ISO.match(value):
            year, month, day = match.groups()
            return datetime.date(int(year), int(month), int(day))
        if match := _NAMED.match(value):
            day, month_name, year = match.groups()
            month = _MONTHS.get(month_name.lower())
            if month is None:
                return None
            return datetime.date(int(year), month, int(day))
    except ValueError:
        return None
    return None


# --- Codes -------------------------------------------------------------------------------


def parse_code_lines(text: str) -> dict[str, str]:
    """ "code = value" lines into {code (lower case): value}. Blank lines are skipped."""
    codes = {}
    for raw_line in (text or "").splitlines():
        line = raw_line.strip()
        if not line:
            continue
        code, _sep, value = line.partition("=")
        codes[code.strip().lower()] = value.strip()
    return codes


def code_line_errors(text: str, allowed: list[str]) -> list[tuple[int, str]]:
    """(line number, problem) for each "code = value" line that is not one."""
    errors = []
    for number, raw_line in enumerate((text or "").splitlines(), start=1):
        line = raw_line.strip()
        if not line:
            continue
        code, sep, value = line.partition("=")
        if not sep or not code.strip():
            errors.append((number, "form"))
        elif value.strip() not in allowed:
            errors.append((number, "value"))
    return errors


def _own_codes(choices) -> dict[str, str]:
    """Our own values and English labels, so an export already in our words needs no codes."""
    table = {}
    for value, label in choices:
        table[value.lower()] = value
        table[str(label).lower()] = value
        table[value.replace("_", " ").lower()] = value
    return table


def role_codes(mapping_text: str) -> dict[str, str]:
    from django.utils import translation

    with translation.override("en"):
        return {**_own_codes(ParentRole.choices), **parse_code_lines(mapping_text)}


def living_codes(mapping_text: str) -> dict[str, str]:
    from django.utils import translation

    with translation.override("en"):
        return {**_own_codes(LivesWith.choices), **parse_code_lines(mapping_text)}


# --- CSV ---------------------------------------------------------------------------------


@dataclass
class CsvFile:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line number, {column: value})


def decode(data: bytes) -> str:
    """UTF-8 (with or without Excel's byte-order mark), else Windows-1252 as Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(text: str) -> CsvFile | None:
    """The header and rows, each with its line in the file; None if it is not CSV at all."""
    if not text.strip():
        return None
    try:
        reader = csv.reader(io.StringIO(text))
        header = [name.strip() for name in next(reader)]
        rows = []
        for values in reader:
            if not any(value.strip() for value in values):
                continue  # a blank line, as spreadsheets leave at the end
            rows.append(
                (
                    reader.line_num,
                    {
                        name: (values[i].strip() if i < len(values) else "")
                        for i, name in enumerate(header)
                    },
                )
            )
    except (csv.Error, StopIteration):
        return None
    if not any(header):
        return None
    return CsvFile(header=header, rows=rows)
