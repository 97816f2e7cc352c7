"""Cases that already have a document their steps approve (a compiled Data Kinerja) become guarded: their
initialling and signing steps wait for the initials and the signature, as for documents linked from now on
(actions.create_document)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

APPROVED_IN_CASE_KINDS = ("performance_data", "other")  # models.Document.APPROVED_IN_CASE_KINDS, as of now


def guard(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Document = apps.get_model("correspondence", "Document")
    Case = apps.get_model("workflow", "Case")
    ids = set(Document.objects.filter(case_id__isnull=False, kind__in=APPROVED_IN_CASE_KINDS)
              .values_list("case_id", flat=True))
    Case.objects.filter(pk__in=ids).update(guarded=True)


class Migration(migrations.Migration):

    dependencies = [
        ("correspondence", "0004_follow_up_due_soon"),
        ("workflow", "0009_case_guarded"),
    ]

    operations = [migrations.RunPython(guard, migrations.RunPython.noop)]
