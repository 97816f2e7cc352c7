"""A surat dinas's sifat (its nature: Biasa, Segera, Rahasia) and tembusan (who gets a copy), both optional."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('correspondence', '0012_official_letter'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='copies_to',
            field=models.TextField(blank=True, help_text='One recipient of a copy per line; empty: not printed.', verbose_name='copies to (tembusan)'),
        ),
        migrations.AddField(
            model_name='document',
            name='nature',
            field=models.CharField(blank=True, help_text='e.g. Biasa, Segera, Rahasia; empty: not printed.', max_length=40, verbose_name='nature (sifat)'),
        ),
    ]
