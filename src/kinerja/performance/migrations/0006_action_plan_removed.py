"""Activities of an imported Rencana Aksi removed on the Target page are remembered (RemovedActionPlanItem), so
that importing the plan again leaves them out and the page can restore them. Removals made before this
migration left no trace: a re-import still brings those back, once."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('performance', '0005_action_plan_edited'),
    ]

    operations = [
        migrations.CreateModel(
            name='RemovedActionPlanItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('name', models.TextField(verbose_name='activity')),
                ('quarter', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Quarter I'), (2, 'Quarter II'), (3, 'Quarter III'), (4, 'Quarter IV')], null=True, verbose_name='quarter')),
                ('target_q1', models.DecimalField(blank=True, decimal_places=4, max_digits=20, null=True, verbose_name='target quarter I')),
                ('target_q2', models.DecimalField(blank=True, decimal_places=4, max_digits=20, null=True, verbose_name='target quarter II')),
                ('target_q3', models.DecimalField(blank=True, decimal_places=4, max_digits=20, null=True, verbose_name='target quarter III')),
                ('target_q4', models.DecimalField(blank=True, decimal_places=4, max_digits=20, null=True, verbose_name='target quarter IV')),
                ('budget', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='budget')),
                ('source', models.CharField(choices=[('manual', 'added on the page'), ('imported', 'imported from a file'), ('edited', 'imported, then edited on the page')], default='imported', max_length=10, verbose_name='source')),
                ('imported_name', models.TextField(blank=True, verbose_name='activity as imported')),
                ('imported_quarter', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Quarter I'), (2, 'Quarter II'), (3, 'Quarter III'), (4, 'Quarter IV')], null=True, verbose_name='quarter as imported')),
                ('removed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='removed at')),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='removed_activities', to='performance.indicator', verbose_name='indicator')),
            ],
            options={
                'verbose_name': 'action plan activity removed',
                'verbose_name_plural': 'action plan activities removed',
                'ordering': ['indicator', 'year', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('source', 'manual'), _negated=True), name='performance_removedactionplanitem_from_a_file', violation_error_message='Only an activity from a file is remembered as removed.'), models.CheckConstraint(condition=models.Q(models.Q(('source', 'edited'), _negated=True), models.Q(('imported_name', ''), _negated=True), _connector='OR'), name='performance_removedactionplanitem_edited_keeps_imported_name', violation_error_message='An edited activity keeps the name it was imported with.')],
            },
        ),
    ]
