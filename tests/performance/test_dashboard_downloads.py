"""The dashboard's downloads of the report as it stands keep its division filter: a division's page gives the
division's part, named so in the document's title and file name, and says that compiling (what is initialled and
signed) always takes the whole office. Unfiltered, the download is the whole report as before."""

from __future__ import annotations

import io
from decimal import Decimal as D

import docx
import openpyxl

from kinerja.performance.models import Activity, Program, ReportVersion
from kinerja.performance.report import BUDGET_IN_WHOLE_NOTE, compile_report
from tests.base import KinerjaTestCase

from .test_no_division_reports import own_and_orphan
from .test_report_render import pdf_text


class DashboardDownloadsTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        own_and_orphan(cls)

    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.subsection_head)

    def codes(self, response) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
        """The codes on the XLSX's main sheet, and its heading's second line."""
        sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Capaian"]
        codes = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True) if row[1] and str(row[1]).startswith("IK")]
        return codes, sheet["A2"].value

    def test_the_links_of_a_filtered_dashboard_keep_its_filter_and_say_so(self) -> None:
        page = self.client.get(f"/data/dashboard/?year=2025&quarter=1&division={self.division.pk}").content.decode()
        self.assertIn(f'href="/data/reports/2025.xlsx?quarter=1&amp;division={self.division.pk}"', page)
        self.assertIn(f"Laporan {self.division.short_name or self.division.name} saja, menurut data saat ini:", page)
        self.assertIn("Penyusunan versi laporan selalu mengambil data seluruh perangkat daerah", page)
        page = self.client.get("/data/dashboard/?year=2025&division=none").content.decode()
        self.assertIn('href="/data/reports/2025.pdf?division=none"', page)
        self.assertIn("Laporan indikator tanpa bidang saja", page)
        page = self.client.get("/data/dashboard/?year=2025&quarter=1").content.decode()
        self.assertIn('href="/data/reports/2025.docx?quarter=1"', page)
        self.assertIn("Laporan menurut data saat ini:", page)
        self.assertNotIn("Penyusunan versi laporan selalu", page)

    def test_a_divisions_download_is_its_part_and_names_it(self) -> None:
        response = self.client.get(f"/data/reports/2025.xlsx?quarter=1&division={self.division.pk}")
        self.assertEqual(self.codes(response), (["IK-01"], f"s.d. Triwulan I 2025 · {self.division.name} saja"))
        self.assertRegex(response["Content-Disposition"], r'data-kinerja-diskopukm-bdl-2025-tw1-[a-z-]+\.xlsx"')
        response = self.client.get("/data/reports/2025.xlsx?division=none")
        self.assertEqual(self.codes(response), (["IK-07"], "Tahun 2025 · Indikator tanpa bidang saja"))
        self.assertIn('data-kinerja-diskopukm-bdl-2025-tanpa-bidang.xlsx"', response["Content-Disposition"])
        document = docx.Document(io.BytesIO(self.client.get("/data/reports/2025.docx?division=none").content))
        self.assertIn("Tahun 2025 · Indikator tanpa bidang saja.", "\n".join(p.text for p in document.paragraphs))
        text = pdf_text(self.client.get(f"/data/reports/2025.pdf?division={self.division.pk}").content)
        self.assertIn(f"{self.division.name.upper()} SAJA", text)

    def test_the_unfiltered_download_and_a_compiled_version_stay_whole(self) -> None:
        response = self.client.get("/data/reports/2025.xlsx?quarter=1")
        self.assertEqual(self.codes(response), (["IK-01", "IK-07"], "s.d. Triwulan I 2025"))
        self.assertIn('data-kinerja-diskopukm-bdl-2025-tw1.xlsx"', response["Content-Disposition"])
        compile_report(self.office, 2025, 1, user=self.subsection_head)
        version = ReportVersion.objects.get()
        self.assertEqual([i["code"] for i in version.data["indicators"]], ["IK-01", "IK-07"])
        response = self.client.get(f"/data/reports/versions/{version.pk}/xlsx/?division={self.division.pk}")
        self.assertEqual(b"".join(response.streaming_content), version.xlsx.open("rb").read())

    def test_a_divisions_part_leaves_no_room_for_initials_or_a_signature(self) -> None:
        # Only the whole office's compilation is initialled and signed; the live whole report keeps the room.
        from unittest import mock

        from kinerja.performance import views_reports

        seen = []
        build = views_reports.build_report

        def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(build(*args, **kwargs))
            return seen[-1]

        with mock.patch.object(views_reports, "build_report", spy):
            self.client.get(f"/data/reports/2025.pdf?division={self.division.pk}")
            self.client.get("/data/reports/2025.pdf?division=none")
            self.client.get("/data/reports/2025.pdf")
        self.assertEqual([bool(r.initials or r.signer) for r in seen], [False, False, True])

    def test_a_parts_documents_leave_the_office_budget_out_and_say_where_it_is(self) -> None:
        """A program belongs to the office, not to a division: the one serving S1 (measured by the division's IK-01
        and by IK-07 of none) printed its whole pagu beside the achievement of IK-01 alone in the division's part."""
        program = Program.objects.create(office=self.office, year=2025, code="2.17.03",
                                         name="Program Pengawasan dan Pemeriksaan Koperasi", budget=D("483600000"),
                                         spent=D("461546800"))
        program.objectives.set([self.own.objective])
        Activity.objects.create(program=program, code="2.17.03.2.01", name="Pemeriksaan dan pengawasan koperasi",
                                budget=D("483600000"), spent=D("461546800"))
        for query in (f"division={self.division.pk}", "division=none"):
            text = " ".join(pdf_text(self.client.get(f"/data/reports/2025.pdf?quarter=1&{query}").content).split())
            self.assertIn(f"IV. Realisasi Anggaran dan Efisiensi {BUDGET_IN_WHOLE_NOTE}", text, query)
            self.assertNotIn("Program Pengawasan", text)
            self.assertNotIn("Pagu (Rp)", text)
            book = openpyxl.load_workbook(io.BytesIO(self.client.get(f"/data/reports/2025.xlsx?quarter=1&{query}").content))
            self.assertEqual([row for row in book["Anggaran"].iter_rows(values_only=True) if any(row)][2:],
                             [(BUDGET_IN_WHOLE_NOTE,)])
            document = docx.Document(io.BytesIO(self.client.get(f"/data/reports/2025.docx?quarter=1&{query}").content))
            paragraphs = [p.text for p in document.paragraphs]
            self.assertEqual(paragraphs[paragraphs.index("B. Realisasi Anggaran") + 1], BUDGET_IN_WHOLE_NOTE)
            self.assertNotIn("Pagu (Rp)", [cell.text for table in document.tables for cell in table.rows[0].cells])
        # The whole office's documents print the program, its activity and the achievement of both indicators.
        text = " ".join(pdf_text(self.client.get("/data/reports/2025.pdf?quarter=1").content).split())
        self.assertIn("2.17.03 Program Pengawasan dan Pemeriksaan Koperasi 483.600.000 461.546.800 95,44% 92,81%", text)
        self.assertNotIn(BUDGET_IN_WHOLE_NOTE, text)
        sheet = openpyxl.load_workbook(io.BytesIO(self.client.get("/data/reports/2025.xlsx?quarter=1").content))["Anggaran"]
        self.assertEqual([row[1] for row in sheet.iter_rows(min_row=5, values_only=True)],
                         ["2.17.03 Program Pengawasan dan Pemeriksaan Koperasi",
                          "    2.17.03.2.01 Pemeriksaan dan pengawasan koperasi", "Jumlah"])
        document = docx.Document(io.BytesIO(self.client.get("/data/reports/2025.docx?quarter=1").content))
        self.assertIn("2.17.03 Program Pengawasan dan Pemeriksaan Koperasi",
                      [cell.text for table in document.tables for row in table.rows for cell in row.cells])
