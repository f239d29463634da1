"""No email input on any page lets a phone capitalise the address: a sweep over every page of
the access matrix, opened by someone allowed to use it (the ways in are checked in
test_email_case.py). In a module of its own because it uses the sweeps' shared world, whose
cast has signed in already, while test_email_case.py signs in through the pages."""

import pytest

from tests.accounts.test_email_case import EmailInputs
from tests.sweep_world import *  # noqa: F403 - the sweeps' shared world (its fixtures)
from tests.test_access_matrix import MATRIX

PAGES = sorted(
    name
    for name, (kind, _allowed, options) in MATRIX.items()
    if kind != "public" and options.get("method") != "post"
)


@pytest.mark.parametrize("name", PAGES)
def test_every_email_input_has_capitalisation_off(name, open_page):
    opened = open_page(name)
    if opened is None:
        return
    _client, _url, response = opened
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    for attrs in EmailInputs(response.content.decode()).inputs:
        assert attrs.get("autocapitalize") == "none", (name, attrs)
