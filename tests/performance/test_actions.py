"""The life of an actual: draft, submit, check or return, lock, correct with a reason; evidence."""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from openpyxl import Workbook

from kinerja.errors import KinerjaError, NotAllowed
from kinerja.performance import actions
from kinerja.performance.actions import FieldError, TargetErrors
from kinerja.performance.models import Actual, ActualRevision, Evidence, Indicator, Objective, Target
from tests.base import KinerjaTestCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


class PerformanceTestCase(KinerjaTestCase):
    """An objective with a numeric indicator of the first division and a text one."""

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
        self.division = self.built.divisions[0]
        self.contact = self.contacts[0]
        self.objective = Objective.objects.create(office=self.office, code="S1", name="Meningkatnya kualitas koperasi",
                                                  plan_start_year=2021, plan_end_year=2026)
        self.indicator = Indicator.objects.create(office=self.office, objective=self.objective, code="IK1",
                                                  name="Jumlah koperasi aktif", unit="unit", division=self.division)
        Target.objects.create(indicator=self.indicator, year=2025, kind="agreement", value_number=Decimal(1725))
        self.opinion = Indicator.objects.create(office=self.office, objective=self.objective, code="IK2",
                                                name="Opini BPK", unit="opini", division=self.division)
        Target.objects.create(indicator=self.opinion, year=2025, kind="agreement", value_text="WTP")


class ActualLifeTestCase(PerformanceTestCase):
    def test_it_saves_an_indonesian_number_as_a_draft(self) -> None:
        actual = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="1.650",
                                     obstacles="RAT terlambat", solutions="Pendampingan")
        self.assertEqual((actual.value_number, actual.status, actual.version), (Decimal(1650), "draft", 1))
        self.assertEqual(actual.revisions.get().changes["value"], ["", "1.650"])

    def test_it_names_a_bad_value(self) -> None:
        with self.assertRaises(FieldError) as caught:
            actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="1.5")
        self.assertEqual(caught.exception.field, "value")
        self.assertIn('"1.5"', str(caught.exception))
        self.assertFalse(Actual.objects.exists())

    def test_it_keeps_a_text_actual_for_a_text_target(self) -> None:
        actual = actions.save_actual(self.opinion.pk, 2025, None, user=self.contact, value="WTP")
        self.assertEqual((actual.value_text, actual.value_number, actual.quarter), ("WTP", None, None))

    def test_it_refuses_a_number_for_a_text_target(self) -> None:
        # A score typed for a grade (or an opinion) is neither met nor not met: no capaian in the report.
        with self.assertRaises(FieldError) as caught:
            actions.save_actual(self.opinion.pk, 2025, None, user=self.contact, value="72,5")
        self.assertEqual(caught.exception.field, "value")
        self.assertIn('"72,5"', str(caught.exception))
        self.assertIn("WTP", str(caught.exception))
        self.assertFalse(Actual.objects.exists())

    def test_another_division_may_not_enter(self) -> None:
        with self.assertRaises(NotAllowed):
            actions.save_actual(self.indicator.pk, 2025, 1, user=self.contacts[1], value="1")

    def test_it_goes_from_draft_to_locked(self) -> None:
        actual = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="400")
        actions.submit_actual(actual.pk, user=self.contact)
        with self.assertRaises(KinerjaError):
            actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="401")
        with self.assertRaises(NotAllowed):
            actions.check_actual(actual.pk, user=self.contact)
        actions.check_actual(actual.pk, user=self.subsection_head)
        self.assertEqual(actions.lock_actuals(self.office, 2025, 1, user=self.head), 1)
        actual.refresh_from_db()
        self.assertEqual((actual.status, actual.checked_by), ("locked", self.subsection_head))
        self.assertEqual(list(actual.revisions.values_list("action", flat=True)),
                         ["saved", "submitted", "checked", "locked"])

    def test_the_kasubbag_returns_with_a_reason(self) -> None:
        actual = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="400")
        actions.submit_actual(actual.pk, user=self.contact)
        with self.assertRaises(FieldError):
            actions.return_actual(actual.pk, user=self.subsection_head, reason=" ")
        actions.return_actual(actual.pk, user=self.subsection_head, reason="Bukti dukung belum lengkap")
        actual.refresh_from_db()
        self.assertEqual((actual.status, actual.return_reason), ("returned", "Bukti dukung belum lengkap"))
        again = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="410")
        self.assertEqual((again.pk, again.status), (actual.pk, "draft"))
        actions.submit_actual(actual.pk, user=self.contact)
        actual.refresh_from_db()
        self.assertEqual((actual.status, actual.return_reason), ("submitted", ""))

    def test_it_refuses_to_submit_an_empty_actual(self) -> None:
        actual = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="")
        with self.assertRaises(FieldError):
            actions.submit_actual(actual.pk, user=self.contact)

    def test_a_correction_after_locking_is_a_new_version_with_its_reason(self) -> None:
        actual = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="400")
        actions.add_evidence(actual.pk, user=self.contact, upload=SimpleUploadedFile("rat.pdf", PDF))
        actions.submit_actual(actual.pk, user=self.contact)
        actions.check_actual(actual.pk, user=self.subsection_head)
        actions.lock_actuals(self.office, 2025, user=None)
        with self.assertRaises(FieldError):
            actions.correct_actual(actual.pk, user=self.subsection_head, value="420", reason="")
        new = actions.correct_actual(actual.pk, user=self.subsection_head, value="420",
                                     reason="Salah ketik: 400 seharusnya 420")
        actual.refresh_from_db()
        self.assertEqual((actual.is_current, actual.status, actual.value_number), (False, "locked", Decimal(400)))
        self.assertEqual((new.version, new.is_current, new.status, new.value_number), (2, True, "submitted", Decimal(420)))
        self.assertEqual(new.evidence.get().sha256, actual.evidence.get().sha256)
        revision = new.revisions.get(action="corrected")
        self.assertEqual((revision.reason, revision.user, revision.changes["value"]),
                         ("Salah ketik: 400 seharusnya 420", self.subsection_head, ["400", "420"]))
        with self.assertRaises(KinerjaError):
            actions.correct_actual(actual.pk, user=self.subsection_head, value="430", reason="lagi")

    def test_a_draft_is_not_corrected_but_edited(self) -> None:
        actual = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="400")
        with self.assertRaises(KinerjaError):
            actions.correct_actual(actual.pk, user=self.subsection_head, value="420", reason="x")


