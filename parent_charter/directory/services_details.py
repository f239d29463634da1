"""Council administrators' changes to a service's details: its opening times, contacts and
costs. Each moves the service's `last_modified` on, as the profile says it should, and runs in
one transaction with its audit event naming the service.
"""

from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import save_audited, save_if_unchanged

from .models import Contact, CostOption, Phone, Schedule, Service
from .services import CONTACT_FIELDS, _by_name, _changed, _claim, _complete


def _touch(service: Service) -> None:
    """A service's `last_modified` covers its nested details too (the profile says so)."""
    Service.objects.filter(pk=service.pk).update(last_modified=timezone.now())


# Schedules, including dated exceptions.


def _add_detail(service, create, *, actor, form_token, object_type, action, same_kind, detail=None):
    """Add one of a service's details (an opening time, contact or cost) once per form token.

    `create()` makes it; `same_kind` are the service's details of its kind, where a record this
    form made before is looked for. The audit row names the service, with `detail(record)`.
    """
    with transaction.atomic():
        claim = _claim(form_token, object_type, same_kind)
        record = create()
        _touch(service)
        _complete(claim, record)
        audit.record(
            actor=actor,
            council=service.council,
            action=action,
            obj=record,
            detail={"service": str(service.pk), **(detail(record) if detail else {})},
        )
    return record


def _update_detail(record, *, actor, expected_version: int, fields: dict, action: str):
    """Change one of a service's details at the version its editor opened."""
    with transaction.atomic():
        changed = save_audited(
            record,
            expected_version=expected_version,
            fields=_by_name(fields),
            actor=actor,
            council=record.service.council,
            action=action,
            detail={"service": str(record.service_id)},
        )
        _touch(record.service)
    return changed


def schedule_add(*, service, actor, form_token, **fields) -> Schedule:
    return _add_detail(
        service,
        lambda: Schedule.objects.create(service=service, **fields),
        actor=actor,
        form_token=form_token,
        object_type="directory.schedule",
        action="directory.schedule.added",
        same_kind=service.schedules.all(),
        detail=lambda schedule: {"exception": schedule.is_exception},
    )


def schedule_update(*, schedule, actor, expected_version: int, **fields) -> list[str]:
    return _update_detail(
        schedule,
        actor=actor,
        expected_version=expected_version,
        fields=fields,
        action="directory.schedule.updated",
    )


def _delete(record, *, actor, service, action: str) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=service.council,
            action=action,
            obj=record,
            detail={"service": str(service.pk)},
        )
        record.delete()
        _touch(service)


def schedule_delete(*, schedule, actor) -> None:
    _delete(schedule, actor=actor, service=schedule.service, action="directory.schedule.removed")


# Contacts and their phone number.


def _save_phone(contact: Contact, fields: dict) -> bool:
    number, description = fields["phone_number"], fields["phone_description"]
    phone = contact.phones.first()
    if phone is None:
        if number:
            Phone.objects.create(contact=contact, number=number, description=description)
            return True
        return False
    if not number:
        phone.delete()
        return True
    if (phone.number, phone.description) != (number, description):
        Phone.objects.filter(pk=phone.pk).update(number=number, description=description)
        return True
    return False


def contact_add(*, service, actor, form_token, **fields) -> Contact:
    def create() -> Contact:
        contact = Contact.objects.create(
            service=service, **{name: fields[name] for name in CONTACT_FIELDS}
        )
        _save_phone(contact, fields)
        return contact

    return _add_detail(
        service,
        create,
        actor=actor,
        form_token=form_token,
        object_type="directory.contact",
        action="directory.contact.added",
        same_kind=service.contacts.all(),
    )


def contact_update(*, contact, actor, expected_version: int, **fields) -> list[str]:
    own = {name: fields[name] for name in CONTACT_FIELDS}
    with transaction.atomic():
        changed = _changed(contact, own)
        save_if_unchanged(contact, expected_version=expected_version, fields=own)
        if _save_phone(contact, fields):
            changed.append("phone")
        _touch(contact.service)
        audit.record(
            actor=actor,
            council=contact.service.council,
            action="directory.contact.updated",
            obj=contact,
            detail={"service": str(contact.service_id), "fields": sorted(changed)},
        )
    return changed


def contact_delete(*, contact, actor) -> None:
    _delete(contact, actor=actor, service=contact.service, action="directory.contact.removed")


# Costs.


def cost_add(*, service, actor, form_token, **fields) -> CostOption:
    return _add_detail(
        service,
        lambda: CostOption.objects.create(service=service, **fields),
        actor=actor,
        form_token=form_token,
        object_type="directory.cost",
        action="directory.cost.added",
        same_kind=service.cost_options.all(),
    )


def cost_update(*, cost, actor, expected_version: int, **fields) -> list[str]:
    return _update_detail(
        cost,
        actor=actor,
        expected_version=expected_version,
        fields=fields,
        action="directory.cost.updated",
    )


def cost_delete(*, cost, actor) -> None:
    _delete(cost, actor=actor, service=cost.service, action="directory.cost.removed")
