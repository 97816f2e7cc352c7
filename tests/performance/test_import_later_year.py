"""A workbook of a later year (next year's Perjanjian Kinerja) imported into the whole demo: its new indicators are
measured from that year on (Indicator.first_year). The earlier years' dashboards, the finished data collection
case's answers, the check page's counts and the compiled reports stay as they were; the later year shows them."""

from __future__ import annotations

import importlib
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from unittest import mock

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook

from kinerja.correspondence.actions import changed_since_compiled
from kinerja.correspondence.models import Document, Signature
from kinerja.errors import ImportFailed, KinerjaError
from kinerja.org.holding import today_in
from kinerja.org.models import Office, Person, Unit
from kinerja.performance import actions, demo, signoff
from kinerja.performance.cards import Period, period_indicators
from kinerja.performance.forms import IndicatorForm
from kinerja.performance.importer import import_file
from kinerja.performance.models import Actual, Indicator, IndicatorRevision, ReportVersion, Target
from kinerja.performance.report import build_report
from kinerja.workflow.models import Case
from tests.base import TODAY, DemoDataTestCase, KinerjaTestCase

S1 = demo.OBJECTIVES[0][1]
S2 = demo.OBJECTIVES[1][1]
NEW = [("IK-16", S1, "Jumlah koperasi yang memanfaatkan platform digital", "unit", 120),
       ("IK-17", S2, "Persentase UMKM binaan yang mengekspor", "%", 5)]


# IK-01 as next year's agreement names and measures it: another name, unit, polarity and division.
RENAMED = ("Jumlah koperasi aktif berbadan hukum", "koperasi", "Negatif", "Bidang Pemberdayaan Koperasi")


def next_year_workbook(path: Path, year: int, renamed: bool = False) -> Path:
    """Next year's agreement as an office writes it: an indicator it has, with next year's target, and two new;
    `renamed`: the indicator it has under its new name, unit, polarity and division (RENAMED)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", f"Target {year}", *["Bidang"] * renamed])
    sheet.append(["IK-01", S1, *RENAMED[:3], 1800, RENAMED[3]] if renamed else
                 ["IK-01", S1, "Jumlah koperasi aktif", "unit", "Positif", 1800])
    for code, objective, name, unit, target in NEW:
        sheet.append([code, objective, name, unit, "Positif", target, *[""] * renamed])
    book.save(path)
    return path


def _without_token(html: str) -> str:
    """A page without its CSRF tokens, which differ at each request, and its printing time ({% now %} reads the
    system clock, not timezone.now)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'<p class="print-head">.*?</p>', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


