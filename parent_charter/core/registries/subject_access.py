"""What each app holds about a parent, for the parent to read and download (subject access).

Each app that keeps personal data about a parent registers an exporter in AppConfig.ready():
`(parent) -> list[SubjectAccessPart]`, naming the models it puts into words (`covers`). An
exporter leaves out what is marked as third-party information (for example who raised a
concern, or another parent's details) and says that it has done so, so the parent knows
something was withheld and why.

Complete by construction: every model that refers to a parent, directly or through another
such model (`referring_models`, a walk of the app registry), must be covered by an exporter or
declared with `withhold(label, what=, why=)`. The declared ones are listed to the parent in a
last part, "What is left out, and why". A test fails for any model that is neither, so a new
model about parents cannot be forgotten silently.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class SubjectAccessPart:
    title: str  # lazily translated heading, for example _("Referrals")
    # Each record as an ordered list of (label, value) pairs, values already put into words.
    records: list[list[tuple[str, str]]]
    # Why anything was left out, if it was (shown to the parent), else "".
    withheld: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Withheld:
    what: str  # lazily translated: the kind of record, in the parent's words
    why: str  # lazily translated: why it is not in the copy, and how to ask for it


_EXPORTERS: dict[str, tuple[int, Callable]] = {}
# Model label ("app.Model") -> the key of the exporter that puts it into words.
_COVERED: dict[str, str] = {}
_WITHHELD: dict[str, Withheld] = {}

PARENT_MODEL = "parents.Parent"


@dataclass(frozen=True)
class SubjectAccessExport:
    """An app's part of the download: `exporter` is `(parent) -> list[SubjectAccessPart]`,
    `covers` the labels of the models it puts into words."""

    key: str
    order: int
    exporter: Callable
    covers: tuple[str, ...] = ()


def register(export: SubjectAccessExport) -> None:
    _EXPORTERS[export.key] = (export.order, export.exporter)
    for label in export.covers:
        _COVERED[label] = export.key


def withhold(label: str, *, what, why) -> None:
    """Declare that records of model `label` are not in the parent's copy, and why."""
    _WITHHELD[label] = Withheld(what=what, why=why)


def export_for(parent) -> list[SubjectAccessPart]:
    parts = []
    for _order, exporter in sorted(_EXPORTERS.values(), key=lambda item: item[0]):
        parts.extend(exporter(parent))
    parts.append(left_out_part())
    return parts


def left_out_part() -> SubjectAccessPart:
    """The kinds of record not in the copy, each with its reason; the same for every parent,
    so it says nothing about whether such a record exists."""
    seen, records = set(), []
    for label in sorted(_WITHHELD):
        entry = _WITHHELD[label]
        if str(entry.what) in seen:
            continue
        seen.add(str(entry.what))
        records.append(
            [
                (_("What"), str(entry.what)),
                (_("Why"), str(entry.why)),
            ]
        )
    return SubjectAccessPart(
        title=gettext_lazy("What is left out, and why"),
        records=records,
        notes=[
            gettext_lazy(
                "Some records about you are not in this copy. Each kind is listed here with "
                "the reason. You can ask the council's data protection officer for any of them."
            )
        ],
    )


def _relations(model):
    """The models this one points at: foreign keys, one-to-ones and many-to-manys declared on
    it (reverse relations are auto-created and point the other way)."""
    for f in model._meta.get_fields():
        if f.is_relation and not f.auto_created and isinstance(f.related_model, type):
            yield f.related_model


def referring_models(models: Iterable | None = None) -> list[str]:
    """Labels of every model that refers to a parent, directly or through another such model
    (a concern's offers, a referral's evidence), by walking the app registry."""
    models = list(apps.get_models() if models is None else models)
    reached = {PARENT_MODEL}
    changed = True
    while changed:
        changed = False
        for model in models:
            label = model._meta.label
            if label in reached:
                continue
            if any(related._meta.label in reached for related in _relations(model)):
                reached.add(label)
                changed = True
    return sorted(reached)


def unaccounted(models: Iterable | None = None) -> list[str]:
    """Models that refer to a parent but are neither exported nor declared withheld."""
    return [
        label
        for label in referring_models(models)
        if label not in _COVERED and label not in _WITHHELD
    ]
