"""Every staff page that journeys do not already walk through, in English and in Welsh, with
axe-core: the council administrator's offer pages, and a manager's forms for consent, reviews,
reassignment, children and the audit trail."""

import pytest
from django_scopes import scopes_disabled

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import sign_in, use_language

pytestmark = pytest.mark.browser


def _admin_pages() -> list[str]:
    from parent_charter.offers.models import LocalOffer

    offer = LocalOffer.objects.get(council__slug="herefordshire")
    commitment = offer.commitments.first()
    programme = offer.programmes.first()
    return [
        "/staff/local-offer/",
        "/staff/local-offer/offer/",
        "/staff/local-offer/contacts/",
        "/staff/local-offer/promises/add/",
        f"/staff/local-offer/promises/{commitment.pk}/",
        "/staff/local-offer/programmes/add/",
        f"/staff/local-offer/programmes/{programme.slug}/",
        "/staff/local-offer/partners/add/",
        f"/staff/local-offer/partners/{programme.provider_id}/",
    ]


def _manager_pages() -> list[str]:
    from parent_charter.children.models import ChildParent
    from parent_charter.parents.models import Parent

    with scopes_disabled():
        link = (
            ChildParent.objects.filter(council__slug="herefordshire", parent__isnull=False)
            .select_related("parent", "child")
            .order_by("pk")
            .first()
        )
        parent: Parent = link.parent
    p, c = parent.public_id, link.child.public_id
    return [
        "/staff/team/",
        f"/staff/parents/{p}/",
        f"/staff/parents/{p}/consents/add/",
        f"/staff/parents/{p}/reassign/",
        f"/staff/parents/{p}/timeline/",
        f"/staff/parents/{p}/audit-trail/",
        f"/staff/plans/{p}/reviews/add/",
        f"/staff/children/{c}/",
        f"/staff/children/{c}/edit/",
        f"/staff/children/{c}/circumstances/",
        f"/staff/children/add/{p}/",
    ]


@pytest.mark.parametrize(
    ("email", "pages"),
    [("ceri@herefordshire.demo", _admin_pages), ("morgan@herefordshire.demo", _manager_pages)],
    ids=["council-administrator", "team-manager"],
)
def test_every_page_is_accessible_in_english_and_welsh(page, live_server, email, pages):
    seed_demo()
    sign_in(page, live_server, email)
    failures = []
    for language in ("en", "cy"):
        use_language(page, live_server, language)
        for path in pages():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.get_attribute("html", "lang") == language
            check_accessibility(page, failures=failures)
            # Submitting the form empty shows the error summary: check that state too.
            form = page.locator("main form[method='post']").last
            if language == "en" and form.count() and "/reassign/" not in path:
                form.locator("button[type=submit]").last.click()
                page.wait_for_load_state()
                check_accessibility(page, failures=failures)
    assert_no_failures(failures)
