"""Writes to the living-apart records, by sub-area: `arrangements` (contact and sessions),
`letterbox`, `claims` (costs of contact), `proceedings` and `grief`. Each write runs in one
transaction with its audit event.

Audit details name kinds, fields and counts only: never dates, amounts, places or notes.
"""

from parent_charter.core.concurrency import DuplicateSubmission

__all__ = ["DuplicateSubmission"]
