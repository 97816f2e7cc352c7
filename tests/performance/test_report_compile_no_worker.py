"""A compilation nobody takes up (only `kinerja serve` runs, no `kinerja worker`): after a minute its
page says the worker seems not to run and what the administrator must start, and keeps following."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings
from django.utils import timezone

from kinerja.performance.models import ReportCompilation

from .test_report_compile import COMPILE, QUEUE_ONLY, CompileTestCase


@override_settings(TASKS=QUEUE_ONLY)
class NoWorkerTestCase(CompileTestCase):
    def queued_since(self, ago: dt.timedelta) -> ReportCompilation:
        with self.captureOnCommitCallbacks(execute=True):
            self.press()
        compilation = ReportCompilation.objects.get()
        ReportCompilation.objects.filter(pk=compilation.pk).update(requested_at=timezone.now() - ago)
        return compilation

    def test_a_minute_queued_names_the_worker_to_start(self) -> None:
        compilation = self.queued_since(dt.timedelta(minutes=1, seconds=5))
        for headers in ({}, {"HX-Request": "true"}):
            page = self.client.get(f"{COMPILE}{compilation.pk}/", headers=headers)
            self.assertContains(page, "Pekerja latar belakang tampaknya tidak berjalan")
            self.assertContains(page, "<code>kinerja worker</code>")
            self.assertContains(page, "<code>make run</code>")
            self.assertNotContains(page, "Menunggu pekerja latar belakang.")
            self.assertContains(page, 'hx-trigger="every 2s"')  # goes on by itself once the worker runs

    def test_just_queued_only_waits(self) -> None:
        compilation = self.queued_since(dt.timedelta(seconds=20))
        page = self.client.get(f"{COMPILE}{compilation.pk}/")
        self.assertContains(page, "Menunggu pekerja latar belakang.")
        self.assertNotContains(page, "kinerja worker")
