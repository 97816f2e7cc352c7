"""Compiling the report in the background: the button answers at once with a page that follows the worker,
two presses compile once, an error shows on that page with what failed; and compile_report lays the
documents out outside its transaction, storing them only if the figures did not change meanwhile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from unittest import mock

from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from kinerja.org.models import Assignment
from kinerja.performance import compilation as compilation_module
from kinerja.performance.compilation import STALE_AFTER, STALLED_AFTER, run_compilation
from kinerja.performance.models import Actual, Objective, ReportCompilation, ReportVersion
from kinerja.performance.renderers import pdf
from kinerja.performance.report import compile_report
from tests.base import KinerjaTestCase

from .test_report_build import actual, add_indicator, target

D = Decimal
COMPILE = "/data/reports/compile/"
# The dummy backend keeps what is queued and runs nothing: the worker's part is run by the test.
QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class CompileTestCase(KinerjaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        objective = Objective.objects.create(office=cls.office, code="S1", name="Meningkatnya kualitas koperasi",
                                             plan_start_year=2021, plan_end_year=2026)
        cls.indicator = add_indicator(objective, "IK-01", "Persentase koperasi aktif")
        target(cls.indicator, 2024, D("80"))
        actual(cls.indicator, 2024, D("72.5"))

    def press(self, user: Any = None, **data: str) -> Any:
        self.client.force_login(user or self.subsection_head)
        return self.client.post(COMPILE, {"year": "2024", **data})


@override_settings(TASKS=QUEUE_ONLY)
class CompilePageTestCase(CompileTestCase):
    def setUp(self) -> None:
        super().setUp()
        default_task_backend.clear()  # type: ignore[attr-defined]

    def queued(self) -> list[Any]:
        return default_task_backend.results  # type: ignore[attr-defined,no-any-return]

    def test_the_button_answers_at_once_with_a_page_that_follows_the_worker(self) -> None:
        with mock.patch.object(pdf, "render", side_effect=AssertionError("laid out in the request")), \
                self.captureOnCommitCallbacks(execute=True):
            response = self.press()
        compilation = ReportCompilation.objects.get()
        self.assertRedirects(response, f"{COMPILE}{compilation.pk}/")
        self.assertEqual(compilation.state, ReportCompilation.State.QUEUED)
        self.assertEqual([r.args for r in self.queued()], [[compilation.pk]])
        self.assertFalse(ReportVersion.objects.exists())
        page = self.client.get(response["Location"])
        self.assertContains(page, "Sedang disusun…")
        self.assertContains(page, "Menunggu pekerja latar belakang.")
        self.assertContains(page, 'hx-trigger="every 2s"')
        self.assertContains(page, '<meta http-equiv="refresh"')  # without JavaScript, the page reloads itself

    def test_two_presses_compile_once(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            first = self.press()
        with self.captureOnCommitCallbacks(execute=True):
            second = self.press(self.secretary)
        self.assertEqual(first["Location"], second["Location"])
        self.assertEqual(ReportCompilation.objects.count(), 1)
        self.assertEqual(len(self.queued()), 1)
        # The same task run twice (two workers, a retry) lays the report out once.
        compilation = ReportCompilation.objects.get()
        self.assertIsNotNone(run_compilation(compilation.pk))
        self.assertIsNone(run_compilation(compilation.pk))
        self.assertEqual(ReportVersion.objects.count(), 1)

    def test_the_dashboard_links_the_compile_under_way(self) -> None:
        location = self.press()["Location"]
        dashboard = self.client.get("/data/dashboard/?year=2024")
        self.assertContains(dashboard, f'<a class="compiling" href="{location}">Sedang disusun…</a>', html=True)
        self.assertNotContains(self.client.get("/data/dashboard/?year=2024&quarter=1"), 'class="compiling"')
        run_compilation(ReportCompilation.objects.get().pk)
        self.assertNotContains(self.client.get("/data/dashboard/?year=2024"), 'class="compiling"')

    def test_a_quarter_and_the_year_compile_side_by_side(self) -> None:
        self.press()
        self.press(quarter="2")
        self.assertEqual(ReportCompilation.objects.filter(state=ReportCompilation.State.QUEUED).count(), 2)

    def test_the_page_names_the_stage_under_way(self) -> None:
        self.press()
        compilation = ReportCompilation.objects.get()
        ReportCompilation.objects.filter(pk=compilation.pk).update(state=ReportCompilation.State.RUNNING,
                                                                   stage=ReportCompilation.Stage.XLSX)
        page = self.client.get(f"{COMPILE}{compilation.pk}/", headers={"HX-Request": "true"})
        self.assertTemplateUsed(page, "performance/reports/partials/compilation_state.html")
        self.assertTemplateNotUsed(page, "base.html")
        self.assertContains(page, '<li class="done">menata PDF <span aria-hidden="true">✓</span></li>', html=True)
        self.assertContains(page, '<li class="current" aria-current="step">menulis XLSX…</li>', html=True)
        self.assertContains(page, '<li class="todo">menulis DOCX</li>', html=True)

    def test_when_done_the_page_links_the_documents_and_stops_asking(self) -> None:
        self.press()
        compilation = ReportCompilation.objects.get()
        version_id = run_compilation(compilation.pk)
        version = ReportVersion.objects.get(pk=version_id)
        compilation.refresh_from_db()
        self.assertEqual((compilation.state, compilation.version, compilation.unchanged),
                         (ReportCompilation.State.DONE, version, False))
        self.assertIsNotNone(compilation.finished_at)
        page = self.client.get(f"{COMPILE}{compilation.pk}/", headers={"HX-Request": "true"})
        self.assertContains(page, "Laporan versi 1 telah disusun.")
        self.assertContains(page, version.sha256)
        for fmt in ("pdf", "xlsx", "docx"):
            self.assertContains(page, f"/data/reports/versions/{version.pk}/{fmt}/")
        self.assertNotContains(page, 'hx-trigger="every 2s"')

    def test_unchanged_figures_say_so_and_make_no_version(self) -> None:
        first = compile_report(self.office, 2024, user=self.admin)
        self.press()
        compilation = ReportCompilation.objects.get()
        self.assertEqual(run_compilation(compilation.pk), first.pk)
        page = self.client.get(f"{COMPILE}{compilation.pk}/")
        self.assertContains(page, "Data tidak berubah sejak versi 1; tidak ada versi baru yang dibuat.")
        self.assertEqual(ReportVersion.objects.count(), 1)

    def test_an_error_shows_on_the_page_with_what_failed_and_a_press_starts_again(self) -> None:
        self.press()
        compilation = ReportCompilation.objects.get()
        with mock.patch.object(pdf, "render", side_effect=OSError("font DejaVuSans.ttf tidak terbaca")), \
                self.assertLogs("kinerja.performance.compilation", "ERROR"):
            self.assertIsNone(run_compilation(compilation.pk))
        compilation.refresh_from_db()
        self.assertEqual((compilation.state, compilation.stage), (ReportCompilation.State.FAILED, "pdf"))
        page = self.client.get(f"{COMPILE}{compilation.pk}/")
        self.assertContains(page, "Laporan tidak dapat disusun.")
        self.assertContains(page, "Gagal saat menata PDF: font DejaVuSans.ttf tidak terbaca (OSError)")
        self.assertContains(page, f'action="{COMPILE}"')
        self.assertNotContains(page, 'hx-trigger="every 2s"')
        self.assertFalse(ReportVersion.objects.exists())
        self.assertNotEqual(self.press()["Location"], f"{COMPILE}{compilation.pk}/")

    def test_a_refusal_at_run_time_is_shown_in_the_requesters_words(self) -> None:
        self.press()
        compilation = ReportCompilation.objects.get()
        # The Kasubbag left the position between the press and the worker's run.
        Assignment.objects.filter(person__user=self.subsection_head).delete()
        run_compilation(compilation.pk)
        page = self.client.get(f"{COMPILE}{compilation.pk}/")
        self.assertContains(page, "Laporan tidak dapat disusun.")
        self.assertContains(page, "Hanya Kasubbag")

    def test_a_compilation_cut_off_long_ago_does_not_block_the_next(self) -> None:
        self.press()
        old = ReportCompilation.objects.get()
        ReportCompilation.objects.filter(pk=old.pk).update(updated_at=timezone.now() - STALE_AFTER
                                                           - dt.timedelta(minutes=1))
        self.assertNotEqual(self.press()["Location"], f"{COMPILE}{old.pk}/")
        old.refresh_from_db()
        self.assertEqual(old.state, ReportCompilation.State.FAILED)
        self.assertIn("terputus", old.error)

    def running(self, touched_ago: dt.timedelta) -> ReportCompilation:
        """A pressed compilation its worker took up, last touched `touched_ago`."""
        self.press()
        compilation = ReportCompilation.objects.get()
        ReportCompilation.objects.filter(pk=compilation.pk).update(
            state=ReportCompilation.State.RUNNING, stage=ReportCompilation.Stage.PDF,
            updated_at=timezone.now() - touched_ago)
        return compilation

    def test_a_running_compilation_whose_worker_stopped_is_stalled_and_a_press_compiles_again(self) -> None:
        old = self.running(STALLED_AFTER + dt.timedelta(seconds=5))
        page = self.client.get(f"{COMPILE}{old.pk}/")
        self.assertContains(page, "Penyusunan terhenti.")
        self.assertContains(page, "Tidak ada kemajuan lebih dari 1 menit saat menata PDF")
        self.assertNotContains(page, f'hx-get="{COMPILE}{old.pk}/"')  # no longer followed
        self.assertNotContains(page, '<meta http-equiv="refresh"')
        self.assertContains(page, '<button type="submit" class="primary">Susun ulang</button>', html=True)
        self.assertNotContains(self.client.get(f"{COMPILE}{old.pk}/", headers={"HX-Request": "true"}), "hx-trigger")
        self.assertContains(self.client.get(f"{COMPILE}{old.pk}/", headers={"HX-Request": "true"}), "Susun ulang")
        location = self.press()["Location"]
        self.assertNotEqual(location, f"{COMPILE}{old.pk}/")
        old.refresh_from_db()
        self.assertEqual(old.state, ReportCompilation.State.FAILED)
        self.assertIn("terputus", old.error)
        self.assertContains(self.client.get(location), 'hx-trigger="every 2s"')

    def test_a_running_compilation_its_worker_still_touches_is_followed_and_found_by_a_second_press(self) -> None:
        compilation = self.running(STALLED_AFTER - dt.timedelta(seconds=15))
        page = self.client.get(f"{COMPILE}{compilation.pk}/")
        self.assertContains(page, 'hx-trigger="every 2s"')
        self.assertNotContains(page, "Penyusunan terhenti.")
        self.assertEqual(self.press(self.secretary)["Location"], f"{COMPILE}{compilation.pk}/")
        self.assertEqual(ReportCompilation.objects.count(), 1)

    def test_staff_may_not_press_and_another_office_sees_nothing(self) -> None:
        self.assertEqual(self.press(self.staff).status_code, 403)
        self.assertFalse(ReportCompilation.objects.exists())
        location = self.press()["Location"]
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(location).status_code, 404)


class CompileReportTestCase(CompileTestCase):
    def test_the_documents_are_laid_out_outside_the_transaction(self) -> None:
        # A transaction open through seconds of layout keeps every other writer waiting (on SQLite, the
        # whole database). The test case's own transaction is the depth every caller starts from.
        depth = len(connection.atomic_blocks)
        seen = []
        real = pdf.render

        def render(report: Any) -> bytes:
            seen.append(len(connection.atomic_blocks))
            return real(report)

        with mock.patch.object(pdf, "render", render):
            compile_report(self.office, 2024, user=self.admin)
        self.assertEqual(seen, [depth])

    def test_figures_changed_during_the_layout_are_laid_out_again(self) -> None:
        real = pdf.render
        calls = []

        def render(report: Any) -> bytes:
            if not calls:  # a division corrects its actual while the first layout runs
                Actual.objects.filter(indicator=self.indicator, year=2024).update(value_number=D("76"))
            calls.append(report.indicators[0].actual)
            return real(report)

        with mock.patch.object(pdf, "render", render):
            version = compile_report(self.office, 2024, user=self.admin)
        self.assertEqual(calls, [D("72.5"), D("76")])
        self.assertEqual(version.data["indicators"][0]["actual"], 76)
        self.assertEqual(ReportVersion.objects.count(), 1)

    def test_it_tells_its_progress_stage_by_stage(self) -> None:
        stages: list[str] = []
        compile_report(self.office, 2024, user=self.admin, progress=stages.append)
        self.assertEqual(stages, ["reading", "pdf", "xlsx", "docx", "saving"])
        stages.clear()
        compile_report(self.office, 2024, user=self.admin, progress=stages.append)
        self.assertEqual(stages, ["reading"])  # unchanged figures: nothing to lay out


class HeartbeatTestCase(CompileTestCase):
    def test_the_worker_touches_the_row_while_a_long_stage_runs_and_stops_after(self) -> None:
        import time

        compilation = ReportCompilation.objects.create(office=self.office, year=2024, requested_by=self.admin)
        touched: list[int] = []
        real = pdf.render

        def slow(report: Any) -> bytes:
            time.sleep(0.5)  # one long stage: the layout of a large office's PDF
            return real(report)

        with mock.patch.object(compilation_module, "HEARTBEAT_EVERY", dt.timedelta(seconds=0.05)), \
                mock.patch.object(compilation_module, "_touch", touched.append), mock.patch.object(pdf, "render", slow):
            self.assertIsNotNone(run_compilation(compilation.pk))
            beats = len(touched)
            time.sleep(0.2)
        self.assertGreaterEqual(beats, 3)
        self.assertEqual(set(touched), {compilation.pk})
        self.assertEqual(len(touched), beats)  # the heartbeat ended with the compile

    def test_a_beat_touches_a_running_row_only(self) -> None:
        long_ago = timezone.now() - dt.timedelta(hours=1)
        running = ReportCompilation.objects.create(office=self.office, year=2024, requested_by=self.admin,
                                                   state=ReportCompilation.State.RUNNING)
        given_up = ReportCompilation.objects.create(office=self.office, year=2024, quarter=1, requested_by=self.admin,
                                                    state=ReportCompilation.State.FAILED)
        ReportCompilation.objects.update(updated_at=long_ago)
        compilation_module._touch(running.pk)
        compilation_module._touch(given_up.pk)
        running.refresh_from_db()
        given_up.refresh_from_db()
        self.assertGreater(running.updated_at, long_ago)
        self.assertFalse(compilation_module.is_stalled(running))
        self.assertEqual(given_up.updated_at, long_ago)