class LaterYearImportTestCase(DemoDataTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("demo", quiet=True)
        cls.office = Office.objects.get()
        cls.year = today_in(cls.office.time_zone).year
        cls.later = cls.year + 1

    def login(self, username: str) -> None:
        self.client.force_login(Person.objects.get(user__username=username).user)

    def get(self, url: str, **params: object) -> str:
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, url)
        return _without_token(response.content.decode())

    def finished_case(self) -> Case | None:
        """A finished data collection case of a quarter whose Data Kinerja is signed."""
        signed = [t.removeprefix("Data Kinerja ") for t in Signature.objects.filter(
            version__document__kind=Document.Kind.PERFORMANCE_DATA).values_list("version__document__title", flat=True)]
        return Case.objects.filter(office=self.office, status=Case.Status.DONE, period__in=signed).first()

    def test_the_earlier_years_stay_as_they_were_and_the_later_year_shows_the_new_indicators(self) -> None:
        # The pages are compared byte for byte: the clock stands still meanwhile, so that a time left or "N menit
        # lalu" that moves on a slow machine between the two readings is no difference the import made.
        with mock.patch("django.utils.timezone.now", return_value=timezone.now()):
            self._earlier_years_stay(renamed=False)

    def test_a_later_year_that_renames_an_indicator_leaves_the_earlier_years_as_they_were(self) -> None:
        """Next year's agreement gives IK-01 another name, unit, polarity and division: this year and last year,
        their pages, downloads' figures, the signed quarter's case and the check page still read it as they were
        signed; next year reads it as the file says."""
        with mock.patch("django.utils.timezone.now", return_value=timezone.now()):
            self._earlier_years_stay(renamed=True)
        indicator = Indicator.objects.get(office=self.office, code="IK-01")
        self.assertEqual((indicator.name, indicator.unit, indicator.polarity, indicator.division.name),
                         (RENAMED[0], RENAMED[1], Indicator.Polarity.LOWER_IS_BETTER, RENAMED[3]))
        kept = IndicatorRevision.objects.get(indicator=indicator)
        self.assertEqual((kept.until_year, kept.name, kept.unit, kept.polarity, kept.division.name),
                         (self.year, "Jumlah koperasi aktif", "unit", Indicator.Polarity.HIGHER_IS_BETTER,
                          "Bidang Kelembagaan dan Pengawasan Koperasi"))
        for year in (self.year - 1, self.year):
            shown = next(i for i in build_report(self.office, year, approvals=False).indicators if i.code == "IK-01")
            self.assertEqual((shown.name, shown.unit), ("Jumlah koperasi aktif", "unit"), year)
        later = next(i for i in build_report(self.office, self.later, approvals=False).indicators if i.code == "IK-01")
        self.assertEqual((later.name, later.unit), RENAMED[:2])
        self.assertIn(RENAMED[0], self.get("/data/dashboard/", year=self.later))
        self.assertIn(RENAMED[0], self.get("/data/indicators/", year=self.later))
        self.assertNotIn(RENAMED[0], self.get("/data/indicators/", year=self.year))
        # The new division answers for it from next year on; the old one still for this year's quarter.
        pemberdayaan = Unit.objects.get(name=RENAMED[3])
        on_input = self.get("/data/input/", year=self.later, quarter=1, division=pemberdayaan.pk)
        self.assertIn(RENAMED[0], on_input)
        self.assertNotIn("Jumlah koperasi aktif<", self.get("/data/input/", year=self.year, quarter=4,
                                                              division=pemberdayaan.pk))
        # Bidang Kelembagaan (bidang1) still enters this year's figure of it, Bidang Pemberdayaan (bidang2) next
        # year's.
        url = f"/data/input/{indicator.pk}/"
        for user, year, allowed in (("bidang1", self.year, True), ("bidang2", self.year, False),
                                    ("bidang1", self.later, False), ("bidang2", self.later, True)):
            self.login(user)
            response = self.client.post(url, {"year": year, "quarter": 4, f"i{indicator.pk}-value": ""})
            self.assertEqual(response.status_code != 403, allowed, (user, year))

    def test_a_signed_year_is_not_changed_by_a_file_of_its_own(self) -> None:
        """A file of this year, whose Data Kinerja of Triwulan II is signed, that would add an indicator, rename
        one and change a target: refused, every row named, nothing saved."""
        signature = signoff.signing(self.office, self.year, 1)
        self.assertIsNotNone(signature)
        document = signature.version.document.title
        before = list(Indicator.objects.filter(office=self.office).values_list("code", "name", "unit", "first_year"))
        targets = list(Target.objects.filter(indicator__office=self.office).values_list("pk", "value_number"))
        book = Workbook()
        sheet = book.active
        sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", f"Target {self.year}"])
        sheet.append(["IK-01", S1, "Jumlah koperasi aktif berbadan hukum", "unit", "Positif", 1750])
        sheet.append(["IK-02", S1, "Persentase koperasi sehat", "%", "Positif", 70])
        sheet.append(["IK-16", S1, NEW[0][2], "unit", "Positif", 120])
        book.save(self.data_dir / "pk-signed.xlsx")
        with self.assertRaises(ImportFailed) as raised:
            import_file(self.data_dir / "pk-signed.xlsx", self.office, self.year)
        self.assertEqual([str(e) for e in raised.exception.errors], [
            f"pk-signed.xlsx, lembar Sheet, baris 2, kolom Indikator (C): Data Kinerja {self.year} sudah ditandatangani "
            f'({document}) dan menyebut IK-01 "Jumlah koperasi aktif" dengan satuan, polaritas, dan bidangnya seperti '
            f"saat itu: berkas tahun {self.year} tidak mengubahnya. Nama, satuan, polaritas, atau bidang yang baru "
            "dimuat dalam berkas tahun berikutnya",
            f"pk-signed.xlsx, lembar Sheet, baris 3, kolom Target {self.year} (F): target IK-02 Persentase koperasi sehat "
            f"tidak diubah: Data Kinerja {self.year} sudah ditandatangani ({document}), dan targetnya adalah target saat "
            "ditandatangani",
            f"pk-signed.xlsx, lembar Sheet, baris 4, kolom Indikator (C): IK-16 {NEW[0][2]} bukan indikator tahun "
            f"{self.year}, dan Data Kinerja {self.year} sudah ditandatangani ({document}): berkas tahun {self.year} "
            "tidak menambahkan indikator ke dalamnya. Impor indikator itu dengan berkas tahun berikutnya, atau "
            "keluarkan barisnya"])
        self.assertEqual(list(Indicator.objects.filter(office=self.office).values_list(
            "code", "name", "unit", "first_year")), before)
        self.assertEqual(list(Target.objects.filter(indicator__office=self.office).values_list("pk", "value_number")),
                         targets)
        self.assertFalse(IndicatorRevision.objects.exists())
        # The same year's file as signed (its names and targets again) still imports.
        book = Workbook()
        sheet = book.active
        sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", f"Target {self.year}"])
        sheet.append(["IK-01", S1, "Jumlah koperasi aktif", "unit", "Positif", 1750])
        book.save(self.data_dir / "pk-same.xlsx")
        summary = import_file(self.data_dir / "pk-same.xlsx", self.office, self.year)
        self.assertEqual(summary.indicators_unchanged, 1)

    def test_an_indicator_renamed_on_its_page_keeps_its_name_in_the_signed_years(self) -> None:
        """The Kasubbag renames IK-02 on its page: the years up to the latest signed one (this year, whose Triwulan
        II is signed) keep the name they were signed with; the next year shows the new one."""
        self.login("kasubbag")
        indicator = Indicator.objects.get(office=self.office, code="IK-02")
        data = {k: v for k, v in IndicatorForm.initial_for(indicator).items() if v is not None}
        response = self.client.post(f"/data/indicators/{indicator.pk}/", {**data, "name": "Persentase koperasi sehat "
                                                                                          "dan mandiri"})
        self.assertEqual(response.status_code, 302)
        for year in (self.year - 1, self.year):
            shown = next(i for i in build_report(self.office, year, approvals=False).indicators if i.code == "IK-02")
            self.assertEqual(shown.name, "Persentase koperasi sehat", year)
        later = next(i for i in build_report(self.office, self.later, approvals=False).indicators if i.code == "IK-02")
        self.assertEqual(later.name, "Persentase koperasi sehat dan mandiri")
        self.assertEqual(list(IndicatorRevision.objects.filter(indicator=indicator).values_list("until_year", "name")),
                         [(self.year, "Persentase koperasi sehat")])

    def _earlier_years_stay(self, *, renamed: bool) -> None:
        case = self.finished_case()
        self.assertIsNotNone(case, "the demo has a finished case of a signed quarter")
        periods = [(self.year - 1, None), (self.year, None), (self.year, 4), (self.year, 3)]
        reports = {p: build_report(self.office, *p, approvals=False).to_json() for p in periods}
        signed = list(ReportVersion.objects.filter(office=self.office))
        self.assertTrue(signed)
        self.assertTrue(all(changed_since_compiled_of(v) == [] for v in signed))
        self.login("kasubbag")
        pages = {
            "dashboard": self.get("/data/dashboard/", year=self.year - 1),
            "dashboard TW IV": self.get("/data/dashboard/", year=self.year, quarter=4),
            "case": self.get(f"/cases/{case.pk}/"),
            "input": self.get("/data/input/", year=self.year, quarter=4),
            "indicators": self.get("/data/indicators/", year=self.year),
            "check": self.get("/data/check/", year=self.year, quarter=4, status="all"),
        }
        check = self.client.get("/data/check/", {"year": self.year, "quarter": 4, "status": "all"})
        counts = (check.context["missing"], check.context["filters"], check.context["unassigned_indicators"])
        self.assertTrue(counts[0])  # the demo's open quarter still lacks figures: a count that could grow

        summary = import_file(next_year_workbook(Path(self.data_dir) / "pk.xlsx", self.later, renamed), self.office,
                              self.later)
        self.assertEqual((summary.indicators_created, summary.indicators_updated, summary.indicators_unchanged),
                         (2, 1, 0) if renamed else (2, 0, 1))

        for period, before in reports.items():
            self.assertEqual(build_report(self.office, *period, approvals=False).to_json(), before, period)
        for version in signed:
            self.assertEqual(changed_since_compiled_of(version), [], str(version))
        for name, before in pages.items():
            kwargs = {"year": self.year - 1} if name == "dashboard" else (
                {"year": self.year, "quarter": 4} if name in ("dashboard TW IV", "input") else
                {"year": self.year} if name == "indicators" else
                {"year": self.year, "quarter": 4, "status": "all"} if name == "check" else {})
            url = {"dashboard": "/data/dashboard/", "dashboard TW IV": "/data/dashboard/", "case": f"/cases/{case.pk}/",
                   "input": "/data/input/", "indicators": "/data/indicators/", "check": "/data/check/"}[name]
            after = self.get(url, **kwargs)
            for new_name in [n for _code, _objective, n, _unit, _target in NEW] + [RENAMED[0]] * renamed:
                self.assertNotIn(new_name, after, name)
            self.assertEqual(after, before, name)
        check = self.client.get("/data/check/", {"year": self.year, "quarter": 4, "status": "all"})
        self.assertEqual((check.context["missing"], check.context["filters"], check.context["unassigned_indicators"]),
                         counts)

        later = build_report(self.office, self.later, approvals=False)
        self.assertEqual({"IK-16", "IK-17"} - {i.code for i in later.indicators}, set())
        self.assertIn("IK-16", {i.code for i in period_indicators(Period(self.later, 1)).filter(office=self.office)})
        self.assertEqual(later.indicators[0].target, 1800)
        page = self.get("/data/dashboard/", year=self.later)
        self.assertIn(NEW[0][2], page)


    def test_a_later_renstra_leaves_a_signed_years_targets_as_they_are(self) -> None:
        """A Renstra imported as next year's gives every year's target: a year whose Data Kinerja is signed (a
        quarter of this year, in the demo) keeps its own, with a warning naming the cell."""
        self.assertIsNotNone(signoff.signing(self.office, self.year, 1))
        self.assertIsNone(signoff.signing(self.office, self.year - 1, 1))
        indicator = Indicator.objects.get(office=self.office, code="IK-02")
        before = dict(Target.objects.filter(indicator=indicator, kind="renstra").values_list("year", "value_number"))
        reports = {q: build_report(self.office, self.year, q, approvals=False).to_json() for q in (2, 3, None)}
        book = Workbook()
        sheet = book.active
        years = [self.year - 1, self.year, self.later]
        sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", *[f"Target {y}" for y in years]])
        sheet.append(["IK-02", S1, "Persentase koperasi sehat", "%", "61,5", "63,5", "66,5"])
        book.save(self.data_dir / "renstra.xlsx")
        summary = import_file(self.data_dir / "renstra.xlsx", self.office, self.later)
        after = dict(Target.objects.filter(indicator=indicator, kind="renstra").values_list("year", "value_number"))
        self.assertEqual(after.get(self.year), before.get(self.year))  # signed: kept
        self.assertEqual((after[self.year - 1], after[self.later]), (Decimal("61.5"), Decimal("66.5")))
        self.assertEqual([w.message for w in summary.warnings if str(self.year) in w.message and "Renstra" in w.message],
                         [f"target Renstra {self.year} untuk IK-02 Persentase koperasi sehat tidak diubah: Data Kinerja "
                          f"{self.year} sudah ditandatangani (Data Kinerja Triwulan II {self.year}), dan berkas tahun "
                          "berikutnya tidak mengubahnya"])
        for q, report in reports.items():
            self.assertEqual(build_report(self.office, self.year, q, approvals=False).to_json(), report, q)


