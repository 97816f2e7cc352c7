"""Kelengkapan (inputs) and Output stored as a list on one line ("• KTP • KK • NPWP", "1. Surat 2. Lampiran"),
as imports before values.inline_items kept them: one item per line, as an import stores a list now, so that
the pages, the printed sheet and the comparison of versions show and compare them as lists."""

from django.db import migrations


def split_lists(apps, schema_editor):
    from kinerja.sop.importers.values import list_text

    Step = apps.get_model("sop", "Step")
    changed = []
    for step in Step.objects.exclude(inputs="", output="").only("pk", "inputs", "output").iterator():
        fields = [name for name in ("inputs", "output")
                  if "\n" not in getattr(step, name) and "\n" in list_text(getattr(step, name))]
        for name in fields:
            setattr(step, name, list_text(getattr(step, name)))
        if fields:
            changed.append(step)
    Step.objects.bulk_update(changed, ["inputs", "output"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("sop", "0008_sopversion_source_sheet")]
    operations = [migrations.RunPython(split_lists, migrations.RunPython.noop)]
