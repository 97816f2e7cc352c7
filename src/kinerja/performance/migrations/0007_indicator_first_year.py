"""An indicator is measured from its first year on (Indicator.first_year, IndicatorQuerySet.in_year): an import
for a later year no longer adds its new indicators to the earlier years' dashboards, reports, check pages and
answers.

Existing indicators are dated by what shows they were measured: the earliest year of any of their targets (but
the Renstra's end-of-period one, stored under the plan's last year) or actuals, and the earliest year of a
compiled report that lists them, whichever comes first, so no report compiled before changes. An indicator
with neither keeps NULL: measured throughout its objective's plan, as before."""

from django.db import migrations, models
from django.db.models import Min


def date_indicators(apps, schema_editor):
    Indicator = apps.get_model("performance", "Indicator")
    Target = apps.get_model("performance", "Target")
    Actual = apps.get_model("performance", "Actual")
    ReportVersion = apps.get_model("performance", "ReportVersion")
    first: dict[int, int] = {}

    def earlier(pk: int, year: int | None) -> None:
        if year is not None and (pk not in first or year < first[pk]):
            first[pk] = year

    for pk, year in (Target.objects.exclude(kind="renstra_end").values("indicator_id")
                     .annotate(y=Min("year")).values_list("indicator_id", "y")):
        earlier(pk, year)
    for pk, year in Actual.objects.values("indicator_id").annotate(y=Min("year")).values_list("indicator_id", "y"):
        earlier(pk, year)
    codes = {(office, code): pk for pk, office, code in Indicator.objects.values_list("pk", "office_id", "code")}
    for office, year, data in ReportVersion.objects.values_list("office_id", "year", "data").iterator():
        for row in (data or {}).get("indicators", []):
            pk = codes.get((office, row.get("code")))
            if pk is not None:
                earlier(pk, year)
    by_year: dict[int, list[int]] = {}
    for pk, year in first.items():
        by_year.setdefault(year, []).append(pk)
    for year, pks in by_year.items():
        for start in range(0, len(pks), 500):
            Indicator.objects.filter(pk__in=pks[start:start + 500]).update(first_year=year)


class Migration(migrations.Migration):

    dependencies = [
        ('performance', '0006_action_plan_removed'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicator',
            name='first_year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='measured from the year'),
        ),
        migrations.RunPython(date_indicators, migrations.RunPython.noop),
    ]
