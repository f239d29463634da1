"""Per-request facts (request id, client address) that the audit trail and logs need.

In audit, the bottom of the platform, so the trail can read them without importing core; core's
middleware sets them and its log filter reads them.

Held in a context variable so services can record them without every call passing the request.
"""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None


_NO_REQUEST = RequestContext()
_context: ContextVar[RequestContext] = ContextVar("request_context", default=_NO_REQUEST)  # noqa: B039 - frozen


def current_request_context() -> RequestContext:
    return _context.get()


def set_request_context(context: RequestContext):
    return _context.set(context)


def reset_request_context(token) -> None:
    _context.reset(token)
