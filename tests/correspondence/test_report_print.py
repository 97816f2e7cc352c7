"""The printed compiled Data Kinerja carries exactly one initials box (the initials that count for the
printed version, Plt./Plh. marked) and one signature block: the report reserves their place and
kinerja stamps them there, instead of the report printing empty boxes of its own beside the stamps."""

from __future__ import annotations

import re
import subprocess

from kinerja.correspondence import actions
from kinerja.correspondence.renderers.documents import INITIALS_BOX, INITIALS_SIZE
from kinerja.correspondence.renderers.pdf import INITIALS_ANCHOR, SIGNATURE_ANCHOR, stamp_place
from kinerja.correspondence.signing import BLOCK_BOX, BLOCK_SIZE
from kinerja.org import actions as org_actions
from kinerja.performance.report import compile_report
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase
from .test_signing import url_for


class ReportPrintTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        report = compile_report(self.office, 2025, 1, user=self.subsection_head)
        self.version = actions.take_report(report.pk, user=self.subsection_head)
        with self.version.file.open("rb") as f:
            self.original = f.read()

    def text(self, data: bytes, name: str) -> str:
        path = self.data_dir / name
        path.write_bytes(data)
        # Reading order, whitespace collapsed: a name wrapped in a narrow cell reads as one.
        return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())

    def count(self, word: str, text: str) -> int:
        return len(re.findall(rf"\b{re.escape(word)}\b", text))

    def test_the_compiled_report_prints_no_boxes_of_its_own_but_reserves_their_place(self) -> None:
        text = self.text(self.original, "report.pdf")
        self.assertEqual(self.count("Paraf", text), 0)
        self.assertNotIn("NIP.", text)
        last = int(subprocess.run(["pdfinfo", str(self.data_dir / "report.pdf")], capture_output=True, text=True,
                                  check=True).stdout.split("Pages:")[1].split()[0]) - 1
        page, box = stamp_place(self.original, INITIALS_ANCHOR, INITIALS_SIZE, INITIALS_BOX)
        self.assertEqual(page, last)
        self.assertNotEqual(box, INITIALS_BOX)
        sign_page, sign_box = stamp_place(self.original, SIGNATURE_ANCHOR, BLOCK_SIZE, BLOCK_BOX)
        self.assertEqual(sign_page, page)
        self.assertAlmostEqual(sign_box[3], box[3], delta=1)  # side by side
        self.assertGreaterEqual(sign_box[0], box[2])  # not overlapping

    def test_the_printed_draft_has_one_initials_box_naming_the_positions_still_to_initial(self) -> None:
        self.client.force_login(self.subsection_head)
        printed = self.client.get(f"/documents/versions/{self.version.pk}.pdf").content
        text = self.text(printed, "draft.pdf")
        self.assertEqual(self.count("Paraf", text), 1)
        self.assertEqual(text.count("belum diparaf"), 2)
        self.assertIn("Kepala Sub Bagian", text)
        self.assertIn("Sekretaris Dinas", text)

    def test_the_signed_report_has_one_initials_box_with_the_initials_and_one_signature_block(self) -> None:
        today = actions._today(self.office)
        org_actions.assign(self.built.people["jfu2"], self.positions["subsection_head"], starts_on=today,
                           ends_on=today, kind="plt", decree_number="800/9/2026")
        actions.initial_version(self.version.pk, user=self.staff2)
        actions.initial_version(self.version.pk, user=self.secretary)
        signature = actions.sign_version(self.version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        text = self.text(signature.file.read(), "signed.pdf")
        self.assertEqual(self.count("Paraf", text), 1)
        # The stamps add one SHA-256 column (the initials box's); the report's annex of bukti dukung has its own.
        original = self.text(self.original, "original.pdf")
        self.assertEqual(text.count("SHA-256") - original.count("SHA-256"), 1)
        self.assertEqual(text.count("Ditandatangani secara elektronik"), 1)
        self.assertEqual(text.count("NIP."), 1)
        self.assertNotIn("belum diparaf", text)
        self.assertIn("Plt. Kepala Sub Bagian", text)
        self.assertIn("Contoh Staf", text)  # the Plt. (the name wraps in its cell)
        self.assertIn("Demo Dua", text)
        self.assertIn("Contoh Sekretaris", text)
        self.assertIn("Sekretaris Dinas", text)


class InitialsBoxTestCase(CorrespondenceTestCase):
    def test_three_long_titles_still_fit_the_one_page_of_the_box(self) -> None:
        from kinerja.correspondence.renderers.documents import initials_box_pdf
        from kinerja.org.models import Position

        long_titles = ["Plt. Kepala Sub Bagian Program, Keuangan dan Aset Dinas Koperasi dan UKM",
                       "Plh. Sekretaris Dinas Koperasi dan Usaha Kecil Menengah Kota Bandar Lampung",
                       "Kepala Bidang Usaha Mikro, Kecil dan Menengah pada Dinas Koperasi dan UKM"]
        required = [Position(pk=900 + i, title=t) for i, t in enumerate(long_titles)]
        path = self.data_dir / "paraf.pdf"
        path.write_bytes(initials_box_pdf([], office=self.office, required=required))
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        self.assertEqual(info.split("Pages:")[1].split()[0], "1")  # a stamp shows page 1 only
        text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        self.assertIn("pada Dinas Koperasi dan UKM", text)
        self.assertEqual(text.count("belum diparaf"), 3)
