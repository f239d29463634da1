"""Adds the request id to every log line, so a log line can be matched to an audit event."""

import logging

from parent_charter.audit.request_context import current_request_context


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_context().request_id or "-"
        return True


class NoTracebackForForbidden(logging.Filter):
    """A refused request (403) is expected, and audited as access.denied: log one line, not
    the PermissionDenied traceback Django attaches to it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
