"""Fill in the parent of events recorded before events carried it, from their object.

Only events of before the keyed hash (key_id null): their hash does not cover the parent, so
filling it in leaves them verifiable. The audit table refuses UPDATE by trigger, so the
triggers are lifted for this one statement per batch and put back in the same transaction.
"""

import uuid

from django.db import migrations

from parent_charter.audit import db_guard

PARENT = "parents.parent"
BATCH = 500


def _parent_path(model):
    """The lookup from this kind of record to its parent's id, or None if it has none."""
    if model._meta.label_lower == PARENT:
        return "pk"
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.related_model._meta.label_lower == PARENT:
            return f"{field.name}_id"
    for field in model._meta.concrete_fields:
        if not field.many_to_one:
            continue
        for hop in field.related_model._meta.concrete_fields:
            if hop.many_to_one and hop.related_model._meta.label_lower == PARENT:
                return f"{field.name}__{hop.name}_id"
    return None


def _as_key(model, object_id):
    if any(field.name == "public_id" for field in model._meta.concrete_fields):
        try:
            return "public_id", uuid.UUID(object_id)
        except ValueError:
            pass
    try:
        return "pk", int(object_id)
    except ValueError:
        return None, None


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    connection = schema_editor.connection
    pending = AuditEvent._base_manager.filter(key_id__isnull=True, parent__isnull=True).exclude(
        object_type=""
    )
    for object_type in pending.values_list("object_type", flat=True).distinct():
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        path = _parent_path(model)
        if path is None:
            continue
        object_ids = list(
            pending.filter(object_type=object_type).values_list("object_id", flat=True).distinct()
        )
        for start in range(0, len(object_ids), BATCH):
            by_field: dict[str, dict] = {}
            for object_id in object_ids[start : start + BATCH]:
                field, key = _as_key(model, object_id)
                if field is not None:
                    by_field.setdefault(field, {})[key] = object_id
            by_parent: dict[int, list[str]] = {}
            for field, keys in by_field.items():
                rows = model._base_manager.filter(**{f"{field}__in": list(keys)}).values_list(
                    field, path
                )
                for key, parent_id in rows:
                    if parent_id is not None:
                        by_parent.setdefault(parent_id, []).append(keys[key])
            if not by_parent:
                continue
            db_guard.remove(connection)
            with connection.cursor() as cursor:
                for parent_id, ids in by_parent.items():
                    marks = ", ".join(["%s"] * len(ids))
                    cursor.execute(
                        "UPDATE audit_auditevent SET parent_id = %s WHERE key_id IS NULL "
                        f"AND parent_id IS NULL AND object_type = %s AND object_id IN ({marks})",  # noqa: S608
                        [parent_id, object_type, *ids],
                    )
            db_guard.install(connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_event_parent")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
