"""Reading the YAML data files the system loads (charter catalogues, council offer files, the
entitlements file), and telling their authors plainly what is wrong with one.

Pure Python, no Django: a file is read by a strict YAML reader (a field repeated in a mapping or
an impossible date is an error, not silently accepted), its shape is a pydantic model, and every
problem is a :class:`DataFileError` whose message names the file, the entry and the problem::

    charter-1.0.yaml: commitment 7 ('expecting.rights'): 'stage' must be one of
    before_parenthood, expecting_or_parenting, ...; got 'expecting'

Each kind of file says how its entries are named (`Locate`); :func:`explain` is the one place
that turns pydantic's errors into such sentences, so all three files speak the same way.
"""

from __future__ import annotations

import datetime
import pathlib
import re
import types
from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

__all__ = [
    "DataFileError",
    "date_or_iso_text",
    "Locate",
    "StrictModel",
    "describe",
    "explain",
    "field_name",
    "read_yaml",
    "validate",
]


class DataFileError(ValueError):
    """A data file is missing, unreadable or invalid.

    The message always starts with the file's name and says which entry is wrong and why.
    """


class StrictModel(BaseModel):
    """The shape of part of a data file: exact types (no "16" for 16, no 1.0 for "1.0"), no
    unknown fields, and never changed once read."""

    # Python's regular expressions, as in the JSON Schemas the files were first described by
    # (they reject a trailing newline with a look-ahead, which Rust's engine does not support).
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, regex_engine="python-re")


#: Where a path into the file points: (the entry, such as "commitment 7 ('expecting.rights')"
#: or "top level", and the path of the field within that entry).
Locate = Callable[[Any, tuple[Any, ...]], tuple[str, tuple[Any, ...]]]

TOP_LEVEL = "top level"


def top_level(root: Any, path: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    return TOP_LEVEL, path


# --------------------------------------------------------------------------------------------
# Reading


class _StrictSafeLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key repeated in the same mapping.

    Plain ``safe_load`` silently keeps the last value, which would hide a typo such as two
    ``evidence:`` lines in one commitment.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen: set[Hashable] = set()
            for key_node, _value_node in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, Hashable):
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            "while reading a mapping",
                            node.start_mark,
                            f"field {key!r} appears more than once",
                            key_node.start_mark,
                        )
                    seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> datetime.date:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # e.g. 2021-02-30: PyYAML raises a bare ValueError
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark
            ) from None


_StrictSafeLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _StrictSafeLoader.construct_yaml_timestamp
)


