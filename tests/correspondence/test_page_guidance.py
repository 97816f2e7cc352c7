"""What the letter and document pages tell the Sekretaris, the Kasubbag and the Kadis, as found walking the
seed SOP in a browser: which file to choose again, what to tick, who signs today, why there is no sign
form yet, where a document's case is, and that a signed period takes no new compilation."""

from __future__ import annotations

from django.core.files.base import ContentFile

from kinerja.correspondence import actions
from kinerja.correspondence.models import Document
from kinerja.org import actions as org_actions
from kinerja.performance.models import ReportVersion
from tests.base import PASSWORD

from .helpers import CorrespondenceTestCase, pdf_upload, small_pdf
from .test_workflow_link import SeedSopTestCase


def url_for(token: str) -> str:
    return f"http://testserver/v/{token}/"


class LetterFormTestCase(CorrespondenceTestCase):
    def test_the_scan_chosen_before_an_error_is_asked_for_again_by_name(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "data_collection", "number": "005/1/2025", "letter_date": "2025-03-20", "sender": "Kepala Dinas",
            "subject": "Penyusunan Data Kinerja", "received_on": "2025-03-21", "period": "",
            "scan": pdf_upload("surat-kadis.pdf")})
        self.assertContains(response, "Pilih lagi berkas surat-kadis.pdf: peramban tidak menyimpan berkas yang dipilih")
        self.assertContains(response, 'value="Penyusunan Data Kinerja"')


class HeadsLetterTestCase(SeedSopTestCase):
    def test_the_sekretaris_is_led_to_the_disposition_with_the_sops_next_position_ticked(self) -> None:
        letter = self.post_letter()
        response = self.client.get(f"/letters/{letter.pk}/")
        self.assertContains(response, '<a class="button primary" href="#dispose">Disposisikan surat ini</a>')
        self.assertContains(response, "Langkah SOP berikutnya untuk Kepala Sub Bagian Program, Keuangan dan Aset: "
                                      "sudah dicentang di bawah.")
        ticked = response.context["form"]["recipients"].value()
        self.assertEqual(ticked, [self.positions["subsection_head"].pk])

    def test_after_a_form_error_the_page_still_names_the_sops_next_position(self) -> None:
        letter = self.post_letter()
        response = self.client.post(f"/letters/{letter.pk}/dispose/", {
            "recipients": [self.positions["subsection_head"].pk], "note": "Segera", "disposed_on": "2025-03-21"})
        self.assertContains(response, "Centang sedikitnya satu instruksi.", status_code=400)
        self.assertContains(response, "Langkah SOP berikutnya untuk Kepala Sub Bagian Program, Keuangan dan Aset: "
                                      "sudah dicentang di bawah.", status_code=400)
        self.assertEqual(response.context["form"]["recipients"].value(), [str(self.positions["subsection_head"].pk)])
        self.assertContains(response, "Segera", status_code=400)

    def test_a_letter_that_started_no_case_ticks_nothing(self) -> None:
        general = self.post_letter(kind="general")
        self.assertEqual(self.client.get(f"/letters/{general.pk}/").context["form"]["recipients"].value(), [])
        self.assertNotContains(self.client.get(f"/letters/{general.pk}/"), "Langkah SOP berikutnya")


class DispositionFormTestCase(CorrespondenceTestCase):
    def test_it_says_what_to_tick_instead_of_this_field_is_required(self) -> None:
        letter = self.register()
        self.client.force_login(self.secretary)
        response = self.client.post(f"/letters/{letter.pk}/dispose/", {"note": "Segera", "disposed_on": "2025-03-21"})
        self.assertContains(response, "Centang sedikitnya satu jabatan tujuan.", status_code=400)
        self.assertContains(response, "Centang sedikitnya satu instruksi.", status_code=400)
        # Django's own message reads "this division must not be empty" in an office of bidang.
        self.assertNotContains(response, "Bidang ini tidak boleh kosong", status_code=400)


