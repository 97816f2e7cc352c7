"""Who attended a meeting: guests from outside the office, positions without a holder, and the title a meeting
on a letter starts from."""

from __future__ import annotations

import datetime as dt
import subprocess

from kinerja.correspondence import actions
from kinerja.correspondence.models import Minutes, OutsideAttendee
from kinerja.org.models import Position

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
            absent=[], follow_ups=[])

    def test_a_position_without_a_holder_cannot_be_marked_present(self) -> None:
        with self.assertRaisesMessage(actions.BadValue, "Attendance: Kepala Bidang Pemberdayaan had no holder on 26 "
                                                        "March 2025, so nobody can have attended in it.") as refused:
            actions.record_minutes(self.office, self.data(present=[self.positions["subsection_head"], self.vacant]),
                                   user=self.staff)
        self.assertEqual(refused.exception.field, f"att_{self.vacant.pk}")
        self.assertFalse(Minutes.objects.exists())

    def test_nor_chair_the_meeting(self) -> None:
        with self.assertRaisesMessage(actions.BadValue, "Chair: Kepala Bidang Pemberdayaan had no holder on 26 March"):
            actions.record_minutes(self.office, self.data(chair=self.vacant, present=[self.vacant]), user=self.staff)
        self.assertFalse(Minutes.objects.exists())

    def test_the_form_says_so_under_the_position(self) -> None:
        p = self.positions
        self.client.force_login(self.staff)
        response = self.client.post("/minutes/new/", {
            "title": "Rapat Koordinasi", "held_on": "2025-03-26", "place": "Ruang Rapat",
            "chair": p["subsection_head"].pk, "agenda": "Data kinerja", "discussion": "", "decisions": "",
            f"att_{p['subsection_head'].pk}": "present", f"att_{self.vacant.pk}": "present"})
        message = "Kehadiran: Kepala Bidang Pemberdayaan tidak berpemangku pada 26 Maret 2025"
        self.assertContains(response, message, count=1)
        html = response.content.decode()
        self.assertLess(html.index(f'id="id_att_{self.vacant.pk}"'), html.index(message))
        self.assertFalse(Minutes.objects.exists())


    def test_the_form_says_before_saving_which_positions_have_no_holder_on_the_meeting_s_date(self) -> None:
        self.client.force_login(self.staff)
        page = self.client.get("/minutes/new/").content.decode()
        field = page[page.index(f'id="id_att_{self.vacant.pk}"'):]
        self.assertIn("Tidak berpemangku pada", field[:field.index('<div class="field">')])
        held = page[page.index(f'id="id_att_{self.positions["subsection_head"].pk}"'):]
        self.assertNotIn("Tidak berpemangku pada", held[:held.index('<div class="field">')])
        # The date typed is the one said, after "More rows" as after an error.
        page = self.client.post("/minutes/new/", {"held_on": "2025-03-26", "add_rows": "1"})
        self.assertContains(page, "Tidak berpemangku pada 26 Maret 2025: tidak ada yang dapat hadir")


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
