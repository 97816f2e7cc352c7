"""`kinerja data template` and `kinerja data import` through the real console script: exit codes,
messages and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import with_migrated_database

KINERJA = Path(sys.executable).parent / "kinerja"
MAKE_OFFICE = ("from kinerja.org import actions as a; o = a.create_office(code='dinas', name='Dinas Contoh', "
               "short_name='Dinas', city='Kota Contoh'); a.add_unit(o, 'Bidang Kelembagaan', 'division')")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Path:
    """The module's data directory, its database migrated (tests/conftest.py) and empty."""
    return with_migrated_database(tmp_path_factory.mktemp("kd-cli"), migrated_sqlite)


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(KINERJA_DATA_DIR=str(data_dir), KINERJA_DEBUG="1", LANG="C.UTF-8")
    return subprocess.run([str(KINERJA), *args], capture_output=True, text=True, env=env, timeout=180)


@pytest.mark.own_sqlite
def test_the_console_script_writes_a_template_and_imports_it(data_dir: Path) -> None:
    template = data_dir / "perf-template.xlsx"
    done = run(data_dir, "data", "template", "-o", str(template))
    assert done.returncode == 0, done.stderr
    assert [c.value for c in load_workbook(template).active[1]][:8] == [
        "Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi", "Bidang"]

    # No office yet: a clear message, exit 1, no traceback.
    done = run(data_dir, "data", "import", str(template), "--year", "2025")
    assert done.returncode == 1
    assert "--office" in done.stderr and "Traceback" not in done.stderr

    assert run(data_dir, "manage", "shell", "-c", MAKE_OFFICE).returncode == 0
    done = run(data_dir, "data", "import", str(template), "--year", "2025", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "1" in done.stdout and "Traceback" not in done.stderr

    bad = data_dir / "perf-bad.csv"
    bad.write_text("Kode;Sasaran;Indikator;Satuan;Polaritas;Target;Realisasi;Bidang\n"
                   "IK-1;Sasaran A;Indikator A;unit;Sedang;10;abc;Bidang Kelembagaan\n", encoding="utf-8")
    done = run(data_dir, "data", "import", str(bad), "--year", "2025", "--office", "dinas")
    assert done.returncode == 1
    assert "perf-bad.csv" in done.stderr and "Polaritas" in done.stderr and "Realisasi" in done.stderr
    assert '"abc"' in done.stderr and '"Sedang"' in done.stderr
    assert "Traceback" not in done.stderr

    done = run(data_dir, "data", "import", str(template), "--year", "2025", "--office", "dinas")
    assert done.returncode == 0, done.stderr
    done = run(data_dir, "data", "import", str(data_dir / "missing.xlsx"), "--year", "2025")
    assert done.returncode == 1 and "Traceback" not in done.stderr


@pytest.mark.own_sqlite
def test_the_console_script_imports_the_sheet_named_and_tells_what_it_did_not_read(tmp_path: Path) -> None:
    from tests.performance import office_books as books

    assert run(tmp_path, "manage", "shell", "-c", MAKE_OFFICE).returncode == 0
    workbook = books.per_division(tmp_path / "realisasi.xlsx")
    done = run(tmp_path, "data", "import", str(workbook), "--year", "2025", "--dry-run")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "beberapa lembar berisi data kinerja: Kelembagaan, UMKM" in done.stderr
    assert '--sheet "Kelembagaan"' in done.stderr
    done = run(tmp_path, "data", "import", str(workbook), "--year", "2025", "--sheet", "Keuangan")
    assert done.returncode == 1 and "tidak memiliki lembar bernama Keuangan; lembarnya: Kelembagaan, UMKM" in done.stderr
    done = run(tmp_path, "data", "import", str(workbook), "--year", "2025", "--sheet", "UMKM", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "2 baris" in done.stdout and "Lembar yang dibaca: UMKM." in done.stdout

    done = run(tmp_path, "data", "import", str(books.pengukuran_kinerja(tmp_path / "pengukuran.xlsx")),
               "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert "Baris yang disembunyikan di lembar tidak dibaca: 10." in done.stdout
    assert ("pengukuran.xlsx, lembar Pengukuran Kinerja, baris 9, kolom % Capaian (H): di berkas 100,00%, "
            "kinerja menghitung 120,00%") in done.stdout
    done = run(tmp_path, "data", "import", str(books.perjanjian_kinerja(tmp_path / "pk.xlsx")), "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert "Mulai baris 13, tabel lain di bawah tabel indikator tidak dibaca." in done.stdout


@pytest.mark.own_sqlite
def test_the_console_script_lists_the_values_to_check_and_names_a_hidden_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    assert run(tmp_path, "manage", "shell", "-c", MAKE_OFFICE).returncode == 0
    book = Workbook()
    book.active.title = "PK"
    book.active.append(["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Realisasi"])
    book.active.append(["Meningkatnya koperasi sehat", "Persentase koperasi sehat", "%", "minimal 80%", 850, None])
    book.active.column_dimensions["F"].hidden = True
    book.save(tmp_path / "pk.xlsx")
    done = run(tmp_path, "data", "import", str(tmp_path / "pk.xlsx"), "--year", "2025")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ("pk.xlsx, lembar PK, baris 1, kolom Realisasi (F): kolom ini disembunyikan di workbook dan mengulang "
            "kolom E") in done.stderr

    book.active.delete_cols(6)
    book.save(tmp_path / "pk.xlsx")
    done = run(tmp_path, "data", "import", str(tmp_path / "pk.xlsx"), "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert "Peringatan: nilai-nilai ini diimpor sebagaimana tertulis; periksalah:" in done.stdout
    assert ("  - pk.xlsx, lembar PK, baris 2, kolom Realisasi (E): 850 lebih dari 100 untuk satuan %: wajar untuk "
            "pertumbuhan atau rasio, selain itu periksa apakah bukan salah ketik (850 untuk 85,0); nilai diimpor "
            "sebagaimana tertulis") in done.stdout
    # The comparison gave the polarity, said with where it was read: none is assumed.
    assert "Berkas tidak memuat Polaritas" not in done.stdout
    assert ("  - Persentase koperasi sehat: Positif (makin tinggi makin baik) dari Target (D): “minimal 80%”\n"
            in done.stdout)


@pytest.mark.own_sqlite
def test_the_console_script_warns_of_a_polaritas_minimal_beside_a_target_minimal_80(tmp_path: Path) -> None:
    from openpyxl import Workbook

    assert run(tmp_path, "manage", "shell", "-c", MAKE_OFFICE).returncode == 0
    book = Workbook()
    book.active.title = "PK"
    book.active.append(["Kode", "Sasaran", "Indikator", "Satuan", "Polaritas", "Target"])
    book.active.append(["IK-01", "Meningkatnya koperasi sehat", "Persentase koperasi sehat", "%", "Positif", "80"])
    book.save(tmp_path / "pk.xlsx")
    assert run(tmp_path, "data", "import", str(tmp_path / "pk.xlsx"), "--year", "2025").returncode == 0
    book.active["E2"], book.active["F2"] = "Minimal", "minimal 80"
    book.save(tmp_path / "pk.xlsx")
    done = run(tmp_path, "data", "import", str(tmp_path / "pk.xlsx"), "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert ('  - pk.xlsx, lembar PK, baris 2, kolom Polaritas (E): kolom ini berisi "Minimal", yang di kolom Polaritas '
            'berarti diminimalkan (makin rendah makin baik), sedangkan "minimal 80" di kolom Target (F) berarti '
            'sekurang-kurangnya 80 (makin tinggi makin baik): keduanya bertentangan.') in done.stdout
    assert ("  - pk.xlsx, lembar PK, baris 2, kolom Polaritas (E): polaritas indikator IK-01 Persentase koperasi sehat "
            "berubah dari Positif (makin tinggi makin baik) menjadi Negatif (makin rendah makin baik)") in done.stdout


@pytest.mark.own_sqlite
def test_the_console_script_imports_a_rencana_aksi_and_names_a_bad_activity_row(tmp_path: Path) -> None:
    from tests.performance.test_import_action_plan import action_plan

    assert run(tmp_path, "manage", "shell", "-c", MAKE_OFFICE).returncode == 0
    workbook = action_plan(tmp_path / "renaksi.xlsx")
    book = load_workbook(workbook)
    book.active["L11"] = "Bidang Kelembagaan"  # the office of this test has no Bidang UMKM
    book.active["H6"] = "Laporan"
    book.save(workbook)
    done = run(tmp_path, "data", "import", str(workbook), "--year", "2025", "--office", "dinas")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ('renaksi.xlsx, lembar Renaksi 2025, baris 6, kolom Target Triwulan II (H): target triwulan suatu kegiatan '
            'berupa angka ("Laporan")') in done.stderr
    book.active["H6"] = 30
    book.save(workbook)
    done = run(tmp_path, "data", "import", str(workbook), "--year", "2025", "--office", "dinas")
    assert done.returncode == 0, done.stderr
    assert "Rencana Aksi tahun ini: 6 kegiatan dalam berkas." in done.stdout
    assert ("Dari kegiatan yang ada di kinerja: 0 yang ditambahkan manual tetap, 0 yang diubah manual tetap dengan "
            "ubahannya; dari berkas 6 ditambahkan, 0 diubah, "
            "0 yang diimpor sebelumnya dan tidak ada lagi di berkas dihapus, 0 yang dihapus di halaman Target tidak "
            "dimasukkan lagi.") in done.stdout
