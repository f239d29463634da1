"""ADR 0020: a module past 500 lines with more than one job is split by sub-area. The modules that
are one job and may stay long are named in the ADR; any other module that grows past the limit
fails here, so the rule holds without anyone having to remember it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADR = ROOT / "docs" / "adr" / "0020-one-name-per-job.md"
LIMIT = 500


def _named_in_adr() -> set[str]:
    """The modules the ADR's paragraph on long modules names, as paths under parent_charter/."""
    text = ADR.read_text()
    paragraph = text[text.index("Modules over 500 lines") :].split("\n\n", 1)[0]
    return set(re.findall(r"`([\w/]+\.py)`", paragraph))


def _long_modules() -> dict[str, int]:
    app_code = ROOT / "parent_charter"
    found = {}
    for path in app_code.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text().splitlines())
        if lines > LIMIT:
            found[path.relative_to(app_code).as_posix()] = lines
    return found


def test_no_module_is_over_the_limit_unless_the_adr_names_it():
    unnamed = {path: n for path, n in _long_modules().items() if path not in _named_in_adr()}
    assert not unnamed, (
        f"Over {LIMIT} lines and not named in {ADR.name} as one job: {unnamed}. "
        "Split the module by sub-area, or, if it truly is one job, say why in the ADR."
    )


def test_the_adr_names_only_modules_that_exist():
    missing = {path for path in _named_in_adr() if not (ROOT / "parent_charter" / path).exists()}
    assert _named_in_adr()
    assert not missing
