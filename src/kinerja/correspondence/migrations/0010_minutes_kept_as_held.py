"""Minutes keep who chaired, attended and is in charge of each follow-up as held on the meeting's date (title and
name from one holding), as a disposition keeps its disposer: the page and the PDF recomputed the title from the
assignments as they stand, so a Plt entered afterwards printed "Plt. Kepala Dinas — <the definitive head>".

Minutes recorded before keep the names they stored; their titles are filled in from the holding of that name on the
meeting's date (the acting or the definitive one), else from who acted for the position that day; a follow-up's
person in charge as their position's attendance row says, when it has one."""

from django.db import migrations, models
from django.db.models import Q


def _nip(nip: str) -> str:
    # As Person.nip_display (historical models have no properties).
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def fill(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    Assignment = apps.get_model("org", "Assignment")
    Minutes = apps.get_model("correspondence", "Minutes")
    prefix = {"plt": "Plt.", "plh": "Plh."}

    def holdings(position, day):  # type: ignore[no-untyped-def]
        found = list(Assignment.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day,
                                               position_id=position.pk)
                     .select_related("person").order_by("starts_on", "pk"))
        return sorted(found, key=lambda a: 0 if a.kind in prefix else 1)  # acting first, as holding.holdings

    def as_held(position, day, name=None):  # type: ignore[no-untyped-def]
        found = holdings(position, day)
        if name is not None:
            found = [a for a in found if a.person.full_name == name] or found
        if not found:
            return None, position.title
        a = found[0]
        return a.person, f"{prefix.get(a.kind, '')} {position.title}".strip()

    for minutes in Minutes.objects.select_related("chair", "created_by__person").order_by("pk"):
        day = minutes.held_on
        names = {}
        for row in minutes.attendance.select_related("position"):
            _person, row.title = as_held(row.position, day, row.name or None)
            row.save(update_fields=["title"])
            names[row.position_id] = row.name
        chair, minutes.chair_title = as_held(minutes.chair, day, names.get(minutes.chair_id) or None)
        minutes.chair_name = chair.full_name if chair else ""
        minutes.chair_nip = _nip(chair.nip) if chair else ""
        taker = getattr(minutes.created_by, "person", None)
        minutes.taker_name = taker.full_name if taker else minutes.created_by.username
        minutes.taker_nip = _nip(taker.nip) if taker else ""
        minutes.save(update_fields=["chair_title", "chair_name", "chair_nip", "taker_name", "taker_nip"])
        for follow_up in minutes.follow_ups.select_related("position"):
            follow_up.position_title = as_held(follow_up.position, day, names.get(follow_up.position_id) or None)[1]
            follow_up.save(update_fields=["position_title"])


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0009_report_invalid_number_formats"),
        ("org", "0006_person_other_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="minutes", name="chair_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="chair's name")),
        migrations.AddField(
            model_name="minutes", name="chair_nip",
            field=models.CharField(blank=True, max_length=24, verbose_name="chair's NIP")),
        migrations.AddField(
            model_name="minutes", name="chair_title",
            field=models.CharField(default="", max_length=220, verbose_name="chair's position as held"),
            preserve_default=False),
        migrations.AddField(
            model_name="minutes", name="taker_name",
            field=models.CharField(default="", max_length=200, verbose_name="minute-taker's name"),
            preserve_default=False),
        migrations.AddField(
            model_name="minutes", name="taker_nip",
            field=models.CharField(blank=True, max_length=24, verbose_name="minute-taker's NIP")),
        migrations.AddField(
            model_name="attendance", name="title",
            field=models.CharField(default="", max_length=220, verbose_name="position as held at the meeting"),
            preserve_default=False),
        migrations.AddField(
            model_name="followup", name="position_title",
            field=models.CharField(default="", max_length=220, verbose_name="person in charge as held"),
            preserve_default=False),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
