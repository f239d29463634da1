"""A parent's objection to research use: recorded and withdrawn by their adviser on the
parent's page or by the parent in the portal, audited on the parent's trail, shown in their
subject-access download, and honoured by every export."""

import pytest
from django.urls import reverse
from django_scopes import scope

from parent_charter.core.registries.subject_access import export_for
from parent_charter.research.models import ResearchObjection
from tests.helpers import events, page

pytestmark = pytest.mark.django_db


def _staff_url(name, parent):
    return reverse(f"research:{name}", kwargs={"public_id": parent.public_id})


def _objections(council, parent):
    with scope(council=council.pk):
        return list(ResearchObjection.objects.filter(parent=parent).order_by("pk"))


def test_the_adviser_records_and_withdraws_an_objection(hillford, hillford_parent, pa, client_for):
    client = client_for(pa)
    detail = reverse("parents:detail", kwargs={"public_id": hillford_parent.public_id})
    text = page(client.get(detail))
    assert "Research use of their records" in text
    assert "The parent has not objected." in text

    response = client.post(_staff_url("object", hillford_parent))
    assert response.status_code == 302
    [objection] = _objections(hillford, hillford_parent)
    assert objection.is_active and objection.recorded_via == "adviser"
    [recorded] = events("research.objection.recorded")
    assert recorded.actor_id == pa.pk
    assert recorded.parent_id == hillford_parent.pk  # on the parent's audit trail
    assert "They are left out of every research export." in page(client.get(detail))

    client.post(_staff_url("object", hillford_parent))  # a second click keeps one
    assert len(_objections(hillford, hillford_parent)) == 1

    client.post(_staff_url("withdraw", hillford_parent))
    [objection] = _objections(hillford, hillford_parent)
    assert not objection.is_active and objection.withdrawn_by == pa
    [withdrawn] = events("research.objection.withdrawn")
    assert withdrawn.parent_id == hillford_parent.pk
    assert "withdrawn on" in page(client.get(detail))


def test_an_assessor_sees_the_section_without_the_buttons(hillford_parent, assessor, client_for):
    detail = reverse("parents:detail", kwargs={"public_id": hillford_parent.public_id})
    text = page(client_for(assessor).get(detail))
    assert "Research use of their records" in text
    assert "Record that the parent objects" not in text
    assert client_for(assessor).post(_staff_url("object", hillford_parent)).status_code == 403


def test_another_councils_parent_is_not_found(eastmere_parent, pa, client_for):
    assert client_for(pa).post(_staff_url("object", eastmere_parent)).status_code == 404
    assert events("research.objection.recorded") == []


def test_the_parent_objects_and_withdraws_in_the_portal(
    hillford, hillford_parent, parent_user, client_for
):
    client = client_for(parent_user)
    assert "Research use of your records" in page(client.get("/my/"))
    text = page(client.get("/my/research/"))
    assert "Do not use my records for research" in text
    assert events("research.portal.viewed")[0].parent_id == hillford_parent.pk

    assert client.post("/my/research/object/").status_code == 302
    [objection] = _objections(hillford, hillford_parent)
    assert objection.recorded_via == "portal" and objection.recorded_by == parent_user
    assert "You are left out of every research export." in page(client.get("/my/research/"))

    client.post("/my/research/withdraw/")
    [objection] = _objections(hillford, hillford_parent)
    assert objection.withdrawn_via == "portal"
    assert [e.action for e in events("research.objection.withdrawn")] == [
        "research.objection.withdrawn"
    ]


def test_the_objection_is_in_the_parents_subject_access_download(
    hillford, hillford_parent, parent_user, client_for
):
    client_for(parent_user).post("/my/research/object/")
    with scope(council=hillford.pk):
        parts = export_for(hillford_parent)
    [part] = [p for p in parts if str(p.title) == "Research use of your records"]
    assert dict(part.records[0])["How it was recorded"] == "In the parent's portal"


def test_the_portal_page_of_a_parent_is_only_their_own(eastmere_parent_user, client_for):
    """Eastmere's parent reads and changes only their own objection."""
    client = client_for(eastmere_parent_user)
    client.post("/my/research/object/")
    [recorded] = events("research.objection.recorded")
    assert recorded.council_id == eastmere_parent_user.council_id
