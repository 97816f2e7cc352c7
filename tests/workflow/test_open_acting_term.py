"""A Plh with no end date set: the refusals told to the official away and the pages say its term in one wording,
term_phrase's ("sejak 24 Mar 2025, tanpa tanggal akhir"; "since 24 Mar 2025, no end date"). The refusals had a
message of their own for an open term, "tanpa tanggal berakhir", while the pages said "tanpa tanggal akhir".

The demo office's Sekretaris is Plh Kepala Dinas from Monday 24 March 2025 (tests/base.py); here her decree sets
no end date."""

from __future__ import annotations

from django.utils import translation

from kinerja.org.models import Assignment
from kinerja.workflow import actions

from .test_acting_holders import ON_PLH_DAY, ActingHolderTestCase

OPEN_TERM = "(sejak 24 Mar 2025, tanpa tanggal akhir)"


class OpenEndedPlhTests(ActingHolderTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        changed = Assignment.objects.filter(kind=Assignment.Kind.PLH, position=cls.step6.position).update(ends_on=None)
        assert changed == 1

    def setUp(self) -> None:
        super().setUp()
        self.at_time(ON_PLH_DAY)
        self.title = self.step6.position.title
        self.plh = f"{self.secretary.person.full_name} (Plh. {self.title})"

    def test_the_kadis_posting_the_completion_is_told_the_term_as_the_pages_say_it(self) -> None:
        r = self.complete(self.head, self.step6)
        self.assertContains(r, "Langkah 6 pada Data Kinerja Triwulan I 2025 tidak Anda kerjakan hari ini: "
                               f"{self.plh} menjalankan tugas jabatan Anda sebagai {self.title} {OPEN_TERM}. Tugas "
                               "itu kembali kepada Anda setelah masa jabatan Plt/Plh berakhir.", status_code=403)
        self.assertNotContains(r, "tanggal berakhir", status_code=403)

    def test_the_case_page_says_the_same_term(self) -> None:
        r = self.page(self.head)
        self.assertContains(r, "sejak 24 Mar 2025, tanpa tanggal akhir")
        self.assertNotContains(r, "tanggal berakhir")

    def test_reassigning_cancelling_and_starting_are_refused_in_the_same_words(self) -> None:
        with translation.override("id"):
            with self.assertRaises(actions.NotAllowed) as reassign:
                actions.reassign_task(self.step4.pk, user=self.head, to_user=self.staff2, reason="x", at=ON_PLH_DAY)
            with self.assertRaises(actions.NotAllowed) as cancel:
                actions.cancel_case(self.case.pk, user=self.head, reason="Surat ditarik", at=ON_PLH_DAY)
            start = actions.start_refusal(actions.NotAllowed("-"), self.version, self.head, at=ON_PLH_DAY)
        for refused in (str(reassign.exception), str(cancel.exception), str(start)):
            self.assertIn(f"{self.plh} menjalankan tugas jabatan Anda sebagai {self.title} {OPEN_TERM}", refused)
            self.assertNotIn("berakhir", refused)

    def test_in_english_too(self) -> None:
        with translation.override("en"):
            with self.assertRaises(actions.NotAllowed) as cancel:
                actions.cancel_case(self.case.pk, user=self.head, reason="Withdrawn", at=ON_PLH_DAY)
        self.assertIn(f"does the work of your position as {self.title} (since 24 Mar 2025, no end date), and cancels "
                      "cases meanwhile.", str(cancel.exception))
        self.assertNotIn("no end date set", str(cancel.exception))
