"""The performance dashboard and report downloads: office-scoped, roles for compiling, constant queries."""

from __future__ import annotations

import base64
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.performance.models import IndicatorRevision, Objective, ReportVersion
from kinerja.performance.report import compile_report
from tests.base import KinerjaTestCase

from .test_report_build import actual, add_indicator, target

D = Decimal
URL = "/data/dashboard/"


class DashboardTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                                 plan_start_year=2021, plan_end_year=2026)
        cls.division = cls.built.divisions[0]
        cls.active = add_indicator(cls.objective, "IK-01", "Persentase koperasi aktif")
        cls.active.division = cls.division
        cls.active.save()
        target(cls.active, 2024, D("80"))
        actual(cls.active, 2024, D("72.5"))
        cls.weak = add_indicator(cls.objective, "IK-02", "UMKM naik kelas", "UMKM")
        target(cls.weak, 2024, D("1725"))
        actual(cls.weak, 2024, D("500"))
        opinion = add_indicator(cls.objective, "IK-03", "Opini BPK", "opini")
        target(opinion, 2024, "WTP")
        actual(opinion, 2024, "WTP")
        foreign = Objective.objects.create(office=cls.other_office, code="S1", name="Sasaran kantor lain",
                                           plan_start_year=2021, plan_end_year=2026)
        target(add_indicator(foreign, "IK-01", "Indikator kantor lain"), 2024, D("10"))

    def get(self, user, query: str = "?year=2024"):  # type: ignore[no-untyped-def]
        self.client.force_login(user)
        return self.client.get(URL + query)

    def test_it_needs_a_login(self) -> None:
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])

    def test_it_shows_achievement_and_predicate_as_colour_and_text(self) -> None:
        response = self.get(self.staff)
        self.assertContains(response, "90,63%")
        self.assertContains(response, '<span class="pred p-high">Tinggi</span>', html=True)
        self.assertContains(response, '<span class="pred p-very-low">Sangat Rendah</span>', html=True)
        self.assertContains(response, "1.725")
        self.assertContains(response, "Tercapai")
        self.assertNotContains(response, "Indikator kantor lain")

    def test_it_draws_the_three_charts_as_svg_images_without_script(self) -> None:
        html = self.get(self.staff).content.decode()
        images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
        self.assertEqual(len(images), 3)
        for data in images:
            svg = base64.b64decode(data).decode()
            self.assertTrue(svg.startswith("<svg"))
            self.assertNotIn("<script", svg)
        self.assertNotIn("<script>", html)

    def test_it_names_the_objectives_and_indicators_of_the_charts_in_keys(self) -> None:
        response = self.get(self.staff)
        self.assertContains(response, "<div><dt>S1</dt><dd>Meningkatnya kualitas koperasi</dd></div>", count=2, html=True)
        self.assertContains(response, "<div><dt>IK-02</dt><dd>UMKM naik kelas</dd></div>", html=True)

    def test_it_filters_by_division_and_quarter(self) -> None:
        second = Objective.objects.create(office=self.office, code="S2", name="Meningkatnya daya saing UMKM", order=2,
                                          plan_start_year=2021, plan_end_year=2026)
        umkm = add_indicator(second, "IK-09", "UMKM binaan", "UMKM")
        umkm.division = self.built.divisions[2]
        umkm.save()
        response = self.get(self.staff, f"?year=2024&division={self.division.pk}")
        self.assertContains(response, "Persentase koperasi aktif")
        self.assertNotContains(response, "UMKM naik kelas")
        response = self.get(self.staff, f"?year=2024&division={umkm.division.pk}")
        self.assertContains(response, "S2. Meningkatnya daya saing UMKM")
        self.assertNotContains(response, "S1. Meningkatnya kualitas koperasi")
        response = self.get(self.staff, "?year=2024&quarter=2")
        self.assertContains(response, '<option value="2" selected>Triwulan II</option>', html=False)
        # The quarter as the documents spell it, in the heading too (it read "Triwulan 2").
        self.assertContains(response, " · Triwulan II</h1>", html=False)

    def test_the_division_filter_lists_the_units_that_answered_in_the_year_shown(self) -> None:
        # A Seksi is not asked for data: listed only where an indicator names it, as of the year shown. UMKM naik
        # kelas was the Seksi Lama's in 2024; a 2025 import gave it to the Seksi Baru (IndicatorRevision).
        from kinerja.org.models import Unit

        parent = self.built.divisions[0]
        earlier = Unit.objects.create(office=self.office, parent=parent, kind=Unit.Kind.SECTION, name="Seksi Lama")
        later = Unit.objects.create(office=self.office, parent=parent, kind=Unit.Kind.SECTION, name="Seksi Baru")
        self.weak.division = later
        self.weak.save()
        IndicatorRevision.objects.create(indicator=self.weak, until_year=2024, name=self.weak.name, unit="UMKM",
                                         division=earlier)
        target(self.weak, 2025, D("1800"))
        for year, listed, unlisted in ((2024, earlier, later), (2025, later, earlier)):
            with self.subTest(year):
                html = self.get(self.staff, f"?year={year}").content.decode()
                self.assertIn(f'<option value="{listed.pk}">{listed.name}</option>', html)
                self.assertNotIn(f'<option value="{unlisted.pk}"', html)
        response = self.get(self.staff, f"?year=2024&division={earlier.pk}")
        self.assertContains(response, f'<option value="{earlier.pk}" selected>Seksi Lama</option>')
        self.assertContains(response, "UMKM naik kelas")
        self.assertNotContains(response, "Persentase koperasi aktif")

    def test_ids_above_a_thousand_are_not_written_with_a_thousands_separator(self) -> None:
        # A busy installation has divisions, indicators and tasks numbered past 1000; Indonesian number
        # formatting must not turn the filter's value 1052 into "1.052".
        from django.db.models import Max

        from kinerja.org.models import Unit

        # Past a thousand and past every id taken: PostgreSQL's sequences are not reset between tests, so a fixed
        # 1052 was taken once enough tests had run before this one.
        pk = max(1052, (Unit.objects.aggregate(m=Max("pk"))["m"] or 0) + 1052)
        Unit.objects.create(pk=pk, office=self.office, parent=self.built.divisions[0].parent, kind=Unit.Kind.DIVISION,
                            name="Bidang Pemberdayaan Koperasi Wilayah Barat", short_name="Bidang Barat")
        response = self.get(self.staff, "?year=2024")
        self.assertContains(response, f'value="{pk}"')
        self.assertNotContains(response, f'value="{pk:,}"'.replace(",", "."))

    def test_it_shows_the_compile_button_to_the_kasubbag_secretary_head_and_admin_only(self) -> None:
        for user in (self.subsection_head, self.secretary, self.head, self.admin):
            with self.subTest(user.username):
                self.assertContains(self.get(user), 'action="/data/reports/compile/"')
        for user in (self.staff, self.contacts[0], self.auditor):
            with self.subTest(user.username):
                self.assertNotContains(self.get(user), 'action="/data/reports/compile/"')

    def test_it_compiles_a_version_and_offers_its_files(self) -> None:
        self.client.force_login(self.subsection_head)
        # The tests' task backend runs the queued compile at once, when the request's transaction commits.
        with self.captureOnCommitCallbacks(execute=True):
            posted = self.client.post("/data/reports/compile/", {"year": "2024"})
        response = self.client.get(posted["Location"])
        version = ReportVersion.objects.get(office=self.office, year=2024)
        self.assertContains(response, f"/data/reports/versions/{version.pk}/pdf/")
        self.assertContains(response, version.sha256[:14])
        self.assertContains(response, "Laporan versi 1 telah disusun")
        with self.captureOnCommitCallbacks(execute=True):
            posted = self.client.post("/data/reports/compile/", {"year": "2024"})
        again = self.client.get(posted["Location"])
        self.assertEqual(ReportVersion.objects.count(), 1)
        self.assertContains(again, "Data tidak berubah sejak versi 1")
        pdf = self.client.get(f"/data/reports/versions/{version.pk}/pdf/")
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(b"".join(pdf.streaming_content).startswith(b"%PDF"))

    def test_it_refuses_compiling_to_staff(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.post("/data/reports/compile/", {"year": "2024"}).status_code, 403)
        self.assertFalse(ReportVersion.objects.exists())

    def test_it_hides_another_offices_versions(self) -> None:
        version = compile_report(self.office, 2024, user=self.admin)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/data/reports/versions/{version.pk}/pdf/").status_code, 404)
        self.assertNotContains(self.client.get(URL + "?year=2024"), "Persentase koperasi aktif")

    def test_it_downloads_the_current_report_and_the_agreement(self) -> None:
        self.client.force_login(self.auditor)
        for fmt, kind in (("pdf", "application/pdf"), ("xlsx", "spreadsheetml"), ("docx", "wordprocessingml")):
            with self.subTest(fmt):
                response = self.client.get(f"/data/reports/2024.{fmt}")
                self.assertEqual(response.status_code, 200)
                self.assertIn(kind, response["Content-Type"])
                self.assertIn(f"data-kinerja-diskopukm-bdl-2024.{fmt}", response["Content-Disposition"])
        self.assertTrue(self.client.get("/data/agreement/2024.pdf").content.startswith(b"%PDF"))
        self.assertEqual(self.client.get("/data/reports/2024.exe").status_code, 404)

    def test_it_needs_the_same_number_of_queries_for_1_or_50_indicators(self) -> None:
        self.get(self.staff)  # warm the session and the content types
        with CaptureQueriesContext(connection) as few:
            self.get(self.staff)
        for n in range(50):
            extra = add_indicator(self.objective, f"IK-X{n:02d}", f"Tambahan {n}")
            target(extra, 2024, D("10"))
            actual(extra, 2024, D("9"))
            actual(extra, 2023, D("8"))
        compile_report(self.office, 2024, user=self.admin)
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.get(self.staff)
        self.assertContains(response, "Tambahan 49")
