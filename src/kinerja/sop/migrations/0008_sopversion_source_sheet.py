"""The sheet a version was read from, of a workbook holding several SOPs: with the file's hash, what was
imported. Versions imported from such a workbook before get their sheet from their stored file when it
can be told; the others keep a blank sheet, which stands for the whole file (actions.same_source)."""

from pathlib import Path

from django.db import migrations, models


def _activities(path, sheet):
    """The steps' texts of the SOP of that sheet, None when it cannot be read."""
    from kinerja.sop.importers import parse_document

    try:
        return [s.activity for s in parse_document(path, sheet=sheet).steps]
    except Exception:  # noqa: BLE001  (best effort: a file it cannot read keeps a blank sheet)
        return None


def record_sheets(apps, schema_editor):
    """The sheet of each version stored from a workbook holding several SOPs: the one sheet holding its SOP
    (same Nomor SOP, or the same name without one, as find_sop); of several holding it (two versions of one
    SOP in one workbook), the one sheet whose steps are the version's."""
    from kinerja.sop.importers import workbook_sops

    SopVersion = apps.get_model("sop", "SopVersion")
    Step = apps.get_model("sop", "Step")
    for version in SopVersion.objects.filter(source_sheet="").exclude(source_file=""):
        try:
            path = Path(version.source_file.path)
        except NotImplementedError:  # a storage without local files: left as it was
            continue
        try:
            listed = workbook_sops(path)  # [] for a document of one SOP, a missing or unreadable file
        except Exception:  # noqa: BLE001  (best effort, as above: the migration never stops on an old file)
            continue
        if version.number:
            sheets = [s.sheet for s in listed if s.number == version.number]
        else:
            sheets = [s.sheet for s in listed if not s.number and s.name.casefold() == version.name.casefold()]
        if len(sheets) > 1:
            stored = list(Step.objects.filter(version=version).order_by("number").values_list("activity", flat=True))
            sheets = [s for s in sheets if _activities(path, s) == stored]
        if len(sheets) == 1:
            version.source_sheet = sheets[0]
            version.save(update_fields=["source_sheet"])


class Migration(migrations.Migration):

    dependencies = [
        ('sop', '0007_step_ends_if_not'),
    ]

    operations = [
        migrations.AddField(
            model_name='sopversion',
            name='source_sheet',
            field=models.CharField(blank=True, max_length=100, verbose_name='source sheet'),
        ),
        migrations.RunPython(record_sheets, migrations.RunPython.noop, elidable=True),
    ]
