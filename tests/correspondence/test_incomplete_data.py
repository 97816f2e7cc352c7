"""A Data Kinerja put up for initials says on its page what it may still lack (signoff.incomplete_notes): its
period not over yet, the indicators the compilation has no figure of, the divisions that have not answered the
case's requests. A note, not a refusal: the initials and the signature stay possible."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone, translation

from kinerja.correspondence import actions
from kinerja.org.models import Unit
from kinerja.performance.models import Actual, Indicator, Objective, Target
from kinerja.performance.report import compile_report
from kinerja.performance.signoff import incomplete_notes, period_end
from kinerja.workflow import actions as wf
from kinerja.workflow.models import Case, Task

from .test_workflow_link import SeedSopTestCase


class IncompleteDataTestCase(SeedSopTestCase):
    def setUp(self) -> None:
        super().setUp()
        objective = Objective.objects.create(office=self.office, code="S1", name="Koperasi sehat",
                                             plan_start_year=2025, plan_end_year=2029)
        self.indicators = [Indicator.objects.create(office=self.office, objective=objective, code=f"IK-0{n}",
                                                    name=f"Indikator {n}", unit="%", order=n) for n in (1, 2, 3)]
        for indicator in self.indicators:
            Target.objects.create(indicator=indicator, year=2025, kind="quarter", quarter=1, value_number=Decimal(80))
        Actual.objects.create(indicator=self.indicators[0], year=2025, quarter=1, value_number=Decimal(82),
                              status=Actual.Status.CHECKED)

    def test_the_notes_name_the_period_s_end_the_indicators_without_a_figure_and_the_silent_divisions(self) -> None:
        letter = self.post_letter()
        case = Case.objects.get(pk=letter.case_id)
        wf.complete_task(case.tasks.get(status=Task.Status.OPEN).pk, user=self.secretary)
        wf.complete_task(case.tasks.get(status=Task.Status.OPEN).pk, user=self.subsection_head, next_user=self.staff)
        step3 = case.tasks.get(status=Task.Status.OPEN)
        divisions = list(Unit.objects.filter(office=self.office, kind=Unit.Kind.DIVISION).order_by("name"))
        wf.send_division_requests(step3.pk, user=self.staff, divisions=divisions, what="Realisasi TW I",
                                  due_at=timezone.now() + dt.timedelta(days=5))
        report = compile_report(self.office, 2025, 1, user=self.subsection_head)
        with translation.override("en"):
            during = incomplete_notes(report, dt.date(2025, 3, 28), case.pk)
            after = incomplete_notes(report, dt.date(2025, 4, 1), case.pk)
        self.assertEqual(during[0], "Quarter I 2025 ends on 31 March 2025: its figures may not be final yet.")
        self.assertEqual(after[0], "2 of the 3 indicators have no figure in this compilation: IK-02, IK-03.")
        self.assertEqual(after[1:], ["Not answered the request for their data: "
                                     + ", ".join(d.name for d in divisions) + "."])
        self.assertEqual(during[1:], after)
        # On the document's page, before the initials (still offered to the Kasubbag).
        version = actions.take_report(report.pk, user=self.subsection_head)
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/documents/{version.document_id}/").content.decode()
        self.assertIn('id="incomplete-data"', page)
        self.assertIn("2 dari 3 indikator belum memiliki angka dalam penyusunan ini: IK-02, IK-03.", page)
        self.assertIn(f'action="/documents/versions/{version.pk}/initial/"', page)

    def test_a_complete_compilation_of_an_ended_period_has_no_note(self) -> None:
        for indicator in self.indicators[1:]:
            Actual.objects.create(indicator=indicator, year=2025, quarter=1, value_number=Decimal(79),
                                  status=Actual.Status.CHECKED)
        report = compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.assertEqual(incomplete_notes(report, dt.date(2025, 4, 1)), [])
        version = actions.take_report(report.pk, user=self.subsection_head)
        self.client.force_login(self.subsection_head)
        self.assertNotContains(self.client.get(f"/documents/{version.document_id}/"), 'id="incomplete-data"')

    def test_the_end_of_each_period(self) -> None:
        self.assertEqual([period_end(2025, q) for q in (1, 2, 3, 4, None)],
                         [dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2025, 9, 30), dt.date(2025, 12, 31),
                          dt.date(2025, 12, 31)])
        self.assertEqual(period_end(2024, 1), dt.date(2024, 3, 31))
