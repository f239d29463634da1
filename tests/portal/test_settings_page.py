"""The council's portal settings page: saved at the version the administrator saw, and a save
in between shows the number now stored instead of overwriting it."""

import re

from parent_charter.portal.models import PortalSettings

URL = "/staff/portal/settings/"


def version_shown(client) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(URL).content.decode()).group(1)


def test_the_administrator_changes_the_working_days(client_for, council_admin, unscoped):
    client = client_for(council_admin)
    response = client.post(
        URL, {"version": version_shown(client), "challenge_response_working_days": "15"}
    )
    assert response.status_code == 302 and response["Location"] == "/staff/"
    row = PortalSettings.objects.get(council=council_admin.council)
    assert row.challenge_response_working_days == 15


def test_a_save_in_between_shows_the_number_now_stored(client_for, council_admin, unscoped):
    client = client_for(council_admin)
    seen = version_shown(client)
    client.post(URL, {"version": seen, "challenge_response_working_days": "12"})
    response = client.post(URL, {"version": seen, "challenge_response_working_days": "20"})
    assert response.status_code == 200
    assert "Someone else changed this setting" in response.content.decode()
    assert "It is now 12 working days" in response.content.decode()
    row = PortalSettings.objects.get(council=council_admin.council)
    assert row.challenge_response_working_days == 12
    assert f'name="version" value="{row.version}"' in response.content.decode()
