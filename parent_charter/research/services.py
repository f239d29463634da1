"""Changes in research exports: record an agreement, ask for an export and build it, hand
out its files, remove them when the agreement ends, and record or withdraw a parent's
objection. Each writes its audit row in its own transaction."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from parent_charter.audit import services as audit
from parent_charter.core.adding import add_once

from .models import (
    DataSharingAgreement,
    ExportStatus,
    ResearchExport,
    ResearchObjection,
)

FILES = ("identifiers", "events", "dictionary")
FILE_FIELDS = {"identifiers": "", "events": "", "dictionary": ""}


class ExportRefused(Exception):
    """The export cannot be made or handed out now; the message says why."""


def agreement_create(*, council, actor, form_token, **fields) -> DataSharingAgreement:
    return add_once(
        DataSharingAgreement,
        form_token=form_token,
        object_type="research.agreement",
        actor=actor,
        action="research.agreement.recorded",
        audit_detail=lambda agreement: {
            "fields": list(agreement.fields),
            "starts_on": agreement.starts_on.isoformat(),
            "ends_on": agreement.ends_on.isoformat(),
            "approver": agreement.approver.get_username(),
        },
        council=council,
        recorded_by=actor,
        **fields,
    )


def agreement_viewed(*, agreement, actor) -> None:
    audit.record_now(
        actor=actor, council=agreement.council, action="research.agreement.viewed", obj=agreement
    )


def request_export(*, agreement, actor) -> ResearchExport:
    """Queue a new export under an agreement in force; the worker builds it."""
    if not agreement.in_force_on(timezone.localdate()):
        raise ExportRefused(_("An export can only be made while the agreement is in force."))
    with transaction.atomic():
        export = ResearchExport.objects.create(
            council=agreement.council, agreement=agreement, requested_by=actor
        )
        audit.record(
            actor=actor,
            council=agreement.council,
            action="research.export.requested",
            obj=export,
            detail={"agreement": str(agreement.public_id)},
        )
        from .tasks import build_export_task

        export_id, council_id = export.pk, agreement.council_id
        transaction.on_commit(lambda: build_export_task.enqueue(export_id, council_id))
    return export


def _progress(export, percent: int, status=ExportStatus.BUILDING) -> None:
    ResearchExport.objects.filter(pk=export.pk).update(status=status, progress=percent)


def build_export(*, export: ResearchExport) -> ResearchExport:
    """Build a queued export's files, saying how far it has got, and keep them in its row."""
    from .build import build_files

    agreement = export.agreement
    _progress(export, 5)
    try:
        files = build_files(
            agreement=agreement, progress=lambda percent: _progress(export, percent)
        )
    except Exception:
        _progress(export, 0, ExportStatus.FAILED)
        raise
    with transaction.atomic():
        ResearchExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.READY, progress=100, built_at=timezone.now(), **files
        )
        audit.record(
            actor=export.requested_by,
            council=agreement.council,
            action="research.export.built",
            obj=export,
            detail={
                "agreement": str(agreement.public_id),
                "parents_included": files["parents_included"],
                "parents_left_out": files["parents_left_out"],
            },
        )
    export.refresh_from_db()
    return export


def check_download(*, export, today) -> None:
    """Raise ExportRefused unless the file may be handed out now (the approver check is the
    view's, as it answers 403)."""
    if export.agreement.ended_by(today) or export.status == ExportStatus.REMOVED:
        raise ExportRefused(_("The agreement has ended, so its files have been removed."))
    if export.status != ExportStatus.READY:
        raise ExportRefused(_("That export is not ready yet."))


def export_downloaded(*, export, actor, file: str) -> None:
    audit.record_now(
        actor=actor,
        council=export.council,
        action="research.export.downloaded",
        obj=export,
        detail={"file": file, "agreement": str(export.agreement.public_id)},
    )


def download_refused(*, export, actor, file: str, why: str) -> None:
    audit.record_now(
        actor=actor,
        council=export.council,
        action="research.export.download_refused",
        obj=export,
        detail={"file": file, "why": why},
    )


def remove_expired(*, today=None) -> int:
    """Empty the files of every export whose agreement has ended, in every council. Returns
    how many exports were emptied."""
    today = today or timezone.localdate()
    # The sweep runs for every council at once (a worker task or a command, with no request
    # and so no council scope); each removal is then done and audited inside its own council.
    with scopes_disabled():
        due = list(
            ResearchExport.objects.filter(
                agreement__ends_on__lt=today, removed_at__isnull=True
            ).values_list("pk", "council_id")
        )
    for export_id, council_id in due:
        with scope(council=council_id), transaction.atomic():
            export = ResearchExport.objects.select_related("council", "agreement").get(pk=export_id)
            ResearchExport.objects.filter(pk=export_id).update(
                status=ExportStatus.REMOVED, progress=0, removed_at=timezone.now(), **FILE_FIELDS
            )
            audit.record(
                actor=None,
                council=export.council,
                action="research.export.removed",
                obj=export,
                detail={
                    "agreement": str(export.agreement.public_id),
                    "ended_on": export.agreement.ends_on.isoformat(),
                },
            )
    return len(due)


def objection_record(*, parent, actor, via: str) -> ResearchObjection:
    """Record that the parent objects to research use. Recording it twice keeps one."""
    with transaction.atomic():
        existing = ResearchObjection.objects.filter(
            parent=parent, withdrawn_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        objection = ResearchObjection.objects.create(
            council=parent.council, parent=parent, recorded_via=via, recorded_by=actor
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="research.objection.recorded",
            obj=objection,
            detail={"via": via},
        )
    return objection


def objection_withdraw(*, parent, actor, via: str) -> ResearchObjection | None:
    """Withdraw the parent's open objection, if there is one; the row is kept."""
    with transaction.atomic():
        objection = (
            ResearchObjection.objects.select_for_update()
            .filter(parent=parent, withdrawn_at__isnull=True)
            .first()
        )
        if objection is None:
            return None
        objection.withdrawn_at = timezone.now()
        objection.withdrawn_by = actor
        objection.withdrawn_via = via
        objection.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_via"])
        audit.record(
            actor=actor,
            council=parent.council,
            action="research.objection.withdrawn",
            obj=objection,
            detail={"via": via},
        )
    return objection


def portal_page_viewed(*, parent, actor) -> None:
    audit.record_now(
        actor=actor, council=parent.council, action="research.portal.viewed", parent=parent
    )
