"""The hash-chained audit trail: every change appends an event; a row altered in the database is found."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kinerja.workflow import actions, audit
from kinerja.workflow.models import Event

from .base import WorkflowTestCase, at


class AuditTrailTestCase(WorkflowTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.case = self.start_case()
        step5 = self.run_to_step(self.case, 5)
        actions.return_task(step5.pk, user=self.secretary, reason="Belum lengkap", at=at(25, 9))
        self.other_case = self.start_case("Triwulan II", period="Triwulan II 2025")

    def test_every_change_is_chained(self) -> None:
        events = list(self.case.events.order_by("seq"))
        self.assertEqual([e.seq for e in events], list(range(1, len(events) + 1)))
        self.assertEqual(events[0].prev_hash, audit.GENESIS)
        for before, after in zip(events, events[1:], strict=False):
            self.assertEqual(after.prev_hash, before.hash)
        self.assertEqual(audit.verify_all(), (2, Event.objects.count(), []))

    def test_verify_names_an_event_altered_with_update(self) -> None:
        target = self.case.events.get(kind=Event.Kind.RETURNED)
        Event.objects.filter(pk=target.pk).update(data={**target.data, "reason": "Sudah lengkap"})
        _cases, _events, breaks = audit.verify_all()
        self.assertEqual([(b.case_id, b.seq, b.problem) for b in breaks], [(self.case.pk, target.seq, "hash")])

    def test_verify_names_an_event_altered_with_raw_sql(self) -> None:
        target = self.case.events.get(seq=3)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {Event._meta.db_table} SET at = %s WHERE id = %s", [at(1, 8), target.pk])
        out, err = StringIO(), StringIO()
        with self.assertRaises(CommandError) as raised:
            call_command("audit", "verify", stdout=out, stderr=err)
        self.assertIn(f"pelaksanaan SOP {self.case.pk}, peristiwa #3", str(raised.exception))

    def test_verify_finds_a_deleted_event(self) -> None:
        Event.objects.filter(case=self.case, seq=2)._raw_delete(Event.objects.db)
        breaks = audit.verify_all()[2]
        self.assertEqual([(b.seq, b.problem) for b in breaks], [(3, "gap")])

    def test_verify_passes_on_intact_chains(self) -> None:
        out = StringIO()
        call_command("audit", "verify", stdout=out)
        self.assertIn("2", out.getvalue())
