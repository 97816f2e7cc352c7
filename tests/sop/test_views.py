"""The SOP pages: list and search, a version page, upload with preview and corrections, comparison,
status changes and actor links. Office-scoped: another office's ids are 404."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.sop import actions
from kinerja.sop.models import Sop, SopVersion
from tests.base import KinerjaTestCase

from .documents import SEED, sop_text


def seed_upload(name: str = "sop-data-kinerja.txt", text: str | None = None) -> SimpleUploadedFile:
    data = (text if text is not None else SEED.read_text(encoding="utf-8")).encode()
    return SimpleUploadedFile(name, data, content_type="text/plain")


class SopListTestCase(KinerjaTestCase):
    def test_it_needs_a_sign_in(self) -> None:
        self.assertRedirects(self.client.get("/sop/"), "/login/?next=/sop/")

    def test_it_lists_and_searches_the_office_sops_only(self) -> None:
        actions.import_sop(SEED, office=self.office, user=None)
        actions.import_sop(SEED, office=self.other_office, user=None)
        self.client.force_login(self.staff)
        response = self.client.get("/sop/")
        self.assertContains(response, "PENGUMPULAN DATA KINERJA", count=1)
        self.assertContains(response, "Berlaku")  # in force, in Indonesian
        self.assertNotContains(response, "Unggah SOP")  # staff may not upload
        self.assertNotContains(self.client.get("/sop/?q=renja"), "PENGUMPULAN DATA KINERJA")
        self.assertContains(self.client.get("/sop/?q=data+kinerja"), "PENGUMPULAN DATA KINERJA")

    def test_the_query_count_is_the_same_for_1_and_50_sops(self) -> None:
        def add(i: int) -> None:
            sop = Sop.objects.create(office=self.office, number=f"{i}/SOP", name=f"SOP Uji {i}")
            SopVersion.objects.create(sop=sop, version=1, name=sop.name, number=sop.number, status="in_force")
            SopVersion.objects.create(sop=sop, version=2, name=sop.name, number=sop.number, status="draft")

        add(0)
        self.client.force_login(self.subsection_head)
        self.client.get("/sop/")
        with CaptureQueriesContext(connection) as one:
            self.assertContains(self.client.get("/sop/"), "SOP Uji 0")
        for i in range(1, 50):
            add(i)
        # session, user, person+office, positions held (nav and upload right, twice), SOPs, their versions
        with self.assertNumQueries(len(one.captured_queries)):
            self.assertContains(self.client.get("/sop/"), "SOP Uji 49")


class VersionPageTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = actions.import_sop(SEED, office=self.office, user=self.subsection_head)

    def test_it_shows_the_header_steps_history_downloads_and_flowchart(self) -> None:
        self.client.force_login(self.staff)
        response = self.client.get(f"/sop/versions/{self.version.pk}/")
        self.assertContains(response, "RIANA AFRIANA, AP.MM")
        self.assertContains(response, "berkoordinasi dengan bidang-bidang")
        self.assertContains(response, "5 hari kerja")
        self.assertContains(response, f"/sop/versions/{self.version.pk}/download/pdf/")
        self.assertContains(response, f"/sop/versions/{self.version.pk}/source/")
        self.assertContains(response, "<svg")
        self.assertNotContains(response, "Cabut versi ini")

    def test_another_office_gets_404(self) -> None:
        self.client.force_login(self.outsider)
        for url in (f"/sop/versions/{self.version.pk}/", f"/sop/versions/{self.version.pk}/compare/",
                    f"/sop/versions/{self.version.pk}/source/", f"/sop/{self.version.sop_id}/"):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(self.client.post(f"/sop/versions/{self.version.pk}/revoke/", {"reason": "x"}).status_code, 403)
        # Their administrator may manage SOPs, but not ours.
        self.client.force_login(self.other.people["admin"].user)
        actor = self.version.actors.get(name="JFU")
        self.assertEqual(self.client.post(f"/sop/actors/{actor.pk}/link/", {}).status_code, 404)
        self.assertEqual(self.client.post(f"/sop/versions/{self.version.pk}/revoke/", {"reason": "x"}).status_code, 404)
        self.assertEqual(self.client.post(f"/sop/versions/{self.version.pk}/in-force/").status_code, 404)
        self.version.refresh_from_db()
        self.assertEqual(self.version.status, "in_force")

    def test_the_source_document_downloads_unchanged(self) -> None:
        self.client.force_login(self.auditor)
        response = self.client.get(f"/sop/versions/{self.version.pk}/source/")
        self.assertEqual(b"".join(response.streaming_content), SEED.read_bytes())

    def test_the_sop_address_leads_to_the_version_in_force(self) -> None:
        self.client.force_login(self.staff)
        self.assertRedirects(self.client.get(f"/sop/{self.version.sop_id}/"), f"/sop/versions/{self.version.pk}/")

    def test_the_admin_links_an_unlinked_actor(self) -> None:
        actor = self.version.actors.get(name="JFU")
        actor.position = None
        actor.save()
        self.client.force_login(self.staff)
        self.assertNotContains(self.client.get(f"/sop/versions/{self.version.pk}/"), "Pelaksana belum ditautkan")
        self.assertEqual(self.client.post(f"/sop/actors/{actor.pk}/link/",
                                          {f"actor-{actor.pk}-position": self.positions["staff"].pk}).status_code, 403)
        self.client.force_login(self.admin)
        self.assertContains(self.client.get(f"/sop/versions/{self.version.pk}/"), "Pelaksana belum ditautkan")
        self.client.post(f"/sop/actors/{actor.pk}/link/", {f"actor-{actor.pk}-position": self.positions["staff"].pk})
        actor.refresh_from_db()
        self.assertEqual(actor.position, self.positions["staff"])
        other_position = self.other.positions["staff"].pk
        self.client.post(f"/sop/actors/{actor.pk}/link/", {f"actor-{actor.pk}-position": other_position})
        actor.refresh_from_db()
        self.assertEqual(actor.position, self.positions["staff"])

    def test_the_kasubbag_revokes_and_puts_versions_in_force(self) -> None:
        self.client.force_login(self.subsection_head)
        self.client.post(f"/sop/versions/{self.version.pk}/revoke/", {"reason": "Diganti"})
        self.version.refresh_from_db()
        self.assertEqual(self.version.status, "revoked")
        response = self.client.post(f"/sop/versions/{self.version.pk}/in-force/", follow=True)
        self.assertContains(response, "dicabut")
        self.client.force_login(self.staff)
        self.assertEqual(self.client.post(f"/sop/versions/{self.version.pk}/in-force/").status_code, 403)

    def test_a_too_long_revocation_reason_is_named_and_kept(self) -> None:
        self.client.force_login(self.subsection_head)
        reason = ("Diganti dengan SOP baru sesuai Perwali. " * 13).strip()  # 519 characters, 500 allowed
        response = self.client.post(f"/sop/versions/{self.version.pk}/revoke/", {"reason": reason})
        self.assertContains(response, "paling banyak 500 karakter (sekarang 519 karakter)", status_code=400)
        self.assertContains(response, reason, status_code=400)
        self.version.refresh_from_db()
        self.assertEqual(self.version.status, "in_force")

    def test_a_version_revoked_meanwhile_says_so_and_keeps_the_reason(self) -> None:
        self.client.force_login(self.subsection_head)
        self.client.post(f"/sop/versions/{self.version.pk}/revoke/", {"reason": "Diganti"})
        response = self.client.post(f"/sop/versions/{self.version.pk}/revoke/", {"reason": "Tidak dipakai lagi"})
        self.assertContains(response, "sudah dicabut", status_code=400)
        self.assertContains(response, "Tidak dipakai lagi", status_code=400)
        self.version.refresh_from_db()
        self.assertEqual(self.version.revoked_reason, "Diganti")

    def test_the_comparison_shows_an_inserted_step_once_and_old_numbers(self) -> None:
        import tempfile
        from pathlib import Path

        from .documents import sop_text

        actors = ["Sekretaris", "Kasubbag", "JFU"]
        steps = [("Menerima surat dan mendisposisikan", "2 menit", "Sekretaris"),
                 ("Memerintahkan JFU menghimpun data", "10 menit", "Kasubbag"),
                 ("Menghimpun data dari bidang", "10 hari", "JFU"),
                 ("Memeriksa dan memaraf draft", "5 hari", "Kasubbag")]
        folder = Path(tempfile.mkdtemp())
        (folder / "v1.txt").write_text(sop_text(actors, steps, name="SOP URUTAN"))
        revised = [*steps[:2], ("Menyiapkan format isian untuk bidang", "1 hari", "Kasubbag"), steps[2],
                   ("Memeriksa dan memaraf draft", "3 hari", "Kasubbag")]
        (folder / "v2.txt").write_text(sop_text(actors, revised, name="SOP URUTAN"))
        actions.import_sop(folder / "v1.txt", office=self.office, user=None)
        second = actions.import_sop(folder / "v2.txt", office=self.office, user=None)
        self.client.force_login(self.staff)
        page = self.client.get(f"/sop/versions/{second.pk}/compare/")
        self.assertContains(page, "langkah ditambahkan", count=1)
        self.assertContains(page, "Menyiapkan format isian untuk bidang")
        self.assertContains(page, "langkah berubah", count=1)  # only the Kasubbag's check: 5 hari → 3 hari
        self.assertContains(page, "(sebelumnya langkah 4)")
        self.assertNotContains(page, "langkah dihapus")

    def test_the_comparison_names_steps_by_their_printed_numbers(self) -> None:
        """Version 2 prints sub-steps (3.1, 3.2): the comparison names each step as its version prints it,
        a return target too, and the number a step had before as version 1 printed it."""
        import tempfile
        from pathlib import Path

        from .test_import_substeps import ACTORS, STEPS, numbered

        folder = Path(tempfile.mkdtemp())
        old = [*STEPS[:3], ("Menghimpun data dari bidang", "5 hari", "JFU"),
               ("Memeriksa data; bila belum sesuai kembali ke langkah 4", "2 hari", "Kasubbag"), STEPS[5]]
        (folder / "v1.txt").write_text(sop_text(ACTORS, old, name="SOP SUB LANGKAH"))
        new = [*STEPS[:3], ("Menghimpun data dari bidang", "4 hari", "JFU"),
               ("Memeriksa data; bila belum sesuai kembali ke langkah 3.1", "3 hari", "Kasubbag"), STEPS[5]]
        (folder / "v2.txt").write_text(numbered(["1", "2", "3.1", "3.2", "4", "5"], new).replace(
            "SOP UJI COBA", "SOP SUB LANGKAH"))
        first = actions.import_sop(folder / "v1.txt", office=self.office, user=None)
        # The upload's preview compares the version in force with the draft read from the document.
        draft = actions.compare_versions(first, actions.preview_import(folder / "v2.txt", office=self.office))
        self.assertEqual([(c.new.display_number, c.old.display_number, c.new.returns_to_display)
                          for c in draft.changed], [("3.2", "4", ""), ("4", "5", "3.1")])
        second = actions.import_sop(folder / "v2.txt", office=self.office, user=None)
        self.client.force_login(self.staff)
        page = self.client.get(f"/sop/versions/{second.pk}/compare/")
        html = " ".join(page.content.decode().split())
        self.assertIn("</span> 3.2. <span class=\"muted\">(sebelumnya langkah 4)</span>", html)
        self.assertIn("</span> 4. <span class=\"muted\">(sebelumnya langkah 5)</span>", html)
        self.assertIn("kembali ke langkah: <del>4</del> → <ins>3.1</ins>", html)
        self.assertEqual(html.count("langkah berubah"), 2)  # the signature, printed 5 (was 6), did not change

    def test_the_comparison_shows_changed_times(self) -> None:
        import tempfile
        from pathlib import Path

        revised = Path(tempfile.mkdtemp()) / "revisi.txt"
        revised.write_text(SEED.read_text().replace("10 menit", "15 menit"))
        second = actions.import_sop(revised, office=self.office, user=None)
        self.client.force_login(self.staff)
        response = self.client.get(f"/sop/versions/{second.pk}/compare/")
        self.assertContains(response, "10 menit")
        self.assertContains(response, "15 menit")
        self.assertContains(self.client.get(f"/sop/versions/{second.pk}/"), "Digantikan")


class UploadTestCase(KinerjaTestCase):
    def start(self, upload: SimpleUploadedFile) -> str:
        response = self.client.post("/sop/upload/", {"document": upload})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return response["Location"]

    def step_data(self, response, **changes: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
        data = {}
        for form, _problems in response.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        data.update(changes)
        return data

    def test_staff_may_not_upload(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get("/sop/upload/").status_code, 403)

    def test_the_kasubbag_uploads_previews_corrects_and_saves(self) -> None:
        self.client.force_login(self.subsection_head)
        preview_url = self.start(seed_upload())
        response = self.client.get(preview_url)
        self.assertContains(response, "Menginventarisir bahan data kinerja")
        self.assertContains(response, '<option value="Kadis" selected>', count=1)
        self.assertFalse(Sop.objects.exists())
        data = self.step_data(response, **{"step-2-duration_value": "15", "step-4-returns_to": "3", "save": ""})
        response = self.client.post(preview_url, data)
        version = SopVersion.objects.get()
        self.assertRedirects(response, f"/sop/versions/{version.pk}/")
        self.assertEqual(version.steps.get(number=2).duration_value, 15)
        self.assertEqual([s.number for s in version.steps.get(number=4).returns_to.all()], [3])
        self.assertEqual(version.source_name, "sop-data-kinerja.txt")
        self.assertEqual(version.imported_by, self.subsection_head)
        # The pending upload is gone.
        self.assertEqual(self.client.get(preview_url).status_code, 404)

    def test_a_bad_document_is_refused_on_the_form_and_nothing_is_saved(self) -> None:
        self.client.force_login(self.admin)
        # A table without a Waktu column is previewed (test_import_missing_time); one without its name is not.
        bad = SEED.read_text().replace("NAMA SOP\t", "JUDUL\t", 1)
        response = self.client.post("/sop/upload/", {"document": seed_upload("rusak.txt", bad)})
        self.assertContains(response, "rusak.txt, kolom Nama SOP", status_code=400)
        self.assertFalse(Sop.objects.exists())

    def test_a_word_rendition_previews_like_the_text(self) -> None:
        from .documents import FILES

        self.client.force_login(self.subsection_head)
        docx = (FILES / "sop-pengumpulan-data-kinerja.docx").read_bytes()
        preview_url = self.start(SimpleUploadedFile("sop.docx", docx))
        response = self.client.get(preview_url)
        self.assertEqual([f.initial["actor"] for f, _p in response.context["rows"]],
                         ["Sekretaris", "Kasubbag", "JFU", "Kasubbag", "Sekretaris", "Kadis"])

    def test_a_file_over_10_mb_is_refused(self) -> None:
        self.client.force_login(self.admin)
        big = SimpleUploadedFile("besar.txt", SEED.read_bytes() + b" " * (10 * 1024 * 1024))
        response = self.client.post("/sop/upload/", {"document": big})
        self.assertContains(response, "10 MB", status_code=400)
        self.assertFalse(Sop.objects.exists())

    def test_the_form_takes_a_pdf(self) -> None:
        self.client.force_login(self.admin)
        response = self.client.get("/sop/upload/")
        self.assertContains(response, 'accept=".docx,.xlsx,.pdf,.txt,.md,.csv"')
        self.assertContains(response, "PDF yang disimpan dari Word atau Excel (bukan hasil pindaian)")

    def test_a_printed_pdf_previews_like_the_text(self) -> None:
        from kinerja.sop.renderers import sheet

        printed = sheet.render_pdf(actions.import_sop(SEED, office=self.other_office, user=None))
        self.client.force_login(self.subsection_head)
        preview_url = self.start(SimpleUploadedFile("sop-data-kinerja.pdf", printed, content_type="application/pdf"))
        response = self.client.get(preview_url)
        self.assertEqual([f.initial["actor"] for f, _p in response.context["rows"]],
                         ["Sekretaris", "Kasubbag", "JFU", "Kasubbag", "Sekretaris", "Kadis"])
        self.assertContains(response, "Menerima, memeriksa, menandatangani data kinerja")

    def test_a_scanned_pdf_is_refused_with_what_to_do(self) -> None:
        import tempfile

        from .pdfs import scanned_pdf

        scan = scanned_pdf(Path(tempfile.mkdtemp())).read_bytes()
        self.client.force_login(self.admin)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile("pindaian.pdf", scan)})
        self.assertContains(response, "hasil pindaian", status_code=400)
        self.assertContains(response, "ekspor dari Word sebagai PDF", status_code=400)
        self.assertFalse(Sop.objects.exists())

    def test_a_wrong_standard_time_is_quoted_next_to_it_and_the_other_corrections_are_kept(self) -> None:
        self.client.force_login(self.subsection_head)
        preview_url = self.start(seed_upload())
        response = self.client.get(preview_url)
        data = self.step_data(response, **{"step-2-duration_value": "1.234,5x", "step-4-returns_to": "3",
                                           "step-5-duration_value": "1,5", "save": ""})
        response = self.client.post(preview_url, data)
        forms = {f.step.number: f for f, _p in response.context["rows"]}
        self.assertEqual(forms[2].errors["duration_value"], ["“1.234,5x” bukan angka; tulis misalnya 2,5."])
        self.assertContains(response, 'value="1.234,5x"', status_code=400)
        self.assertContains(response, 'value="1,5"', status_code=400)
        self.assertContains(response, 'value="3"', status_code=400)
        self.assertFalse(Sop.objects.exists())

    def test_the_user_picks_an_undecided_actor_and_keeps_what_they_typed_on_errors(self) -> None:
        self.client.force_login(self.subsection_head)
        text = sop_text(["Kasubbag", "JFU"], [("Menyusun", "1 hari", "JFU"), ("Memeriksa", "sebentar saja", None),
                                              ("Mengarsipkan", "1 jam", "JFU")])
        preview_url = self.start(seed_upload("uji.txt", text))
        response = self.client.get(preview_url)
        self.assertContains(response, "langkah 2, kolom Pelaksana")
        self.assertContains(response, "sebentar saja")
        # The page offers the choice in the row; it names no option of the command line.
        self.assertNotContains(response, "--actor")
        data = self.step_data(response, **{"step-2-actor": "Kasubbag", "step-2-duration_value": "2,5",
                                           "step-2-duration_unit": "hour", "step-3-returns_to": "5", "save": ""})
        response = self.client.post(preview_url, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'value="2,5"', status_code=400)
        self.assertContains(response, 'value="5"', status_code=400)
        self.assertFalse(Sop.objects.exists())
        data["step-3-returns_to"] = "2"
        response = self.client.post(preview_url, data)
        version = SopVersion.objects.get()
        step = version.steps.get(number=2)
        self.assertEqual((step.actor.name, str(step.duration_value), step.duration_unit), ("Kasubbag", "2.50", "hour"))

    def test_the_user_settles_a_return_in_the_note_column_that_names_no_earlier_step(self) -> None:
        self.client.force_login(self.subsection_head)
        lines = sop_text(["Kasubbag", "JFU"], [("Menyusun", "1 hari", "JFU"), ("Memeriksa", "1 jam", "Kasubbag"),
                                               ("Mengarsipkan", "1 jam", "JFU")]).split("\n")
        row = next(i for i, line in enumerate(lines) if line.startswith("2\t"))
        lines[row] += "Tidak sesuai: kembali ke langkah 7"  # the Ket. cell
        preview_url = self.start(seed_upload("uji.txt", "\n".join(lines)))
        response = self.client.get(preview_url)
        self.assertContains(response, "langkah 2, kolom Ket")
        response = self.client.post(preview_url, self.step_data(response, **{"step-2-returns_to": "1", "save": ""}))
        version = SopVersion.objects.get()
        self.assertRedirects(response, f"/sop/versions/{version.pk}/")
        self.assertEqual([s.number for s in version.steps.get(number=2).returns_to.all()], [1])

    def test_a_new_version_shows_the_changes_before_and_after_saving(self) -> None:
        actions.import_sop(SEED, office=self.office, user=None)
        self.client.force_login(self.subsection_head)
        preview_url = self.start(seed_upload("revisi.txt", SEED.read_text().replace("10 menit", "20 menit")))
        response = self.client.get(preview_url)
        self.assertContains(response, "Perubahan terhadap versi 1")
        self.assertContains(response, "20 menit")
        response = self.client.post(preview_url, self.step_data(response, save=""))
        new = SopVersion.objects.get(version=2)
        self.assertRedirects(response, f"/sop/versions/{new.pk}/compare/")

    def test_another_session_cannot_use_the_pending_upload(self) -> None:
        self.client.force_login(self.subsection_head)
        preview_url = self.start(seed_upload())
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get(preview_url).status_code, 404)

    def test_discarding_the_upload_saves_nothing(self) -> None:
        self.client.force_login(self.subsection_head)
        preview_url = self.start(seed_upload())
        self.assertRedirects(self.client.post(preview_url, {"cancel": ""}), "/sop/")
        self.assertFalse(Sop.objects.exists())
