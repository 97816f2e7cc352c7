"""`kinerja sop import | list | show`, through call_command and through the real console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from weasyprint import HTML

from kinerja.sop.models import Sop, SopVersion
from tests.base import KinerjaTestCase
from tests.conftest import with_migrated_database

from .documents import SEED, SEED_ACTORS, SEED_STEP_ACTORS, sop_text
from .pdfs import scanned_pdf, sop_html, step_texts

pytestmark = pytest.mark.usefixtures("english")


def run(*args: str) -> str:
    out = StringIO()
    call_command("sop", *args, stdout=out)
    return out.getvalue()


class SopCommandTestCase(KinerjaTestCase):
    def test_it_imports_the_seed_and_prints_the_json_of_the_issue(self) -> None:
        data = json.loads(run("import", str(SEED), "--json", "--office", self.office.code))
        version = SopVersion.objects.get()
        self.assertEqual(data["id"], version.pk)
        self.assertEqual(data["actors"], SEED_ACTORS)
        self.assertEqual([s["actor"] for s in data["steps"]], SEED_STEP_ACTORS)
        self.assertEqual(data["steps"][0]["duration"], {"value": 2, "unit": "minute"})
        self.assertEqual(data["steps"][2]["duration"], {"value": 5, "unit": "day"})
        self.assertEqual(data["name"], "PENGUMPULAN DATA KINERJA DINAS KOPERASI DAN UKM KOTA BANDAR LAMPUNG")

    def test_a_dry_run_prints_the_json_and_stores_nothing(self) -> None:
        data = json.loads(run("import", str(SEED), "--json", "--dry-run", "--office", self.office.code))
        self.assertIsNone(data["id"])
        self.assertEqual(len(data["steps"]), 6)
        self.assertFalse(Sop.objects.exists())

    def test_a_dry_run_names_the_actors_the_import_would_leave_unlinked(self) -> None:
        import tempfile

        # "Bendahara Pengeluaran" is no position of the office: the import says so, and its dry run did not.
        path = Path(tempfile.mkdtemp()) / "sop.txt"
        path.write_text(sop_text(["Bendahara Pengeluaran", "Kasubbag"], [
            ("Menyiapkan SPP-GU", "1 hari", "Bendahara Pengeluaran"), ("Memeriksa SPP-GU", "1 jam", "Kasubbag")]))
        out = run("import", str(path), "--dry-run", "--office", self.office.code)
        self.assertIn("Actors it would leave not linked to a position: Bendahara Pengeluaran;", out)
        self.assertFalse(Sop.objects.exists())
        self.assertIn("Actors not linked to a position yet: Bendahara Pengeluaran.",
                      run("import", str(path), "--office", self.office.code))
        self.assertNotIn("not linked", run("import", str(SEED), "--dry-run", "--office", self.office.code))

    def test_an_actor_abbreviated_with_a_stop_ends_the_list_with_one_stop(self) -> None:
        import tempfile

        path = Path(tempfile.mkdtemp()) / "sop.txt"
        path.write_text(sop_text(["Bendahara Pengeluaran", "Kasi Angk.", "Kasubbag"], [
            ("Menyiapkan SPP-GU", "1 hari", "Bendahara Pengeluaran"), ("Memeriksa SPP-GU", "1 jam", "Kasi Angk."),
            ("Menyetujui SPP-GU", "1 jam", "Kasubbag")]))
        out = run("import", str(path), "--office", self.office.code)
        self.assertIn("Actors not linked to a position yet: Bendahara Pengeluaran, Kasi Angk.\n", out)
        self.assertNotIn("..", out)
        out = run("link", str(SopVersion.objects.get().pk), "Bendahara Pengeluaran", "JFU")
        self.assertIn("Actors not linked to a position yet: Kasi Angk.\n", out)
        self.assertNotIn("..", out)

    def test_the_office_is_required_when_there_are_several(self) -> None:
        with self.assertRaisesMessage(CommandError, "--office"):
            run("import", str(SEED))

    def test_actor_choices_settle_an_undecided_step(self) -> None:
        import tempfile

        path = Path(tempfile.mkdtemp()) / "sop.txt"
        path.write_text(sop_text(["Kasubbag", "JFU"], [("Menyusun", "1 hari", "JFU"), ("Memeriksa", "1 jam", None),
                                                       ("Mengarsipkan", "1 jam", "JFU")]))
        with self.assertRaisesMessage(CommandError, "step 2, column Pelaksana"):
            run("import", str(path), "--office", self.office.code)
        # The command line names its option for the choice (the upload page offers it in the step's row).
        for extra in ([], ["--dry-run"]):
            # Two sentences: the problem ends with its stop before the option's advice.
            with self.assertRaisesMessage(CommandError, "choose the actor yourself. Choose it with --actor 2=NAME"):
                run("import", str(path), "--office", self.office.code, *extra)
        with self.assertRaisesMessage(CommandError, "STEP=NAME"):
            run("import", str(path), "--office", self.office.code, "--actor", "Kasubbag")
        out = run("import", str(path), "--office", self.office.code, "--actor", "2=Kasubbag")
        self.assertIn("version 1", out)
        self.assertEqual(SopVersion.objects.get().steps.get(number=2).actor.name, "Kasubbag")

    def test_actor_choices_name_a_step_as_the_sop_prints_it(self) -> None:
        """In a table with sub-steps, --actor takes the printed number (3.2, the fourth step; 4, the fifth);
        one that no step has is refused naming it, and nothing is stored."""
        import tempfile

        from .test_import_substeps import STEPS, numbered

        path = Path(tempfile.mkdtemp()) / "sub.txt"
        path.write_text(numbered(["1", "2", "3.1", "3.2", "4", "5"], [*STEPS[:3], (STEPS[3][0], STEPS[3][1], None),
                                                                      *STEPS[4:]]))
        with self.assertRaisesMessage(CommandError, "step 3.2, column Pelaksana"):
            run("import", str(path), "--office", self.office.code)
        with self.assertRaisesMessage(CommandError, "--actor 3.9=JFU names step 3.9, which the document does not "
                                                    "have (its steps are numbered 1, 2, 3.1, 3.2, 4, 5)"):
            run("import", str(path), "--office", self.office.code, "--actor", "3.9=JFU")
        self.assertFalse(Sop.objects.exists())
        out = run("import", str(path), "--office", self.office.code, "--actor", "3.2=JFU", "--actor", "4=Kadis")
        self.assertIn("version 1", out)
        steps = SopVersion.objects.get().steps.select_related("actor")
        self.assertEqual(steps.get(number=4).actor.name, "JFU")  # printed 3.2
        self.assertEqual(steps.get(number=5).actor.name, "Kadis")  # printed 4, not the fourth step
        self.assertEqual(steps.get(number=6).actor.name, "Kadis")

    def test_the_changes_name_steps_by_their_printed_numbers(self) -> None:
        import tempfile

        from .test_import_substeps import ACTORS, STEPS, numbered

        folder = Path(tempfile.mkdtemp())
        (folder / "v1.txt").write_text(sop_text(ACTORS, STEPS).replace("langkah 3.2", "langkah 4"))
        revised = [*STEPS[:4], (STEPS[4][0], "3 hari", STEPS[4][2]), STEPS[5]]
        (folder / "v2.txt").write_text(numbered(["1", "2", "3", "3.1", "4", "5"], revised).replace("langkah 3.2",
                                                                                                "langkah 3.1"))
        run("import", str(folder / "v1.txt"), "--office", self.office.code)
        out = run("import", str(folder / "v2.txt"), "--office", self.office.code)
        self.assertIn("~ step 4: time 2 hari → 3 hari; text changed (was step 5)", out)  # printed 4, the fifth step

    def test_it_lists_and_shows_and_reports_changes(self) -> None:
        run("import", str(SEED), "--office", self.office.code)
        import tempfile

        revised = Path(tempfile.mkdtemp()) / "revisi.txt"
        revised.write_text(SEED.read_text().replace("10 menit", "15 menit"))
        out = run("import", str(revised), "--office", self.office.code)
        self.assertIn("version 2", out)
        self.assertIn("step 2: time 10 menit → 15 menit", out)
        listing = run("list", "--office", self.office.code)
        self.assertIn("PENGUMPULAN DATA KINERJA", listing)
        self.assertIn("v2", listing)
        version = SopVersion.objects.get(version=2)
        shown = run("show", str(version.pk))
        self.assertIn("[Kasubbag]", shown)
        self.assertIn("15 menit", shown)
        self.assertEqual(json.loads(run("show", str(version.pk), "--json"))["id"], version.pk)
        with self.assertRaisesMessage(CommandError, "no SOP version with id 999999"):
            run("show", "999999")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Path:
    """The module's data directory, its database migrated (tests/conftest.py) and empty."""
    return with_migrated_database(tmp_path_factory.mktemp("kinerja-cli"), migrated_sqlite)


