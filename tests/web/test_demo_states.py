"""`kinerja demo` as a new user meets it: the whole demo loaded by its command on the real date (the first
day of the Sekretaris's week as Plh Kepala Dinas), then Beranda and the inbox through the test Client.

The states the finished features need are there, made by the real actions: a case whose Data Kinerja waits
for the Kasubbag's initials, one whose Data Kinerja has both initials and waits for the signature (the Plh
signs; `kadis` reads who acts for him), a head's letter whose case waits for the Sekretaris's disposition,
the year's Rencana Aksi. A second run adds nothing, and every audit chain verifies."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command

from kinerja.correspondence.actions import report_title
from kinerja.correspondence.demo import _previous_quarter
from kinerja.correspondence.models import Document, Initial, Letter, Signature
from kinerja.org.holding import today_in
from kinerja.org.models import Office, Person
from kinerja.performance import signoff
from kinerja.performance.models import ActionPlanItem, ActualRevision, ReportVersion
from kinerja.workflow import audit
from kinerja.workflow.models import Case, Event, Task
from tests.base import DemoDataTestCase


def _period(title: str) -> str:
    return title.removeprefix("Data Kinerja ")


class DemoStatesTestCase(DemoDataTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("demo", quiet=True)
        cls.office = Office.objects.get()
        day = today_in(cls.office.time_zone)
        year, quarter = _previous_quarter(day)
        cls.collected = report_title(year, quarter)  # Data Kinerja Triwulan … : the Kasubbag's initials owed
        cls.collected_period = (year, quarter)
        cls.last_year = report_title(year - 1, None)  # Data Kinerja Tahun …: the signature owed
        # The letter waiting for its disposition: on the quarter under way.
        cls.current = _period(report_title(day.year, (day.month - 1) // 3 + 1))

    def login(self, username: str) -> None:
        self.client.force_login(Person.objects.get(user__username=username).user)

    def pages(self, username: str) -> tuple[str, str]:
        self.login(username)
        home, inbox = self.client.get("/"), self.client.get("/inbox/")
        self.assertEqual((home.status_code, inbox.status_code), (200, 200))
        return home.content.decode(), inbox.content.decode()

    def document(self, title: str) -> Document:
        return Document.objects.get(office=self.office, kind=Document.Kind.PERFORMANCE_DATA, title=title)

    def open_step(self, case_id: int) -> int:
        return Task.objects.get(case_id=case_id, status=Task.Status.OPEN).step.number

    def test_the_kasubbag_is_asked_to_initial_the_quarter_being_collected(self) -> None:
        document = self.document(self.collected)
        self.assertIsNotNone(document.case_id)
        self.assertEqual(self.open_step(document.case_id), 4)
        self.assertFalse(Initial.objects.filter(version__document=document).exists())
        letter = Letter.objects.get(case_id=document.case_id)
        self.assertEqual((letter.period, letter.dispositions.count()), (_period(self.collected), 1))
        button = f'href="/documents/{document.pk}/"'
        for page in self.pages("kasubbag"):
            self.assertIn(f"Paraf {self.collected}", page)
            self.assertIn(button, page)
        for page in self.pages("sekretaris"):
            self.assertNotIn(f"Paraf {self.collected}", page)  # the Kasubbag's initials come first

    def test_last_years_data_waits_for_the_plh_to_sign(self) -> None:
        document = self.document(self.last_year)
        self.assertEqual(self.open_step(document.case_id), 6)
        initials = Initial.objects.filter(version__document=document).order_by("created_at")
        self.assertEqual([i.user.username for i in initials], ["kasubbag", "sekretaris"])
        self.assertFalse(Signature.objects.filter(version__document=document).exists())
        # Steps 4 and 5 were completed by those initials (workflow_link), not by hand.
        done = Task.objects.filter(case_id=document.case_id, status=Task.Status.DONE, step__number__in=[4, 5])
        self.assertEqual(sorted(done.values_list("step__number", "done_by__username")),
                         [(4, "kasubbag"), (5, "sekretaris")])
        for page in self.pages("sekretaris"):  # Plh Kepala Dinas this week
            self.assertIn(f"Tandatangani {self.last_year}", page)
        for page in self.pages("kadis"):
            self.assertNotIn(f"Tandatangani {self.last_year}", page)
            self.assertIn('id="stand-ins"', page)
            self.assertIn("Plh. Kepala Dinas", page)
            # The letters waiting for a disposition wait for the Plh this week, not for him.
            self.assertNotIn("Surat menunggu disposisi Anda", page)

    def test_the_buttons_lead_to_acts_that_move_the_cases_on(self) -> None:
        """The states are real: the Kasubbag's initials wait while the quarter under collection has figures
        not yet checked (they name them, and the case stays at step 4); the Plh's signature ends the case."""
        quarter, year = self.document(self.collected), self.document(self.last_year)
        # The files the demo stored (conftest gives each test a MEDIA_ROOT of its own).
        media = self.settings(MEDIA_ROOT=self.data_dir / "files")
        media.enable()
        self.addCleanup(media.disable)
        self.login("kasubbag")
        waiting = signoff.unchecked(self.office, *self.collected_period)
        self.assertTrue(waiting)
        page = self.client.post(f"/documents/versions/{quarter.versions.get().pk}/initial/", follow=True)
        self.assertEqual(self.open_step(quarter.case_id), 4)
        self.assertIn(waiting[0].indicator.code, " ".join(str(m) for m in page.context["messages"]))
        self.assertFalse(Initial.objects.filter(version__document=quarter).exists())
        self.login("sekretaris")
        self.client.post(f"/documents/versions/{year.versions.get().pk}/sign/", {"password": settings.DEMO_PASSWORD})
        self.assertEqual(Signature.objects.get(version__document=year).signer_title[:4], "Plh.")
        self.assertEqual(Case.objects.get(pk=year.case_id).status, Case.Status.DONE)

    def test_a_heads_letter_waits_for_the_sekretaris_disposition(self) -> None:
        letter = Letter.objects.get(office=self.office, period=self.current)
        self.assertFalse(letter.dispositions.exists())
        self.assertEqual(self.open_step(letter.case_id), 1)
        for page in self.pages("sekretaris"):
            self.assertIn(f"Disposisikan surat {letter.agenda_number}", page)
            self.assertIn(f'href="/letters/{letter.pk}/"', page)

    def test_the_existing_cases_keep_their_states(self) -> None:
        cases = Case.objects.filter(office=self.office, status=Case.Status.OPEN)
        started_by_runner = cases.exclude(pk__in=Letter.objects.exclude(case_id=None).values("case_id"))
        steps = sorted(Task.objects.filter(case__in=started_by_runner, status=Task.Status.OPEN)
                       .values_list("step__number", flat=True))
        self.assertEqual(steps, [1, 3, 4, 4])
        self.assertEqual(Event.objects.filter(case__in=started_by_runner, kind=Event.Kind.RETURNED).count(), 1)
        self.assertGreaterEqual(Case.objects.filter(office=self.office, status=Case.Status.DONE).count(), 3)

    def test_the_year_has_a_rencana_aksi(self) -> None:
        day = today_in(self.office.time_zone)
        plan = ActionPlanItem.objects.filter(indicator__office=self.office, year=day.year)
        self.assertGreaterEqual(plan.values("indicator").distinct().count(), 10)
        self.assertTrue(plan.filter(quarter__isnull=False).exists())
        self.assertTrue(plan.filter(quarter__isnull=True, target_q4__isnull=False, budget__isnull=False).exists())

    def test_a_second_run_adds_nothing_and_the_chains_verify(self) -> None:
        models = (Letter, Document, Initial, Signature, Case, Task, Event, ActionPlanItem, ReportVersion, ActualRevision)
        before = [m.objects.count() for m in models]
        call_command("demo", quiet=True)
        self.assertEqual([m.objects.count() for m in models], before)
        checked, _intact, broken = audit.verify_all()
        self.assertEqual((checked > 0, broken), (True, []))
