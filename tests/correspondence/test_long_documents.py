"""The lembar disposisi and the notulen of a larger office than the demo's: a long letterhead, a
disposition to every head with a long instruction, a meeting of thirty with long paragraphs. A form
stays one sheet where it can, a signature never stands alone on a page, a table's header comes back on
every page it runs over and its rows are never cut in two."""

from __future__ import annotations

import datetime as dt
import io
import re

from kinerja.correspondence import actions
from kinerja.correspondence.models import Disposition, Instruction
from kinerja.correspondence.renderers.documents import disposition_pdf, minutes_pdf
from kinerja.org import actions as org_actions
from kinerja.org.holding import holdings
from tests.pdf_layout import off_page, overlapping, page_texts, pages

from .helpers import CorrespondenceTestCase

LETTERHEAD = """PEMERINTAH KOTA BANDAR LAMPUNG
DINAS KOPERASI, USAHA KECIL, MENENGAH, PERINDUSTRIAN DAN PERDAGANGAN KOTA BANDAR LAMPUNG
Kompleks Perkantoran Pemerintah Kota Blok C Nomor 12-14, Jalan Dr. Susilo Nomor 2, Kelurahan Sumur Batu, \
Kecamatan Teluk Betung Utara, Kota Bandar Lampung 35214, Telepon (0721) 1234567, Faksimile (0721) 7654321, \
Laman https://diskopukm.bandarlampungkota.go.id/layanan-informasi-publik, Pos-el diskopukm@bandarlampungkota.go.id"""
INSTRUCTION = ("Mohon segera ditindaklanjuti dengan menghimpun seluruh data capaian kinerja beserta bukti dukung "
               "yang sah dari masing-masing bidang, memastikan konsistensi angka dengan laporan keuangan dan "
               "aplikasi e-SAKIP, serta melaporkan hasilnya paling lambat lima hari kerja sejak disposisi ini "
               "diterima. ")


def flat(text: str) -> str:
    return " ".join(text.split())


