"""Who attended a meeting: guests from outside the office, vacant positions (lowong: neither present nor absent),
and the title a meeting on a letter starts from."""

from __future__ import annotations

import datetime as dt
import subprocess

from kinerja.correspondence import actions
from kinerja.correspondence.models import Attendance, Minutes, OutsideAttendee
from kinerja.org.models import Assignment, Position

from .helpers import CorrespondenceTestCase

DAY = dt.date(2025, 3, 26)


def text_of(pdf: bytes, path) -> str:  # type: ignore[no-untyped-def]
    path.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


class OutsideAttendeesTestCase(CorrespondenceTestCase):
    def data(self, **kw) -> actions.MinutesInput:  # type: ignore[no-untyped-def]
        p = self.positions
        return actions.MinutesInput(
            title="Rapat Fasilitasi Kredit Usaha Rakyat", held_on=kw.pop("held_on", DAY), place="Ruang Rapat",
            chair=kw.pop("chair", p["subsection_head"]), agenda="KUR bagi UMKM binaan", discussion="", decisions="",
            present=kw.pop("present", [p["subsection_head"], p["staff"]]), absent=kw.pop("absent", []),
            follow_ups=[], **kw)

    def form(self, **extra: object) -> dict[str, object]:
        p = self.positions
        return {"title": "Rapat Fasilitasi KUR", "held_on": "2025-03-26", "place": "Ruang Rapat",
                "chair": p["subsection_head"].pk, "agenda": "KUR bagi UMKM binaan", "discussion": "",
                "decisions": "", f"att_{p['subsection_head'].pk}": "present", **extra}

    def test_a_guest_of_another_institution_is_listed_in_the_minutes_and_their_pdf(self) -> None:
        minutes = actions.record_minutes(self.office, self.data(outside=[
            actions.OutsideAttendeeInput("Budi Santoso", "Kepala Cabang Bank Lampung"),
            actions.OutsideAttendeeInput("  Sri  Wahyuni ", "Dinas Perindustrian Kota Bandar Lampung")]),
            user=self.staff)
        self.assertEqual([(g.name, g.institution) for g in minutes.outside_attendees.all()], [
            ("Budi Santoso", "Kepala Cabang Bank Lampung"), ("Sri Wahyuni", "Dinas Perindustrian Kota Bandar Lampung")])
        text = text_of(minutes.document.versions.get().file.read(), self.data_dir / "notulen.pdf")
        # Numbered after the office's two positions present.
        self.assertIn("No. Jabatan/Instansi Nama Kehadiran", text)
        self.assertIn("3 Kepala Cabang Bank Lampung Budi Santoso Hadir", text)
        self.assertIn("4 Dinas Perindustrian Kota Bandar Lampung Sri Wahyuni Hadir", text)
        self.client.force_login(self.staff)
        self.assertContains(self.client.get(f"/minutes/{minutes.pk}/"), "Budi Santoso — Kepala Cabang Bank Lampung")

    def test_a_guest_without_an_institution_is_refused(self) -> None:
        with self.assertRaisesMessage(actions.BadValue, "Outside attendee 1 needs a name and a position or"):
            actions.record_minutes(self.office, self.data(outside=[actions.OutsideAttendeeInput("Budi", " ")]),
                                   user=self.staff)
        self.assertFalse(Minutes.objects.exists())

    def test_the_form_saves_guests_and_keeps_them_when_another_field_is_wrong(self) -> None:
        self.client.force_login(self.staff)
        guests = {"out_1_name": "Budi Santoso", "out_1_institution": "Kepala Cabang Bank Lampung"}
        page = self.client.post("/minutes/new/", self.form(held_on="2099-01-01", **guests))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'value="Budi Santoso"')
        self.assertContains(page, 'value="Kepala Cabang Bank Lampung"')
        self.assertFalse(Minutes.objects.exists())
        half = self.client.post("/minutes/new/", self.form(out_1_name="Budi Santoso"))
        self.assertContains(half, "Peserta dari luar 1 perlu nama dan jabatan atau instansinya.", count=1)
        self.assertFalse(Minutes.objects.exists())
        response = self.client.post("/minutes/new/", self.form(**guests))
        minutes = Minutes.objects.get()
        self.assertRedirects(response, f"/minutes/{minutes.pk}/")
        self.assertEqual(OutsideAttendee.objects.get().institution, "Kepala Cabang Bank Lampung")

    def test_more_guest_rows_keep_what_was_typed(self) -> None:
        self.client.force_login(self.staff)
        page = self.client.post("/minutes/new/", self.form(out_1_name="Budi", out_1_institution="Bank Lampung",
                                                           out_2_name="Sri", out_2_institution="Dinas Perindustrian",
                                                           add_outside="1"))
        self.assertContains(page, 'name="out_4_name"')
        self.assertNotContains(page, 'name="out_5_name"')
        self.assertContains(page, 'value="Dinas Perindustrian"')
        self.assertFalse(Minutes.objects.exists())


