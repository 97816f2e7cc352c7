"""An imported activity edited on the Target page becomes the user's (source "edited") and keeps the name and
quarter the file gave it, so that importing the plan again recognises it and keeps the user's version.
Activities saved before stay as they are: none of them is marked edited (nobody could tell which were)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('performance', '0004_action_plan_source'),
    ]

    operations = [
        migrations.AddField(
            model_name='actionplanitem',
            name='imported_name',
            field=models.TextField(blank=True, verbose_name='activity as imported'),
        ),
        migrations.AddField(
            model_name='actionplanitem',
            name='imported_quarter',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Quarter I'), (2, 'Quarter II'), (3, 'Quarter III'), (4, 'Quarter IV')], null=True, verbose_name='quarter as imported'),
        ),
        migrations.AlterField(
            model_name='actionplanitem',
            name='source',
            field=models.CharField(choices=[('manual', 'added on the page'), ('imported', 'imported from a file'), ('edited', 'imported, then edited on the page')], default='manual', max_length=10, verbose_name='source'),
        ),
        migrations.AddConstraint(
            model_name='actionplanitem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('source', 'edited'), _negated=True), models.Q(('imported_name', ''), _negated=True), _connector='OR'), name='performance_actionplanitem_edited_keeps_imported_name', violation_error_message='An edited activity keeps the name it was imported with.'),
        ),
    ]
