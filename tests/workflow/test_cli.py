"""`kinerja case start|list|show|complete|return|reassign` and `kinerja audit verify` through call_command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.org.models import Assignment
from kinerja.workflow import actions
from kinerja.workflow.models import Case, Event, Task

from .base import WorkflowTestCase


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


class CaseCommandTestCase(WorkflowTestCase):
    def test_a_case_runs_from_the_command_line(self) -> None:
        out = run("case", "start", str(self.version.pk), "--user", "sekretaris", "--title", "Triwulan I 2025",
                  "--period", "Triwulan I 2025", "--at", "2025-03-24T08:00:00+07:00")
        case = Case.objects.get()
        # In the office's time zone (WIB), as the plan and the web show it.
        self.assertIn("batas waktu 2025-03-24T08:02:00+07:00", out)
        self.assertTrue(out.startswith(f"Pelaksanaan SOP {case.pk}: Triwulan I 2025 · tugas "))
        task = case.tasks.get()
        out = run("case", "complete", str(task.pk), "--user", "sekretaris", "--note", "Disposisi",
                  "--at", "2025-03-24T08:01:00+07:00")
        self.assertIn(f"Tugas {task.pk} selesai · berikutnya: tugas", out)
        self.assertIn("langkah 2, batas waktu 2025-03-24T08:11:00+07:00", out)
        step2 = case.tasks.get(status="open")
        run("case", "complete", str(step2.pk), "--user", "kasubbag", "--next-user", "jfu2",
            "--at", "2025-03-24T08:05:00+07:00")
        self.assertEqual(case.tasks.get(status="open").assignee, self.staff2.person)
        listing = run("case", "list", "--office", self.office.code)
        self.assertIn("\topen\tTriwulan I 2025\tTriwulan I 2025\tlangkah 3, tugas", listing)
        self.assertEqual(listing.splitlines()[0], "Pelaksanaan SOP\tStatus\tJudul\tPeriode\tLangkah terbuka")
        shown = run("case", "show", str(case.pk))
        self.assertIn("task_assigned", shown)
        self.assertIn("\tlangkah 1, putaran 1\tdone\t", shown)
        self.assertIn("batas waktu 2025-03-24T08:02:00+07:00 2025-03-24T08:01:00+07:00 oleh sekretaris", shown)
        self.assertIn("\t2025-03-24T08:00:00+07:00\tcase_started\tsekretaris", shown)
        self.assertNotIn("+00:00", shown + listing)
        self.assertTrue(shown.startswith("Triwulan I 2025 (Triwulan I 2025) · "))
        Case.objects.filter(pk=case.pk).update(period="")  # an SOP that needs no period (a permit)
        self.assertTrue(run("case", "show", str(case.pk)).startswith("Triwulan I 2025 · "))

    def test_times_are_printed_to_the_second(self) -> None:
        # A case started on the wall clock (microseconds), as the web and the demo start them.
        case = actions.start_case(self.version.pk, user=self.secretary, title="Triwulan II 2025",
                                  period="Triwulan II 2025", at=dt.datetime(2025, 3, 24, 8, 0, 15, 309207,
                                                                           tzinfo=dt.timezone(dt.timedelta(hours=7))))
        listing, shown = run("case", "list"), run("case", "show", str(case.pk))
        self.assertIn("batas waktu 2025-03-24T08:02:15+07:00", listing)
        self.assertIn("\t2025-03-24T08:00:15+07:00\tcase_started", shown)
        self.assertNotIn(".309207", listing)
        self.assertIn("\tbatas waktu 2025-03-24T08:02:15+07:00", shown)  # the event's own data keeps what was recorded

    def test_return_needs_a_reason_and_names_the_new_round(self) -> None:
        case = self.start_case()
        step5 = self.run_to_step(case, 5)
        with self.assertRaisesMessage(CommandError, "Alasan"):
            run("case", "return", str(step5.pk), "--user", "sekretaris", "--reason", " ")
        out = run("case", "return", str(step5.pk), "--user", "sekretaris", "--reason", "Belum lengkap",
                  "--at", "2025-03-25T09:00:00+07:00")
        self.assertIn(f"Tugas {step5.pk} dikembalikan · kembali ke tugas", out)
        self.assertIn("langkah 4, putaran 2", out)

    def test_a_superior_reassigns_the_task_of_a_vacant_position(self) -> None:
        case = self.start_case()
        task = self.run_to_step(case, 2)
        # The Kasubbag leaves the office: nobody holds the position of step 2 any more.
        Assignment.objects.filter(person__user=self.subsection_head).update(ends_on=dt.date(2025, 3, 23))
        with self.assertRaisesMessage(CommandError, "Hanya atasan"):
            run("case", "reassign", str(task.pk), "--user", "jfu", "--to", "jfu2", "--reason", "Kasubbag pindah")
        with self.assertRaisesMessage(CommandError, "Alasan"):
            run("case", "reassign", str(task.pk), "--user", "sekretaris", "--to", "jfu2", "--reason", " ")
        # Not up the line, nor to a Bidang's people, from the command line either (actions.reassign_task).
        with self.assertRaisesMessage(CommandError, "ia Pengelola Data Bidang Kelembagaan dan Pengawasan Koperasi"):
            run("case", "reassign", str(task.pk), "--user", "sekretaris", "--to", "bidang1", "--reason", "Bantu",
                "--at", "2025-04-01T09:00:00+07:00")
        out = run("case", "reassign", str(task.pk), "--user", "sekretaris", "--to", "jfu2", "--reason",
                  "Kasubbag pindah tugas", "--at", "2025-03-24T09:00:00+07:00")
        self.assertIn(f"Tugas {task.pk}, langkah 2 · kini jfu2 · batas waktu 2025-03-24T08:11:00+07:00", out)
        out = run("case", "complete", str(task.pk), "--user", "jfu2", "--next-user", "jfu",
                  "--at", "2025-03-24T09:05:00+07:00")
        self.assertIn("langkah 3", out)
        self.assertEqual(case.events.get(kind=Event.Kind.REASSIGNED).data["reason"], "Kasubbag pindah tugas")

    def test_bad_input_is_a_clear_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "bukan tanggal dan jam ISO 8601"):
            run("case", "start", str(self.version.pk), "--user", "sekretaris", "--title", "X", "--period", "2025",
                "--at", "24/03/2025")
        with self.assertRaisesMessage(CommandError, "tidak ada pengguna nobody"):
            run("case", "start", str(self.version.pk), "--user", "nobody", "--title", "X", "--period", "2025")
        with self.assertRaisesMessage(CommandError, "bukan tugas Anda"):
            task = self.open_task(self.start_case())
            run("case", "complete", str(task.pk), "--user", "jfu")
        self.assertEqual(Task.objects.get(pk=task.pk).status, "open")

    def test_a_day_that_does_not_exist_is_a_clear_error(self) -> None:
        # Well-formed but impossible: Django's parse_datetime raises ValueError for these, not None.
        start = ("case", "start", str(self.version.pk), "--user", "sekretaris", "--title", "X", "--period", "2025")
        for args, option, value in [
            ((*start, "--at", "2026-13-01T08:00+07:00"), "--at", "2026-13-01T08:00+07:00"),
            ((*start, "--target-deadline", "2026-02-30T08:00+07:00"), "--target-deadline", "2026-02-30T08:00+07:00"),
        ]:
            with self.subTest(option), self.assertRaisesMessage(
                    CommandError, f"{option}: '{value}' bukan tanggal dan jam ISO 8601 dengan zona waktu"):
                run(*args)
        self.assertFalse(Case.objects.exists())
        task = self.open_task(self.start_case())
        for verb, extra in [("complete", ()), ("return", ("--reason", "Kurang")),
                            ("reassign", ("--to", "jfu2", "--reason", "Pindah"))]:
            with self.subTest(verb), self.assertRaisesMessage(CommandError, "'2026-02-30T08:00+07:00' bukan tanggal"):
                run("case", verb, str(task.pk), "--user", "sekretaris", *extra, "--at", "2026-02-30T08:00+07:00")
        self.assertEqual(Task.objects.get(pk=task.pk).status, "open")

    def test_the_kadis_away_is_told_who_starts_cases_meanwhile(self) -> None:
        # 25 March 2025: the Sekretaris is Plh Kepala Dinas (24 to 30 March).
        with self.assertRaisesMessage(CommandError, "Anda tidak dapat memulai pelaksanaan"
                                      f" {self.version.name} hari ini: {self.secretary.person.full_name} (Plh. "):
            run("case", "start", str(self.version.pk), "--user", "kadis", "--title", "X", "--period", "2025",
                "--at", "2025-03-25T09:00:00+07:00")
        self.assertIn("Triwulan I 2025", run("case", "start", str(self.version.pk), "--user", "kadis", "--title",
                                             "Triwulan I 2025", "--period", "2025", "--at", "2025-04-01T09:00:00+07:00"))


class AuditVerifyCommandTestCase(WorkflowTestCase):
    def test_it_reports_the_first_broken_event(self) -> None:
        case = self.start_case()
        self.run_to_step(case, 3)
        self.assertIn("OK: 1 pelaksanaan SOP, 6 peristiwa, semua rantai utuh.", run("audit", "verify"))
        Event.objects.filter(case=case, seq=4).update(actor=self.head)
        with self.assertRaisesMessage(CommandError, f"1 dari 1 rantai audit rusak; yang pertama: pelaksanaan SOP {case.pk}, "
                                                    "peristiwa #4"):
            run("audit", "verify")


def test_the_console_script_exits_1_on_a_broken_chain(kinerja) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    done = kinerja("audit", "verify")
    assert done.returncode == 0 and "OK: 0 pelaksanaan SOP" in done.stdout, done.stderr
    # A forged event written past the application (foreign keys are not enforced by plain sqlite3).
    db = sqlite3.connect(kinerja.data_dir / "kinerja.sqlite3")
    db.execute("INSERT INTO workflow_case (id, office_id, sop_version_id, title, period, trigger_note, status, "
               "started_at, at_risk, guarded) VALUES (7, 1, 1, 'x', 'x', '', 'open', '2025-03-24 01:00:00', 0, 0)")
    db.execute("INSERT INTO workflow_event (case_id, seq, kind, at, data, prev_hash, hash) VALUES "
               "(7, 1, 'case_started', '2025-03-24 01:00:00', '{}', ?, 'forged')", ("0" * 64,))
    db.commit()
    done = kinerja("audit", "verify")
    assert done.returncode == 1
    assert "pelaksanaan SOP 7, peristiwa #1" in done.stderr and "Traceback" not in done.stderr
