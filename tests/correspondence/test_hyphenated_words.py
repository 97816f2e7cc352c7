"""A hyphenated word or code ("(OSS-RBA)", "e-SAKIP") is printed whole on its line in the correspondence PDFs."""

from __future__ import annotations

import datetime as dt
import subprocess

from django.test import SimpleTestCase

from kinerja.correspondence import actions
from kinerja.correspondence.renderers.documents import minutes_pdf
from kinerja.correspondence.templatetags.correspondence_pdf import whole_words

from .helpers import CorrespondenceTestCase

# Titles whose "(OSS-RBA)" comes to the end of the centred title's first line: without the fix WeasyPrint broke each
# after its hyphen, "(OSS-" on one line and "RBA)" on the next (pdftotext joins the two as "(OSSRBA)").
TITLES = [f"Rapat {n} Pelayanan Perizinan Berusaha Berbasis Risiko Melalui Sistem Daring (OSS-RBA)"
          for n in ("I", "II", "III")]


class WholeWordsFilterTestCase(SimpleTestCase):
    def test_a_hyphenated_token_is_kept_whole_and_everything_is_escaped(self) -> None:
        self.assertEqual(whole_words("Sosialisasi (OSS-RBA) & <e-SAKIP>"),
                         'Sosialisasi <span class="nobr">(OSS-RBA)</span> &amp; '
                         '<span class="nobr">&lt;e-SAKIP&gt;</span>')

    def test_a_dash_between_words_a_long_token_and_line_breaks_are_left_as_they_are(self) -> None:
        long = "https://contoh.go.id/berkas-data-kinerja-triwulan-pertama"
        self.assertEqual(whole_words(f"Data - kinerja\n{long}"), f"Data - kinerja\n{long}")
        self.assertEqual(whole_words(None), "")


class HyphenatedTitleTestCase(CorrespondenceTestCase):
    def test_oss_rba_in_a_minutes_title_never_breaks_at_its_hyphen(self) -> None:
        p = self.positions
        minutes = actions.record_minutes(self.office, actions.MinutesInput(
            title="Rapat", held_on=dt.date(2025, 3, 26), place="Ruang Rapat", chair=p["subsection_head"],
            agenda="OSS-RBA", discussion="", decisions="", present=[p["subsection_head"]], absent=[], follow_ups=[]),
            user=self.staff)
        path = self.data_dir / "judul.pdf"
        for title in TITLES:
            minutes.title = title
            path.write_bytes(minutes_pdf(minutes))
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
            with self.subTest(title=title):
                self.assertIn("(OSS-RBA)", text)
                self.assertNotIn("OSSRBA", text)
