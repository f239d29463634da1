"""Adds the request id to every log line, so a log line can be matched to an audit event."""

import logging

from .request_context import current_request_context


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_context().request_id or "-"
        return True
