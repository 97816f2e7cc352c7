"""Number formats saved before 0008 were not checked: report each one the register cannot number with, naming the
office, the register and the format, so the administrator corrects it before the next letter (numbering refuses it
meanwhile: actions.number_format). They are not changed here: an office's numbers are official, and a guess at
what was meant would number letters wrongly without anyone noticing."""

from django.db import migrations

FIELDS = {"agenda_format": "agenda number format", "outgoing_format": "outgoing number format"}


def problems(apps) -> list[str]:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from kinerja.correspondence.models import validate_number_format

    RegisterSettings = apps.get_model("correspondence", "RegisterSettings")
    found = []
    for row in RegisterSettings.objects.select_related("office").order_by("pk"):
        for field, label in FIELDS.items():
            try:
                validate_number_format(getattr(row, field))
            except ValidationError as e:
                found.append(f"{row.office.name}: {label} {getattr(row, field)!r} cannot number: {' '.join(e.messages)} "
                             f"Correct it under Administration, Register settings.")
    return found


def report(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    for line in problems(apps):
        print(f"\n  correspondence: {line}", end="")


class Migration(migrations.Migration):

    dependencies = [
        ('correspondence', '0008_number_format_validated'),
    ]

    operations = [
        migrations.RunPython(report, migrations.RunPython.noop),
    ]
