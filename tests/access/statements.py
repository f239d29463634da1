"""Access-matrix rows for the privacy notice, accessibility statement, cookies and feedback
pages (public, no personal data) and the council administrator's page for their details."""

from tests.access import EVERYONE

ROWS = {
    "statements:privacy": ("public", EVERYONE, {}),
    "statements:privacy_council": ("public", EVERYONE, {"kwargs": "statement_council"}),
    "statements:accessibility": ("public", EVERYONE, {}),
    "statements:accessibility_council": ("public", EVERYONE, {"kwargs": "statement_council"}),
    "statements:cookies": ("public", EVERYONE, {}),
    "statements:feedback": ("public", EVERYONE, {}),
    "statements:feedback_council": ("public", EVERYONE, {"kwargs": "statement_council"}),
    "statements:council_details": ("statements.change_details", {"council_admin"}, {}),
}


def make_targets(ctx) -> dict:
    return {
        "statement_council": {
            which: {"slug": ctx[which].slug} for which in ("hillford", "eastmere")
        }
    }
