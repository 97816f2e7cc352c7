"""A period typed to start a case of an SOP that asks the divisions for their data of a period must be one: a
year, a quarter, a semester or a month of one year. "kapan-kapan" started a case whose answer page asked the
divisions for the figures of nothing. The start page offers the periods of the office's years as a list;
other SOPs' cases keep their free text."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command

from kinerja.performance.models import Indicator, Objective, Target
from kinerja.sop.models import Step
from kinerja.workflow import periods
from kinerja.workflow.models import Case

from .base import WorkflowTestCase, at

NOW = at(25, 10)  # Tuesday 25 March 2025 10:00 WIB


class TypedPeriodTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(mock.patch("django.utils.timezone.now", return_value=NOW))
        self.client.force_login(self.secretary)

    def post(self, period: str):  # type: ignore[no-untyped-def]
        return self.client.post("/cases/new/", {"version": self.version.pk, "title": "Data kinerja", "period": period,
                                                "trigger_note": "Surat 800/12"})

    def test_free_text_is_refused_next_to_the_field_naming_it_and_nothing_starts(self) -> None:
        for period in ("kapan-kapan", "TW IV", "Renstra 2025-2029", "segera"):
            with self.subTest(period):
                r = self.post(period)
                self.assertEqual(r.status_code, 200)
                [error] = r.context["form"].errors["period"]
                self.assertTrue(error.startswith(f"Periode “{period}”: {self.version.name} meminta data bidang-bidang "
                                                 "untuk suatu periode: pilih satu tahun, triwulan atau bulan"), error)
                self.assertContains(r, "Surat 800/12")  # what was typed stays
        self.assertFalse(Case.objects.exists())

    def test_an_impossible_quarter_keeps_its_own_message(self) -> None:
        r = self.post("Triwulan V 2025")
        self.assertEqual(r.context["form"].errors["period"][0][:37], "Periode “Triwulan V 2025”: tidak ada ")

    def test_the_usual_forms_start(self) -> None:
        for n, period in enumerate(("Triwulan III 2025", "TW 2/2025", "Tahun 2024", "Semester I 2025", "Juni 2025",
                                    "s.d. Triwulan II 2024")):
            with self.subTest(period):
                r = self.post(period)
                case = Case.objects.order_by("-pk").first()
                self.assertIsNotNone(case)
                self.assertRedirects(r, f"/cases/{case.pk}/", fetch_redirect_response=False)
                self.assertEqual((case.period, Case.objects.count()), (period, n + 1))

    def test_another_sop_keeps_its_free_period(self) -> None:
        Step.objects.filter(version=self.version).update(coordinates_divisions=False)
        r = self.post("kapan-kapan")
        case = Case.objects.get()
        self.assertRedirects(r, f"/cases/{case.pk}/", fetch_redirect_response=False)
        self.assertEqual(case.period, "kapan-kapan")
        self.assertNotContains(self.client.get("/cases/new/"), "<datalist")

    def test_the_form_offers_the_periods_of_the_office_s_years(self) -> None:
        self.start_case(period="Tahun 2022")
        r = self.client.get("/cases/new/")
        self.assertContains(r, 'list="period-choices"')
        offered = r.context["form"].period_choices
        self.assertEqual(offered[:5], ["Triwulan IV 2025", "Triwulan III 2025", "Triwulan II 2025", "Triwulan I 2025",
                                       "Tahun 2025"])
        self.assertEqual(offered[5::5], ["Triwulan IV 2024", "Triwulan IV 2022"])  # last year, and a case's year
        self.assertContains(r, '<option value="Triwulan III 2025">', html=False)
        self.assertTrue(all(periods.is_data_period(p) for p in offered))

    def test_the_years_with_targets_up_to_this_one_are_offered_too(self) -> None:
        # An office that imported its 2021–2026 plan collects 2021's quarters too; 2026 has not come yet.
        objective = Objective.objects.create(office=self.office, code="S1", name="Meningkatnya kualitas koperasi",
                                             plan_start_year=2021, plan_end_year=2026)
        indicator = Indicator.objects.create(office=self.office, objective=objective, code="IK1",
                                             name="Persentase koperasi sehat", unit="%")
        for year in (2021, 2026):
            Target.objects.create(indicator=indicator, year=year, kind="agreement", value_number=Decimal(80))
        offered = self.client.get("/cases/new/").context["form"].period_choices
        self.assertEqual(offered[::5], ["Triwulan IV 2025", "Triwulan IV 2024", "Triwulan IV 2021"])
        self.assertNotIn("Tahun 2026", offered)

    def test_the_command_refuses_it_too(self) -> None:
        with self.assertRaisesMessage(CommandError, "Periode “kapan-kapan”"):
            call_command("case", "start", str(self.version.pk), "--user", "sekretaris", "--title", "X",
                         "--period", "kapan-kapan", stdout=StringIO(), stderr=StringIO())
        self.assertFalse(Case.objects.exists())
