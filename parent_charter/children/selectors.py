"""Reads of children's records. Each read of personal data is audited.

The children section of a parent's page is in contributions.py.
"""

import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from parent_charter.audit import services as audit
from parent_charter.core.registries import page_reads
from parent_charter.parents.models import Parent

from .models import Child, ChildCircumstance, ChildParent, LivesWith

# The current circumstances are the newest by date; the same order the plans use.
NEWEST_FIRST = ("-from_date", "-recorded_at", "-pk")


def children_with_circumstances(
    parent: Parent,
) -> list[tuple[ChildParent, ChildCircumstance | None]]:
    """The parent's links to their children (the child joined), oldest first and expected
    babies last, each with the child's current circumstances (None if none recorded): two
    queries however many children there are."""
    links = list(
        ChildParent.objects.filter(parent=parent)
        .select_related("child")
        .order_by(Coalesce("child__date_of_birth", "child__due_date"), "child__pk")
    )
    latest: dict[int, ChildCircumstance] = {}
    for row in ChildCircumstance.objects.filter(
        child__in=[link.child_id for link in links]
    ).order_by("child", *NEWEST_FIRST):
        latest.setdefault(row.child_id, row)
    return [(link, latest.get(link.child_id)) for link in links]


def children_read_once(parent: Parent) -> list[tuple[ChildParent, ChildCircumstance | None]]:
    """children_with_circumstances, read once for all the parts of one page being gathered
    (on the staff parent page the children and the living-apart sections show them; on the
    portal home the living-apart and the money panels need them); elsewhere simply read."""
    return page_reads.shared_read(("children", parent.pk), children_with_circumstances, parent)


def _circumstances():
    return ChildCircumstance.objects.select_related(
        "recorded_by", "lives_with_parent__parent"
    ).order_by("child", *NEWEST_FIRST)


def _children_with_history():
    return Child.objects.select_related("council").prefetch_related(
        Prefetch(
            "parent_links",
            queryset=ChildParent.objects.select_related("parent").order_by("pk"),
        ),
        Prefetch("circumstances", queryset=_circumstances()),
    )


def child_for_view(*, actor, public_id) -> Child:
    """One child of the active council, audited as viewed. Another council's: DoesNotExist."""
    with transaction.atomic():
        child = _children_with_history().get(public_id=public_id)
        audit.record(actor=actor, council=child.council, action="child.viewed", obj=child)
    return child


def child_for_change(*, public_id) -> Child:
    """A child to change; the change itself is audited by its service."""
    return _children_with_history().get(public_id=public_id)


def record_child_viewed(*, actor, child: Child, form: str) -> None:
    """A change form shows the child's record: that is a read too."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=child.council,
            action="child.viewed",
            obj=child,
            detail={"form": form},
        )


def parent_for_new_child(*, public_id) -> Parent:
    return Parent.objects.select_related("council").get(public_id=public_id)


def current_circumstance(child: Child) -> ChildCircumstance | None:
    """The newest circumstances of a child fetched by this module (history prefetched)."""
    rows = list(child.circumstances.all())
    return rows[0] if rows else None


def child_label(child: Child) -> str:
    if child.given_name:
        return child.given_name
    return str(_("Unborn baby") if child.is_expected else _("Baby (no name recorded)"))


def age_in_words(born: datetime.date, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    days = (today - born).days
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    if days < 14:
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if months < 2:
        weeks = days // 7
        return ngettext("%(count)d week", "%(count)d weeks", weeks) % {"count": weeks}
    if months < 24:
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    years = months // 12
    return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}


HOME_LABELS = {
    LivesWith.BOTH_PARENTS: _("With both parents"),
    LivesWith.RELATIVES: _("With relatives or friends"),
    LivesWith.FOSTER_CARE: _("In foster or residential care"),
    LivesWith.ADOPTED: _("With an adoptive family"),
    LivesWith.OTHER: _("Somewhere else"),
}


def home_for_parent(child: Child, row: ChildCircumstance | None, link: ChildParent) -> str:
    """Where the child lives, in words relative to the parent whose page this is."""
    if row is None:
        return str(_("Not yet born") if child.is_expected else _("Not recorded"))
    if row.lives_with == LivesWith.NOT_YET_BORN:
        return str(_("Not recorded since the birth") if child.is_born else _("Not yet born"))
    if row.lives_with == LivesWith.ONE_PARENT:
        if row.lives_with_parent_id == link.pk:
            return str(_("With this parent"))
        return str(_("With the other parent"))
    return str(HOME_LABELS.get(row.lives_with, row.get_lives_with_display()))


def home_in_words(child: Child, row: ChildCircumstance | None) -> str:
    """Where the child lives, naming the parent when it is one of them (the child's page)."""
    if row is None:
        return str(_("Not yet born") if child.is_expected else _("Not recorded"))
    if row.lives_with == LivesWith.NOT_YET_BORN and child.is_born:
        return str(_("Not recorded since the birth"))
    if row.lives_with == LivesWith.ONE_PARENT and row.lives_with_parent is not None:
        return str(_("With %(name)s") % {"name": parent_name(row.lives_with_parent)})
    return str(HOME_LABELS.get(row.lives_with, row.get_lives_with_display()))


def parent_name(link: ChildParent) -> str:
    return link.parent.display_name if link.parent_id else link.other_parent_name
