"""Surat dinas, the office's letter to another agency, as an outgoing kind, with the town of its addressee ("di ...")
and its attachment (lampiran)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('correspondence', '0011_outside_attendees'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='addressee_place',
            field=models.CharField(blank=True, max_length=120, verbose_name="addressee's town"),
        ),
        migrations.AddField(
            model_name='document',
            name='attachment',
            field=models.CharField(blank=True, help_text='What goes with the letter (lampiran), e.g. 1 (satu) berkas.', max_length=100, verbose_name='attachment'),
        ),
        migrations.AlterField(
            model_name='document',
            name='kind',
            field=models.CharField(choices=[('memo', 'Memo (nota dinas)'), ('official_letter', 'Official letter to another agency (surat dinas)'), ('data_request', 'Data request to a division'), ('cover_letter', 'Report cover letter'), ('minutes', 'Minutes'), ('performance_data', 'Performance data'), ('other', 'Other document')], max_length=20, verbose_name='kind'),
        ),
    ]
