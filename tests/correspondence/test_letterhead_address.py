"""The letterhead's web and e-mail addresses on the printed forms (lembar disposisi, notulen, outgoing letters): left
to the line breaker, "https://" ended a line with the host on the next, and a long address broke at its hyphens.
An address is kept whole; one longer than a line breaks only after a "/" of its path."""

from __future__ import annotations

import datetime as dt

from kinerja.correspondence import actions
from kinerja.correspondence.models import Disposition, Document, Instruction
from kinerja.correspondence.renderers.documents import disposition_pdf, minutes_pdf, outgoing_pdf
from kinerja.correspondence.renderers.pdf import letterhead_line
from tests.pdf_layout import page_texts

from .helpers import CorrespondenceTestCase

HOST = "https://diskopukm.bandarlampungkota.go.id"
PATH = ("layanan-informasi-publik/", "permohonan-informasi-dan-pengaduan/",
        "formulir-permohonan-informasi-publik-secara-daring")


def letterhead(street: str, address: str) -> str:
    return ("PEMERINTAH KOTA BANDAR LAMPUNG\nDINAS KOPERASI DAN USAHA KECIL MENENGAH\n"
            f"{street} Telepon (0721) 486377, Laman {address}, Pos-el diskopukm@bandarlampungkota.go.id")


# Streets of lengths that put "https://" at the end of the address's first line on each form, as it broke.
STREETS = ("Jalan Dr. Susilo Nomor 2, Sumur Batu,", "Jalan Dr. Susilo Nomor 2, Kelurahan Sumur Batu, Teluk Betung,")


class LetterheadAddressTestCase(CorrespondenceTestCase):
    def forms(self) -> dict[str, bytes]:
        """The first page of each printed form of the office, with its letterhead as it stands."""
        self.office.refresh_from_db()
        letter = self.register()
        actions.dispose_letter(letter.pk, user=self.secretary, recipients=[self.positions["subsection_head"]],
                               instructions=[Instruction.values[0]], note="Segera.", disposed_on=dt.date(2025, 3, 21))
        p = self.positions
        minutes = actions.record_minutes(self.office, actions.MinutesInput(
            title="Rapat Koordinasi", held_on=dt.date(2025, 3, 26), place="Ruang Rapat", chair=p["subsection_head"],
            agenda="Data kinerja", discussion="Data UMKM", decisions="Diserahkan", present=[p["subsection_head"]],
            absent=[], follow_ups=[]), user=self.staff)
        memo = actions.create_outgoing(self.office, actions.OutgoingInput(
            kind=Document.Kind.MEMO, title="Nota dinas", addressee="Sekretaris Dinas", classification="005",
            body="Isi."), user=self.staff).document
        return {"disposisi": disposition_pdf(letter, list(Disposition.objects.filter(letter=letter))),
                "notulen": minutes_pdf(minutes), "surat": outgoing_pdf(memo, dt.date(2025, 3, 21))}

    def test_the_web_address_never_breaks_after_its_scheme(self) -> None:
        for street in STREETS:
            self.office.letterhead = letterhead(street, HOST)
            self.office.save()
            for form, data in self.forms().items():
                with self.subTest(street=street, form=form):
                    lines = page_texts(data)[0].splitlines()
                    self.assertEqual([line for line in lines if line.rstrip().endswith(("https://", "https:"))], [])
                    self.assertTrue(any(HOST in line for line in lines), lines[:6])
                    self.assertTrue(any("diskopukm@bandarlampungkota.go.id" in line for line in lines))

    def test_an_address_longer_than_a_line_breaks_only_after_a_slash(self) -> None:
        self.office.letterhead = letterhead(STREETS[0], HOST + "/" + "".join(PATH))
        self.office.save()
        for form, data in self.forms().items():
            with self.subTest(form=form):
                lines = page_texts(data)[0].splitlines()
                # pdftotext joins a word broken at a hyphen ("informasidan"): each part whole on one line.
                for part in (f"{HOST}/", *PATH):
                    self.assertTrue(any(part in line for line in lines), (part, lines[:8]))

    def test_the_letterhead_is_escaped_around_its_addresses(self) -> None:
        self.assertEqual(letterhead_line("<b>Laman</b> www.contoh.go.id."),
                         '&lt;b&gt;Laman&lt;/b&gt; <span class="nobr">www.contoh.go.id</span>.')