class SignSectionTestCase(CorrespondenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = actions.create_document(self.office, user=self.subsection_head,
                                               kind=Document.Kind.PERFORMANCE_DATA,
                                               title="Data Kinerja Triwulan I 2025", content=small_pdf("Draft"))
        self.url = f"/documents/{self.version.document_id}/"

    def test_the_head_gets_no_password_field_before_the_initials_are_complete(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        self.client.force_login(self.head)
        response = self.client.get(self.url)
        self.assertNotContains(response, 'type="password"')
        self.assertContains(response, "Tanda tangan dapat dilakukan setelah semua paraf wajib ada pada versi ini. "
                                      "Paraf yang masih belum ada: Sekretaris Dinas.")
        actions.initial_version(self.version.pk, user=self.secretary)
        self.assertContains(self.client.get(self.url), 'type="password"')

    def test_everyone_else_is_told_who_signs_today(self) -> None:
        self.client.force_login(self.subsection_head)
        self.assertContains(self.client.get(self.url),
                            "Hanya kepala dinas yang menandatangani; hari ini: Dr. Contoh Kadis Demo, S.E., M.M. "
                            "(Kepala Dinas Koperasi dan UKM).")

    def test_the_kadis_is_told_that_the_plt_signs_while_in_office(self) -> None:
        today = actions._today(self.office)
        org_actions.assign(self.built.people["kasubbag"], self.positions["head"], starts_on=today, ends_on=today,
                           kind="plt", decree_number="800/10/2026")
        self.client.force_login(self.head)
        response = self.client.get(self.url)
        self.assertNotContains(response, 'type="password"')
        self.assertContains(response, "hari ini: Contoh Kasubbag Demo, S.E. (Plt. Kepala Dinas Koperasi dan UKM).")

    def test_the_signer_is_told_the_title_printed_under_the_signature(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        actions.initial_version(self.version.pk, user=self.secretary)
        self.client.force_login(self.head)
        self.assertContains(self.client.get(self.url), "Anda menandatangani sebagai Kepala Dinas Koperasi dan UKM; "
                                                       "jabatan itu dicetak di bawah tanda tangan Anda.")

    def test_a_plt_signs_as_plt(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        actions.initial_version(self.version.pk, user=self.secretary)
        today = actions._today(self.office)
        org_actions.assign(self.built.people["sekretaris"], self.positions["head"], starts_on=today, ends_on=today,
                           kind="plt", decree_number="800/11/2026")
        self.client.force_login(self.secretary)
        response = self.client.get(self.url)
        self.assertContains(response, 'type="password"')
        self.assertContains(response, "Anda menandatangani sebagai Plt. Kepala Dinas Koperasi dan UKM;")

    def test_a_signed_document_says_nothing_about_who_may_sign(self) -> None:
        actions.initial_version(self.version.pk, user=self.subsection_head)
        actions.initial_version(self.version.pk, user=self.secretary)
        actions.sign_version(self.version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        self.client.force_login(self.subsection_head)
        self.assertNotContains(self.client.get(self.url), "Hanya kepala dinas yang menandatangani")

    def test_it_links_to_the_case_it_belongs_to(self) -> None:
        Document.objects.filter(pk=self.version.document_id).update(case_id=41)
        self.client.force_login(self.secretary)
        self.assertContains(self.client.get(self.url), '<a href="/cases/41/">Buka pelaksanaan SOP dokumen ini</a>')


class SignedPeriodTestCase(CorrespondenceTestCase):
    def compiled(self, number: int) -> ReportVersion:
        content = small_pdf(f"Data v{number}")
        report = ReportVersion(office=self.office, year=2025, quarter=1, number=number, created_by=self.subsection_head,
                               sha256=actions.sha256(content))
        report.pdf.save(f"data-kinerja-v{number}.pdf", ContentFile(content), save=False)
        report.save()
        return report

    def test_a_compilation_of_a_signed_period_links_to_the_signed_document_instead_of_a_button(self) -> None:
        version = actions.take_report(self.compiled(1).pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.subsection_head)
        actions.initial_version(version.pk, user=self.secretary)
        actions.sign_version(version.pk, user=self.head, password=PASSWORD, verify_url_for=url_for)
        later = self.compiled(2)
        self.client.force_login(self.subsection_head)
        response = self.client.get("/documents/")
        self.assertContains(response, f'<a href="/documents/{version.document_id}/">Data Kinerja periode ini sudah '
                                      "ditandatangani</a>", count=2)
        self.assertNotContains(response, f"/documents/from-report/{later.pk}/")

    def test_a_compilation_of_an_unsigned_period_keeps_its_button(self) -> None:
        actions.take_report(self.compiled(1).pk, user=self.subsection_head)
        later = self.compiled(2)
        self.client.force_login(self.subsection_head)
        response = self.client.get("/documents/")
        self.assertContains(response, f"/documents/from-report/{later.pk}/")
        self.assertNotContains(response, "sudah ditandatangani</a>")


class NoRequiredInitialsTestCase(CorrespondenceTestCase):
    """A new office's first Data Kinerja: nobody has set whose initials it needs, and signing is refused
    until somebody does. The document page says where that is set, and links there for the administrator."""

    def setUp(self) -> None:
        super().setUp()
        actions.set_required_initials(self.office, [])
        self.version = actions.create_document(self.office, user=self.staff, kind=Document.Kind.OTHER,
                                               title="Data Kinerja Triwulan III 2026", content=small_pdf("Draf"))

    def test_the_page_says_where_the_required_initials_are_set(self) -> None:
        self.client.force_login(self.subsection_head)
        page = self.client.get(f"/documents/{self.version.document.pk}/")
        self.assertContains(page, "Kantor belum menetapkan paraf yang diperlukan sebelum penandatanganan: "
                                  "administrator menetapkannya di Administrasi → Paraf yang diperlukan.")
        self.assertNotContains(page, 'href="/admin/correspondence/requiredinitial/"')
        self.client.force_login(self.admin)
        page = self.client.get(f"/documents/{self.version.document.pk}/")
        self.assertContains(page, 'href="/admin/correspondence/requiredinitial/"')
