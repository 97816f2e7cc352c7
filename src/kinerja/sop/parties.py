"""Actors that are not one position of the office: the applicant, the public or another agency (outside
the office: which position records their steps), a kind of position of every unit ("Kepala Bidang",
"Staf Bidang": of the unit each case is about), and the employee each case is about ("Pegawai yang
bersangkutan" in a leave or promotion SOP: whoever asks, case by case).

Public-service SOPs (SOP pelayanan) draw the applicant as a column of its own ("Pemohon" submits the
forms in step 1 and takes the letter in the last step). Nobody of the office holds that column, so a
case could never give its steps to anybody; linking it to an officer would say the officer applied.
Such an actor is marked outside the office and linked to the position that records its steps.

Hand-written: the words are those Indonesian SOPs use for outside parties; no library knows them. The
administrator can mark any other column outside (or inside) on the SOP's page or with `kinerja sop link`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

# Words (or word pairs, or their short forms: "Pmh" for pemohon) that name a party outside the office, at
# the start of the column's name: "Kasi Pemberdayaan Masyarakat" is a position of the office, "Masyarakat /
# Pelaku Usaha" is not.
_OUTSIDE = re.compile(
    r"^(?:para\s+|calon\s+)?(pemohon|pmh|masyarakat|warga|pelanggan|pengguna\s+(?:layanan|jasa)|wajib\s+(?:pajak|retribusi)|"
    r"pihak\s+(?:ketiga|luar|lain)|penyedia(?:\s+(?:barang|jasa))?|rekanan|pelapor|pengadu|pendaftar|"
    r"pelaku\s+(?:usaha|umkm|ukm)|umkm|ukm|pemilik\s+usaha|pengusaha|perusahaan|badan\s+usaha|investor|"
    r"(?:pengurus\s+)?koperasi|pasien|keluarga\s+pasien|pengunjung|tamu|ahli\s+waris|saksi|penduduk|"
    r"orang\s+tua|wali\s+(?:murid|siswa)|kuasa\s+pemohon|penerima\s+kuasa|(?:ketua\s+)?(?:rt|rw)(?:\s*/\s*rw)?|"
    r"(?:instansi|opd|perangkat\s+daerah|dinas)\s+(?:lain|terkait|pengusul))\b",
    re.IGNORECASE)


def is_outside_party(name: str) -> bool:
    """Whether an actor column's name stands for a party outside the office ("Pemohon", "Masyarakat/
    Pelaku Usaha", "Instansi terkait")."""
    return bool(_OUTSIDE.match(" ".join(name.split())))


# The words an SOP uses for whoever applies, whatever its column calls them: "dikembalikan kepada pemohon" in
# an SOP whose applicant's column is "Masyarakat" or "Pelaku Usaha". Not a named kind of party ("pelapor",
# "rekanan"), which may be another than the column's.
_APPLICANT = re.compile(r"^(?:para\s+|calon\s+)?(?:pemohon|pmh|masyarakat|warga|pelanggan|pengguna\s+(?:layanan|jasa))\b",
                        re.IGNORECASE)


def is_applicant(words: str) -> bool:
    """Whether words name the applicant in general ("pemohon", "masyarakat"), any outside column's party."""
    return bool(_APPLICANT.match(" ".join(words.split())))


# A head or the staff of a unit, with no unit named ("Kepala Bidang", "Kabid terkait", "Staf Seksi"):
# "Kepala Bidang Koperasi" names one position and is matched by its name.
_QUALIFIER = r"(?:\s+(?:terkait|teknis|yang\s+bersangkutan|ybs\.?|pengampu))?"
# Not the Subbagian: an SOP's "Kasubbag" is nearly always one of the Sekretariat's, named in the office.
_UNIT = r"(?:bidang|seksi|sub\s*bidang|unit(?:\s+kerja)?)"
_HEAD = re.compile(rf"(?:kepala\s+{_UNIT}|kabid|kasi|kasubbid|atasan\s+langsung){_QUALIFIER}", re.IGNORECASE)
_STAFF = re.compile(rf"(?:staf|staff|pelaksana|pengelola\s+data|operator|jfu)\s+{_UNIT}{_QUALIFIER}", re.IGNORECASE)


def unit_role(name: str) -> str:
    """"head" or "staff" when an actor column names a kind of position of every unit rather than one
    position ("Kepala Bidang", "Kabid Terkait", "Staf Bidang"), else ""."""
    text = " ".join(name.replace("/", " ").split()).rstrip(".")
    if _HEAD.fullmatch(text):
        return "head"
    if _STAFF.fullmatch(text):
        return "staff"
    return ""


# The employee a case is about: "Pegawai yang bersangkutan", "PNS ybs", "ASN yang mengajukan", "Pegawai
# (Pemohon)", or "Pegawai" alone (in an SOP about one employee's request, its only such column). Not "Staf
# Bidang" (of a unit) nor "Pemohon" alone (outside the office).
_PERSON = re.compile(
    r"(?:pegawai|pns|asn|aparatur(?:\s+sipil\s+negara)?|karyawan|personil|personel)"
    r"(?:\s+(?:yang|yg\.?)\s+(?:bersangkutan|mengajukan|mengusulkan|berhak)|\s+ybs\.?|\s+pemohon|\s*\(\s*pemohon\s*\))?"
    r"|(?:yang|yg\.?)\s+bersangkutan|ybs\.?",
    re.IGNORECASE)


def is_case_person(name: str) -> bool:
    """Whether an actor column stands for the employee each case is about ("Pegawai yang bersangkutan")."""
    return bool(_PERSON.fullmatch(" ".join(name.replace("/", " ").split()).rstrip(".")))


S = TypeVar("S")
P = TypeVar("P")


def recorder_for(actor: str, steps: Sequence[S], actor_of: Callable[[S], str],
                 position_of: Callable[[str], P | None], outside: Callable[[str], bool]) -> P | None:
    """The position that records the steps of an outside `actor`, when nobody chose one: the office's
    actor of the last step done inside the office before its first step (who handed the work over and
    waits for it), else of the first such step after it (who receives what the outside party brings), as
    the README says. None when neither is linked to a position: never an actor further away (a Kepala
    Dinas three steps on does not record an application at the counter); the actor is linked when the one
    next to it is (sop/actions.py, link_actor)."""
    numbers = [i for i, step in enumerate(steps) if actor_of(step) == actor]
    if not numbers:
        return None
    first = numbers[0]
    before = next((s for s in reversed(steps[:first]) if not outside(actor_of(s))), None)
    after = next((s for s in steps[first + 1:] if not outside(actor_of(s))), None)
    for step in (before, after):
        if step is not None:
            position = position_of(actor_of(step))
            if position is not None:
                return position
    return None
