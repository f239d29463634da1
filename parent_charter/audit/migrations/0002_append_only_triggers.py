from django.db import migrations

from parent_charter.audit import db_guard


def install(apps, schema_editor):
    db_guard.install(schema_editor.connection)


def remove(apps, schema_editor):
    db_guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