def read_yaml(path: pathlib.Path, label: str) -> Any:
    """The file's data; a :class:`DataFileError` if it cannot be read or is not valid YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{label}: file not found ({path})") from None
    except IsADirectoryError:
        raise DataFileError(f"{label}: is a directory, not a data file ({path})") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{label}: the file is not valid UTF-8 text (byte {exc.start})"
        ) from None
    except OSError as exc:
        raise DataFileError(f"{label}: cannot read the file ({exc.strerror})") from None

    try:
        return yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "the file could not be read"
        if exc.context and exc.problem and "appears more than once" not in exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        kind = (
            "YAML error"
            if isinstance(exc, yaml.constructor.ConstructorError)
            else "YAML syntax error"
        )
        raise DataFileError(f"{label}: {kind}{where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"{label}: YAML syntax error: {exc}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # a value PyYAML could not build
        raise DataFileError(f"{label}: a value in the file cannot be read: {exc}") from None


# --------------------------------------------------------------------------------------------
# Validating


@cache
def _adapter(shape: Any) -> TypeAdapter:
    return TypeAdapter(shape)


def validate(
    shape: Any,
    data: Any,
    *,
    label: str,
    locate: Locate = top_level,
    patterns: Mapping[str, str] | None = None,
    context: dict | None = None,
    order: Callable[[tuple[Any, ...]], Any] | None = None,
):
    """`data` as `shape` (a model, or a type such as ``list[Model]``); else a DataFileError.

    `patterns` says in words what a field (by its name) or a regular expression asks for.
    """
    try:
        return _adapter(shape).validate_python(data, context=context)
    except PydanticValidationError as exc:
        raise DataFileError(
            explain(exc, shape, data, label, locate, patterns or {}, order)
        ) from None


def load(path: pathlib.Path | str, shape: Any, **checks) -> tuple[str, Any, Any]:
    """Read the file at `path` and validate it as `shape` (`checks` as for `validate`).

    Returns the name messages give the file, the data as read, and the validated result;
    raises a DataFileError saying what is wrong.
    """
    path = pathlib.Path(path)
    label = path.name
    data = read_yaml(path, label)
    return label, data, validate(shape, data, label=label, **checks)


def explain(
    exc: PydanticValidationError,
    shape: Any,
    root: Any,
    label: str,
    locate: Locate,
    patterns: Mapping[str, str],
    order: Callable[[tuple[Any, ...]], Any] | None = None,
) -> str:
    """One sentence for the first problem: top-level problems first, then the earliest entry
    (in `order` of their paths, by default the positions of the entries in their lists)."""
    errors = [(error, *_place(error, root, locate)) for error in exc.errors()]
    order = order or _entry_order
    errors.sort(key=lambda item: (item[1] != TOP_LEVEL, order(tuple(item[0]["loc"]))))
    error, where, rest = errors[0]
    in_entry = where != TOP_LEVEL
    if error["type"] == "extra_forbidden":
        # Every unknown field of the same mapping at once.
        siblings = [
            other_rest
            for other, other_where, other_rest in errors
            if other["type"] == "extra_forbidden"
            and other_where == where
            and other_rest[:-1] == rest[:-1]
        ]
        problem = _unknown_fields(shape, tuple(error["loc"]), siblings)
    else:
        problem = _problem(error, shape, rest, in_entry, patterns)
    return f"{label}: {where}: {problem}"


def _place(error: dict, root: Any, locate: Locate) -> tuple[str, tuple[Any, ...]]:
    """The entry and the field path of an error. A missing or unknown field belongs to the
    mapping it is (or is not) in, which may be an entry of its own."""
    loc = tuple(error["loc"])
    if error["type"] in ("missing", "extra_forbidden") and loc:
        where, rest = locate(root, loc[:-1])
        return where, (*rest, loc[-1])
    return locate(root, loc)


def _entry_order(loc: tuple[Any, ...]) -> tuple[int, ...]:
    """The positions in the lists along the path, so earlier entries come first."""
    return tuple(part for part in loc if isinstance(part, int))


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of fields",
}


def _problem(
    error: dict, shape: Any, rest: tuple[Any, ...], in_entry: bool, patterns: Mapping[str, str]
) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    field = field_name(rest)
    subject = f"{field!r}" if field else ("the entry" if in_entry else "the file")
    got = describe(value)

    if kind == "missing":
        return f"missing required field {field!r}" if in_entry else f"{field!r} is required"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        model = _shape_at(shape, error["loc"])
        required = _required_fields(model)
        if not field and not in_entry:
            if value is None:
                return "the file is empty"
            return f"the file must hold a mapping with {', '.join(required)}; got {got}"
        wanted = "a mapping of fields" + (f" ({', '.join(required)})" if required else "")
        return f"{subject} must be {wanted}; got {got}"
    if kind == "literal_error":
        allowed = get_args(_shape_at(shape, error["loc"]))
        return f"{subject} must be one of {', '.join(map(str, allowed))}; got {got}"
    if kind == "string_type":
        hint = ""
        if isinstance(value, int | float | bool | datetime.date):
            hint = "; put the value in quotes"
        return f"{subject} must be text; got {got}{hint}"
    if kind in _TYPE_NAMES:
        return f"{subject} must be {_TYPE_NAMES[kind]}; got {got}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return f"{subject} must be a real date written as YYYY-MM-DD; got {got}"
    if kind == "string_pattern_mismatch":
        last = rest[-1] if rest and isinstance(rest[-1], str) else None
        wanted = patterns.get(last) or patterns.get(
            ctx.get("pattern", ""), f"must match {ctx.get('pattern')}"
        )
        return f"{subject} {wanted}; got {got}"
    if kind == "string_too_short":
        return f"{subject} must not be empty"
    if kind == "string_too_long":
        return f"{subject} must be at most {ctx['max_length']} characters; got {len(value)}"
    if kind == "too_short":
        items = "item" if ctx.get("min_length") == 1 else "items"
        return f"{subject} must have at least {ctx.get('min_length')} {items}; got {len(value)}"
    if kind == "too_long":
        return f"{subject} must have at most {ctx.get('max_length')} items; got {len(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _bounds(shape, error["loc"])
        if low is not None and high is not None:
            return f"{subject} must be between {low} and {high}; got {got}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{subject} must be at least {ctx.get('ge', ctx.get('gt'))}; got {got}"
    if kind in ("less_than_equal", "less_than"):
        return f"{subject} must be at most {ctx.get('le', ctx.get('lt'))}; got {got}"
    if kind in ("value_error", "assertion_error"):
        # Our own validators' words: "must ..." about a field, or a whole sentence.
        reason = str(ctx.get("error", error["msg"]))
        return f"{subject} {reason}" if field else reason
    return f"{subject}: {error['msg']}"


def _bounds(shape: Any, loc: Sequence[Any]) -> tuple[Any, Any]:
    """The lowest and highest values the field at `loc` allows, where it says both."""
    model = _unwrap(_shape_at(shape, loc[:-1]))
    if not loc or not _is_model(model) or loc[-1] not in _fields_by_key(model):
        return None, None
    low = high = None
    for rule in _fields_by_key(model)[loc[-1]].metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    return low, high


def _unknown_fields(shape: Any, loc: tuple[Any, ...], extras: list[tuple[Any, ...]]) -> str:
    model = _shape_at(shape, loc[:-1])
    allowed = list(_fields_by_key(model)) if _is_model(model) else []
    unknown = ", ".join(repr(field_name(extra)) for extra in extras)
    noun = "field" if len(extras) == 1 else "fields"
    return f"unknown {noun} {unknown} (allowed here: {', '.join(allowed)})"


def date_or_iso_text(value: Any) -> Any:
    """For a `mode="before"` validator: YAML reads 2021-10-01 as a date; the same date written in
    quotes is accepted too. Anything else is left for the date type to refuse."""
    if not isinstance(value, str):
        return value
    try:
        if _ISO_DATE.fullmatch(value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError(f"must be a real date written as YYYY-MM-DD; got {describe(value)}")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# --------------------------------------------------------------------------------------------
# Finding the part of the shape a path points at


def _is_model(shape: Any) -> bool:
    return isinstance(shape, type) and issubclass(shape, BaseModel)


def _fields_by_key(model: type[BaseModel]) -> dict[str, Any]:
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _required_fields(model: Any) -> list[str]:
    if not _is_model(model):
        return []
    return [key for key, info in _fields_by_key(model).items() if info.is_required()]


def _unwrap(shape: Any) -> Any:
    while True:
        origin = get_origin(shape)
        if origin is Annotated:
            shape = get_args(shape)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(shape) if arg is not type(None)]
            if len(options) != 1:
                return shape
            shape = options[0]
        else:
            return shape


def _shape_at(shape: Any, loc: Sequence[Any]) -> Any:
    for part in loc:
        shape = _unwrap(shape)
        if isinstance(part, int):
            args = get_args(shape)
            shape = args[0] if args else Any
        elif _is_model(shape) and part in _fields_by_key(shape):
            shape = _fields_by_key(shape)[part].annotation
        else:
            return Any
    return _unwrap(shape)


# --------------------------------------------------------------------------------------------
# Words


def describe(value: Any) -> str:
    """A short, human description of a YAML value for 'got ...'."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, datetime.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown) if value else "empty text ''"
    if isinstance(value, Mapping):
        return "a mapping of fields"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def field_name(parts: Sequence[Any]) -> str:
    """``['title', 'cy']`` -> ``title.cy``; ``['welsh_review', 2]`` -> ``welsh_review item 3``."""
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f" item {part + 1}"
        else:
            name += f".{part}" if name else str(part)
    return name
