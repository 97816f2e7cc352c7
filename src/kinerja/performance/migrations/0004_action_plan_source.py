"""Where an activity of a Rencana Aksi came from. Activities saved before this migration are taken as
imported: until now an import replaced the whole plan, so they are treated as it treated them."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("performance", "0003_action_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="actionplanitem",
            name="source",
            field=models.CharField(choices=[("manual", "added on the page"), ("imported", "imported from a file")],
                                   default="imported", max_length=10, verbose_name="source"),
        ),
        migrations.AlterField(
            model_name="actionplanitem",
            name="source",
            field=models.CharField(choices=[("manual", "added on the page"), ("imported", "imported from a file")],
                                   default="manual", max_length=10, verbose_name="source"),
        ),
    ]