def changed_since_compiled_of(version: ReportVersion) -> list[str]:
    """What changed since `version` was compiled, as the initials and the signature ask it (changed_since_compiled)
    of the document version it was put up as; compared directly for one never put up."""
    from django.contrib.contenttypes.models import ContentType

    from kinerja.correspondence.models import DocumentVersion

    found = DocumentVersion.objects.filter(source_type=ContentType.objects.get_for_model(ReportVersion),
                                           source_id=version.pk).first()
    if found is not None:
        return changed_since_compiled(found)
    now = build_report(version.office, version.year, version.quarter, approvals=False).to_json()
    return [] if now["indicators"] == version.data.get("indicators") else ["indicators"]


class FirstYearTestCase(KinerjaTestCase):
    """The rules around Indicator.first_year, on the demo office's data of 2023–2025."""

    def setUp(self) -> None:
        super().setUp()
        demo.load(self.office, today=TODAY)
        self.dir = Path(tempfile.mkdtemp(prefix="perf-later-"))

    def test_an_import_for_an_earlier_year_moves_the_first_year_back(self) -> None:
        import_file(next_year_workbook(self.dir / "2026.xlsx", 2026), self.office, 2026)
        self.assertEqual(Indicator.objects.get(office=self.office, code="IK-16").first_year, 2026)
        self.assertNotIn("IK-16", [i.code for i in build_report(self.office, 2025, approvals=False).indicators])
        summary = import_file(next_year_workbook(self.dir / "2025.xlsx", 2025), self.office, 2025)
        self.assertEqual(Indicator.objects.get(office=self.office, code="IK-16").first_year, 2025)
        self.assertEqual(summary.indicators_updated, 2)  # IK-16 and IK-17 now measured from 2025
        self.assertIn("IK-16", [i.code for i in build_report(self.office, 2025, approvals=False).indicators])

    def test_a_file_of_an_earlier_year_brought_in_afterwards_renames_that_year_only(self) -> None:
        # The office back-fills 2024's agreement, which named IK-01 otherwise, after 2025 has its targets and
        # figures: 2024 reads the file's name, 2023 and 2025 keep theirs (a later year signed would otherwise change).
        book = Workbook()
        sheet = book.active
        sheet.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target 2024", "Bidang"])
        sheet.append(["IK-01", S1, "Jumlah koperasi aktif dan sehat", "unit", "Positif", 1700,
                      "Bidang Pemberdayaan Koperasi"])
        book.save(self.dir / "2024.xlsx")
        import_file(self.dir / "2024.xlsx", self.office, 2024)
        indicator = Indicator.objects.get(office=self.office, code="IK-01")
        self.assertEqual(indicator.name, "Jumlah koperasi aktif")
        names = {year: next(i.name for i in build_report(self.office, year, approvals=False).indicators
                            if i.code == "IK-01") for year in (2023, 2024, 2025)}
        self.assertEqual(names, {2023: "Jumlah koperasi aktif", 2024: "Jumlah koperasi aktif dan sehat",
                                 2025: "Jumlah koperasi aktif"})
        divisions = {year: Indicator.objects.in_year(year).get(pk=indicator.pk).division.name for year in (2024, 2025)}
        self.assertEqual(divisions[2024], "Bidang Pemberdayaan Koperasi")
        self.assertNotEqual(divisions[2025], "Bidang Pemberdayaan Koperasi")

    def test_no_actual_is_entered_before_the_first_year_and_targets_move_it_back(self) -> None:
        import_file(next_year_workbook(self.dir / "2026.xlsx", 2026), self.office, 2026)
        indicator = Indicator.objects.get(office=self.office, code="IK-16")
        with self.assertRaisesMessage(KinerjaError, "diukur sejak 2026: tidak ada realisasi tahun 2025"):
            actions.save_actual(indicator.pk, 2025, 1, user=self.admin, value="10")
        self.client.force_login(self.admin)
        response = self.client.post(f"/data/input/{indicator.pk}/", {"year": 2025, "quarter": 1,
                                                                      f"i{indicator.pk}-value": "10"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Actual.objects.filter(indicator=indicator).exists())
        actions.set_targets(indicator.pk, 2025, user=self.admin, values={"agreement": "100"})
        indicator.refresh_from_db()
        self.assertEqual(indicator.first_year, 2025)
        self.assertTrue(Target.objects.filter(indicator=indicator, year=2025).exists())
        actions.save_actual(indicator.pk, 2025, 1, user=self.admin, value="10")

    def test_the_migration_dates_indicators_by_their_figures_and_compiled_reports(self) -> None:
        migration = importlib.import_module("kinerja.performance.migrations.0007_indicator_first_year")
        import_file(next_year_workbook(self.dir / "2026.xlsx", 2026), self.office, 2026)
        Indicator.objects.filter(office=self.office).update(first_year=None)  # as before the field existed
        reported = Indicator.objects.get(office=self.office, code="IK-05")
        ReportVersion.objects.create(office=self.office, year=2021, number=1, sha256="0" * 64,
                                     data={"indicators": [{"code": "IK-05"}]})
        bare = Indicator.objects.create(office=self.office, objective=reported.objective, code="IK-99", name="Tanpa data",
                                        unit="unit")
        migration.date_indicators(apps, None)
        first = dict(Indicator.objects.filter(office=self.office).values_list("code", "first_year"))
        self.assertEqual((first["IK-16"], first["IK-17"], first["IK-01"], first["IK-05"], first[bare.code]),
                         (2026, 2026, 2023, 2021, None))