class VacantPositionTestCase(CorrespondenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        head = cls.positions["subsection_head"]
        cls.vacant = Position.objects.create(office=cls.office, unit=head.unit, title="Kepala Bidang Pemberdayaan",
                                             kind=cls.positions["contact:0"].kind)

    def data(self, **kw) -> actions.MinutesInput:  # type: ignore[no-untyped-def]
        p = self.positions
        return actions.MinutesInput(
            title="Rapat Koordinasi", held_on=DAY, place="Ruang Rapat", chair=kw.pop("chair", p["subsection_head"]),
            agenda="Data kinerja", discussion="", decisions="", present=kw.pop("present", [p["subsection_head"]]),
            absent=kw.pop("absent", []), follow_ups=kw.pop("follow_ups", []))

    def form(self, **extra: object) -> dict[str, object]:
        p = self.positions
        return {"title": "Rapat Koordinasi", "held_on": "2025-03-26", "place": "Ruang Rapat",
                "chair": p["subsection_head"].pk, "agenda": "Data kinerja", "discussion": "", "decisions": "",
                f"att_{p['subsection_head'].pk}": "present", **extra}

    def test_a_position_without_a_holder_cannot_be_marked_present(self) -> None:
        with self.assertRaisesMessage(actions.BadValue, "Attendance: Kepala Bidang Pemberdayaan had no holder on 26 "
                                                        "March 2025: it was vacant, so nobody can have attended in "
                                                        "it or been absent from it") as refused:
            actions.record_minutes(self.office, self.data(present=[self.positions["subsection_head"], self.vacant]),
                                   user=self.staff)
        self.assertEqual(refused.exception.field, f"att_{self.vacant.pk}")
        self.assertFalse(Minutes.objects.exists())

    def test_nor_absent_from_it_a_vacant_position_is_nobody_s_absence(self) -> None:
        # The notulen listed it in the daftar hadir as "Tidak hadir", with no name, as if a person had stayed away.
        with self.assertRaisesMessage(actions.BadValue, "Attendance: Kepala Bidang Pemberdayaan had no holder on 26 "
                                                        "March 2025: it was vacant") as refused:
            actions.record_minutes(self.office, self.data(absent=[self.vacant]), user=self.staff)
        self.assertEqual(refused.exception.field, f"att_{self.vacant.pk}")
        self.assertFalse(Minutes.objects.exists())

    def test_nor_chair_the_meeting(self) -> None:
        with self.assertRaisesMessage(actions.BadValue, "Chair: Kepala Bidang Pemberdayaan had no holder on 26 March"):
            actions.record_minutes(self.office, self.data(chair=self.vacant, present=[self.vacant]), user=self.staff)
        self.assertFalse(Minutes.objects.exists())

    def attendance_row(self, page: str, position: Position) -> str:
        """The attendance form's row of `position`: from its title to the next row."""
        html = page[page.index('<div class="corr-attendance">'):]
        html = html[:html.index("</section>")]
        rows = html.split('<div class="field')[1:]
        return next(row for row in rows if f">{position.title}<" in row or f">{position.title}:<" in row)

    def test_the_form_shows_a_vacant_position_as_lowong_and_offers_no_choice_for_it(self) -> None:
        self.client.force_login(self.staff)
        page = self.client.get("/minutes/new/").content.decode()
        vacant = self.attendance_row(page, self.vacant)
        self.assertIn("Lowong", vacant)
        self.assertIn("Tidak berpemangku pada", vacant)
        self.assertNotIn("<select", vacant)
        held = self.attendance_row(page, self.positions["subsection_head"])
        self.assertIn(f'<select name="att_{self.positions["subsection_head"].pk}"', held)
        self.assertNotIn("Lowong", held)

    def test_a_choice_sent_for_it_is_refused_under_it_and_the_rest_stays_as_typed(self) -> None:
        # The form was shown for another date, on which the position had a holder.
        self.client.force_login(self.staff)
        response = self.client.post("/minutes/new/", self.form(**{f"att_{self.vacant.pk}": "absent"}))
        message = "Kehadiran: Kepala Bidang Pemberdayaan lowong pada 26 Maret 2025"
        self.assertContains(response, message, count=1)
        row = self.attendance_row(response.content.decode(), self.vacant)
        self.assertIn(message, row)
        self.assertNotIn("<select", row)
        self.assertContains(response, 'name="title" value="Rapat Koordinasi"')
        self.assertFalse(Minutes.objects.exists())

    def test_attendance_on_this_date_shows_the_positions_as_held_on_the_date_typed(self) -> None:
        # Filled since 1 March 2025, by a Plt.
        Assignment.objects.create(person=self.built.people["jfu2"], position=self.vacant, kind="plt",
                                  starts_on=dt.date(2025, 3, 1), decree_number="800/20/2025")
        self.client.force_login(self.staff)
        today = self.client.get("/minutes/new/").content.decode()
        self.assertNotIn("Lowong", self.attendance_row(today, self.vacant))
        page = self.client.post("/minutes/new/", self.form(held_on="2025-02-26", set_date="1")).content.decode()
        self.assertIn("Lowong", self.attendance_row(page, self.vacant))
        self.assertIn("Tidak berpemangku pada 26 Februari 2025", self.attendance_row(page, self.vacant))
        self.assertIn('name="title" value="Rapat Koordinasi"', page)
        self.assertFalse(Minutes.objects.exists())

    def select(self, page: str, name: str) -> str:
        html = page[page.index(f'<select name="{name}"'):]
        return html[:html.index("</select>")]

    def test_the_form_offers_a_vacant_position_neither_as_chair_nor_as_person_in_charge(self) -> None:
        # Offered, then refused on saving: it is shown disabled, marked Lowong, so nobody chooses it.
        self.client.force_login(self.staff)
        page = self.client.get("/minutes/new/").content.decode()
        head = self.positions["subsection_head"]
        for name in ("chair", "fu_1_position", "fu_4_position"):
            choices = self.select(page, name)
            self.assertIn(f'<option value="{self.vacant.pk}" disabled>Kepala Bidang Pemberdayaan — Lowong</option>',
                          choices)
            self.assertIn(f'<option value="{head.pk}">{head.title}</option>', choices)

    def test_a_position_held_by_a_plt_on_the_meeting_s_date_is_offered(self) -> None:
        Assignment.objects.create(person=self.built.people["jfu2"], position=self.vacant, kind="plt",
                                  starts_on=dt.date(2025, 3, 1), decree_number="800/20/2025")
        self.client.force_login(self.staff)
        page = self.client.post("/minutes/new/", self.form(set_date="1", chair=self.vacant.pk)).content.decode()
        self.assertIn(f'<option value="{self.vacant.pk}" selected>Kepala Bidang Pemberdayaan</option>',
                      self.select(page, "chair"))
        self.assertIn(f'<option value="{self.vacant.pk}">Kepala Bidang Pemberdayaan</option>',
                      self.select(page, "fu_1_position"))
        # Before the Plt, on the date typed, it was vacant: not offered, and the chair typed is not kept as chosen.
        page = self.client.post("/minutes/new/", self.form(held_on="2025-02-26", set_date="1",
                                                           chair=self.vacant.pk)).content.decode()
        self.assertIn(f'<option value="{self.vacant.pk}" disabled>Kepala Bidang Pemberdayaan — Lowong</option>',
                      self.select(page, "chair"))

    def test_a_follow_up_in_charge_of_a_vacant_position_is_refused(self) -> None:
        # Its person in charge's inbox would be nobody's.
        with self.assertRaisesMessage(actions.BadValue, "Follow-up 1, person in charge: Kepala Bidang Pemberdayaan "
                                                        "had no holder on 26 March 2025") as refused:
            actions.record_minutes(self.office, self.data(follow_ups=[actions.FollowUpInput(
                "Siapkan data", self.vacant, dt.date(2025, 3, 31))]), user=self.staff)
        self.assertEqual(refused.exception.field, "fu_1_position")
        self.assertFalse(Minutes.objects.exists())

    def test_on_the_form_the_refusal_stands_under_the_row_chosen_and_the_rest_stays_as_typed(self) -> None:
        # Sent anyway (the form was shown for a date on which the position was held): the second row.
        self.client.force_login(self.staff)
        response = self.client.post("/minutes/new/", self.form(**{
            "fu_2_description": "Siapkan data pemberdayaan", "fu_2_position": self.vacant.pk,
            "fu_2_due_on": "2025-03-31"}))
        self.assertContains(response, "Tindak lanjut 2, penanggung jawab: Kepala Bidang Pemberdayaan lowong pada 26 "
                                      "Maret 2025", count=1)
        page = response.content.decode()
        row = page[page.index('name="fu_2_position"'):page.index('name="fu_2_due_on"')]
        self.assertIn("Kepala Bidang Pemberdayaan lowong pada 26 Maret 2025", row)
        self.assertIn('name="fu_2_description" value="Siapkan data pemberdayaan"', page)
        self.assertFalse(Minutes.objects.exists())

    def test_minutes_kept_with_a_vacant_position_absent_show_it_as_lowong(self) -> None:
        # Recorded before vacant positions were refused: the row has no name, the page said "Tidak hadir".
        minutes = actions.record_minutes(self.office, self.data(), user=self.staff)
        Attendance.objects.create(minutes=minutes, position=self.vacant, name="", title=self.vacant.title,
                                  present=False)
        self.client.force_login(self.staff)
        page = self.client.get(f"/minutes/{minutes.pk}/").content.decode()
        row = page[page.index(self.vacant.title) - 120:page.index(self.vacant.title)]
        self.assertIn("Lowong", row)
        self.assertNotIn("Tidak hadir", row)


class MinutesOfALetterTestCase(CorrespondenceTestCase):
    def test_the_title_starts_from_the_letter_s_subject_and_can_be_changed(self) -> None:
        letter = self.register("Rapat Koordinasi Perizinan Berusaha (OSS-RBA)")
        self.client.force_login(self.staff)
        page = self.client.get(f"/minutes/new/?letter={letter.pk}")
        self.assertContains(page, 'value="Rapat Koordinasi Perizinan Berusaha (OSS-RBA)"')
        p = self.positions
        self.client.post(f"/minutes/new/?letter={letter.pk}", {
            "title": "Rapat Sosialisasi OSS-RBA", "held_on": "2025-03-26", "place": "Ruang Rapat",
            "chair": p["subsection_head"].pk, "agenda": "OSS-RBA", "discussion": "", "decisions": "",
            f"att_{p['subsection_head'].pk}": "present"})
        minutes = Minutes.objects.get()
        self.assertEqual((minutes.title, minutes.letter), ("Rapat Sosialisasi OSS-RBA", letter))

    def test_without_a_letter_the_title_is_empty(self) -> None:
        self.client.force_login(self.staff)
        self.assertContains(self.client.get("/minutes/new/"), 'name="title"')
        self.assertNotContains(self.client.get("/minutes/new/"), 'name="title" value=')

    def test_the_minutes_name_the_letter_as_dasar_with_its_date_and_subject(self) -> None:
        letter = self.register("Permintaan Data Kinerja Triwulan I", letter_date=dt.date(2025, 3, 3))
        p = self.positions
        minutes = actions.record_minutes(self.office, actions.MinutesInput(
            title="Rapat Koordinasi", held_on=DAY, place="Ruang Rapat", chair=p["subsection_head"], agenda="Data",
            discussion="", decisions="", present=[p["subsection_head"]], absent=[], follow_ups=[], letter=letter),
            user=self.staff)
        text = text_of(minutes.document.versions.get().file.read(), self.data_dir / "notulen.pdf")
        self.assertIn("Dasar : Surat Kepala Dinas Koperasi dan UKM Nomor 800/12/III.07/2025 tanggal 3 Maret 2025 "
                      "perihal Permintaan Data Kinerja Triwulan I", text)