class EvidenceTestCase(PerformanceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.actual = actions.save_actual(self.indicator.pk, 2025, 1, user=self.contact, value="400")

    def add(self, name: str, data: bytes) -> Evidence:
        return actions.add_evidence(self.actual.pk, user=self.contact, upload=SimpleUploadedFile(name, data))

    def test_it_stores_a_pdf_with_its_sha256(self) -> None:
        evidence = self.add("Berita Acara RAT.pdf", PDF)
        self.assertEqual((evidence.sha256, evidence.size, evidence.content_type),
                         (hashlib.sha256(PDF).hexdigest(), len(PDF), "application/pdf"))
        self.assertTrue(evidence.file.name.endswith(f"{evidence.sha256}.pdf"))
        with evidence.file.open("rb") as f:
            self.assertEqual(f.read(), PDF)

    def test_it_accepts_images_and_spreadsheets(self) -> None:
        self.assertEqual(self.add("foto.PNG", b"\x89PNG\r\n\x1a\n" + b"0" * 20).content_type, "image/png")
        self.assertEqual(self.add("foto.jpeg", b"\xff\xd8\xff\xe0" + b"0" * 20).content_type, "image/jpeg")
        self.assertEqual(self.add("rekap.xlsx", xlsx_bytes()).content_type.split(".")[-1], "sheet")

    def test_it_accepts_a_word_document_by_its_parts(self) -> None:
        import docx

        buffer = io.BytesIO()
        document = docx.Document()
        document.add_paragraph("Laporan kegiatan RAT koperasi")
        document.save(buffer)
        evidence = self.add("Laporan RAT.docx", buffer.getvalue())
        self.assertEqual(evidence.content_type,
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        self.assertTrue(evidence.file.name.endswith(".docx"))
        # A workbook is not taken for a Word document, nor a Word document named .xlsx for a workbook.
        with self.assertRaisesRegex(FieldError, "holds a DOCX file but its name ends otherwise"):
            self.add("rekap.xlsx", buffer.getvalue())
        with self.assertRaisesRegex(FieldError, "holds a XLSX file"):
            self.add("laporan.docx", xlsx_bytes())

    def test_it_refuses_a_file_whose_content_is_not_allowed(self) -> None:
        with self.assertRaisesRegex(FieldError, "not a PDF, PNG, JPEG, XLSX or DOCX file"):
            self.add("virus.pdf", b"MZ\x90\x00 executable")

    def test_it_refuses_a_pdf_named_otherwise(self) -> None:
        with self.assertRaisesRegex(FieldError, "holds a PDF file"):
            self.add("laporan.docx", PDF)

    @override_settings(KINERJA_MAX_UPLOAD_BYTES=10)
    def test_it_refuses_a_file_over_the_limit(self) -> None:
        with self.assertRaisesRegex(FieldError, "larger than"):
            self.add("besar.pdf", PDF)
        self.assertFalse(Evidence.objects.exists())

    def test_it_refuses_the_same_file_twice_under_any_name(self) -> None:
        self.add("Berita Acara RAT.pdf", PDF)
        with self.assertRaisesMessage(FieldError, "rat-lagi.pdf is already attached to this figure (as Berita Acara "
                                                  "RAT.pdf)."):
            self.add("rat-lagi.pdf", PDF)
        self.assertEqual(Evidence.objects.filter(actual=self.actual).count(), 1)
        # Another figure may hold the same file.
        other = actions.save_actual(self.indicator.pk, 2025, 2, user=self.contact, value="410")
        actions.add_evidence(other.pk, user=self.contact, upload=SimpleUploadedFile("rat.pdf", PDF))

    def test_it_removes_evidence_of_a_draft_and_records_it(self) -> None:
        evidence = self.add("rat.pdf", PDF)
        actions.remove_evidence(evidence.pk, user=self.contact)
        self.assertFalse(Evidence.objects.exists())
        self.assertTrue(ActualRevision.objects.filter(action="evidence_removed").exists())

    def test_it_refuses_evidence_once_submitted(self) -> None:
        actions.submit_actual(self.actual.pk, user=self.contact)
        with self.assertRaises(KinerjaError):
            self.add("rat.pdf", PDF)


class TargetsTestCase(PerformanceTestCase):
    def test_the_subbag_sets_targets_of_every_kind(self) -> None:
        actions.set_targets(self.indicator.pk, 2025, user=self.staff, plan_end_value="2.000",
                            values={"renstra": "1.700", "agreement": "1.725", "quarter_1": "400", "quarter_2": ""})
        found = {(t.kind, t.quarter, t.year): t.value_number for t in self.indicator.targets.all()}
        self.assertEqual(found, {("renstra", None, 2025): Decimal(1700), ("agreement", None, 2025): Decimal(1725),
                                 ("quarter", 1, 2025): Decimal(400), ("renstra_end", None, 2026): Decimal(2000)})

    def test_it_reports_every_bad_target(self) -> None:
        with self.assertRaises(TargetErrors) as caught:
            actions.set_targets(self.indicator.pk, 2025, user=self.staff, values={"agreement": "1.5", "quarter_1": "2.50"})
        self.assertEqual([e.field for e in caught.exception.errors], ["agreement", "quarter_1"])
        self.assertEqual(self.indicator.targets.get().value_number, Decimal(1725))

    def test_it_refuses_a_word_among_number_targets(self) -> None:
        # "dua belas" typed for a quarter of a percentage indicator would have made the whole year a text
        # indicator (read_actual): that quarter without a capaian, the division asked for texts.
        with self.assertRaises(TargetErrors) as caught:
            actions.set_targets(self.indicator.pk, 2025, user=self.staff, plan_end_value="Baik",
                                values={"agreement": "12,5", "quarter_1": "dua belas", "quarter_2": "7,5"})
        self.assertEqual([e.field for e in caught.exception.errors], ["quarter_1", "renstra_end"])
        self.assertIn('"dua belas"', str(caught.exception.errors[0]))
        self.assertIn("12,5", str(caught.exception.errors[0]))
        self.assertEqual(self.indicator.targets.get().value_number, Decimal(1725))

    def test_text_targets_stay_texts_together(self) -> None:
        actions.set_targets(self.indicator.pk, 2025, user=self.staff, plan_end_value="WTP",
                            values={"renstra": "WTP", "agreement": "WTP", "quarter_4": "WTP"})
        self.assertEqual(set(self.indicator.targets.values_list("value_text", flat=True)), {"WTP"})

    def test_a_division_contact_may_not_set_targets(self) -> None:
        with self.assertRaises(NotAllowed):
            actions.set_targets(self.indicator.pk, 2025, user=self.contact, values={"agreement": "1"})

    def test_the_efficiency_threshold_defaults_to_zero(self) -> None:
        self.assertEqual(actions.efficiency_threshold(self.office), Decimal(0))
        actions.set_efficiency_threshold(self.office, user=self.admin, threshold=Decimal("5"))
        self.assertEqual(actions.efficiency_threshold(self.office), Decimal(5))
