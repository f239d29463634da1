"""One call for what an app adds to pages other apps own, from its AppConfig.ready().

An app lists its contributions as one table: sections of the staff parent page
(`parent_sections.ParentSection`), panels of the portal home (`portal_sections.PortalSection`),
links on the staff start page (`start_page.DashboardLink`), parts of the subject-access
download (`subject_access.SubjectAccessExport`), and the kinds of notification it sends.
`contribute` files each with the registry that serves it, in the order given (entries of the
same order show in the order they were filed). The registries' own hooks that take a function
(reminders, the open-concern check, the audit trail, where parents land) are called directly.
"""

from collections.abc import Mapping

from . import notification_kinds, parent_sections, portal_sections, start_page, subject_access
from .parent_sections import ParentSection
from .portal_sections import PortalSection
from .start_page import DashboardLink
from .subject_access import SubjectAccessExport

_REGISTERS = {
    ParentSection: parent_sections.register,
    PortalSection: portal_sections.register,
    DashboardLink: start_page.register,
    SubjectAccessExport: subject_access.register,
}


def contribute(*items, kinds: Mapping[str, object] | None = None) -> None:
    """File each item with its registry, and register the notification `kinds` (kind: the
    lazily translated sentence, as for `notification_kinds.register`)."""
    for item in items:
        register = _REGISTERS.get(type(item))
        if register is None:
            raise TypeError(f"Not a contribution to a shared page: {item!r}")
        register(item)
    for kind, text in (kinds or {}).items():
        notification_kinds.register(kind, text)
