"""Whose SOP a document is: the government and office its header lines name ("PEMERINTAH KOTA METRO",
"DINAS PERINDUSTRIAN DAN PERDAGANGAN"), compared with the office it is imported into.

The comparison is tolerant, because offices write their own names many ways: case and punctuation are
ignored, the usual shortenings are written out ("UKM" is "Usaha Kecil Menengah", "Kab." is "Kabupaten",
"Diskop" is "Dinas Koperasi"), a line may add or leave out words ("Dinas Koperasi, Usaha Mikro, Kecil dan
Menengah" for "Dinas Koperasi dan UKM"), and the office's own letterhead lines and short name always
match. A line is reported only when it clearly names another government (another city, regency or
province) or another agency (another kind, "Badan" for "Dinas", or other subjects, "Perindustrian dan
Perdagangan" for "Koperasi dan UKM"). Lines naming a unit inside an office ("BAGIAN PROGRAM", "BIDANG
…") and lines that name nothing recognisable are never reported.

Written by hand: this is a handful of word rules on Indonesian government names, which no library knows;
the typo tolerance is difflib's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from kinerja.org.models import Office

from .importers.flow import normalise_name, squeeze_letters

# Shortenings written out, word by word (after lower-casing and dropping punctuation).
_EXPAND = {
    "ukm": "usaha kecil menengah", "umkm": "usaha mikro kecil menengah",
    "kumkm": "koperasi usaha mikro kecil menengah", "diskop": "dinas koperasi", "diskopukm": "dinas koperasi usaha "
    "kecil menengah", "disperindag": "dinas perindustrian perdagangan", "dispenda": "dinas pendapatan daerah",
    "disdik": "dinas pendidikan", "dinkes": "dinas kesehatan", "dishub": "dinas perhubungan",
    "disnaker": "dinas tenaga kerja", "bappeda": "badan perencanaan pembangunan daerah",
    "bpkad": "badan pengelolaan keuangan aset daerah", "bkd": "badan kepegawaian daerah",
    "kab": "kabupaten", "kb": "kabupaten", "prov": "provinsi", "propinsi": "provinsi", "pemkot": "pemerintah kota",
    "pemkab": "pemerintah kabupaten", "pemprov": "pemerintah provinsi", "pemda": "pemerintah daerah",
}
_REGION_KINDS = ("kota", "kabupaten", "provinsi")
# The first word of a line naming an office (perangkat daerah), and of one naming a unit inside one.
_AGENCY_WORDS = {"dinas", "badan", "kantor", "inspektorat", "satuan", "rumah", "rsud", "kecamatan", "kelurahan",
                 "sekretariat"}
_UNIT_WORDS = {"bagian", "bidang", "sub", "subbagian", "subag", "subbag", "seksi", "subbidang", "upt", "uptd",
               "unit", "kelompok", "jabatan"}
_FILLER = {"dan", "serta", "pada", "di", "lingkungan", "daerah"}


def _words(text: str) -> list[str]:
    # Letters written apart ("U.K.M.", "U K M") are one shortening.
    joined = re.sub(r"\b(?:\w\s){1,}\w\b", lambda m: m.group(0).replace(" ", ""),
                    normalise_name(text.replace("&", " dan ")))
    words = []
    for word in joined.split():
        words.extend(_EXPAND.get(word, word).split())
    return words


def _key(text: str) -> str:
    return squeeze_letters(" ".join(_words(text)))


@dataclass(frozen=True)
class Region:
    kind: str  # "kota", "kabupaten", "provinsi" or "" when not written
    place: str  # "bandar lampung"

    def differs(self, other: Region) -> bool:
        if self.kind and other.kind and self.kind != other.kind:
            return True
        return self.place.replace(" ", "") != other.place.replace(" ", "")


def _split_region(words: list[str]) -> tuple[list[str], Region | None]:
    """The words before the last "kota …"/"kabupaten …"/"provinsi …", and that region: one to four words
    with no "dan" among them, so that "Dinas Tata Kota dan Pertamanan" names no region."""
    for i in range(len(words) - 2, -1, -1):
        if words[i] in _REGION_KINDS:
            place = words[i + 1:]
            if len(place) <= 4 and not set(place) & _FILLER:
                return words[:i], Region(words[i], squeeze_letters(" ".join(place)))
            break
    return words, None


def office_region(office: Office) -> Region | None:
    """The office's city, regency or province: its `city`, the kind taken from its letterhead or name when
    the city leaves it out ("Bandar Lampung")."""
    _, region = _split_region(_words(office.city))
    if region is not None:
        return region
    place = " ".join(w for w in _words(office.city) if w not in _FILLER and w != "pemerintah")
    if not place:
        return None
    for text in [*office.letterhead_lines, office.name]:
        _, named = _split_region(_words(text))
        if named is not None and not named.differs(Region("", squeeze_letters(place))):
            return named
    return Region("", squeeze_letters(place))


def _subjects(words: list[str]) -> set[str]:
    return {squeeze_letters(w) for w in words if w not in _FILLER}


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.85)


def _same_agency(line: list[str], office: list[str]) -> bool:
    """Whether two agency names ("dinas koperasi usaha kecil menengah") name the same agency: the same kind
    (the first word) and subjects of which one holds the other, or at least half of all are shared."""
    if not line or not office:
        return True
    if line[0] != office[0]:
        return False
    a, b = _subjects(line[1:]), _subjects(office[1:])
    if not a or not b:
        return True
    shared = {w for w in a if any(_same_word(w, v) for v in b)}
    return len(shared) == min(len(a), len(b)) or len(shared) * 2 >= len(a | b)


def _agency_words(words: list[str]) -> list[str] | None:
    """The office a line names ("sekretariat dinas koperasi" → "dinas koperasi"), or None for a unit or
    for anything else."""
    if not words or words[0] in _UNIT_WORDS:
        return None
    if words[0] == "sekretariat" and len(words) > 1 and words[1] in _AGENCY_WORDS:
        words = words[1:]
    if words[0] not in _AGENCY_WORDS:
        return None
    if words[0] == "sekretariat" and (len(words) == 1 or words[1] not in {"daerah", "dprd", "dewan"}):
        return None  # a dinas's own Sekretariat, not the Sekretariat Daerah
    return words


@dataclass(frozen=True)
class ForeignLine:
    line: str  # as the document writes it
    why: str  # "region" or "agency"


def foreign_lines(office: Office, lines: list[str]) -> list[ForeignLine]:
    """The header lines that clearly name another government or another office than `office`."""
    own_keys = {_key(t) for t in [office.name, office.short_name, *office.letterhead_lines] if t.strip()}
    region = office_region(office)
    own_agency, _ = _split_region(_words(office.name))
    own_agencies = [own_agency] + [_split_region(_words(t))[0] for t in office.letterhead_lines]
    own_agencies = [a for a in (_agency_words(w) for w in own_agencies) if a]
    found: list[ForeignLine] = []
    for line in lines:
        words = _words(line)
        if not words or _key(line) in own_keys or words[0] in _UNIT_WORDS:
            continue
        governs = words[0] in {"pemerintah", *_REGION_KINDS}
        if words[0] == "pemerintah":
            words = words[1:]
        rest, named = _split_region(words)
        agency = _agency_words(rest)
        # A region counts on a government's line or after an office's name, not in any line ("Puskesmas
        # Kota Gajah" names a place inside a regency).
        if (governs or agency) and named is not None and region is not None and named.differs(region):
            found.append(ForeignLine(line, "region"))
        elif agency and own_agencies and not any(_same_agency(agency, own) for own in own_agencies):
            found.append(ForeignLine(line, "agency"))
    return found


def foreign_warning(office: Office, found: list[ForeignLine]) -> str:
    """One sentence naming the lines and the office, for the preview and the CLI."""
    return _("The document's header names another office than %(office)s (%(city)s): %(lines)s.") % {
        "office": office.name, "city": office.city or "-", "lines": "; ".join(f"“{f.line}”" for f in found)}
