from tests.contact.conftest import office_hours  # noqa: F401
