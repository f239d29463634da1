"""One contribute() call files each of an app's contributions with the registry that serves it."""

import pytest

from parent_charter.core.registries import (
    notification_kinds,
    parent_sections,
    portal_sections,
    start_page,
    subject_access,
)
from parent_charter.core.registries.contribute import contribute


@pytest.fixture
def empty_registries(monkeypatch):
    monkeypatch.setattr(parent_sections, "_SECTIONS", {})
    monkeypatch.setattr(portal_sections, "_SECTIONS", {})
    monkeypatch.setattr(start_page, "_LINKS", {})
    monkeypatch.setattr(subject_access, "_EXPORTERS", {})
    monkeypatch.setattr(subject_access, "_COVERED", {})
    monkeypatch.setattr(notification_kinds, "_KINDS", {})


def _context(request, parent):
    return {}


def _export(parent):
    return []


def test_each_contribution_reaches_its_registry(empty_registries):
    section = parent_sections.ParentSection(
        key="s", order=1, template="s.html", context=_context, permission="app.view"
    )
    panel = portal_sections.PortalSection(key="p", order=2, template="p.html", context=_context)
    link = start_page.DashboardLink(
        key="l", order=3, url_name="app:index", title="T", description="D", permission="app.x"
    )
    export = subject_access.SubjectAccessExport("e", 4, _export, covers=("app.Model",))

    contribute(section, panel, link, export, kinds={"app.done": "Done: %(what)s"})

    assert {"s": section} == parent_sections._SECTIONS
    assert {"p": panel} == portal_sections._SECTIONS
    assert {"l": link} == start_page._LINKS
    assert {"e": (4, _export)} == subject_access._EXPORTERS
    assert subject_access._COVERED == {"app.Model": "e"}
    assert notification_kinds.describe("app.done", {"what": "it"}) == "Done: it"


def test_something_that_is_no_contribution_is_refused(empty_registries):
    with pytest.raises(TypeError):
        contribute(("s", 1, "s.html"))
