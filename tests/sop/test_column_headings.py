"""Problems and warnings name a column by the heading the document gives it ("Keterangan", "Waktu (Hari)",
"Uraian Kegiatan"), not by the importer's short name of it ("Ket", "Waktu")."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.sop.importers import parse_document

from .documents import sop_text, write

pytestmark = pytest.mark.usefixtures("english")

ACTORS = ["Kasubbag", "JFU", "Kadis"]


def _document(tmp_path: Path, note: str, *, time: str = "1 jam", headings: tuple[str, str, str] = (
        "Uraian Prosedur", "Waktu", "Keterangan")) -> Path:
    text = sop_text(ACTORS, [("Menerima surat", "10 menit", "Kasubbag"), ("Mengolah data", time, "JFU"),
                             ("Menandatangani", "1 hari", "Kadis")])
    activity, waktu, ket = headings
    text = text.replace("Uraian Prosedur", activity).replace("\tWaktu\t", f"\t{waktu}\t").replace("\tKet\n", f"\t{ket}\n")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("2\t"))
    lines[at] += note  # the row ends with its empty Ket. cell
    return write(tmp_path, "\n".join(lines) + "\n", "surat.txt")


def test_a_warning_names_the_keterangan_column_as_written(tmp_path: Path) -> None:
    draft = parse_document(_document(tmp_path, "Tidak: ke Bendahara"))
    (warning,) = draft.warnings
    assert warning.column == "Ket"  # the importer's name, which the code compares
    assert str(warning).startswith("surat.txt, step 2, column Keterangan: ")
    assert warning.as_dict()["column"] == "Keterangan"


@pytest.mark.parametrize("heading", ["Catatan", "KET.", "Keterangan / Catatan"])
def test_other_spellings_of_the_column_are_named_as_written(tmp_path: Path, heading: str) -> None:
    draft = parse_document(_document(tmp_path, "Tidak: ke Bendahara", headings=("Uraian Prosedur", "Waktu", heading)))
    (warning,) = draft.warnings
    assert str(warning).startswith(f"surat.txt, step 2, column {heading}: ")


def test_a_time_problem_names_the_waktu_column_as_written(tmp_path: Path) -> None:
    draft = parse_document(_document(tmp_path, "", time="segera", headings=("Uraian Kegiatan", "Waktu (Lama)", "Ket")))
    (problem,) = draft.problems
    assert str(problem).startswith("surat.txt, step 2, column Waktu (Lama): ")


def test_an_error_raised_at_once_names_the_column_as_written(tmp_path: Path) -> None:
    path = _document(tmp_path, "", headings=("Uraian Kegiatan", "Waktu", "Ket"))
    path.write_text(path.read_text(encoding="utf-8").replace("\tMengolah data\t", "\t\t"), encoding="utf-8")
    with pytest.raises(Exception) as raised:
        parse_document(path)
    assert str(raised.value).startswith("surat.txt, step 2, column Uraian Kegiatan: ")
