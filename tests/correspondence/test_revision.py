"""A signed period's figures: the input page shows them read-only and says how to correct them, a missing
figure is added as a correction, and a correction leads to a revision of the Data Kinerja (Revisi N) that is
initialled and signed like the first, while the signed document stays kept, unchanged, listed as superseded."""

from __future__ import annotations

import hashlib
import subprocess
from decimal import Decimal
from pathlib import Path

from django.core.management import CommandError, call_command
from docx import Document as DocxDocument
from openpyxl import Workbook, load_workbook

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document, Signature
from kinerja.errors import KinerjaError
from kinerja.performance import actions as perf
from kinerja.performance.actions import FieldError
from kinerja.performance.importer import ImportFailed, import_file
from kinerja.performance.models import Actual, ActualRevision, Indicator, ReportVersion
from kinerja.performance.report import compile_report
from tests.base import PASSWORD

from .test_signing import url_for
from .test_signoff import SignoffTestCase


class SignedPeriodTestCase(SignoffTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.signature = self.signed()
        self.division = self.indicators[0].division
        self.spare = Indicator.objects.create(office=self.office, objective=self.indicators[0].objective, code="IK-09",
                                              name="Indikator cadangan", unit="unit", division=self.division, order=9)
        self.input_url = f"/data/input/?year=2025&quarter=1&division={self.division.pk}"

    def sign(self, version_id: int) -> Signature:
        actions.initial_version(version_id, user=self.subsection_head)
        actions.initial_version(version_id, user=self.secretary)
        return actions.sign_version(version_id, user=self.head, password=PASSWORD, verify_url_for=url_for)


class InputPageTestCase(SignedPeriodTestCase):
    def test_the_figures_of_a_signed_period_are_shown_read_only_with_who_signed_and_how_to_correct(self) -> None:
        self.client.force_login(self.contacts[0])
        page = self.client.get(self.input_url).content.decode()
        self.assertIn('id="period-locked"', page)
        self.assertIn(f"ditandatangani oleh {self.signature.signer_name}, {self.signature.signer_title}", page)
        self.assertIn("Riwayat → Koreksi realisasi yang sudah dikunci", page)
        self.assertIn("oleh bidang pengisi indikator atau Kasubbag", page)
        for indicator in (self.indicators[0], self.spare):
            self.assertNotIn(f'name="i{indicator.pk}-value"', page)
            self.assertNotIn(f'action="/data/input/{indicator.pk}/"', page)
        self.assertNotIn("Kirim ke Kasubbag", page)
        self.assertNotIn("Simpan draf", page)
        self.assertIn("380", page)
        # The ways to correct: the locked figure's history, the missing one added as a correction.
        self.assertIn(f'href="/data/actuals/{self.actual(0).pk}/history/"', page)
        self.assertIn(f'href="/data/input/{self.spare.pk}/correction/?year=2025&amp;quarter=1"', page)
        self.assertIn("Tidak ada angka dalam Data Kinerja yang ditandatangani.", page)

    def test_the_next_quarter_stays_open_for_input(self) -> None:
        self.client.force_login(self.contacts[0])
        page = self.client.get(f"/data/input/?year=2025&quarter=2&division={self.division.pk}").content.decode()
        self.assertNotIn('id="period-locked"', page)
        self.assertIn(f'name="i{self.spare.pk}-value"', page)

    def test_what_was_typed_on_a_page_opened_before_the_signature_is_shown_not_lost(self) -> None:
        self.client.force_login(self.contacts[0])
        data = {"year": "2025", "quarter": "1", f"i{self.spare.pk}-value": "17",
                f"i{self.spare.pk}-obstacles": "Data terlambat dari kecamatan", "submit": "1"}
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            page = self.client.post(f"/data/input/{self.spare.pk}/", data, **headers).content.decode()
            self.assertIn("Tidak disimpan: periode ini sudah ditandatangani. Yang Anda ketik:", page)
            self.assertIn("<dd>17</dd>", page)
            self.assertIn("Data terlambat dari kecamatan", page)
            self.assertIn("dikunci", page)
            self.assertNotIn(f'name="i{self.spare.pk}-value"', page)
        self.assertFalse(Actual.objects.filter(indicator=self.spare).exists())

    def test_a_person_of_another_division_is_not_offered_the_correction(self) -> None:
        other = self.indicators[1]
        self.client.force_login(self.contacts[0])
        self.assertEqual(self.client.get(f"/data/input/{other.pk}/correction/?year=2025&quarter=1").status_code, 403)


class ImportTestCase(SignedPeriodTestCase):
    def workbook(self) -> Path:
        path = self.data_dir / "realisasi.xlsx"
        book = Workbook()
        sheet = book.active
        sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Bidang", "Realisasi TW1"])
        for indicator, value in ((self.indicators[0], 381), (self.spare, 5)):
            sheet.append([indicator.code, indicator.objective.name, indicator.name, "unit", "Positif", 400,
                          self.division.name, value])
        book.save(path)
        return path

    def test_the_import_names_the_period_and_the_signature_for_locked_and_missing_figures(self) -> None:
        with self.assertRaises(ImportFailed) as caught:
            import_file(self.workbook(), self.office, 2025)
        message = str(caught.exception)
        # Each row's locked figure, and its target, which the signed report shows too.
        self.assertEqual(sorted({e.row for e in caught.exception.errors}), [2, 3])
        self.assertIn("target IK-01 Indikator Bidang Kelembagaan dan Pengawasan Koperasi tidak diubah: Data Kinerja "
                      "2025 sudah ditandatangani (Data Kinerja Triwulan I 2025)", message)
        self.assertIn("Angka Triwulan I 2025 dikunci: Data Kinerja Triwulan I 2025 (versi 1) ditandatangani oleh "
                      f"{self.signature.signer_name}", message)
        self.assertEqual(self.actual(0).value_number, Decimal(380))
        self.assertFalse(Actual.objects.filter(indicator=self.spare).exists())

    def test_the_cli_import_fails_with_the_same_message(self) -> None:
        with self.assertRaises(CommandError) as caught:
            call_command("data", "import", str(self.workbook()), "--year", "2025", "--office", self.office.code)
        self.assertIn("Angka Triwulan I 2025 dikunci", str(caught.exception))
        self.assertIn(self.signature.signer_name, str(caught.exception))


class MissingFigureTestCase(SignedPeriodTestCase):
    def test_a_missing_figure_is_added_as_a_correction_with_its_reason(self) -> None:
        with self.assertRaises(FieldError) as refused:
            perf.add_missing_actual(self.spare.pk, 2025, 1, user=self.contacts[0], value="5", reason=" ")
        self.assertEqual(refused.exception.field, "reason")
        self.assertFalse(Actual.objects.filter(indicator=self.spare).exists())
        added = perf.add_missing_actual(self.spare.pk, 2025, 1, user=self.contacts[0], value="5",
                                        reason="Data kecamatan baru diterima")
        self.assertEqual((added.status, added.value_number, added.correction_reason, added.version),
                         (Actual.Status.SUBMITTED, Decimal(5), "Data kecamatan baru diterima", 1))
        revision = ActualRevision.objects.get(actual=added)
        self.assertEqual((revision.action, revision.changes), (ActualRevision.Action.CORRECTED, {"value": ["", "5"]}))
        # A correction under way goes on as any: returned, changed by its division, checked.
        perf.return_actual(added.pk, user=self.subsection_head, reason="Lampirkan bukti")
        perf.save_actual(self.spare.pk, 2025, 1, user=self.contacts[0], value="6")
        perf.submit_actual(added.pk, user=self.contacts[0])
        perf.check_actual(added.pk, user=self.subsection_head)

    def test_it_is_refused_where_it_does_not_apply(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "sudah memiliki angka untuk Triwulan I 2025 (Dikunci)"):
            perf.add_missing_actual(self.indicators[0].pk, 2025, 1, user=self.contacts[0], value="5", reason="x")
        with self.assertRaisesMessage(KinerjaError, "Data Kinerja Triwulan II 2025 belum ditandatangani"):
            perf.add_missing_actual(self.spare.pk, 2025, 2, user=self.contacts[0], value="5", reason="x")

    def test_the_page_keeps_what_was_typed_on_an_error_and_saves_the_correction(self) -> None:
        self.client.force_login(self.contacts[0])
        url = f"/data/input/{self.spare.pk}/correction/"
        page = self.client.get(f"{url}?year=2025&quarter=1").content.decode()
        self.assertIn("Data Kinerja yang ditandatangani tidak memuat angka indikator ini", page)
        self.assertIn(f"ditandatangani oleh {self.signature.signer_name}", page)
        refused = self.client.post(url, {"year": "2025", "quarter": "1", "value": "1.5x", "reason": "Terlambat"})
        self.assertEqual(refused.status_code, 400)
        self.assertContains(refused, 'value="1.5x"', status_code=400)
        self.assertContains(refused, "Terlambat", status_code=400)
        self.assertFalse(Actual.objects.filter(indicator=self.spare).exists())
        done = self.client.post(url, {"year": "2025", "quarter": "1", "value": "5", "reason": "Terlambat"})
        added = Actual.objects.get(indicator=self.spare)
        self.assertRedirects(done, f"/data/actuals/{added.pk}/history/")
        self.assertEqual(added.correction_reason, "Terlambat")
        # Nothing is missing any more: the page leads to the figure's history.
        self.assertRedirects(self.client.get(f"{url}?year=2025&quarter=1"), f"/data/actuals/{added.pk}/history/")


class RevisionTestCase(SignedPeriodTestCase):
    def correct(self) -> None:
        corrected = perf.correct_actual(self.actual(0).pk, user=self.subsection_head, value="385",
                                        reason="Salah hitung jumlah koperasi")
        perf.check_actual(corrected.pk, user=self.subsection_head)
        added = perf.add_missing_actual(self.spare.pk, 2025, 1, user=self.contacts[0], value="5",
                                        reason="Data kecamatan baru diterima")
        perf.check_actual(added.pk, user=self.subsection_head)

    def test_a_compilation_without_a_correction_is_no_revision_and_is_not_put_up(self) -> None:
        report = compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.assertIsNone(report.revision_number)  # IK-09, new since, shows; nothing was corrected
        with self.assertRaisesMessage(KinerjaError, "Data Kinerja Triwulan I 2025 sudah ditandatangani pada"):
            actions.take_report(report.pk, user=self.subsection_head)

    def test_a_correction_leads_to_revision_1_initialled_and_signed_like_the_first(self) -> None:
        original = self.signature.version.document
        with self.signature.file.open("rb") as f:
            signed_bytes = f.read()
        self.correct()
        report = compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.assertEqual(report.revision_number, 1)
        self.assertEqual(str(report), "Data Kinerja s.d. Triwulan I 2025 Revisi 1 v2")
        revision = report.data["revision"]
        self.assertEqual(revision["replaces"]["signature"], self.signature.pk)
        self.assertEqual([(c["indicator"], c["before"], c["after"], c["reason"]) for c in revision["corrections"]], [
            ("IK-01", "380", "385", "Salah hitung jumlah koperasi"), ("IK-09", "", "5", "Data kecamatan baru diterima")])

        version = actions.take_report(report.pk, user=self.subsection_head)
        document = version.document
        self.assertEqual((document.title, document.revision, document.supersedes), (
            "Data Kinerja Triwulan I 2025 Revisi 1", 1, original))
        self.assertEqual(actions.take_report(report.pk, user=self.subsection_head), version)
        signature = self.sign(version.pk)
        self.assertEqual(Actual.objects.get(indicator=self.indicators[0], is_current=True).status, Actual.Status.LOCKED)
        self.assertEqual(Actual.objects.get(indicator=self.spare).status, Actual.Status.LOCKED)

        # The signed original stays as it was: its row, its file, its hash.
        kept = Signature.objects.get(pk=self.signature.pk)
        with kept.file.open("rb") as f:
            self.assertEqual(f.read(), signed_bytes)
        self.assertEqual(hashlib.sha256(signed_bytes).hexdigest(), kept.signed_sha256)
        self.assertEqual(Document.objects.filter(kind=Document.Kind.PERFORMANCE_DATA).count(), 2)

        self.client.force_login(self.subsection_head)
        listing = self.client.get("/documents/").content.decode()
        self.assertIn(f'<a class="badge warn" href="/documents/{document.pk}/">Digantikan oleh Revisi 1</a>', listing)
        old_page = self.client.get(f"/documents/{original.pk}/").content.decode()
        self.assertIn("Digantikan oleh Revisi 1", old_page)
        self.assertIn("Berkas bertanda tangan ini tetap tersimpan tanpa perubahan", old_page)
        new_page = self.client.get(f"/documents/{document.pk}/").content.decode()
        self.assertIn(f'Menggantikan <a href="/documents/{original.pk}/">Data Kinerja Triwulan I 2025</a> yang '
                      f"ditandatangani oleh {self.signature.signer_name} pada", new_page)
        self.assertIn("Salah hitung jumlah koperasi", new_page)
        self.assertIn(signature.signer_name, new_page)
        verify = self.client.get(f"/v/{kept.token}/").content.decode()
        self.assertIn("Digantikan oleh Revisi 1", verify)
        self.assertIn("yang berlaku adalah angka Data Kinerja Triwulan I 2025 Revisi 1", verify)
        dashboard = self.client.get("/data/dashboard/?year=2025&quarter=1").content.decode()
        self.assertIn("Revisi 1", dashboard)
        self.assertIn("Digantikan oleh Revisi 1", dashboard)

    def test_the_revision_is_listed_to_be_put_up_and_a_second_correction_makes_revision_2(self) -> None:
        self.correct()
        report = compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.client.force_login(self.subsection_head)
        listing = self.client.get("/documents/").content.decode()
        self.assertIn("Ajukan untuk paraf sebagai Revisi 1", listing)
        first = self.sign(actions.take_report(report.pk, user=self.subsection_head).pk)

        again = perf.correct_actual(Actual.objects.get(indicator=self.spare).pk, user=self.contacts[0], value="7",
                                    reason="Dua kecamatan menyusul")
        perf.check_actual(again.pk, user=self.subsection_head)
        second = compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.assertEqual(second.revision_number, 2)
        self.assertEqual(second.data["revision"]["replaces"]["signature"], first.pk)
        self.assertEqual([(c["indicator"], c["before"], c["after"]) for c in second.data["revision"]["corrections"]],
                         [("IK-09", "5", "7")])
        version = actions.take_report(second.pk, user=self.subsection_head)
        self.assertEqual((version.document.title, version.document.supersedes), (
            "Data Kinerja Triwulan I 2025 Revisi 2", first.version.document))

    def test_the_revision_files_say_what_they_replace_and_why(self) -> None:
        self.correct()
        report = compile_report(self.office, 2025, 1, user=self.subsection_head)
        path = self.data_dir / "revisi.pdf"
        with report.pdf.open("rb") as f:
            path.write_bytes(f.read())
        text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
        words = " ".join(text.split())
        self.assertIn("REVISI 1", words)
        self.assertIn(f"Revisi 1 ini menggantikan Data Kinerja Triwulan I 2025 versi 1 yang ditandatangani secara "
                      f"elektronik oleh {self.signature.signer_name}", words)
        self.assertIn("Salah hitung jumlah koperasi", words)
        self.assertIn("Revisi 1, menggantikan versi yang ditandatangani", words)  # the pages' footer
        self.assertEqual(ReportVersion.objects.filter(office=self.office, year=2025, quarter=1).count(), 2)
        with report.xlsx.open("rb") as f:
            book = load_workbook(f)
        self.assertTrue(book["Capaian"]["A3"].value.startswith("Revisi 1, menggantikan versi yang ditandatangani"))
        self.assertEqual([[c.value for c in row] for row in book["Revisi 1"].iter_rows(min_row=5, max_col=6)], [
            [1, "IK-01 Indikator Bidang Kelembagaan dan Pengawasan Koperasi", "Triwulan I 2025", "380", "385",
             "Salah hitung jumlah koperasi"],
            [2, "IK-09 Indikator cadangan", "Triwulan I 2025", "– (belum ada realisasi)", "5",
             "Data kecamatan baru diterima"]])
        with report.docx.open("rb") as f:
            text = "\n".join(p.text for p in DocxDocument(f).paragraphs)
        self.assertIn("Revisi 1 ini menggantikan Data Kinerja Triwulan I 2025 versi 1", text)
        self.assertIn("IK-09 Indikator cadangan Triwulan I 2025: – (belum ada realisasi) menjadi 5", text)


class RevisionAdminTestCase(SignedPeriodTestCase):
    """The admin's earlier names of indicators: one of a year whose Data Kinerja is signed (Triwulan I 2025 here)
    is what that year's pages show as signed, so it is read-only there, saying why; one of unsigned years only
    may still be mended."""

    def test_a_revision_holding_a_signed_year_is_read_only_with_the_reason(self) -> None:
        from kinerja.performance.models import IndicatorRevision

        indicator = self.indicators[0]
        unsigned = IndicatorRevision.objects.create(indicator=indicator, until_year=2024, name="Nama 2024",
                                                    unit="unit", division=self.division)
        signed = IndicatorRevision.objects.create(indicator=indicator, until_year=2025, name=indicator.name,
                                                  unit="unit", division=self.division)
        self.client.force_login(self.admin)
        url = f"/admin/performance/indicatorrevision/{signed.pk}/change/"
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="name"')
        self.assertNotContains(page, 'name="_save"')
        self.assertContains(page, f"Hanya dapat dilihat: {self.signature.version.document.title}, yang ditandatangani "
                                  f"oleh {self.signature.signer_name}")
        self.assertContains(page, f"bidang {indicator.code} ini")
        posted = self.client.post(url, {"name": "Nama diubah", "unit": "persen", "polarity": "higher_is_better",
                                        "negative_method": "standard", "division": self.division.pk})
        self.assertEqual(posted.status_code, 403)
        signed.refresh_from_db()
        self.assertEqual((signed.name, signed.unit), (indicator.name, "unit"))
        # 2024 (before the revision of 2025) has no signed Data Kinerja: mended as before.
        page = self.client.get(f"/admin/performance/indicatorrevision/{unsigned.pk}/change/")
        self.assertContains(page, 'name="name"')
        self.assertNotContains(page, "Hanya dapat dilihat")
        self.client.post(f"/admin/performance/indicatorrevision/{unsigned.pk}/change/", {
            "name": "Nama 2024 dibetulkan", "unit": "unit", "polarity": "higher_is_better",
            "negative_method": "standard", "division": self.division.pk})
        unsigned.refresh_from_db()
        self.assertEqual(unsigned.name, "Nama 2024 dibetulkan")