def kinerja(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(KINERJA_DATA_DIR=str(data_dir), KINERJA_DEBUG="1")
    script = Path(sys.executable).parent / "kinerja"
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.own_sqlite
def test_the_console_script_imports_and_fails_cleanly(data_dir: Path, tmp_path: Path) -> None:
    empty = kinerja(data_dir, "sop", "import", str(SEED))
    assert empty.returncode == 1 and "Traceback" not in empty.stderr and "Belum ada perangkat daerah" in empty.stderr
    assert kinerja(data_dir, "demo").returncode == 0  # imports the seed (sop/demo.py)
    revised = tmp_path / "revisi.txt"
    revised.write_text(SEED.read_text().replace("10 menit", "15 menit"))
    done = kinerja(data_dir, "sop", "import", str(revised), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [s["actor"] for s in data["steps"]] == SEED_STEP_ACTORS
    assert data["version"] == 2 and data["steps"][1]["duration"] == {"value": 15, "unit": "minute"}
    shown = kinerja(data_dir, "sop", "show", str(data["id"]), "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["steps"] == data["steps"]
    bad = tmp_path / "rusak.txt"
    bad.write_text(SEED.read_text().replace("5 Hari", "sebentar saja", 1))
    failed = kinerja(data_dir, "sop", "import", str(bad))
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    # The console speaks Indonesian, the office's language.
    assert "rusak.txt, langkah 3, kolom Waktu" in failed.stderr and "sebentar saja" in failed.stderr
    pdf = tmp_path / "sop.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    failed = kinerja(data_dir, "sop", "import", str(pdf))
    assert failed.returncode == 1 and "Traceback" not in failed.stderr and "sop.pdf" in failed.stderr
    printed = tmp_path / "sop-pelayanan.pdf"
    printed.write_bytes(HTML(string=sop_html(step_texts(5))).write_pdf())
    # A kecamatan's SOP in the Dinas Koperasi's installation: refused, naming the line, until confirmed.
    refused = kinerja(data_dir, "sop", "import", str(printed), "--json")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "“KECAMATAN TELUK BETUNG UTARA”" in refused.stderr and "--other-office" in refused.stderr
    done = kinerja(data_dir, "sop", "import", str(printed), "--json", "--other-office")
    assert done.returncode == 0, done.stderr
    assert "KECAMATAN TELUK BETUNG UTARA" in done.stderr
    data = json.loads(done.stdout)
    assert (data["name"], [s["number"] for s in data["steps"]]) == ("PELAYANAN SURAT KETERANGAN USAHA", [1, 2, 3, 4, 5])
    failed = kinerja(data_dir, "sop", "import", str(scanned_pdf(tmp_path)))
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "pindaian.pdf: PDF ini tidak berisi teks, hanya gambar halaman hasil pindaian" in failed.stderr
    listing = kinerja(data_dir, "sop", "list")
    assert listing.returncode == 0 and "PENGUMPULAN DATA KINERJA" in listing.stdout
    shown = kinerja(data_dir, "sop", "show", "12345")
    assert shown.returncode == 1 and "Traceback" not in shown.stderr


class LinkActorCommandTestCase(KinerjaTestCase):
    """An SOP naming a position the office does not call so: the import says how to link it, a case
    cannot start until it is linked, and `kinerja sop link` links it."""

    def setUp(self) -> None:
        super().setUp()
        import tempfile

        path = Path(tempfile.mkdtemp()) / "surat-masuk.txt"
        path.write_text(sop_text(["Pengadministrasi Umum", "Sekretaris"], [
            ("Mencatat surat masuk dan menyampaikan kepada Sekretaris", "15 menit", "Pengadministrasi Umum"),
            ("Memberikan disposisi", "30 menit", "Sekretaris")]))
        self.out = run("import", str(path), "--office", self.office.code)
        self.version = SopVersion.objects.get()

    def test_the_import_says_how_to_link_an_unknown_actor(self) -> None:
        self.assertIn("Actors not linked to a position yet: Pengadministrasi Umum.", self.out)
        self.assertIn(f'kinerja sop link {self.version.pk} "Pengadministrasi Umum" POSITION', self.out)

    def test_a_case_cannot_start_before_every_actor_is_linked(self) -> None:
        with self.assertRaisesMessage(CommandError, "Pengadministrasi Umum (step 1). Link each on the SOP's page, or with "
                                      f'kinerja sop link {self.version.pk} "ACTOR" POSITION.'):
            call_command("case", "start", str(self.version.pk), "--user", self.secretary.username,
                         "--title", "Surat", "--period", "Maret 2025", stdout=StringIO())

    def test_without_a_position_it_lists_the_office_positions(self) -> None:
        with self.assertRaisesMessage(CommandError, "Positions of"):
            run("link", str(self.version.pk), "Pengadministrasi Umum")
        with self.assertRaisesMessage(CommandError, "Bendahara is not one position of the office."):
            run("link", str(self.version.pk), "Pengadministrasi Umum", "Bendahara")
        with self.assertRaisesMessage(CommandError, "Kasir is not an actor of this SOP (Pengadministrasi Umum, "
                                      "Sekretaris)."):
            run("link", str(self.version.pk), "Kasir", "JFU")
        self.assertIsNone(self.version.actors.get(name="Pengadministrasi Umum").position)

    def test_it_links_the_actor_and_the_case_starts(self) -> None:
        out = run("link", str(self.version.pk), "pengadministrasi  umum", "JFU")
        self.assertIn("Pengadministrasi Umum is linked to", out)
        self.assertNotIn("not linked", out)
        self.assertNotIn("Nobody holds", out)
        staff_position = self.version.actors.get(name="Pengadministrasi Umum").position
        self.assertEqual(staff_position.short_title, "JFU")
        started = StringIO()
        call_command("case", "start", str(self.version.pk), "--user", self.secretary.username,
                     "--title", "Surat", "--period", "Maret 2025", stdout=started)
        self.assertIn("step 1", started.getvalue())


    def test_it_warns_when_nobody_holds_the_position(self) -> None:
        from kinerja.org.models import Assignment

        position = self.version.actors.get(name="Sekretaris").position
        Assignment.objects.filter(position=position).delete()
        out = run("link", str(self.version.pk), "Sekretaris", "Sekretaris")
        self.assertIn("Nobody holds Sekretaris Dinas today: a case waits at its steps until an administrator assigns "
                      "someone", out)


class MatchPositionsTestCase(KinerjaTestCase):
    def test_a_short_title_written_out_or_shortened_finds_the_position(self) -> None:
        from kinerja.sop.actions import match_positions

        found = match_positions(self.office, ["Kasubbag Umum dan Kepegawaian", "Kabid Usaha Mikro, Kecil dan Menengah",
                                              "Kepala Sub Bagian Program, Keuangan dan Aset", "Kasi Pelayanan"])
        self.assertEqual(found["Kasubbag Umum dan Kepegawaian"].title, "Kepala Sub Bagian Umum dan Kepegawaian")
        self.assertEqual(found["Kabid Usaha Mikro, Kecil dan Menengah"].short_title, "Kabid UMKM")
        self.assertEqual(found["Kepala Sub Bagian Program, Keuangan dan Aset"].short_title, "Kasubbag")
        self.assertIsNone(found["Kasi Pelayanan"])

    def test_a_shortened_title_finds_the_one_position_it_begins(self) -> None:
        from kinerja.sop.actions import match_positions

        found = match_positions(self.office, ["Kasubbag Program", "Kepala Bidang Kewirausahaan", "Kepala Bidang",
                                              "Kepala Bidang Koperasi"])
        self.assertEqual(found["Kasubbag Program"].title, "Kepala Sub Bagian Program, Keuangan dan Aset")
        self.assertEqual(found["Kepala Bidang Kewirausahaan"].title, "Kepala Bidang Kewirausahaan")
        # Four bidang begin so: the unit of each case decides.
        self.assertIsNone(found["Kepala Bidang"])
        self.assertIsNone(found["Kepala Bidang Koperasi"])  # not a beginning of either bidang's name

    def test_a_staff_column_naming_its_unit_finds_that_units_staff(self) -> None:
        from kinerja.sop.actions import match_positions

        found = match_positions(self.office, ["Staf Program", "Pelaksana Sub Bagian Program", "JFU Bidang Kewirausahaan",
                                              "Staf Bidang", "Staf Bidang Koperasi", "Staf Perencanaan"])
        self.assertEqual(found["Staf Program"].title, "Jabatan Fungsional Umum Subbagian Program")
        self.assertEqual(found["Pelaksana Sub Bagian Program"].title, "Jabatan Fungsional Umum Subbagian Program")
        # No staff position in that bidang: its data contact.
        self.assertEqual(found["JFU Bidang Kewirausahaan"].title, "Pengelola Data Bidang Kewirausahaan")
        self.assertIsNone(found["Staf Bidang"])  # no unit named: the unit of each case
        self.assertIsNone(found["Staf Bidang Koperasi"])  # two bidang have "Koperasi" in their name
        self.assertIsNone(found["Staf Perencanaan"])  # no such unit