class LongDocumentsTestCase(CorrespondenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.office.letterhead = LETTERHEAD
        cls.office.save()
        division = cls.positions["contact:0"].unit
        cls.extra = [org_actions.add_position(division, f"Pengelola Data Tambahan Nomor {n} pada Bidang Kelembagaan "
                                                        "dan Pengawasan Koperasi", "staff", single_holder=False)
                     for n in range(1, 21)]
        # Each held on the meeting's date: a position without a holder cannot be marked present in minutes.
        for n, position in enumerate(cls.extra, start=1):
            person = org_actions.add_person(cls.office, username=f"tambahan{n}", full_name=f"Staf Tambahan {n}",
                                            password=None)
            org_actions.assign(person, position, starts_on=dt.date(2025, 1, 1))

    def everyone_but_the_secretary(self) -> list:  # type: ignore[type-arg]
        return [p for key, p in self.positions.items() if key != "secretary"]

    def dispose(self, note: str) -> bytes:
        letter = self.register()
        actions.dispose_letter(letter.pk, user=self.secretary, recipients=self.everyone_but_the_secretary(),
                               instructions=Instruction.values, note=note, disposed_on=dt.date(2025, 3, 21))
        actions.dispose_letter(letter.pk, user=self.secretary, recipients=[self.positions["subsection_head"]],
                               instructions=[Instruction.values[0]], note="Segera.", disposed_on=dt.date(2025, 3, 21))
        dispositions = list(Disposition.objects.filter(letter=letter).order_by("pk").prefetch_related("recipients"))
        return disposition_pdf(letter, dispositions)

    def test_a_disposition_to_every_head_with_a_long_instruction_stays_one_sheet(self) -> None:
        data = self.dispose(INSTRUCTION * 4)
        texts = [flat(t) for t in page_texts(data)]
        # One sheet per disposition, each whole with its signature (it ran to a second page, its NIP alone).
        self.assertEqual(len(texts), 2)
        for text in texts:
            self.assertIn("LEMBAR DISPOSISI", text)
            self.assertIn("Contoh Sekretaris Demo", text)
            self.assertIn("NIP.", text)
        self.assertIn("Kepala Bidang Kewirausahaan", texts[0])
        for page in pages(data):
            self.assertEqual(off_page(page), [])
            self.assertEqual(overlapping(page), [])

    def test_an_instruction_longer_than_a_sheet_keeps_its_heading_and_its_signature(self) -> None:
        data = self.dispose(INSTRUCTION * 24 + "Akhir catatan.")
        texts = [flat(t) for t in page_texts(data)]
        signed = next(k for k, t in enumerate(texts) if "NIP." in t)
        self.assertIn("Akhir catatan.", texts[signed])  # the signature comes after the instruction's end
        self.assertIn("Contoh Sekretaris Demo", texts[signed])
        first = next(k for k, t in enumerate(texts) if "Mohon segera" in t)
        self.assertIn("Catatan Mohon segera", texts[first])  # the heading went along with the text

    def test_a_note_a_little_longer_than_the_sheet_breaks_over_the_page_instead_of_moving_whole(self) -> None:
        """A note that does not fit under the sheet's head even at the smallest size, but would fit on a page
        of its own, went whole to the second page and left the first with the head alone: it starts on the
        first page and goes on over the page, with its last lines beside the signature."""
        letter = self.register()
        for count in (11, 13):
            note = "Awal catatan. " + INSTRUCTION * count + "Akhir catatan."
            disposition = actions.dispose_letter(letter.pk, user=self.secretary, instructions=["follow_up"],
                                                 recipients=[self.positions["subsection_head"]], note=note,
                                                 disposed_on=dt.date(2025, 3, 21))
            data = disposition_pdf(letter, [disposition])
            texts = [flat(t) for t in page_texts(data)]
            self.assertEqual(len(texts), 2, count)
            self.assertIn("Catatan Awal catatan. Mohon segera", texts[0])
            self.assertGreaterEqual(texts[0].count("Mohon segera"), count - 2)  # the first page is full
            self.assertIn("Akhir catatan.", texts[1])
            self.assertIn("Contoh Sekretaris Demo", texts[1])
            self.assertNotIn("Contoh Sekretaris Demo", texts[0])
            for page in pages(data):
                self.assertEqual(off_page(page), [])
                self.assertEqual(overlapping(page), [])
            disposition.delete()

    def minutes_pdf(self) -> bytes:
        p, day = self.positions, dt.date(2025, 3, 26)
        paragraph = ("Rapat membahas capaian kinerja seluruh bidang selama tahun 2025, termasuk indikator yang belum "
                     "memiliki realisasi, indikator dengan target nol dan capaian yang jauh melampaui target. ") * 5
        data = actions.MinutesInput(
            title="Rapat Koordinasi Penyusunan Data Kinerja Tahun 2025 bersama Seluruh Bidang",
            held_on=day, place="Ruang Rapat Utama", chair=p["secretary"],
            agenda="1. Pembukaan\n2. Paparan\n3. Penutup",
            discussion="\n\n".join(f"{n}. {paragraph}" for n in range(1, 7)),
            decisions="\n".join(f"{n}. Bidang menyerahkan perbaikan data nomor {n}." for n in range(1, 11)),
            present=[p for p in [*self.everyone_but_the_secretary(), *self.extra[:-2]] if holdings(p, day)],
            absent=self.extra[-2:],
            follow_ups=[actions.FollowUpInput(f"Menyampaikan perbaikan data dan bukti dukung indikator bidang nomor {n} "
                                              "beserta penjelasan tertulis", p[f"division_head:{n % 4}"],
                                              dt.date(2025, 3, 31)) for n in range(1, 9)])
        return minutes_pdf(actions.record_minutes(self.office, data, user=self.secretary))

    def test_long_minutes_repeat_their_table_headers_number_their_pages_and_keep_the_signatures_company(self) -> None:
        data = self.minutes_pdf()
        texts = [flat(t) for t in page_texts(data)]
        self.assertGreater(len(texts), 2)
        for k, text in enumerate(texts[1:], start=2):
            self.assertRegex(text, rf"^-\s?{k}\s?-")  # from the second page on, as letters number their pages
        self.assertNotRegex(texts[0], r"^-\s?1\s?-")
        attendance_end = next(k for k, t in enumerate(texts) if "Agenda" in t)
        for k in range(attendance_end + 1):
            if re.search(r"\bHadir\b", texts[k]):
                self.assertIn("Jabatan Nama Kehadiran", texts[k], f"page {k + 1}")
        follow = [k for k, t in enumerate(texts) if "Menyampaikan perbaikan data" in t]
        for k in follow:
            self.assertIn("Tindak lanjut Penanggung jawab Batas waktu", texts[k], f"page {k + 1}")
        # A row is never cut in two: each title is whole on one page.
        for n in range(1, 19):
            title = f"Pengelola Data Tambahan Nomor {n} pada Bidang Kelembagaan dan Pengawasan Koperasi"
            self.assertTrue(any(title in t for t in texts), title)
        signatures = next(k for k, t in enumerate(texts) if "Notulis" in t)
        self.assertIn("Menyampaikan perbaikan data", texts[signatures])  # not alone on the last page
        for page in pages(data):
            self.assertEqual(off_page(page), [])

    def sheet_of(self, number: str, recipients: list) -> bytes:  # type: ignore[type-arg]
        letter = self.register(number=number)
        disposition = actions.dispose_letter(letter.pk, user=self.secretary, instructions=["follow_up"],
                                             recipients=recipients, note="Segera.",
                                             disposed_on=dt.date(2025, 3, 21))
        return disposition_pdf(letter, [disposition])

    def test_a_letter_number_without_spaces_breaks_at_its_dots_and_the_table_keeps_the_sheet_s_width(self) -> None:
        """A number written with dots only (no "/" and no space) was one word: it widened the letter's table past
        the right margin, beyond the tables under it, and squeezed the dates to a word a line."""
        import pdfplumber

        number = "B.4512.KUKM.2.3.PR.01.02.XI.2025.RAHASIA.SANGAT.SEGERA.LAMPIRAN.TIGA.BERKAS"
        data = self.sheet_of(number, [self.positions["subsection_head"]])  # at full size
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[0]
            right_margin = float(page.width) - 18 / 25.4 * 72
            self.assertLessEqual(max(r["x1"] for r in (*page.rects, *page.lines)), right_margin + 0.5)
        text = flat(page_texts(data)[0])
        self.assertIn("Tanggal Diterima 21 Maret 2025", text)  # the date on one line, after its label
        # Broken only after its dots, nothing lost: "B.4512.KUKM.2.3.PR.01.02.XI." above "2025.RAHASIA.…".
        self.assertIn("Nomor Surat B.4512.KUKM.2.3.PR.01.02.XI.", text)
        self.assertIn("2025.RAHASIA.SANGAT.SEGERA.LAMPIRAN.TIGA.BERKAS", "".join(text.split()))

    def test_a_recipient_of_two_lines_goes_on_under_its_own_words_not_under_the_tick(self) -> None:
        import pdfplumber

        data = self.sheet_of("800/12/III.07/2025", self.everyone_but_the_secretary())
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[0]
            words = page.extract_words()
            head = next(w for w in words if w["text"] == "Diteruskan")
            instructions = next(w for w in words if w["text"] == "Instruksi")
            note = next(w for w in words if w["text"] == "Catatan")
            cell = page.crop((head["x0"] - 1, head["bottom"] + 2, instructions["x0"] - 2, note["top"] - 2))
            lines: dict[int, list] = {}  # type: ignore[type-arg]
            for c in cell.chars:
                if c["text"].strip() and c["text"] != "\u2713":  # the tick in the box
                    lines.setdefault(round(c["top"]), []).append(c["x0"])
        starts = sorted(min(xs) for xs in lines.values())
        self.assertGreater(len(lines), len(self.everyone_but_the_secretary()))  # some recipients take two lines
        self.assertLess(starts[-1] - starts[0], 1, starts)  # every line starts after the box
