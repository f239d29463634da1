"""The "links" section of a parent's page: timeline, audit trail and reassignment, by role."""

import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.test import RequestFactory

from parent_charter.core.registries import parent_sections as sections


@pytest.fixture(autouse=True)
def registered():
    # The caseload app registers the section in its AppConfig.ready(); doing it again is
    # harmless.
    apps.get_app_config("caseload").ready()


def _links(user, parent) -> str:
    request = RequestFactory().get("/")
    request.user = user
    section = sections._SECTIONS["links"]
    assert section.order == 90 and section.permission is None
    context = section.context(request, parent)
    return render_to_string(section.template, {"section": context, "parent": parent})


def test_a_manager_sees_every_link(manager, hillford_parent):
    html = _links(manager, hillford_parent)
    public_id = hillford_parent.public_id
    assert f"/staff/parents/{public_id}/timeline/" in html
    assert f"/staff/parents/{public_id}/audit-trail/" in html
    assert f"/staff/parents/{public_id}/reassign/" in html


def test_an_adviser_sees_the_timeline_only(pa, hillford_parent):
    html = _links(pa, hillford_parent)
    assert "/timeline/" in html and "/audit-trail/" not in html and "/reassign/" not in html


def test_no_links_no_heading(partner_worker, hillford_parent):
    assert "History and changes" not in _links(partner_worker, hillford_parent)


def test_the_section_comes_last_on_the_page(client_for, manager, hillford_parent):
    body = client_for(manager).get(f"/staff/parents/{hillford_parent.public_id}/").content.decode()
    assert "History and changes" in body
    assert f"/staff/parents/{hillford_parent.public_id}/reassign/" in body
