"""Re-importing an SOP keeps the returns its users set by hand in the upload preview of the version before
(actions.carry_hand_decisions): the seed says no return, the office stored it with 4 → 3 and 5 → 4 (as the demo
does), and the revised seed, uploaded again, keeps them where the step is still the same number and actor and
the document says there what it said; what cannot be kept is said, in the preview and on the command line."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kinerja.sop import actions, demo
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .documents import SEED


def _returns(version: SopVersion) -> dict[int, list[int]]:
    return {s.number: sorted(r.number for r in s.returns_to.all())
            for s in version.steps.prefetch_related("returns_to") if s.returns_to.exists()}


class HandDecisionsTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)
        (self.first,) = demo.load(self.office)  # the seed, with the returns the office set by hand
        self.assertEqual(_returns(self.first), {4: [3], 5: [4]})

    def revised(self, *changes: tuple[str, str]) -> Path:
        text = SEED.read_text(encoding="utf-8").replace("TANGGAL REVISI\t-", "TANGGAL REVISI\t3 Maret 2025")
        for old, new in changes:
            self.assertIn(old, text)
            text = text.replace(old, new)
        path = self.folder / "sop-pengumpulan-data-kinerja-revisi.txt"
        path.write_text(text, encoding="utf-8")
        return path

    def test_the_cli_import_keeps_the_returns_set_by_hand_and_says_so(self) -> None:
        err = io.StringIO()
        call_command("sop", "import", str(self.revised()), "--office", self.office.code, stdout=io.StringIO(),
                     stderr=err)
        second = SopVersion.objects.get(sop=self.first.sop, version=2)
        self.assertEqual(_returns(second), {4: [3], 5: [4]})
        self.assertIn("Catatan: Langkah 4 (Kasubbag): “kembali ke langkah 3”, yang diatur manual pada versi 1, "
                      "dipertahankan", err.getvalue())

    def test_a_step_whose_actor_changed_loses_it_and_the_preview_says_so(self) -> None:
        # Step 5 is now the Kadis's: its hand-made return to step 4 is not the Sekretaris's any more.
        draft = actions.preview_import(self.revised(
            ("memaraf draft data kinerja dan menyampaikan kepada Kepala Dinas", "memaraf draft data kinerja"),
            ("Menerima, memeriksa, menyusun, memaraf draft data kinerja dan menyampaikan kepada Sekretaris",
             "Menerima, memeriksa, menyusun, memaraf draft data kinerja dan menyampaikan kepada Kadis")),
            office=self.office)
        self.assertEqual([s.actor for s in draft.steps][3:5], ["Kasubbag", "Kadis"])
        self.assertEqual({s.number: s.returns_to for s in draft.steps if s.returns_to}, {4: [3]})
        kept, lost = draft.hand_decisions
        self.assertTrue(kept.kept)
        self.assertEqual(str(lost), "Langkah 5 (Sekretaris): “kembali ke langkah 4”, yang diatur manual pada versi 1, "
                                    "akan hilang: dokumen ini tidak memiliki langkah 5 milik Sekretaris.")

    def test_the_document_saying_otherwise_wins(self) -> None:
        draft = actions.preview_import(self.revised(
            ("dan menyampaikan kepada Sekretaris\t", "dan menyampaikan kepada Sekretaris. Tidak: ke lgkh 2\t")),
            office=self.office)
        self.assertEqual({s.number: s.returns_to for s in draft.steps if s.returns_to}, {4: [2], 5: [4]})
        self.assertEqual(str(draft.hand_decisions[0]), (
            "Langkah 4 (Kasubbag): “kembali ke langkah 3”, yang diatur manual pada versi 1, akan hilang: dokumen ini "
            "kini menyatakan “kembali ke langkah 2” di situ, dan itulah yang dibaca."))

    def test_a_return_its_document_said_is_not_one_set_by_hand(self) -> None:
        # Version 2 writes step 4's return ("Tidak: ke JFU"); version 3 drops it: dropped on purpose, not kept.
        path = self.revised(("dan menyampaikan kepada Sekretaris\t",
                             "dan menyampaikan kepada Sekretaris. Tidak: ke JFU\t"))
        version = actions.import_sop(path, office=self.office, user=None)
        self.assertEqual(_returns(version), {4: [3], 5: [4]})  # 4 → 3 from its words, 5 → 4 kept by hand
        draft = actions.preview_import(self.revised(("TANGGAL EFEKTIF\t1 Februari 2023", "TANGGAL EFEKTIF\t1 Maret 2023")),
                                       office=self.office)
        self.assertEqual([str(d).split(":")[0] for d in draft.hand_decisions], ["Langkah 5 (Sekretaris)"])
        self.assertEqual({s.number: s.returns_to for s in draft.steps if s.returns_to}, {5: [4]})

    def test_the_upload_preview_shows_them_and_saving_keeps_them(self) -> None:
        self.client.force_login(self.subsection_head)
        with self.revised().open("rb") as f:
            response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile("revisi.txt", f.read())})
        url = response["Location"]
        page = self.client.get(url)
        self.assertContains(page, "Koreksi manual pada versi sebelumnya")
        self.assertContains(page, "Langkah 5 (Sekretaris): “kembali ke langkah 4”, yang diatur manual pada versi 1, "
                                  "dipertahankan")
        data = {}
        for form, _problems in page.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None or value is False else str(value)
        self.assertEqual((data["step-4-returns_to"], data["step-5-returns_to"]), ("3", "4"))
        self.client.post(url, {**{k: v for k, v in data.items() if v != "False"}, "save": ""})
        self.assertEqual(_returns(SopVersion.objects.get(sop=self.first.sop, version=2)), {4: [3], 5: [4]})

    def test_they_are_kept_from_what_the_database_keeps_when_the_file_before_is_gone(self) -> None:
        # The version before's document is read again from its stored steps' texts, not from its file.
        Path(self.first.source_file.path).unlink()
        draft = actions.preview_import(self.revised(), office=self.office)
        self.assertEqual({s.number: s.returns_to for s in draft.steps if s.returns_to}, {4: [3], 5: [4]})
        self.assertEqual([(d.step, d.kept) for d in draft.hand_decisions], [("4", True), ("5", True)])

    def test_they_are_kept_for_a_version_stored_without_a_file(self) -> None:
        SopVersion.objects.filter(pk=self.first.pk).update(source_file="")
        draft = actions.preview_import(self.revised(
            ("dan menyampaikan kepada Sekretaris\t", "dan menyampaikan kepada Sekretaris. Tidak: ke lgkh 2\t")),
            office=self.office)
        # Step 4's document now says otherwise (it wins, and says so); step 5's hand-made return is kept.
        self.assertEqual({s.number: s.returns_to for s in draft.steps if s.returns_to}, {4: [2], 5: [4]})
        self.assertEqual([(d.step, d.kept) for d in draft.hand_decisions], [("4", False), ("5", True)])
