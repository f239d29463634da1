import pytest
from django_scopes import scope


@pytest.fixture
def sent_now(django_capture_on_commit_callbacks):
    """`with sent_now(): ...` commits, as it were, when the block ends: the queued messages
    are then sent by the (immediate) task backend to the fake Notify server."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def reachable_parent(hillford, hillford_parent):
    """Jamie Rivers, with a mobile number and an email address, who prefers texts."""
    with scope(council=hillford.pk):
        hillford_parent.phone = "07700 900123"
        hillford_parent.email = "jamie.rivers@example.com"
        hillford_parent.preferred_contact = "text"
        hillford_parent.save()
    return hillford_parent
