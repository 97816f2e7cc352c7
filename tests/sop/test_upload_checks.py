"""The upload preview's checks before saving: a header naming another office (sop.origin), whether the
version goes in force at once or is saved as a draft, the actors left unlinked, and each step's
Kelengkapan, Output and Ket. shown and corrected."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from kinerja.org.models import Office
from kinerja.sop.models import Sop, SopVersion
from kinerja.sop.origin import foreign_lines
from tests.base import KinerjaTestCase

from .documents import SEED, sop_text

METRO = SEED.read_text().replace("PEMERINTAH KOTA BANDAR LAMPUNG\nSEKRETARIAT DINAS KOPERASI DAN UKM\n",
                                  "PEMERINTAH KOTA METRO\nDINAS PERINDUSTRIAN DAN PERDAGANGAN\n")


def upload(text: str, name: str = "sop.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


BANDAR_LAMPUNG = Office(name="Dinas Koperasi dan UKM Kota Bandar Lampung", short_name="Diskop UKM",
                        city="Kota Bandar Lampung",
                        letterhead="PEMERINTAH KOTA BANDAR LAMPUNG\nDINAS KOPERASI DAN USAHA KECIL MENENGAH\nJl. Dr. "
                                   "Susilo No. 2")


@pytest.mark.parametrize("lines", [
    ["PEMERINTAH KOTA BANDAR LAMPUNG", "SEKRETARIAT DINAS KOPERASI DAN UKM", "BAGIAN PROGRAM, KEUANGAN DAN ASET"],
    ["Pemkot Bandarlampung", "Diskop UKM"],
    ["DINAS KOPERASI, USAHA MIKRO, KECIL DAN MENENGAH KOTA BANDAR LAMPUNG"],
    ["Dinas Koprasi dan U.K.M."],
    ["DINAS KOPERASI UKM DAN TENAGA KERJA"],
    ["BIDANG PERDAGANGAN"],
    ["SOP", "STANDAR OPERASIONAL PROSEDUR"],
    ["UPTD PUSKESMAS KOTA GAJAH", "SEKSI PELAYANAN KOTA METRO"],
    ["Dinas Koperasi dan UKM Kota Bandar Lampung"],
])
def test_the_office_written_its_own_ways_is_not_another(lines: list[str]) -> None:
    assert foreign_lines(BANDAR_LAMPUNG, lines) == []


@pytest.mark.parametrize(("lines", "found"), [
    (["PEMERINTAH KOTA METRO", "DINAS PERINDUSTRIAN DAN PERDAGANGAN"],
     [("PEMERINTAH KOTA METRO", "region"), ("DINAS PERINDUSTRIAN DAN PERDAGANGAN", "agency")]),
    (["PEMERINTAH PROVINSI LAMPUNG"], [("PEMERINTAH PROVINSI LAMPUNG", "region")]),
    (["Pemerintah Kab. Pesawaran", "Dinas Koperasi dan UKM"], [("Pemerintah Kab. Pesawaran", "region")]),
    (["PEMERINTAH KOTA BANDAR LAMPUNG", "BADAN KOPERASI DAN UKM"], [("BADAN KOPERASI DAN UKM", "agency")]),
    (["DISPERINDAG KOTA BANDAR LAMPUNG"], [("DISPERINDAG KOTA BANDAR LAMPUNG", "agency")]),
    (["KECAMATAN TELUK BETUNG UTARA"], [("KECAMATAN TELUK BETUNG UTARA", "agency")]),
    (["DINAS KOPERASI DAN UKM KOTA METRO"], [("DINAS KOPERASI DAN UKM KOTA METRO", "region")]),
    (["DINAS TATA KOTA DAN PERTAMANAN"], [("DINAS TATA KOTA DAN PERTAMANAN", "agency")]),
])
def test_another_government_or_agency_is_named(lines: list[str], found: list[tuple[str, str]]) -> None:
    assert [(f.line, f.why) for f in foreign_lines(BANDAR_LAMPUNG, lines)] == found


def test_a_city_written_without_its_kind_still_compares() -> None:
    office = Office(name="Dinas Koperasi dan UKM", short_name="Diskop", city="Bandar Lampung")
    assert [f.line for f in foreign_lines(office, ["PEMERINTAH KOTA METRO", "PEMERINTAH KOTA BANDAR LAMPUNG"])] == [
        "PEMERINTAH KOTA METRO"]


class UploadChecksTestCase(KinerjaTestCase):
    def start(self, text: str) -> str:
        self.client.force_login(self.subsection_head)
        response = self.client.post("/sop/upload/", {"document": upload(text)})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return response["Location"]

    def step_data(self, response, **changes: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
        data = {}
        for form, _problems in response.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                if name == "ends_if_not":
                    if value:
                        data[f"{form.prefix}-{name}"] = "on"
                    continue
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        data.update(changes)
        return data

    def test_another_office_s_sop_is_stored_only_when_confirmed_and_edits_survive(self) -> None:
        url = self.start(METRO)
        response = self.client.get(url)
        self.assertContains(response, "“PEMERINTAH KOTA METRO”; “DINAS PERINDUSTRIAN DAN PERDAGANGAN”")
        self.assertContains(response, "Dinas Koperasi dan UKM Kota Bandar Lampung")
        self.assertContains(response, 'name="other_office"')
        data = self.step_data(response, **{"step-2-duration_value": "15", "step-3-output": "Rekap data bidang",
                                           "save": ""})
        refused = self.client.post(url, data)
        self.assertEqual(refused.status_code, 400)
        self.assertContains(refused, "centang", status_code=400)
        self.assertFalse(Sop.objects.exists())
        # What the user typed is still there.
        self.assertContains(refused, 'value="15"', status_code=400)
        self.assertContains(refused, "\nRekap data bidang</textarea>", status_code=400)
        stored = self.client.post(url, {**data, "other_office": "on"})
        version = SopVersion.objects.get()
        self.assertRedirects(stored, f"/sop/versions/{version.pk}/")
        self.assertEqual(version.steps.get(number=3).output, "Rekap data bidang")
        self.assertEqual(version.header["lines"][:2], ["PEMERINTAH KOTA METRO", "DINAS PERINDUSTRIAN DAN PERDAGANGAN"])

    def test_the_office_s_own_sop_asks_nothing(self) -> None:
        url = self.start(SEED.read_text())
        response = self.client.get(url)
        self.assertNotContains(response, 'name="other_office"')
        self.assertNotContains(response, "kantor lain")

    def test_inputs_output_and_note_are_shown_and_corrected(self) -> None:
        url = self.start(SEED.read_text())
        response = self.client.get(url)
        self.assertContains(response, "\nlembar disposisi, surat kepala dinas ttg Penyusunan data Kinerja</textarea>")
        self.assertContains(response, "Kelengkapan")
        self.assertContains(response, "Ket.")
        data = self.step_data(response, **{"step-1-inputs": "Surat Kepala Dinas", "step-1-output": "Disposisi",
                                           "step-1-note": "Paling lambat hari Senin", "save": ""})
        self.client.post(url, data)
        step = SopVersion.objects.get().steps.get(number=1)
        self.assertEqual((step.inputs, step.output, step.note),
                         ("Surat Kepala Dinas", "Disposisi", "Paling lambat hari Senin"))

    def test_it_says_the_version_goes_in_force_at_once_and_can_be_saved_as_a_draft(self) -> None:
        url = self.start(SEED.read_text())
        response = self.client.get(url)
        self.assertContains(response, "langsung berlaku")
        self.assertContains(response, 'name="save_draft"')
        self.client.post(url, self.step_data(response, save_draft=""))
        self.assertEqual(SopVersion.objects.get().status, SopVersion.Status.DRAFT)

    def test_a_version_effective_later_is_said_to_stay_a_draft(self) -> None:
        text = sop_text(["Kasubbag", "JFU"], [("Menyusun data", "1 hari", "Kasubbag"), ("Memeriksa data", "1 hari", "JFU")],
                        effective="2 Januari 2099")
        response = self.client.get(self.start(text))
        self.assertContains(response, "2 Januari 2099")
        self.assertNotContains(response, 'name="save_draft"')

    def test_actors_left_unlinked_are_named(self) -> None:
        text = sop_text(["Kasubbag", "Juru Pungut Retribusi"],
                        [("Menyusun data", "1 hari", "Kasubbag"), ("Memeriksa data", "1 hari", "Juru Pungut Retribusi")])
        response = self.client.get(self.start(text))
        self.assertEqual(response.context["unlinked"], ["Juru Pungut Retribusi"])
        self.assertContains(response, "Pelaksana Juru Pungut Retribusi belum ditautkan")

    def test_several_actors_left_unlinked_are_counted_and_named(self) -> None:
        text = sop_text(["Kasubbag", "Juru Pungut Retribusi", "Petugas Loket"],
                        [("Menyusun data", "1 hari", "Kasubbag"), ("Memungut retribusi", "1 hari", "Juru Pungut Retribusi"),
                         ("Menerima berkas", "1 hari", "Petugas Loket")])
        response = self.client.get(self.start(text))
        self.assertEqual(response.context["unlinked"], ["Juru Pungut Retribusi", "Petugas Loket"])
        self.assertContains(response, "2 pelaksana belum ditautkan ke jabatan kantor: Juru Pungut Retribusi, Petugas Loket.")

    def test_a_document_with_the_number_of_another_stored_sop_is_named_before_saving(self) -> None:
        # An office starts the SOP for leave from a copy of its SOP for warehouse registration and keeps
        # its Nomor SOP: saving would make it version 2 of the other SOP, in its place.
        steps = [("Menyusun data", "1 hari", "Kasubbag"), ("Memeriksa data", "1 hari", "JFU")]
        first = self.start(sop_text(["Kasubbag", "JFU"], steps, name="PELAYANAN TANDA DAFTAR GUDANG",
                                    number="510/07/SOP/2024"))
        self.client.post(first, self.step_data(self.client.get(first), save=""))
        self.assertEqual(Sop.objects.get().name, "PELAYANAN TANDA DAFTAR GUDANG")
        response = self.client.get(self.start(sop_text(["Kasubbag", "JFU"], steps, name="PELAYANAN IZIN CUTI PEGAWAI",
                                                       number="510/07/SOP/2024")))
        self.assertContains(response, "SOP lain dengan nomor yang sama?")
        self.assertContains(response, "Nomor SOP 510/07/SOP/2024 adalah milik “PELAYANAN TANDA DAFTAR GUDANG” yang "
                                      "sudah tersimpan (versi 1): bila disimpan, dokumen ini menjadi versi 2-nya dengan "
                                      "nama baru “PELAYANAN IZIN CUTI PEGAWAI”.")

    def test_a_new_version_of_the_same_name_says_nothing_of_the_number(self) -> None:
        steps = [("Menyusun data", "1 hari", "Kasubbag"), ("Memeriksa data", "1 hari", "JFU")]
        first = self.start(sop_text(["Kasubbag", "JFU"], steps, name="Pelayanan Tanda Daftar Gudang"))
        self.client.post(first, self.step_data(self.client.get(first), save=""))
        response = self.client.get(self.start(sop_text(["Kasubbag", "JFU"], steps[:1] + [("Memaraf", "1 jam", "JFU")],
                                                       name="PELAYANAN  TANDA DAFTAR GUDANG")))
        self.assertTrue(response.context["sop"])
        self.assertNotContains(response, "SOP lain dengan nomor yang sama?")


class ImportCommandChecksTestCase(KinerjaTestCase):
    def test_a_document_with_the_number_of_another_stored_sop_is_warned_of(self) -> None:
        folder = Path(tempfile.mkdtemp())
        steps = [("Menyusun data", "1 hari", "Kasubbag"), ("Memeriksa data", "1 hari", "JFU")]
        for name in ("PELAYANAN TANDA DAFTAR GUDANG", "PELAYANAN IZIN CUTI PEGAWAI"):
            (folder / f"{name}.txt").write_text(sop_text(["Kasubbag", "JFU"], steps, name=name), encoding="utf-8")
        err = StringIO()
        call_command("sop", "import", str(folder / "PELAYANAN TANDA DAFTAR GUDANG.txt"), "--office", self.office.code,
                     stdout=StringIO(), stderr=err)
        self.assertEqual(err.getvalue(), "")
        call_command("sop", "import", str(folder / "PELAYANAN IZIN CUTI PEGAWAI.txt"), "--office", self.office.code,
                     stdout=StringIO(), stderr=err)
        self.assertIn("Peringatan: Nomor SOP 800/01/SOP/2025 adalah milik “PELAYANAN TANDA DAFTAR GUDANG”",
                      err.getvalue())

    def test_another_office_s_sop_needs_other_office_and_draft_keeps_it_out_of_force(self) -> None:
        path = Path(tempfile.mkdtemp()) / "sop-metro.txt"
        path.write_text(METRO, encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "PEMERINTAH KOTA METRO"):
            call_command("sop", "import", str(path), "--office", self.office.code)
        self.assertFalse(Sop.objects.filter(office=self.office).exists())
        call_command("sop", "import", str(path), "--office", self.office.code, "--other-office", "--draft")
        self.assertEqual(SopVersion.objects.get(sop__office=self.office).status, SopVersion.Status.DRAFT)
