"""The SOP AP sheet: identity page and procedure table as HTML and PDF, rows whole on their pages."""

from __future__ import annotations

import datetime as dt
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from decimal import Decimal

from django.core.files.base import ContentFile
from weasyprint import HTML

from kinerja.sop.models import Step
from kinerja.sop.renderers import flowchart, sheet
from tests.base import KinerjaTestCase
from tests.sop.test_render_flowchart import make_version


def png(width: int, height: int) -> bytes:
    """A small solid green PNG, as an office logo."""
    rows = b"".join(b"\x00" + b"\x1f\x7a\x3c" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def pdf_pages(html: str) -> int:
    return len(HTML(string=html).render().pages)


class SheetTestCase(KinerjaTestCase):
    def test_it_prints_the_identity_page_with_the_approval_block(self) -> None:
        version = make_version(self.office, 4, 3)
        version.created_on, version.effective_on = dt.date(2023, 1, 9), dt.date(2023, 2, 1)
        version.save()
        html = sheet.render_html(version)
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        for text in ["PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS KOPERASI DAN USAHA KECIL MENENGAH", "NOMOR SOP",
                     "800/01/SOP/2025", "9 Januari 2023", "1 Februari 2023", "KEPALA DINAS KOPERASI DAN UKM",
                     "Contoh Kadis Demo", "NIP. 19750427 200003 2 001", "DASAR HUKUM", "KUALIFIKASI PELAKSANA",
                     "PERALATAN/PERLENGKAPAN", "PENCATATAN DAN PENDATAAN", "<li>Komputer</li>"]:
            self.assertIn(text, html)
        self.assertRegex(html, r"TANGGAL REVISI</th><td>-</td>")

    def test_it_prints_every_step_with_its_standard_in_the_procedure_table(self) -> None:
        version = make_version(self.office, 6, 4, returns={5: [2]})
        html = sheet.render_html(version)
        for head in ["Uraian Prosedur", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Ket.",
                     "Sekretaris", "Kasubbag", "JFU", "Kadis"]:
            self.assertIn(head, html)
        self.assertEqual(len(re.findall(r'<tr class="step"', html)), 6)
        self.assertIn("Menerima, memeriksa dan meneruskan berkas langkah 6", html)
        self.assertIn("2 hari", html)
        self.assertIn("3 menit", html)
        self.assertEqual(html.count("<svg"), 1)

    def test_the_ket_column_says_where_a_return_goes_unless_the_step_says_it(self) -> None:
        version = make_version(self.office, 6, 4, returns={5: [2], 6: [4]})
        steps = {s.number: s for s in version.steps.all()}
        Step.objects.filter(pk=steps[6].pk).update(activity="Memeriksa; bila belum lengkap dikembalikan ke langkah 4")
        Step.objects.filter(pk=steps[2].pk).update(note="Disposisi dicatat")
        rows = {row.number: row.note for page in sheet.sheet_context(version)["pages"] for row in page.rows}
        self.assertEqual(rows[5], "Tidak: kembali ke langkah 2")
        self.assertEqual(rows[6], "")  # its own text says it
        self.assertEqual(rows[2], "Disposisi dicatat")

    def test_it_escapes_the_text_of_the_document(self) -> None:
        version = make_version(self.office, 3, 2)
        version.steps.filter(number=2).update(activity="Memeriksa <b>draf</b> & menyampaikan")
        html = sheet.render_html(version)
        self.assertNotIn("<b>draf</b>", html)
        self.assertIn("Memeriksa &lt;b&gt;draf&lt;/b&gt; &amp; menyampaikan", html)

    def test_it_puts_the_office_logo_inside_the_document(self) -> None:
        self.office.logo.save("logo.png", ContentFile(png(40, 48)))
        version = make_version(self.office, 3, 2)
        html = sheet.render_html(version)
        self.assertIn('<img class="logo" src="data:image/png;base64,', html)
        self.assertEqual(pdf_pages(html), 2)
        self.office.logo.save("logo.exe", ContentFile(b"MZ not a picture"))
        self.assertNotIn("<img", sheet.render_html(make_version(self.office, 3, 2, name="Lain", number="2")))

    def test_it_tolerates_a_header_without_the_blocks(self) -> None:
        version = make_version(self.office, 3, 2)
        version.header = {}
        version.approved_by = version.approved_by_name = version.approved_by_nip = ""
        version.save()
        html = sheet.render_html(version)
        self.assertIn(self.office.name, html)
        self.assertIn("PERINGATAN :", html)

    def test_it_never_splits_a_row_and_joins_pages_with_connectors(self) -> None:
        for steps, actors, returns in [(3, 2, {}), (30, 8, {11: [5], 26: [4]}), (20, 5, {20: [1]})]:
            with self.subTest(steps=steps, actors=actors):
                version = make_version(self.office, steps, actors, returns=returns, name=f"SOP {steps}")
                context = sheet.sheet_context(version)
                pages = context["pages"]
                self.assertEqual([r.number for p in pages for r in p.rows], list(range(1, steps + 1)))
                for page in pages:
                    svg = ET.fromstring(page.svg)
                    height = float(svg.get("viewBox", "").split()[3])
                    bands = flowchart.CONNECTOR_BAND * (page.top_band + page.bottom_band)
                    self.assertAlmostEqual(height, sum(r.height for r in page.rows) + bands, places=3)
                html = sheet.render_html(version)
                # One page for the identity, one per part of the table: no part ran over its page.
                self.assertEqual(pdf_pages(html), 1 + len(pages))
                if steps == 30:
                    self.assertGreater(len(pages), 1)
                    self.assertEqual(len(re.findall(r'class="symbol connector"', html)),
                                     2 * (len(pages) - 1) + 2 * len(returns))

    def test_it_cuts_very_long_text_instead_of_growing_a_row_past_a_page(self) -> None:
        version = make_version(self.office, 4, 3)
        version.steps.filter(number=2).update(activity="Memeriksa berkas dengan teliti " * 80,
                                              inputs="lembar disposisi " * 60)
        context = sheet.sheet_context(version)
        row = next(r for p in context["pages"] for r in p.rows if r.number == 2)
        self.assertLessEqual(row.height, sheet.ROW_MAX + 1)
        self.assertTrue(row.activity.endswith("…"))
        self.assertEqual(pdf_pages(sheet.render_html(version)), 1 + len(context["pages"]))

    def test_it_renders_a_pdf(self) -> None:
        version = make_version(self.office, 5, 3, returns={4: [2]})
        pdf = sheet.render_pdf(version)
        self.assertTrue(pdf.startswith(b"%PDF-"))

    def test_it_writes_times_and_dates_as_the_form_does(self) -> None:
        self.assertEqual(sheet.duration_text(Decimal("2"), Step.Unit.MINUTE), "2 menit")
        self.assertEqual(sheet.duration_text(Decimal("0.50"), Step.Unit.DAY), "0,5 hari")
        self.assertEqual(sheet.duration_text(Decimal("1.00"), Step.Unit.MONTH), "1 bulan")
        self.assertEqual(sheet.indonesian_date(dt.date(2023, 1, 9)), "9 Januari 2023")
        self.assertEqual(sheet.indonesian_date(None), "-")
        self.assertEqual(sheet.nip_text("197504271993112001"), "19750427 199311 2 001")


class LargeSheetTestCase(KinerjaTestCase):
    """An SOP of 25 steps over 7 actors whose name is longer than a line of the landscape page."""

    NAME = ("Penyusunan, Verifikasi, Validasi dan Pengesahan Data Kinerja Triwulanan dan Tahunan Dinas "
            "Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana "
            "Kabupaten Tulang Bawang Barat beserta Unit Pelaksana Teknisnya")

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.version = make_version(cls.office, 25, 7, returns={8: [5], 14: [10], 24: [22]}, name=cls.NAME)
        cls.version.header = {**cls.version.header, "legal_basis": [
            f"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor {n} Tahun 20{10 + n} "
            "tentang Pedoman Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan "
            "Kinerja Instansi Pemerintah" for n in range(1, 15)]}
        cls.version.save()

    def setUp(self) -> None:
        super().setUp()
        from tests.pdf_layout import page_texts, pages

        self.data = sheet.render_pdf(self.version)
        self.pages = pages(self.data)
        self.texts = page_texts(self.data, layout=True)

    def test_a_long_name_wraps_over_the_table_instead_of_running_off_the_page(self) -> None:
        from tests.pdf_layout import off_page

        for k, page in enumerate(self.pages, start=1):
            self.assertEqual(off_page(page), [], f"page {k}")
        procedure = [" ".join(t.split()) for t in self.texts if "Uraian Prosedur" in t]
        self.assertGreater(len(procedure), 1)
        for text in procedure:
            self.assertIn("Keluarga Berencana", text.split("No. Uraian Prosedur")[0])

    def test_every_step_is_printed_once_and_every_page_numbered_on_one_line(self) -> None:
        total = len(self.pages)
        for k, text in enumerate(self.texts, start=1):
            self.assertIn(f"Halaman {k} dari {total}", text)
        rows = sum(len(p.rows) for p in sheet.sheet_context(self.version)["pages"])
        self.assertEqual(rows, 25)

    def test_a_pair_of_long_blocks_moves_to_the_next_page_whole(self) -> None:
        texts = [" ".join(t.split()) for t in self.texts]
        basis = [k for k, t in enumerate(texts) if "Peraturan Menteri Pendayagunaan" in t]
        self.assertEqual(len(basis), 1)  # the list of legal bases is not cut between two pages
        self.assertIn("DASAR HUKUM", texts[basis[0]])
