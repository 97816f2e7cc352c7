"""A Kelengkapan or Output written as a list on one line ("• KTP • KK • NPWP", "1. Surat 2. Lampiran"): a list,
one item per line as a cell of several lines is stored (values.list_text); steps stored before, whose
list stands on one line, are converted by migration 0009 and show as lists."""

from __future__ import annotations

import importlib
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from kinerja.sop.importers import read_document
from kinerja.sop.importers.values import list_text
from kinerja.sop.models import Step
from kinerja.sop.templatetags.sop_lists import items
from tests.base import KinerjaTestCase

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(("text", "stored"), [
    ("• KTP • KK • NPWP", "KTP\nKK\nNPWP"), ("•KTP •KK", "KTP\nKK"),
    ("▪ Surat usulan ▪ Daftar hadir", "Surat usulan\nDaftar hadir"),
    ("Surat usulan • Daftar hadir • Notulen", "Surat usulan\nDaftar hadir\nNotulen"),
    ("1. Surat permohonan 2. Fotokopi KTP 3. Pas foto", "Surat permohonan\nFotokopi KTP\nPas foto"),
    ("a. Surat permohonan b. Fotokopi KTP", "Surat permohonan\nFotokopi KTP"),
    ("• KTP • KK\n• NPWP", "KTP\nKK\nNPWP"),
])
def test_a_list_on_one_line_is_stored_one_item_per_line(text: str, stored: str) -> None:
    assert list_text(text) == stored


@pytest.mark.parametrize("text", ["• KTP", "Surat Nomor 5 Tahun 2020", "Laporan - rekap bulanan - asli",
                                  "SK No. 2. Lampiran", "Data 2.5 juta", "Formulir 1. diisi lengkap", "KTP/KK"])
def test_ordinary_text_stays_as_it_is(text: str) -> None:
    assert list_text(text) == text


def test_an_imported_step_keeps_the_list(tmp_path: Path) -> None:
    text = sop_text(["Kasi", "Kabid"], [("Menerima berkas", "10 menit", "Kasi"), ("Memeriksa berkas", "1 hari", "Kabid")])
    text = text.replace("\tberkas\t10 menit\thasil 1\t", "\t• KTP • KK • NPWP\t10 menit\t• Tanda terima • Berkas\t")
    draft = read_document(write(tmp_path, text))
    assert (draft.steps[0].inputs, draft.steps[0].output) == ("KTP\nKK\nNPWP", "Tanda terima\nBerkas")


class StoredListsTestCase(KinerjaTestCase):
    def test_the_migration_converts_lists_stored_on_one_line(self) -> None:
        path = Path(self.enterContext(__import__("tempfile").TemporaryDirectory())) / "sop.txt"
        path.write_text(sop_text(["Kasi", "Kabid"], [("Menerima berkas", "10 menit", "Kasi"),
                                                     ("Memeriksa berkas", "1 hari", "Kabid")]), encoding="utf-8")
        call_command("sop", "import", str(path), "--office", self.office.code, stdout=StringIO())
        first, second = Step.objects.order_by("number")
        Step.objects.filter(pk=first.pk).update(inputs="• KTP • KK • NPWP", output="1. Tanda terima 2. Berkas")
        Step.objects.filter(pk=second.pk).update(inputs="Surat Nomor 5 Tahun 2020", output="• Nota dinas")
        migration = importlib.import_module("kinerja.sop.migrations.0009_step_lists_one_item_per_line")
        migration.split_lists(apps, None)
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.inputs, first.output) == ("KTP\nKK\nNPWP", "Tanda terima\nBerkas")
        assert (second.inputs, second.output) == ("Surat Nomor 5 Tahun 2020", "• Nota dinas")
        assert str(items(first.inputs)) == '<ul class="sop-items"><li>KTP</li><li>KK</li><li>NPWP</li></ul>'
