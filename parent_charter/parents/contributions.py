"""What this app adds to pages other apps own: the portal home's equality monitoring panel and
the parent's equality answers in their subject-access copy. (The sections of the staff
parent's page are in views.py, beside the pages they link to.)"""

from django.utils.translation import gettext as _

from .models import EqualityAnswers, EthnicGroupHigh, Parent
from .selectors import equality_of


def portal_panel(request, parent) -> dict:
    """The portal home's panel: a link to the questions. One query, no audit row."""
    return {"answered": equality_of(parent).pk is not None}


def equality_export(parent: Parent) -> list:
    """The parent's equality monitoring answers, as they may read them (none: nothing)."""
    from parent_charter.core.registries.subject_access import SubjectAccessPart

    answers = EqualityAnswers.objects.filter(parent=parent).first()
    if answers is None:
        return []
    return [
        SubjectAccessPart(
            title=_("Equality monitoring"),
            records=[
                [
                    (_("Ethnic group"), answers.get_ethnic_group_display()),
                    (
                        _("Counted in the figures as"),
                        str(EthnicGroupHigh(answers.ethnic_group_high).label),
                    ),
                    (_("Disabled (Equality Act 2010)"), answers.get_disability_display()),
                ]
            ],
        )
    ]
