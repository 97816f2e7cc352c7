"""Minutes of a coordination meeting, their PDF and the follow-ups of their persons in charge."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

from django.utils.formats import date_format

from kinerja.correspondence import actions
from kinerja.correspondence.models import FollowUp, Minutes
from kinerja.errors import KinerjaError, NotAllowed
from kinerja.org import actions as org_actions

from .helpers import CorrespondenceTestCase


class MinutesTestCase(CorrespondenceTestCase):
    def minutes(self, **kw) -> Minutes:  # type: ignore[no-untyped-def]
        p = self.positions
        data = actions.MinutesInput(
            title="Rapat Koordinasi Data Kinerja Triwulan I", held_on=kw.pop("held_on", dt.date(2025, 3, 26)),
            place="Ruang Rapat",
            chair=p["subsection_head"], agenda="Pengumpulan data kinerja",
            discussion=kw.pop("discussion", "Data UMKM terlambat"), decisions="Semua bidang menyerahkan data",
            present=kw.pop("present", [p["subsection_head"], p["staff"], p["contact:0"]]),
            absent=kw.pop("absent", [p["contact:1"]]), follow_ups=kw.pop("follow_ups", [
                actions.FollowUpInput("Serahkan realisasi Bidang Kelembagaan", p["contact:0"], dt.date(2025, 3, 31))]),
            **kw)
        return actions.record_minutes(self.office, data, user=self.staff)

    def test_it_records_attendance_follow_ups_and_a_pdf_version(self) -> None:
        minutes = self.minutes()
        self.assertEqual(minutes.attendance.filter(present=True).count(), 3)
        self.assertEqual(minutes.attendance.get(present=False).name, "Contoh Operator Bidang Dua")
        version = minutes.document.versions.get()
        path = self.data_dir / "notulen.pdf"
        path.write_bytes(version.file.read())
        text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        for expected in ("NOTULEN RAPAT", "Hari/Tanggal : Rabu, 26 Maret 2025", "Daftar Hadir", "Tidak hadir",
                         "Serahkan realisasi Bidang Kelembagaan",
                         "31 Maret 2025", "Notulis", "Pimpinan Rapat", "Contoh Staf Demo Satu"):
            self.assertIn(expected, text)

    def test_an_acting_chair_and_attendee_print_as_plt(self) -> None:
        # The Sekretaris is Plt. Kasubbag that day and chairs: she signs as "Plt. Kepala Sub Bagian …", not under
        # the definitive title, as on the disposition sheet and the signature.
        day = dt.date(2025, 3, 26)
        org_actions.assign(self.built.people["sekretaris"], self.positions["subsection_head"], starts_on=day,
                           ends_on=day, kind="plt", decree_number="800/14/2025")
        path = self.data_dir / "notulen-plt.pdf"
        path.write_bytes(self.minutes(held_on=day).document.versions.get().file.read())
        text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        self.assertIn("Pimpinan Rapat : Plt. Kepala Sub Bagian Program, Keuangan dan Aset", text)
        self.assertIn("Pimpinan Rapat, Plt. Kepala Sub Bagian Program, Keuangan dan Aset", text)
        self.assertIn("1 Plt. Kepala Sub Bagian Program, Keuangan dan Aset Contoh Sekretaris Demo", text)
        self.assertEqual(text.count("Plt."), 3)  # the other attendees hold their own positions

    def test_the_page_names_an_acting_chair_and_attendee_as_plt_as_the_pdf_does(self) -> None:
        day = dt.date(2025, 3, 26)
        org_actions.assign(self.built.people["sekretaris"], self.positions["subsection_head"], starts_on=day,
                           ends_on=day, kind="plt", decree_number="800/14/2025")
        minutes = self.minutes(held_on=day)
        self.client.force_login(self.staff)
        page = self.client.get(f"/minutes/{minutes.pk}/")
        self.assertContains(page, "Pimpinan rapat: Plt. Kepala Sub Bagian Program, Keuangan dan Aset")
        self.assertContains(page, "Plt. Kepala Sub Bagian Program, Keuangan dan Aset — Contoh Sekretaris Demo")

    def pdf_text(self, content: bytes, name: str) -> str:
        path = self.data_dir / name
        path.write_bytes(content)
        return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())

    def test_a_plt_entered_after_the_meeting_changes_neither_the_chair_nor_the_attendance_as_recorded(self) -> None:
        # The tryout: the Plt decree for that day was entered after the minutes were recorded, and the page printed
        # "Plt. Kepala Sub Bagian … — <the definitive Kasubbag>", the title recomputed, the name as stored. The
        # minutes keep who held what on the meeting's date, as the disposition sheet keeps its disposer.
        from kinerja.correspondence.renderers.documents import minutes_pdf

        day = dt.date(2025, 3, 26)
        minutes = self.minutes(held_on=day)
        definitive = self.subsection_head.person
        org_actions.assign(self.built.people["sekretaris"], self.positions["subsection_head"], starts_on=day,
                           ends_on=day, kind="plt", decree_number="800/14/2025")
        title = "Kepala Sub Bagian Program, Keuangan dan Aset"
        self.client.force_login(self.staff)
        page = self.client.get(f"/minutes/{minutes.pk}/")
        self.assertContains(page, f"Pimpinan rapat: {title} — {definitive.full_name}")
        self.assertContains(page, f"{title} — {definitive.full_name}</li>")
        self.assertNotContains(page, "Plt.")
        self.assertNotContains(self.client.get("/minutes/"), "Plt.")
        minutes = Minutes.objects.get(pk=minutes.pk)
        for content, name in ((minutes.document.versions.get().file.read(), "kept.pdf"),
                              (minutes_pdf(minutes), "again.pdf")):
            text = self.pdf_text(content, name)
            self.assertIn(f"Pimpinan Rapat : {title}", text)
            self.assertIn(f"Kehadiran 1 {title[:20]}", text)  # the title wraps around the name in its cell
            self.assertIn(f"Pimpinan Rapat, {title}", text)
            self.assertIn(f"{definitive.full_name} NIP. {definitive.nip_display}", text)
            self.assertNotIn("Plt.", text)
            self.assertNotIn("Contoh Sekretaris Demo", text)  # the Plt neither chaired nor signs

    def test_minutes_recorded_before_keep_their_stored_names_with_the_titles_of_the_same_holding(self) -> None:
        # Migration 0010 fills in what minutes recorded before it did not keep: the titles of the names they
        # stored, not those of a Plt entered since.
        import importlib

        from django.apps import apps

        from kinerja.correspondence.models import Attendance

        day = dt.date(2025, 3, 26)
        minutes = self.minutes(held_on=day, follow_ups=[actions.FollowUpInput(
            "Rekap realisasi triwulan", self.positions["subsection_head"], dt.date(2025, 3, 31))])
        Minutes.objects.filter(pk=minutes.pk).update(chair_title="", chair_name="", chair_nip="", taker_name="",
                                                     taker_nip="")
        Attendance.objects.filter(minutes=minutes).update(title="")
        FollowUp.objects.filter(minutes=minutes).update(position_title="")
        org_actions.assign(self.built.people["sekretaris"], self.positions["subsection_head"], starts_on=day,
                           ends_on=day, kind="plt", decree_number="800/14/2025")
        importlib.import_module("kinerja.correspondence.migrations.0010_minutes_kept_as_held").fill(apps, None)
        minutes.refresh_from_db()
        definitive, title = self.subsection_head.person, "Kepala Sub Bagian Program, Keuangan dan Aset"
        self.assertEqual((minutes.chair_title, minutes.chair_name, minutes.chair_nip),
                         (title, definitive.full_name, definitive.nip_display))
        self.assertEqual((minutes.taker_name, minutes.taker_nip),
                         (self.staff.person.full_name, self.staff.person.nip_display))
        self.assertEqual(minutes.attendance.get(position=self.positions["subsection_head"]).title, title)
        self.assertEqual(minutes.attendance.get(position=self.positions["contact:1"]).title,
                         self.positions["contact:1"].title)
        self.assertEqual(minutes.follow_ups.get().position_title, title)

    def test_an_acting_person_in_charge_of_a_follow_up_prints_as_plt_as_in_the_attendance(self) -> None:
        day = dt.date(2025, 3, 26)
        org_actions.assign(self.built.people["sekretaris"], self.positions["subsection_head"], starts_on=day,
                           ends_on=day, kind="plt", decree_number="800/14/2025")
        title = "Plt. Kepala Sub Bagian Program, Keuangan dan Aset"
        minutes = self.minutes(held_on=day, follow_ups=[actions.FollowUpInput(
            "Rekap realisasi triwulan", self.positions["subsection_head"], dt.date(2025, 3, 31))])
        text = self.pdf_text(minutes.document.versions.get().file.read(), "tindak-lanjut.pdf")
        self.assertIn(f"Batas waktu 1 {title} 31 Maret 2025", text)
        self.assertEqual(text.count("Plt."), 4)  # the chair twice, the attendance and the person in charge
        self.client.force_login(self.staff)
        page = self.client.get(f"/minutes/{minutes.pk}/")
        self.assertContains(page, f"<td data-label=\"Penanggung jawab\">{title}</td>", html=False)

    def test_the_chair_signs_in_the_disposition_sheet_s_block_degrees_and_nip_each_on_one_line(self) -> None:
        # The minutes' signing columns were half the page each, the disposition sheet's block 60 % of it with
        # the degrees and the NIP kept whole: the minutes print the same block, the chair's where the head's
        # stands on the disposition sheet, the minute-taker's beside it.
        import pdfplumber

        from kinerja.correspondence.renderers.documents import disposition_pdf

        chair = self.subsection_head.person
        chair.full_name = ("Prof. Dr. Ir. Hj. Raden Ajeng Siti Nurhayati Kusumawardhani Prawiranegara, S.E., M.Si., "
                           "M.M., Ak., CA")
        chair.save()
        minutes = self.minutes()
        letter = self.register()
        sheet = disposition_pdf(letter, [actions.dispose_letter(
            letter.pk, user=self.secretary, recipients=[self.positions["staff"]], instructions=["follow_up"],
            note="Siapkan", disposed_on=dt.date(2025, 3, 21))])

        def nip_left(data: bytes) -> float:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return max(w["x0"] for w in pdf.pages[-1].extract_words() if w["text"] == "NIP.")

        printed = minutes.document.versions.get().file.read()
        self.assertAlmostEqual(nip_left(printed), nip_left(sheet), delta=1)
        path = self.data_dir / "notulen-gelar.pdf"
        path.write_bytes(printed)
        lines = [" ".join(line.split()) for line in subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout.splitlines()]
        self.assertTrue(any(line.endswith("S.E., M.Si., M.M., Ak., CA") for line in lines), lines)
        self.assertTrue(any(line.endswith(f"NIP. {chair.nip_display}") for line in lines), lines)

    def test_a_short_meeting_prints_on_one_sheet(self) -> None:
        # Minutes take no initials box and no electronic signature: room kept for them pushed the follow-ups and
        # the signature lines of a short meeting onto a second sheet, leaving half of the first empty.
        from pyhanko.pdf_utils.reader import PdfFileReader

        content = self.minutes().document.versions.get().file.read()
        self.assertEqual(int(PdfFileReader(io.BytesIO(content)).root["/Pages"]["/Count"]), 1)

    def test_a_short_meeting_whose_follow_ups_would_go_over_the_page_is_set_smaller_on_one_sheet(self) -> None:
        """The signatures keep company with the last follow-up (break-before: avoid): when they did not fit under the
        table, the table went with them to a second sheet, which held only that, and a third of the first stood
        empty. Set a little smaller, the whole meeting fits its one sheet."""
        import pdfplumber

        p = self.positions
        content = self.minutes(
            present=[p[k] for k in ("subsection_head", "staff", "contact:0", "contact:1", "contact:2", "contact:3")],
            absent=[],
            follow_ups=[actions.FollowUpInput(f"Serahkan realisasi dan bukti dukung Bidang nomor {n}",
                                              p[f"contact:{n}"], dt.date(2025, 3, 31)) for n in range(1)],
        ).document.versions.get().file.read()
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            self.assertEqual(len(pdf.pages), 1)
            text = pdf.pages[0].extract_text()
            sizes = {round(c["size"], 1) for c in pdf.pages[0].chars}
        for expected in ("Tindak Lanjut", "Bidang nomor 0", "Notulis", "Pimpinan Rapat", "NIP."):
            self.assertIn(expected, text)
        self.assertLess(max(sizes), 13.9)  # the letterhead's largest line, 14 pt at full size
        self.assertGreaterEqual(min(sizes), 7.5)  # still legible

    def test_minutes_that_take_two_sheets_even_set_smaller_print_at_full_size(self) -> None:
        import pdfplumber

        paragraph = "Bidang menyampaikan kendala pengumpulan data realisasi dan bukti dukung indikator kinerja. " * 4
        content = self.minutes(discussion="\n\n".join([paragraph] * 6)).document.versions.get().file.read()
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            self.assertEqual(len(pdf.pages), 2)
            words = pdf.pages[-1].extract_words(extra_attrs=["size"])
        self.assertEqual({round(w["size"], 1) for w in words if w["text"] == "Notulis,"}, {10.5})

    def test_minutes_take_no_initials_and_no_electronic_signature(self) -> None:
        """Their minute-taker and chair sign them in the columns they print; the head never signs them."""
        from tests.base import PASSWORD

        from .test_signing import url_for

        version = self.minutes().document.versions.get()
        with self.assertRaisesMessage(KinerjaError, "takes no initials or electronic signature: minutes are signed "
                                                    "by the minute-taker and the chair of the meeting"):
            actions.initial_version(version.pk, user=self.subsection_head)
        with self.assertRaisesMessage(actions.SigningRefused, "takes no initials or electronic signature"):
            actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        self.assertFalse(version.initials.exists())
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/documents/{version.document_id}/")
        self.assertContains(page, 'id="no-approvals"')
        self.assertContains(page, "tidak diparaf dan tidak ditandatangani secara elektronik")
        self.assertNotContains(page, "Paraf versi 1")
        self.assertNotContains(page, '<span class="badge warn">Belum ada</span>')

    def test_the_printed_minutes_carry_no_initials_box(self) -> None:
        version = self.minutes().document.versions.get()
        self.client.force_login(self.subsection_head)
        response = self.client.get(f"/documents/versions/{version.pk}.pdf")
        path = self.data_dir / "cetak-notulen.pdf"
        path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        self.assertIn("NOTULEN RAPAT", text)
        self.assertNotIn("diparaf", text)

    def test_the_documents_list_shows_minutes_as_recorded_not_as_a_draft(self) -> None:
        """Minutes take no initials or signature: the list says they are recorded and signed on paper; an
        unsigned outgoing document beside them is still a draft."""
        from kinerja.correspondence.models import Document

        from .helpers import small_pdf

        minutes = self.minutes()
        actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER, title="Nota Dinas",
                                content=small_pdf("Nota"))
        self.client.force_login(self.secretary)
        page = self.client.get("/documents/")
        html = " ".join(page.content.decode().split())
        row = html[html.index(f'href="/documents/{minutes.document_id}/"'):]
        row = row[:row.index("</tr>")]
        self.assertIn('<span class="badge ok">Tercatat</span>', row)
        self.assertIn("ditandatangani notulis dan pimpinan rapat pada cetakannya", row)
        self.assertNotIn("Draf", row)
        other = html[html.index(">Nota Dinas</a>"):]
        self.assertIn('<span class="badge">Draf</span>', other[:other.index("</tr>")])

    def test_a_follow_up_due_before_the_meeting_is_refused(self) -> None:
        with self.assertRaisesMessage(KinerjaError, "Follow-up 1, due date: 1 March 2025 is before the meeting "
                                                    "(26 March 2025)"):
            self.minutes(follow_ups=[actions.FollowUpInput("X", self.positions["staff"], dt.date(2025, 3, 1))])
        self.assertFalse(Minutes.objects.exists())

    def test_a_chair_marked_absent_is_refused_on_the_form(self) -> None:
        p = self.positions
        self.client.force_login(self.staff)
        response = self.client.post("/minutes/new/", {
            "title": "Rapat Koordinasi", "held_on": "2025-03-26", "place": "Ruang Rapat",
            "chair": p["secretary"].pk, "agenda": "Data kinerja", "discussion": "", "decisions": "",
            f"att_{p['secretary'].pk}": "absent", f"att_{p['staff'].pk}": "present"})
        message = "Pimpinan rapat: Sekretaris Dinas ditandai tidak hadir; pimpinan rapat hadir dalam rapat yang dipimpinnya."
        self.assertContains(response, message, count=1)
        html = response.content.decode()
        self.assertLess(html.index('id="id_chair"'), html.index(message))  # under its field
        self.assertFalse(Minutes.objects.exists())

    def test_minutes_of_a_meeting_in_the_future_are_refused(self) -> None:
        tomorrow = actions._today(self.office) + dt.timedelta(days=1)
        with self.assertRaisesMessage(KinerjaError, "Date: " + date_format(tomorrow, "j F Y") + " is in the future"):
            self.minutes(held_on=tomorrow, follow_ups=[])
        self.assertFalse(Minutes.objects.exists())

    def test_the_form_says_once_which_follow_up_date_is_wrong_next_to_it_and_keeps_the_input(self) -> None:
        p = self.positions
        self.client.force_login(self.staff)
        response = self.client.post("/minutes/new/", {
            "title": "Rapat Koordinasi", "held_on": "2025-03-26", "place": "Ruang Rapat",
            "chair": p["subsection_head"].pk, "agenda": "1. Pembukaan\n2. Data kinerja", "discussion": "",
            "decisions": "", f"att_{p['subsection_head'].pk}": "present",
            "fu_1_description": "Kirim data", "fu_1_position": p["staff"].pk, "fu_1_due_on": "2025-03-01"})
        message = "Tindak lanjut 1, batas waktu: 1 Maret 2025 sebelum tanggal rapat (26 Maret 2025)."
        self.assertContains(response, message, count=1)
        html = response.content.decode()
        self.assertLess(html.index('id="id_fu_1_due_on"'), html.index(message))  # under its field
        self.assertContains(response, "1. Pembukaan\n2. Data kinerja</textarea>")
        self.assertFalse(Minutes.objects.exists())

    def test_the_person_in_charge_sees_and_completes_the_follow_up(self) -> None:
        self.minutes()
        follow_up = FollowUp.objects.get()
        self.client.force_login(self.contacts[0])
        self.assertContains(self.client.get("/follow-ups/"), "Serahkan realisasi Bidang Kelembagaan")
        self.client.force_login(self.contacts[1])
        self.assertNotContains(self.client.get("/follow-ups/"), "Serahkan realisasi Bidang Kelembagaan")
        with self.assertRaises(NotAllowed):
            actions.complete_follow_up(follow_up.pk, user=self.contacts[1], note="selesai")
        actions.complete_follow_up(follow_up.pk, user=self.contacts[0], note="Data diserahkan")
        follow_up.refresh_from_db()
        self.assertEqual(follow_up.status, "done")

    def test_while_a_plt_acts_for_the_head_the_plt_closes_the_follow_up_and_the_definitive_head_does_not(self) -> None:
        # The Kepala Dinas, superior of every position, is away: the Sekretaris acts for him as Plt. He may
        # not close it meanwhile (as he is given no task), she may (as she is given his tasks).
        today = actions._today(self.office)
        org_actions.assign(self.built.people["sekretaris"], self.positions["head"], starts_on=today, ends_on=today,
                           kind="plt", decree_number="800/15/2026")
        self.minutes()
        follow_up = FollowUp.objects.get()
        with self.assertRaises(NotAllowed):
            actions.complete_follow_up(follow_up.pk, user=self.head, note="Sudah")
        actions.complete_follow_up(follow_up.pk, user=self.secretary, note="Data diserahkan")
        follow_up.refresh_from_db()
        self.assertEqual((follow_up.status, follow_up.done_by), ("done", self.secretary))

    def test_while_a_plt_acts_in_the_position_in_charge_the_plt_sees_and_closes_it_and_its_holder_does_not(
            self) -> None:
        today = actions._today(self.office)
        org_actions.assign(self.built.people["bidang2"], self.positions["contact:0"], starts_on=today, ends_on=today,
                           kind="plt", decree_number="800/16/2026")
        self.minutes()
        follow_up = FollowUp.objects.get()
        self.client.force_login(self.contacts[0])
        self.assertNotContains(self.client.get("/follow-ups/"), "Serahkan realisasi Bidang Kelembagaan")
        self.assertNotContains(self.client.get("/inbox/"), "Serahkan realisasi Bidang Kelembagaan")
        with self.assertRaises(NotAllowed):
            actions.complete_follow_up(follow_up.pk, user=self.contacts[0], note="Sudah")
        self.client.force_login(self.contacts[1])
        self.assertContains(self.client.get("/follow-ups/"), "Serahkan realisasi Bidang Kelembagaan")
        self.assertContains(self.client.get("/inbox/"), "Serahkan realisasi Bidang Kelembagaan")
        actions.complete_follow_up(follow_up.pk, user=self.contacts[1], note="Data diserahkan")

    def test_an_open_follow_up_past_its_due_date_is_marked_overdue(self) -> None:
        p = self.positions
        today = actions._today(self.office)
        minutes = self.minutes(follow_ups=[  # the meeting was in 2025: its follow-up is long past due
            actions.FollowUpInput("Serahkan realisasi Bidang Kelembagaan", p["contact:0"], dt.date(2025, 3, 31))])
        later = self.minutes(held_on=today, follow_ups=[
            actions.FollowUpInput("Rekap data", p["contact:0"], today + dt.timedelta(days=3))])
        self.client.force_login(self.contacts[0])
        self.assertContains(self.client.get("/follow-ups/"), "Terlambat", count=1)
        self.assertContains(self.client.get(f"/minutes/{minutes.pk}/"), "Terlambat", count=1)
        self.assertNotContains(self.client.get(f"/minutes/{later.pk}/"), "Terlambat")
        actions.complete_follow_up(minutes.follow_ups.get().pk, user=self.contacts[0], note="Sudah diserahkan")
        self.assertNotContains(self.client.get("/follow-ups/"), "Terlambat")

    def test_a_follow_up_due_when_the_office_is_closed_shows_the_day_it_is_really_due(self) -> None:
        """Due on Saturday 29 March 2025 (Nyepi), then Idul Fitri and its cuti bersama until 7 April: the inbox
        counts it due on Tuesday 8 April, so the pages say so and do not call it overdue before then."""
        from unittest import mock

        p = self.positions
        minutes = self.minutes(held_on=dt.date(2025, 3, 24), follow_ups=[
            actions.FollowUpInput("Rekap data koperasi aktif", p["contact:0"], dt.date(2025, 3, 29))])
        self.client.force_login(self.contacts[0])
        with mock.patch("kinerja.correspondence.views.today_in", return_value=dt.date(2025, 4, 2)):
            for url in (f"/minutes/{minutes.pk}/", "/follow-ups/"):
                page = self.client.get(url)
                self.assertContains(page, "29 Mar 2025")  # the date the meeting set stays as decided
                self.assertContains(page, "Kantor tutup (Hari Suci Nyepi): batas waktu 8 Apr 2025")
                self.assertNotContains(page, "Terlambat")
        with mock.patch("kinerja.correspondence.views.today_in", return_value=dt.date(2025, 4, 9)):
            self.assertContains(self.client.get(f"/minutes/{minutes.pk}/"), "Terlambat", count=1)

    def test_the_form_records_minutes(self) -> None:
        p = self.positions
        self.client.force_login(self.staff)
        response = self.client.post("/minutes/new/", {
            "title": "Rapat Koordinasi", "held_on": "2025-03-26", "place": "Ruang Rapat",
            "chair": p["subsection_head"].pk, "agenda": "Data kinerja", "discussion": "", "decisions": "",
            f"att_{p['subsection_head'].pk}": "present", f"att_{p['staff'].pk}": "present",
            "fu_1_description": "Kirim data", "fu_1_position": p["staff"].pk, "fu_1_due_on": "2025-03-28"})
        minutes = Minutes.objects.get()
        self.assertRedirects(response, f"/minutes/{minutes.pk}/")
        self.assertEqual(minutes.follow_ups.get().description, "Kirim data")

    def test_a_meeting_with_more_follow_ups_than_rows_gets_more_rows_and_saves_them_all(self) -> None:
        p = self.positions
        self.client.force_login(self.staff)
        typed = {"title": "Rapat Koordinasi LKjIP", "held_on": "2025-03-26", "place": "Ruang Rapat",
                 "chair": p["subsection_head"].pk, "agenda": "Data kinerja", "discussion": "", "decisions": "",
                 f"att_{p['subsection_head'].pk}": "present", f"att_{p['staff'].pk}": "present"}
        for i in range(1, 5):
            typed |= {f"fu_{i}_description": f"Tindak lanjut {i}", f"fu_{i}_position": p["staff"].pk,
                      f"fu_{i}_due_on": "2025-04-15"}
        page = self.client.post("/minutes/new/", typed | {"add_rows": "1"})
        self.assertContains(page, 'name="fu_8_description"')
        self.assertNotContains(page, 'name="fu_9_description"')
        self.assertContains(page, 'value="Rapat Koordinasi LKjIP"')  # what was typed stays
        self.assertContains(page, 'value="Tindak lanjut 4"')
        self.assertFalse(Minutes.objects.exists())
        for i in range(5, 9):
            typed |= {f"fu_{i}_description": f"Tindak lanjut {i}", f"fu_{i}_position": p["staff"].pk,
                      f"fu_{i}_due_on": "2025-04-15"}
        response = self.client.post("/minutes/new/", typed)
        minutes = Minutes.objects.get()
        self.assertRedirects(response, f"/minutes/{minutes.pk}/")
        self.assertEqual(minutes.follow_ups.count(), 8)

    def test_on_a_phone_the_list_shows_each_meeting_as_a_card_with_labels(self) -> None:
        self.minutes()
        self.client.force_login(self.staff)
        page = self.client.get("/minutes/")
        self.assertContains(page, '<table class="data corr-cards">')
        for label in ("Rapat", "Pimpinan rapat", "Tindak lanjut"):
            self.assertContains(page, f'data-label="{label}"')

    def test_the_list_costs_the_same_queries_for_1_and_50(self) -> None:
        self.client.force_login(self.staff)
        self.minutes()
        with self.assertNumQueries(5):
            self.client.get("/minutes/")
        for _ in range(49):
            self.minutes(follow_ups=[])
        with self.assertNumQueries(5):
            self.client.get("/minutes/")
