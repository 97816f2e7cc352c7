"""The register of incoming letters: agenda numbers in the office's format, per year, the PDF checks,
and the list page."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from django.utils.formats import date_format

from kinerja.correspondence import actions
from kinerja.correspondence.models import Counter, Letter, RegisterSettings, validate_number_format
from kinerja.errors import KinerjaError, NotAllowed

from .helpers import CorrespondenceTestCase, encrypted_pdf, pdf_upload, small_pdf


class RegisterLetterTestCase(CorrespondenceTestCase):
    def test_it_numbers_letters_in_the_office_format(self) -> None:
        RegisterSettings.objects.update_or_create(office=self.office,
                                                  defaults={"agenda_format": "005/{seq:03d}/III.07/{year}"})
        first = self.register()
        second = self.register("Undangan rapat")
        self.assertEqual(first.agenda_number, "005/001/III.07/2025")
        self.assertEqual(second.agenda_number, "005/002/III.07/2025")

    def test_a_format_may_carry_the_month_in_roman_or_in_figures(self) -> None:
        # Many offices write the month into their numbers: "12/SK/III/2025", "005/012/03/2025". The month is
        # that of the date received, as the year is.
        RegisterSettings(office=self.office, agenda_format="{seq}/SK/{roman_month}/{year}").full_clean()
        RegisterSettings.objects.update_or_create(office=self.office,
                                                  defaults={"agenda_format": "{seq}/SK/{roman_month}/{year}"})
        self.assertEqual(self.register().agenda_number, "1/SK/III/2025")
        self.assertEqual(self.register(received_on=dt.date(2025, 12, 1)).agenda_number, "2/SK/XII/2025")
        RegisterSettings.objects.filter(office=self.office).update(agenda_format="{code}/{seq:03d}/{month:02d}/{year}")
        self.assertEqual(self.register(classification="005", received_on=dt.date(2025, 9, 2)).agenda_number,
                         "005/003/09/2025")

    def test_it_restarts_the_count_each_year(self) -> None:
        self.register(letter_date=dt.date(2024, 12, 27), received_on=dt.date(2024, 12, 30))
        letter = self.register(letter_date=dt.date(2024, 12, 31), received_on=dt.date(2025, 1, 2))
        self.assertEqual((letter.year, letter.seq), (2025, 1))

    def test_it_continues_from_an_existing_counter(self) -> None:
        Counter.objects.create(office=self.office, register="incoming", year=2025, last=122)
        self.assertEqual(self.register().agenda_number, "123/2025")

    def test_the_register_refuses_a_second_letter_with_the_same_number(self) -> None:
        from django.db import IntegrityError, transaction

        letter = self.register()
        letter.pk = None
        with self.assertRaises(IntegrityError), transaction.atomic():
            letter.save()

    def test_it_keeps_the_scan_and_its_hash(self) -> None:
        letter = self.register(scan=small_pdf())
        self.assertEqual(letter.scan.read(), small_pdf())
        self.assertEqual(len(letter.scan_sha256), 64)

    def test_it_refuses_a_file_that_is_not_a_pdf(self) -> None:
        data = actions.LetterInput("1", dt.date(2025, 3, 1), "X", "Y", dt.date(2025, 3, 2))
        with self.assertRaisesMessage(KinerjaError, "surat.docx is neither a PDF nor a JPG, PNG or TIFF image."):
            actions.register_letter(self.office, data, user=self.secretary,
                                    scan=SimpleUploadedFile("surat.docx", b"PK\x03\x04 not a pdf"))
        self.assertFalse(Letter.objects.exists())
        self.assertFalse(Counter.objects.exists())  # nothing half-saved: the number is not used up

    def test_it_refuses_a_damaged_pdf(self) -> None:
        data = actions.LetterInput("1", dt.date(2025, 3, 1), "X", "Y", dt.date(2025, 3, 2))
        with self.assertRaisesMessage(KinerjaError, "damaged PDF"):
            actions.register_letter(self.office, data, user=self.secretary,
                                    scan=pdf_upload(data=b"%PDF-1.7\n1 0 obj garbage"))

    def test_it_refuses_a_pdf_that_opens_only_with_a_password_and_takes_one_with_restrictions_only(self) -> None:
        # A sender's "protected" PDF: nobody in the office could open the registered scan. A scanner's PDF
        # with only an owner password (printing or editing restricted) opens without one and is a scan.
        data = actions.LetterInput("1", dt.date(2025, 3, 1), "X", "Y", dt.date(2025, 3, 2))
        with self.assertRaisesMessage(KinerjaError, "Scanned letter: rahasia.pdf is protected with a password"):
            actions.register_letter(self.office, data, user=self.secretary,
                                    scan=pdf_upload("rahasia.pdf", encrypted_pdf(user_password="rahasia")))
        self.assertFalse(Letter.objects.exists())
        self.assertFalse(Counter.objects.exclude(last=0).exists())
        letter = actions.register_letter(self.office, data, user=self.secretary,
                                         scan=pdf_upload("terbatas.pdf", encrypted_pdf(user_password="")))
        self.assertEqual(letter.agenda_number, "001/2025")

    @override_settings(KINERJA_MAX_UPLOAD_BYTES=1000)
    def test_it_refuses_a_file_over_the_limit(self) -> None:
        data = actions.LetterInput("1", dt.date(2025, 3, 1), "X", "Y", dt.date(2025, 3, 2))
        with self.assertRaisesMessage(KinerjaError, "the limit is"):
            actions.register_letter(self.office, data, user=self.secretary, scan=pdf_upload())

    def test_a_letter_received_in_the_future_is_refused_and_uses_no_number(self) -> None:
        tomorrow = actions._today(self.office) + dt.timedelta(days=1)
        with self.assertRaisesMessage(KinerjaError, f"Date received: {date_format(tomorrow, 'j F Y')} is in the future"):
            self.register(received_on=tomorrow)
        self.assertFalse(Letter.objects.exists())
        self.assertFalse(Counter.objects.exists())

    def test_a_letter_dated_after_it_was_received_is_refused(self) -> None:
        data = actions.LetterInput("800/1/2025", dt.date(2025, 3, 22), "Bappeda", "Undangan", dt.date(2025, 3, 2))
        with self.assertRaisesMessage(KinerjaError, "Letter date: 22 March 2025 is after the date received "
                                                    "(2 March 2025)."):
            actions.register_letter(self.office, data, user=self.secretary, scan=pdf_upload())
        self.assertFalse(Letter.objects.exists())

    def test_the_same_scan_twice_is_refused_naming_the_first_and_uses_no_number(self) -> None:
        first = self.register(scan=small_pdf())
        with self.assertRaisesMessage(KinerjaError, "Scanned letter: surat.pdf is already registered as 001/2025 "
                                                    "(letter 800/12/III.07/2025 of Kepala Dinas Koperasi dan UKM)."):
            self.register(scan=small_pdf())  # a second press of "Register"
        self.assertEqual(Letter.objects.get(), first)
        self.assertEqual(Counter.objects.get().last, 1)

    def test_staff_may_not_register(self) -> None:
        with self.assertRaises(NotAllowed):
            self.register(user=self.staff)

    def test_a_bad_format_is_named(self) -> None:
        RegisterSettings.objects.update_or_create(office=self.office, defaults={"agenda_format": "{nomor}/{year}"})
        with self.assertRaisesMessage(KinerjaError, "{nomor}/{year}"):
            self.register()

    def test_the_settings_refuse_a_format_the_register_cannot_number_with(self) -> None:
        # Checked when the administrator saves it, not when a clerk registers the next letter: a placeholder
        # kinerja does not know, a format without the number (every letter would get the same agenda
        # number), a Python expression, an unclosed brace.
        for field in ("agenda_format", "outgoing_format"):
            for fmt, problem in [("{nomor}/{year}", "{nomor} is not a placeholder"),
                                 ("005/III.07/{year}", "it needs {seq}"),
                                 ("{seq.__class__}/{year}", "{seq.__class__} is not a placeholder"),
                                 ("{seq:03d}/{year}/{", "Single '{'"),
                                 ("{seq:%d}/{year}", "{seq:%d}")]:
                with self.subTest(field=field, format=fmt):
                    settings = RegisterSettings(office=self.office, **{field: fmt})
                    with self.assertRaises(ValidationError) as refused:
                        settings.full_clean()
                    self.assertIn(problem, " ".join(refused.exception.message_dict[field]))
        RegisterSettings(office=self.office, agenda_format="005/{seq:03d}/III.07/{year}",
                         outgoing_format="{code}/{seq}/SK/{year}").full_clean()

    def test_the_admin_form_refuses_a_format_the_register_cannot_number_with_in_the_numbering_s_words(self) -> None:
        # The administrator edits the formats in the Django admin: the change form refuses what numbering
        # would refuse (no {seq}, "{seq[0]}"), with the same message, next to the field, and nothing changes.
        from kinerja.correspondence.actions import settings_of

        settings = settings_of(self.office)
        self.client.force_login(self.admin)
        url = f"/admin/correspondence/registersettings/{settings.pk}/change/"
        form = self.client.get(url).context["adminform"].form
        data = {name: "" if value is None else value for name, value in form.initial.items()}
        data["office"] = self.office.pk
        for fmt, problem in [("005/III.07/{year}", "format perlu {seq}"),
                             ("{seq[0]}/{year}", "{seq[0]} bukan penanda yang dikenal")]:
            with self.subTest(format=fmt):
                response = self.client.post(url, {**data, "agenda_format": fmt})
                self.assertEqual(response.status_code, 200)
                [message] = response.context["adminform"].form.errors["agenda_format"]
                self.assertIn(problem, message)
                with self.assertRaises(ValidationError) as numbering, translation.override("id"):
                    validate_number_format(fmt)
                self.assertEqual(numbering.exception.messages, [message])
        settings.refresh_from_db()
        self.assertEqual(settings.agenda_format, "{seq:03d}/{year}")
        response = self.client.post(url, {**data, "agenda_format": "{seq}/SK/{roman_month}/{year}"})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        settings.refresh_from_db()
        self.assertEqual(settings.agenda_format, "{seq}/SK/{roman_month}/{year}")

    def test_a_format_saved_before_the_check_stops_numbering_naming_the_register_the_office_and_the_format(
            self) -> None:
        # Saved before migration 0008 checked formats: one without {seq} gave every letter the same number, and
        # "{seq[0]}" failed with a server error. Nothing is registered or numbered with either.
        for fmt, problem in [("005/III.07/{year}", "it needs {seq}"), ("{seq[0]}/{year}", "{seq[0]} is not a "
                                                                                         "placeholder")]:
            with self.subTest(format=fmt):
                RegisterSettings.objects.update_or_create(office=self.office, defaults={"agenda_format": fmt})
                with self.assertRaises(KinerjaError) as refused:
                    self.register()
                message = str(refused.exception)
                for part in (f"The agenda number format of {self.office.name}, {fmt}, cannot number", problem,
                             "Register settings; nothing was numbered."):
                    self.assertIn(part, message)
        self.assertFalse(Letter.objects.exists())
        self.assertFalse(Counter.objects.exclude(last=0).exists())
        RegisterSettings.objects.filter(office=self.office).update(outgoing_format="{code}/SK/{year}")
        with self.assertRaisesMessage(KinerjaError, "The outgoing number format of"):
            actions.create_outgoing(self.office, actions.OutgoingInput(
                kind="memo", title="Nota", addressee="Sekretaris", body="Isi", classification="005"), user=self.staff)

    def test_the_migration_after_the_check_reports_each_format_saved_before_it_that_cannot_number(self) -> None:
        import importlib

        from django.apps import apps

        migration = importlib.import_module("kinerja.correspondence.migrations.0009_report_invalid_number_formats")
        RegisterSettings.objects.update_or_create(office=self.office, defaults={
            "agenda_format": "{nomor}/{year}", "outgoing_format": "{code}/{seq:03d}/{year}"})
        RegisterSettings.objects.update_or_create(office=self.other_office, defaults={
            "agenda_format": "{seq:03d}/{year}", "outgoing_format": "{code}/SK/{year}"})
        with translation.override("en"):
            found = migration.problems(apps)
        self.assertEqual(len(found), 2)
        self.assertIn(f"{self.office.name}: agenda number format '{{nomor}}/{{year}}' cannot number: {{nomor}} is "
                      "not a placeholder", found[0])
        self.assertIn(f"{self.other_office.name}: outgoing number format '{{code}}/SK/{{year}}' cannot number",
                      found[1])

    def test_an_agenda_format_with_the_classification_code_needs_one(self) -> None:
        RegisterSettings.objects.update_or_create(office=self.office, defaults={"agenda_format": "{code}/{seq:03d}/{year}"})
        with self.assertRaisesMessage(actions.BadValue, "numbers include it, e.g. 005/001/2025"):
            self.register(classification="")
        self.assertFalse(Counter.objects.exclude(last=0).exists())
        self.assertEqual(self.register(classification="005").agenda_number, "005/001/2025")


class RegisterPageTestCase(CorrespondenceTestCase):
    def test_it_registers_through_the_form(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/1/2025", "letter_date": "2025-03-20", "sender": "Bappeda",
            "subject": "Undangan", "classification": "005", "received_on": "2025-03-21", "scan": pdf_upload()})
        letter = Letter.objects.get()
        self.assertRedirects(response, f"/letters/{letter.pk}/")
        self.assertEqual(letter.agenda_number, "001/2025")

    def test_on_a_phone_the_register_shows_each_letter_as_a_card_with_labels(self) -> None:
        """As a table, a long sender pushed the subject and the disposition status off a phone's screen."""
        self.register()
        self.client.force_login(self.secretary)
        page = self.client.get("/letters/")
        self.assertContains(page, '<table class="data corr-cards">')
        for label in ("Nomor agenda", "Pengirim", "Perihal", "Disposisi"):
            self.assertContains(page, f'data-label="{label}"')

    def test_a_sender_named_down_to_its_unit_is_kept_whole(self) -> None:
        """A ministry "c.q." its deputy "c.q." its assistant deputy runs past 200 characters; a browser cuts a
        pasted name at the field's maxlength without a word, so the field must hold it."""
        sender = ("Kementerian Koordinator Bidang Perekonomian Republik Indonesia c.q. Deputi Bidang Koordinasi "
                  "Pengembangan Usaha Badan Usaha Milik Negara, Riset, dan Inovasi c.q. Asisten Deputi Pengembangan "
                  "Ekosistem Usaha Mikro, Kecil, dan Menengah")
        self.assertGreater(len(sender), 200)
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/12/III.07/2025", "letter_date": "2025-03-20", "sender": sender,
            "subject": "Undangan", "classification": "005", "received_on": "2025-03-21", "scan": pdf_upload()})
        letter = Letter.objects.get()
        self.assertRedirects(response, f"/letters/{letter.pk}/")
        self.assertEqual(letter.sender, sender)

    def test_a_perihal_longer_than_the_register_holds_is_refused_with_its_length_not_cut(self) -> None:
        """A perihal pasted from the letter: the browser cut it at the field's maxlength without a word, and the
        register kept its first 300 characters. Now the form names the length and keeps what was typed."""
        subject = ("Permohonan Fasilitasi Pendampingan, Pelatihan Manajemen Usaha, Sertifikasi Halal, Perizinan Berusaha "
                   "Berbasis Risiko (OSS-RBA) dan Akses Permodalan Kredit Usaha Rakyat (KUR) bagi Pelaku Usaha Mikro, "
                   "Kecil dan Menengah serta Koperasi Simpan Pinjam di Wilayah Kecamatan Teluk Betung Utara, Tanjung "
                   "Karang Pusat dan Kedaton TA 2026")
        self.assertEqual(len(subject), 328)
        self.client.force_login(self.secretary)
        form = self.client.get("/letters/new/").content.decode()
        for name in ("number", "sender", "subject", "classification", "period"):
            tag = form[form.index(f'name="{name}"'):]
            self.assertNotIn("maxlength", tag[:tag.index(">")], name)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "B/045.2/KUKM.3/XII/2025.", "letter_date": "2025-12-25",
            "sender": "PT. Bank Pembangunan Daerah (BPD) Lampung, Tbk.", "subject": subject,
            "received_on": "2025-12-26", "scan": pdf_upload()})
        self.assertContains(response, "paling banyak 300 karakter (sekarang 328 karakter)")
        self.assertContains(response, "Kedaton TA 2026")  # kept on the form, whole
        self.assertContains(response, "Pilih lagi berkas surat.pdf")
        self.assertFalse(Letter.objects.exists())

    def test_the_form_keeps_input_and_says_why_on_a_non_pdf(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/1/2025", "letter_date": "2025-03-20", "sender": "Bappeda",
            "subject": "Undangan", "received_on": "2025-03-21",
            "scan": SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0 jpeg")})
        self.assertContains(response, "foto.jpg bukan PDF dan bukan gambar JPG, PNG atau TIFF.")
        self.assertContains(response, 'value="Bappeda"')

    def test_a_wrong_file_is_named_with_the_error_of_another_field(self) -> None:
        # The classification code missing stopped the action before it read the file: the page only asked for
        # report.docx again, and refused it as no PDF in the next round.
        actions.settings_of(self.office)
        RegisterSettings.objects.filter(office=self.office).update(agenda_format="{code}/{seq:03d}/{year}")
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/1/2025", "letter_date": "2025-03-20", "sender": "Bappeda",
            "subject": "Undangan", "received_on": "2025-03-21",
            "scan": SimpleUploadedFile("laporan.docx", b"PK\x03\x04 a word document")})
        self.assertContains(response, "Kode klasifikasi: isikan kodenya")
        self.assertContains(response, "laporan.docx bukan PDF dan bukan gambar JPG, PNG atau TIFF.")
        self.assertNotContains(response, "Pilih lagi berkas laporan.docx")  # not the same file again
        self.assertFalse(Letter.objects.exists())

    def test_dates_typed_as_indonesian_letters_write_them_are_read(self) -> None:
        self.client.force_login(self.secretary)
        self.client.post("/letters/new/", {
            "kind": "general", "number": "800/123/III.07/2025", "letter_date": "20 Maret 2025", "sender": "Bappeda",
            "subject": "Undangan", "received_on": "21/03/2025", "scan": pdf_upload()})
        letter = Letter.objects.get()
        self.assertEqual((letter.letter_date, letter.received_on), (dt.date(2025, 3, 20), dt.date(2025, 3, 21)))

    def test_a_date_that_is_not_one_is_quoted_under_its_field(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "800/123/III.07/2025", "letter_date": "31 Februari 2025",
            "sender": "Bappeda", "subject": "Undangan", "received_on": "2025-03-21", "scan": pdf_upload()})
        message = "“31 Februari 2025” bukan tanggal; tulis mis. 20 Maret 2025."
        self.assertContains(response, message, count=1)
        html = response.content.decode()
        self.assertLess(html.index('id="id_letter_date"'), html.index(message))
        self.assertFalse(Letter.objects.exists())

    def test_a_date_whose_year_lost_its_century_is_refused_under_its_field(self) -> None:
        # "25" typed as the year in the date picker sends 0025-03-20: it was kept as a letter of the year 25 and
        # printed on the lembar disposisi as "20 Maret 0025" (and it is before any date received).
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "800/123/III.07/2025", "letter_date": "0025-03-20",
            "sender": "Bappeda", "subject": "Undangan", "received_on": "2025-03-21", "scan": pdf_upload()})
        message = "“0025-03-20”: tahun 25 di luar 2000–2100; tulis mis. 20 Maret 2025."
        self.assertContains(response, message, count=1)
        html = response.content.decode()
        self.assertLess(html.index('id="id_letter_date"'), html.index(message))
        self.assertFalse(Letter.objects.exists())

    def test_the_form_names_the_wrong_date_next_to_its_field_and_keeps_the_input(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/  /IV.03/2025", "letter_date": "2025-03-22", "sender": "Bappeda",
            "subject": "Undangan", "received_on": "2025-03-02", "scan": pdf_upload()})
        message = "Tanggal surat: 22 Maret 2025 sesudah tanggal diterima (2 Maret 2025)."
        self.assertContains(response, message, count=1)
        html = response.content.decode()
        self.assertLess(html.index('id="id_letter_date"'), html.index(message), "shown under the letter date")
        self.assertLess(html.index(message), html.index('id="id_sender"'))
        self.assertContains(response, 'value="005/  /IV.03/2025"')
        self.assertFalse(Letter.objects.exists())

    def test_an_empty_file_is_named_and_the_input_kept(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "005/1/2025", "letter_date": "2025-03-20", "sender": "Bappeda",
            "subject": "Undangan", "received_on": "2025-03-21",
            "scan": SimpleUploadedFile("Surat Undangan – révisi.pdf", b"", content_type="application/pdf")})
        self.assertContains(response, "Pindaian surat: Surat Undangan – révisi.pdf kosong (0 bita); pilih berkasnya lagi.")
        self.assertContains(response, 'value="Bappeda"')
        self.assertFalse(Letter.objects.exists())

    # The letter form takes photos of several pages at once: its limit is the request's (scans.scan_bytes).
    @override_settings(KINERJA_MAX_UPLOAD_BYTES=10, KINERJA_MAX_REQUEST_BYTES=10)
    def test_an_oversize_request_is_refused_before_reading_it(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {"kind": "general",
                                                      "scan": pdf_upload("besar.pdf", b"%PDF-" + b"0" * 70000)})
        self.assertEqual(response.status_code, 413)
        self.assertFalse(Letter.objects.exists())

    @override_settings(KINERJA_MAX_UPLOAD_BYTES=10)
    def test_an_oversize_file_keeps_what_was_typed_and_says_so_under_the_file(self) -> None:
        # Under the limit of a request (web/upload_limit.py), over the limit of one file: the letter form
        # takes photos of several pages at once, so the action names the file (scans.scan_bytes).
        self.client.force_login(self.secretary)
        response = self.client.post("/letters/new/", {
            "kind": "general", "number": "800/123/III.07/2025", "letter_date": "2025-03-20",
            "sender": "Bapperida Kota Bandar Lampung", "subject": "Undangan rapat", "received_on": "2025-03-21",
            "scan": pdf_upload("Surat Undangan – révisi.pdf", b"%PDF-" + b"0" * 70000)})
        self.assertContains(response, 'value="Bapperida Kota Bandar Lampung"')
        self.assertContains(response, 'value="800/123/III.07/2025"')
        html = response.content.decode()
        message = "Pindaian surat: Surat Undangan – révisi.pdf berukuran 0,1 MB; batasnya 0 MB."
        self.assertEqual(html.count(message), 1)
        self.assertLess(html.index('id="id_scan"'), html.index(message))  # under the file field
        self.assertNotIn("Bidang ini tidak boleh kosong", html)
        self.assertFalse(Letter.objects.exists())

    def test_another_office_gets_404(self) -> None:
        letter = self.register()
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/letters/{letter.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/letters/{letter.pk}/scan.pdf").status_code, 404)

    def test_the_list_costs_the_same_queries_for_1_and_50_letters(self) -> None:
        self.client.force_login(self.secretary)
        self.register()
        # session, user, person+office, positions held (nav roles), roles for the button, letters, whether the
        # Sekretariat answers for an indicator (the menu's data entry: nav._data_label)
        with self.assertNumQueries(7):
            self.client.get("/letters/")
        for i in range(49):
            self.register(f"Surat {i}")
        with self.assertNumQueries(7):
            response = self.client.get("/letters/")
        self.assertContains(response, "050/2025")
