"""The annex of bukti dukung, from the models: which files the report lists (those of the reported
actuals of its period), who uploaded them and when (in the office's time zone), and a new version when
the files change. The renderers' side is in test_report_render.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from kinerja.performance.models import Actual, Evidence, Objective, ReportVersion
from kinerja.performance.report import build_report, compile_report
from tests.base import TODAY, KinerjaTestCase

from .test_report_build import actual, add_indicator, target

D = Decimal


def evidence(on: Actual, name: str, *, user: object = None, at: dt.datetime | None = None,
             sha256: str = "ab" * 32, size: int = 2048) -> Evidence:
    found = Evidence.objects.create(actual=on, file=f"evidence/x/{sha256}.pdf", original_name=name,
                                    content_type="application/pdf", size=size, sha256=sha256, uploaded_by=user)
    if at is not None:
        Evidence.objects.filter(pk=found.pk).update(uploaded_at=at)
    return found


class EvidenceAnnexTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        s1 = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi", order=1,
                                      plan_start_year=2021, plan_end_year=2026)
        cls.active = add_indicator(s1, "IK-01", "Persentase koperasi aktif", aggregation="last")
        cls.bare = add_indicator(s1, "IK-02", "Koperasi bermasalah", "unit", negative=True)
        target(cls.active, 2025, D("80"))
        target(cls.bare, 2025, D("40"))
        cls.q1 = actual(cls.active, 2025, D("60"), quarter=1)
        cls.q2 = actual(cls.active, 2025, D("70"), quarter=2)
        cls.draft = actual(cls.active, 2025, D("75"), quarter=3, status=Actual.Status.DRAFT)
        actual(cls.bare, 2025, D("30"))
        cls.contact = cls.contacts[0]
        # 02:30 UTC is 09:30 in Bandar Lampung (WIB).
        evidence(cls.q1, "rekap-tw1.xlsx", user=cls.contact, at=dt.datetime(2025, 4, 7, 2, 30, tzinfo=dt.UTC),
                 sha256="11" * 32, size=12_700)
        evidence(cls.q2, "SK koperasi aktif TW II.pdf", user=cls.contact,
                 at=dt.datetime(2025, 7, 4, 3, 0, tzinfo=dt.UTC), sha256="22" * 32)
        evidence(cls.draft, "belum dikirim.pdf", user=cls.contact)  # the division's own working copy

    def files(self, quarter: int | None = None, code: str = "IK-01") -> list[tuple[str, int | None]]:
        report = build_report(self.office, 2025, quarter, made_on=TODAY)
        row = next(i for i in report.indicators if i.code == code)
        return [(e.name, e.quarter) for e in row.evidence]

    def test_it_lists_the_files_of_the_reported_actuals_of_the_year(self) -> None:
        self.assertEqual(self.files(), [("rekap-tw1.xlsx", 1), ("SK koperasi aktif TW II.pdf", 2)])

    def test_a_quarterly_report_lists_the_quarters_up_to_its_own(self) -> None:
        self.assertEqual(self.files(1), [("rekap-tw1.xlsx", 1)])
        self.assertEqual(self.files(2), [("rekap-tw1.xlsx", 1), ("SK koperasi aktif TW II.pdf", 2)])

    def test_an_indicator_without_files_has_none(self) -> None:
        self.assertEqual(self.files(code="IK-02"), [])

    def test_it_names_the_uploader_the_division_and_the_local_time(self) -> None:
        report = build_report(self.office, 2025, made_on=TODAY)
        first = report.indicators[0].evidence[0]
        self.assertEqual(first.uploaded_by, self.contact.person.full_name)
        self.assertEqual(first.division, self.active.division.short_name if self.active.division else "")
        self.assertEqual((first.uploaded_at.hour, first.uploaded_at.minute, first.uploaded_at.tzname()), (9, 30, "WIB"))
        self.assertEqual((first.size, first.sha256), (12_700, "11" * 32))

    def test_the_figures_kept_with_a_version_hold_the_files(self) -> None:
        data = build_report(self.office, 2025, made_on=TODAY).to_json()
        self.assertEqual([(e["indicator"], e["name"], e["sha256"]) for e in data["evidence"]],
                         [("IK-01", "rekap-tw1.xlsx", "11" * 32), ("IK-01", "SK koperasi aktif TW II.pdf", "22" * 32)])

    def test_another_file_makes_a_new_version(self) -> None:
        first = compile_report(self.office, 2025, user=self.subsection_head)
        self.assertEqual(compile_report(self.office, 2025, user=self.subsection_head).pk, first.pk)
        evidence(self.q2, "daftar hadir.pdf", user=self.contact, at=timezone.now(), sha256="33" * 32)
        second = compile_report(self.office, 2025, user=self.subsection_head)
        self.assertEqual(second.number, 2)
        self.assertEqual(ReportVersion.objects.filter(office=self.office).count(), 2)
        self.assertIn("daftar hadir.pdf", [e["name"] for e in second.data["evidence"]])
