from tests.availability.conftest import office_hours  # noqa: F401
