"""Reads shared by the parts of one page that show the same records.

A page gathered from many apps' contributions (the staff parent page's sections, the portal
home's panels) may have two parts that show the same records: the children section and the
living-apart section both show the parent's children; the portal's home panel and its
who-to-contact panel both show the adviser's working pattern. Inside `gathering()` such a read
is done once and shared; outside it `shared_read` simply reads, so nothing is kept from one
page, or one request, to the next.
"""

from collections.abc import Callable, Hashable
from contextlib import contextmanager
from contextvars import ContextVar

_reads: ContextVar[dict | None] = ContextVar("page_reads", default=None)


@contextmanager
def gathering():
    """The reads of one page's parts, shared while it is gathered."""
    token = _reads.set({})
    try:
        yield
    finally:
        _reads.reset(token)


def shared_read(key: Hashable, read: Callable, *args):
    """`read(*args)`, done once per `key` while a page is gathered."""
    reads = _reads.get()
    if reads is None:
        return read(*args)
    if key not in reads:
        reads[key] = read(*args)
    return reads[key]
