"""Where people land after signing in: staff on their start page (not the public home page),
or on the page they asked for; parents in their portal."""

from django.test import override_settings

from tests.conftest import PASSWORD, current_code


def test_staff_land_on_their_start_page_after_both_steps(client, pa):
    response = client.post("/accounts/sign-in/", {"username": pa.username, "password": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/"
    response = client.post("/accounts/two-factor/", {"token": current_code(pa)})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_the_sign_in_page_does_not_carry_the_public_home_as_where_to_go(client):
    page = client.get("/accounts/sign-in/").content.decode()
    assert 'name="next" value=""' in page


def test_staff_still_go_to_the_page_they_asked_for(client, pa, hillford_parent):
    wanted = f"/staff/parents/{hillford_parent.public_id}/"
    response = client.post(
        f"/accounts/sign-in/?next={wanted}", {"username": pa.username, "password": PASSWORD}
    )
    response = client.post("/accounts/two-factor/", {"token": current_code(pa)})
    assert response["Location"] == wanted


@override_settings(PARENT_CHARTER_REQUIRE_TWO_FACTOR=False)
def test_staff_land_on_their_start_page_without_a_second_step(client, manager):
    response = client.post(
        "/accounts/sign-in/", {"username": manager.username, "password": PASSWORD}
    )
    assert response["Location"] == "/staff/"


def test_a_parent_lands_in_their_portal(client, parent_user):
    response = client.post(
        "/accounts/sign-in/", {"username": parent_user.username, "password": PASSWORD}
    )
    assert response["Location"] == "/my/"
