"""A step whose "Belum sesuai" sends the work back to itself (an SOP's "Jika tidak sesuai, kembali ke
langkah 4" written on step 4): its round is closed as returned and the step's next round opens, on both
databases (on PostgreSQL the returned round is written before the next one opens, fastsql.send_held)."""

from __future__ import annotations

from kinerja.sop.models import Step
from kinerja.workflow import actions, audit
from kinerja.workflow.models import Event, Task

from .base import WorkflowTestCase, at


class ReturnToItselfTestCase(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        step4 = Step.objects.get(version=cls.version, number=4)
        step4.returns_to.set([step4])

    def test_the_step_opens_its_next_round(self) -> None:
        case = self.start_case()
        step4 = self.run_to_step(case, 4)
        returned = actions.return_task(step4.pk, user=self.subsection_head, reason="Rekap belum lengkap",
                                       at=at(24, 10))
        self.assertEqual(returned.status, Task.Status.RETURNED)
        again = returned.next_task
        self.assertEqual((again.step.number, again.round, again.status), (4, 2, Task.Status.OPEN))
        self.assertEqual(list(case.tasks.filter(status=Task.Status.OPEN).values_list("pk", flat=True)), [again.pk])
        self.assertEqual(Task.objects.get(pk=step4.pk).status, Task.Status.RETURNED)
        kinds = list(case.events.order_by("-seq").values_list("kind", flat=True)[:2])
        self.assertEqual(kinds, [Event.Kind.TASK_ASSIGNED, Event.Kind.RETURNED])
        self.assertIsNone(audit.verify_case(case.events.order_by("seq"), case.pk))
        # The next round is completed as any other, and the case goes on.
        done = actions.complete_task(again.pk, user=self.subsection_head, note="Lengkap", at=at(24, 11))
        self.assertEqual(done.next_task.step.number, 5)
