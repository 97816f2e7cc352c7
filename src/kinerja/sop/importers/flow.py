"""Recovering the flow of an SOP from its text: who performs each step, where work goes back, which
step coordinates with the divisions.

Copies of SOPs lose their flowchart symbols (the seed keeps only "Mulai"), so the actor of a step is
read from the hand-off in the step before it ("… menyampaikan kepada Kasubbag"), matched to the
Pelaksana columns while tolerating case, spacing, doubled letters ("Kassubbag") and the aliases of the
office's positions ("Kepala Dinas" for a "Kadis" column). Hand-written: it is the phrasing of one
document form; difflib supplies the tolerant comparison.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from .. import parties

# Names of positions that SOP documents use interchangeably (document vocabulary, not UI text). The
# office's own aliases (org.Position.names()) are added to these at import.
COMMON_ALIASES: tuple[tuple[str, ...], ...] = (
    ("Kadis", "Kepala Dinas"),
    ("Kaban", "Kepala Badan"),
    ("Sekretaris", "Sekretaris Dinas", "Sekdis", "Sekretaris Badan", "Sekban"),
    ("Kasubbag", "Kepala Sub Bagian", "Kepala Subbagian", "Kepala Sub Bag", "Kasubag"),
    ("Kabag", "Kepala Bagian"),
    ("Kabid", "Kepala Bidang"),
    ("Kasi", "Kasie", "Kepala Seksi"),
    ("JFU", "Jabatan Fungsional Umum", "Staf", "Staff"),
    ("JF", "JFT", "Jabatan Fungsional", "Pejabat Fungsional", "Fungsional"),
    ("Kasubbid", "Kasubid", "Kepala Sub Bidang", "Kepala Subbidang"),
    ("Irban", "Inspektur Pembantu"),
    ("Sekcam", "Sekretaris Camat", "Sekretaris Kecamatan"),
    ("Sekda", "Sekretaris Daerah"),
    ("Kapus", "Kepala Puskesmas"),
)
# Words that may follow a position's title in a step's text without being part of a name: "kepada
# Kasubbag untuk diperiksa" names the one Kasubbag column, whatever unit it adds to the title.
_NOT_NAME_WORDS = {"untuk", "agar", "supaya", "guna", "dan", "serta", "yang", "lalu", "kemudian", "selaku",
                   "sebagai", "setelah", "bila", "apabila", "jika", "pada", "di", "dengan", "atau", "melalui",
                   "terkait", "tentang", "sesuai", "beserta"}
SIMILARITY = 0.85
MAX_NAME_WORDS = 7


def normalise_name(text: str) -> str:
    """Lower case, punctuation to spaces, single spaces, "&" as "dan": "Kepala  Sub-Bagian." → "kepala sub
    bagian", "Umum & Kepegawaian" → "umum dan kepegawaian"."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower().replace("&", " dan ")).split())


def squeeze_letters(text: str) -> str:
    """Doubled letters once: "kassubbag" and "kasubbag" both become "kasubag" (a common typo)."""
    return re.sub(r"(\w)\1+", r"\1", text)


class ActorMatcher:
    """Matches a name as written in the text to one Pelaksana column."""

    def __init__(self, actors: Iterable[str], aliases: dict[str, list[str]] | None = None) -> None:
        self.actors = list(actors)
        groups = [list(g) for g in COMMON_ALIASES]
        groups += [[name, *others] for name, others in (aliases or {}).items()]
        self.candidates: list[tuple[str, str]] = []  # (squeezed normalised name, actor column)
        for actor in self.actors:
            key = self._key(actor)
            names = name_variants(actor)  # "Kabid Mutasi" is also "Kepala Bidang Mutasi"
            # A column naming two ("Pemohon/ Masyarakat", "Kasubbag Umum / Kepegawaian"): the column of each.
            parts = [part for part in re.split(r"\s*/\s*|\s+atau\s+", actor) if part.strip()]
            for part in parts if len(parts) > 1 else []:
                names |= name_variants(part)
            for group in groups:
                if key in {self._key(n) for n in group}:
                    names |= {self._key(n) for n in group if n}
            self.candidates += [(n, actor) for n in sorted(names) if n]
        self.titles = {self._key(n) for group in COMMON_ALIASES for n in group}

    @staticmethod
    def _key(name: str) -> str:
        return squeeze_letters(normalise_name(name))

    def match(self, name: str) -> str | None:
        """The column `name` stands for, or None when there is none or two fit equally."""
        key = self._key(name)
        if not key:
            return None
        exact = {actor for n, actor in self.candidates if n == key}
        if len(exact) == 1:
            return exact.pop()
        if exact:
            return None
        scored: dict[str, float] = {}
        for n, actor in self.candidates:
            ratio = difflib.SequenceMatcher(None, key, n).ratio()
            if ratio >= SIMILARITY:
                scored[actor] = max(scored.get(actor, 0.0), ratio)
        if not scored:
            return self._by_abbreviation(key)
        best = max(scored.values())
        winners = [a for a, r in scored.items() if r == best]
        return winners[0] if len(winners) == 1 else None

    def _by_abbreviation(self, key: str) -> str | None:
        """The one column written as an abbreviation of one word that `key` writes out: the initials of its
        words ("petugas loket" for "PL"), one word holding its letters in order from its first ("pemohon"
        for "Pmh"), or pieces of its words ("pelayanan kesehatan" for "Yankes", "kepala dinas kesehatan"
        for "Kadinkes", "Ka" standing for "kepala"). None when none fits, or several."""
        words = key.split()
        found = set()
        for actor in self.actors:
            short = normalise_name(actor).replace(" ", "")
            if " " not in normalise_name(actor) and len(short) >= 4 and len(words) > 1 and (
                    _syllables(short, words)
                    or (words[0] == "kepala" and short.startswith("ka") and _syllables(short[2:], words[1:]))):
                found.add(actor)  # "Yankes": "pelayanan kesehatan"; "Kadinkes": "kepala dinas kesehatan"
                continue
            if " " in normalise_name(actor) or not 2 <= len(short) <= 5 or not short.isalpha():
                continue
            if len(words) > 1 and "".join(w[0] for w in words) == short:
                found.add(actor)
            elif len(words) == 1 and len(short) >= 3 and words[0][0] == short[0] and len(words[0]) > len(short) \
                    and re.fullmatch(".*?".join(map(re.escape, short)) + r"\w*", words[0]):
                found.add(actor)
        return found.pop() if len(found) == 1 else None

    def match_at_start(self, text: str) -> str | None:
        """The column named by the first words of `text` ("Kasubbag untuk menyusun …" → "Kasubbag"),
        trying the longest run of words first so "Kepala Dinas" wins over "Kepala"."""
        words = normalise_name(text).split()[:MAX_NAME_WORDS]
        for n in range(len(words), 0, -1):
            if found := self.match(" ".join(words[:n])):
                return found
        for n in range(len(words), 0, -1):
            if found := self._by_title(words[:n], words[n] if n < len(words) else None, words[n:]):
                return found
        return None

    def _by_title(self, words: list[str], after: str | None, following: list[str] | None = None) -> str | None:
        """The one column whose name starts with the title `words` name ("Kasubbag", "Kepala Seksi"), when
        the text goes on with no name or the start of the column's own ("Kepala Seksi Kesejahteraan Sosial"
        for "Kasi Kesos"): the text writes out what the column abbreviates, or leaves it out."""
        title = squeeze_letters(" ".join(words))
        if title not in self.titles:
            return None
        found = set()
        for name, actor in self.candidates:
            if name.startswith(title + " "):
                rest = name[len(title) + 1:]
                if after is None or after in _NOT_NAME_WORDS or squeeze_letters(after)[:2] == rest[:2] or (
                        " " not in rest and _syllables(rest, following or [])):
                    found.add(actor)
        return found.pop() if len(found) == 1 else None


def _syllables(short: str, words: list[str]) -> bool:
    """Whether `short` abbreviates the first two or three of `words` by a piece of each, in order ("yankes":
    "yan" of "pelayanan", "kes" of "kesehatan"), each piece at least two letters and the first piece of a
    word its first letters or a syllable inside it, as unit names are shortened."""
    def fits(rest: str, left: list[str], used: int) -> bool:
        if not rest:
            return used >= 2
        if not left or used == 3:
            return False
        return any(rest[:k] in left[0] and fits(rest[k:], left[1:], used + 1) for k in range(len(rest), 1, -1))

    return short.isalpha() and len(short) >= 4 and fits(short, [squeeze_letters(w) for w in words], 0)


def name_variants(name: str) -> set[str]:
    """The name and its spellings with the leading short title written out or shortened ("Kasubbag
    Umum dan Kepegawaian" ↔ "Kepala Sub Bagian Umum dan Kepegawaian"), each squeezed and normalised."""
    key = squeeze_letters(normalise_name(name))
    found = {key}
    for group in COMMON_ALIASES:
        keys = [squeeze_letters(normalise_name(n)) for n in group]
        for short in keys:
            if key.startswith(short + " "):
                found |= {other + key[len(short):] for other in keys}
    return found


@dataclass(frozen=True)
class ReturnPhrase:
    """A "dikembalikan kepada JFU" / "kembali ke langkah 3" clause of a step's text."""

    start: int
    end: int
    step: str | None  # a step named in the text, as written: "3", or a sub-step "3.1" or "3a"
    actor_text: str  # or the words naming a position
    text: str
    decision: bool = False  # the "Tidak" branch of a decision ("Tidak: ke langkah 3"), which may go forward
    # The target follows an arrow without "ke" ("Tidak → Petugas Loket"): a return only when the words are an
    # actor column's name; other words there ("Tidak → arsip") are no return to warn of.
    loose: bool = False
    # The "Ya" answer of a decision goes back ("Ya: kembali ke langkah 2 untuk dicatat"): no return the steps
    # can hold, since after "Ya" a step goes on to the next (decide_returns warns of it).
    yes: bool = False


_RETURN_RE = re.compile(r"\b(?:di)?kembali(?:kan)?\b", re.IGNORECASE)
# The target ends where the clause does, or where the next answer or condition of a decision starts, written
# on the same line or on the next line of a Ket. cell (one_line): "kembali ke langkah 2 Ya: diteruskan",
# "kembali ke 2 jika belum lengkap". "no. 2" and "lgkh. 2" name a step's number, not the clause's end.
_TARGET_END = (
    r"(?P<target>.*?)(?=\s*(?:[,;:()]|\.(?!\d)(?<!\bno\.)"
    r"(?<!\blang\.)(?<!\blgkh\.)(?<!\blgk\.)(?!(?<=\blkh\.)\s*(?:ke\s*-?\s*)?\d)(?<!\blngkh\.)(?<!\blngk\.)|\bdan\b|\bserta\b"
    r"|\blalu\b|\bkemudian\b|\buntuk\b|\bagar\b|\bsupaya\b"
    r"|\b(?:ya|iya|jika|bila|apabila|kalau|jikalau|manakala)\b|\b(?:y|t|tdk|tidak)\s*(?:→|⟶|➔|➜|➝|-{1,2}>|=>|⇒|:)|$))")
_TARGET_RE = re.compile(r"\s*(?:lagi\s+)?ke(?:pada)?\s+" + _TARGET_END, re.IGNORECASE)
_LOOSE_TARGET_RE = re.compile(r"\s*" + _TARGET_END, re.IGNORECASE)
# The step a text names: "langkah 3", "langkah ke-3" (or langkah shortened as offices write it in a narrow Ket.
# cell: "lgkh 2", "lgk. 2", "lkh 2", "lngkh 2", "lang. 2"), a sub-step "langkah 3.1" or "langkah 3a" (letters a to
# h only: "3x" is "3 times"), or a step of a table lettered "a.", "b." …: "langkah c" (a letter standing alone,
# not the first of a word, "tahap awal"), or of a table numbered in Roman numerals: "langkah II", "langkah II.1".
# "lkh" is also the LKH (Laporan Kinerja Harian, the daily performance report): langkah only before a step's number
# ("lkh 2", "lkh. 3.1", "lkh ke-2", "lkh I", "lkh II"), never before a letter or another word ("LKH a", "LKH pegawai").
_STEP_NAMES = (r"langkah|\b(?:lngkh|lgkh|lngk|lgk)\.?|\blkh\.?(?=\s*(?:ke\s*-?\s*)?(?:\d|[ivx]{1,6}(?:\.\d|\b)))"
               r"|\blang\.|nomor|no\.?|step|tahap|prosedur")
_STEP_WORD = "(?:" + _STEP_NAMES + ")"
_STEP_OR_ACTIVITY = "(?:" + _STEP_NAMES + "|kegiatan)"
_STEP_LABEL = r"(\d+(?:\.\d+|\.?[a-h])?|[ivx]{1,6}\.\d{1,2}(?!\d)|[ivx]{2,6}(?![\w'’-])|[a-z](?![\w'’-]))\b"
_STEP_RE = re.compile(_STEP_WORD + r"\s*(?:ke\s*-?\s*)?" + _STEP_LABEL, re.IGNORECASE)
_PASSIVE_RE = re.compile(r"\bdikembalikan\b", re.IGNORECASE)
# A return's target naming a step in other words offices use: "langkah no. 2", "langkah nomor 2", "proses 2",
# "tahapan 2", "kegiatan 2"; and the step before, unnumbered: "kembali ke langkah sebelumnya", "ke proses
# sebelumnya", "ke tahap sebelumnya".
_STEP_WORDS = "(?:" + _STEP_NAMES + r"|proses|tahapan|kegiatan)"
_OTHER_STEP_RE = re.compile(_STEP_WORDS + r"\s*(?:(?:no\.?|nomor)\s*)?(?:ke\s*-?\s*)?" + _STEP_LABEL, re.IGNORECASE)
_PREVIOUS_RE = re.compile(_STEP_WORDS + r"\s+sebelum(?:nya)?", re.IGNORECASE)
# A return naming the step by its number alone: "kembali ke 1", "Tidak (kembali ke 2)".
_BARE_STEP_RE = re.compile(r"\d+(?:\.\d+|\.?[a-h])?")
# A return naming the step by the label alone in a table numbered in Roman numerals or lettered: "Tidak: kembali
# ke III", "dikembalikan ke II.1", "Tidak → b". No position's name is a Roman numeral or a single letter; in a
# table numbered otherwise the step reader says what the label is read as, or that no step has it.
_BARE_LABEL_RE = re.compile(r"[ivx]{1,6}(?:\.\d{1,2})?|[a-z]", re.IGNORECASE)
# The arrows an office types between a decision's answer and its step: "Tidak → 1", "Tidak ⟶ 1", "Tidak --> 1",
# "Tidak = 2".
_ARROW = r"(?::|→|⟶|➔|➜|➝|-{1,2}>|=>?|⇒)"
# The "Tidak" branch of a decision, as the Ket. column or the step's text writes it: "Tidak: ke langkah 3",
# "Tidak lengkap → 1", "Belum sesuai: proses ke no. 4", "T: 2" (the flowchart's short label, a capital standing
# alone right before its colon or arrow: "Y: 5, T: 2"); not a time ("tidak lengkap: 2 hari").
_DECISION_RE = re.compile(
    r"(?:\b(?:tidak(?!\s+ada\b)|tdk|belum)\b[^:→⟶➔➜➝=;.,\d]{0,40}?|(?<![\w.])(?-i:T))\s*" + _ARROW
    + r"\s*(?:(?:lanjut|proses|revisi|perbaikan|diperbaiki|diteruskan)\s+)?(?:ke(?:pada)?\s+)?"
    r"(?:(?:" + _STEP_OR_ACTIVITY + r"\s*)?(?:ke\s*-?\s*)?(\d+(?:\.\d+|[a-h])?)\b"
    r"(?!\s*(?:[.,]\d|menit|mnt|jam|hari|hr|minggu|pekan|bulan|kali|x\b|%))"
    # A lettered step or one numbered in Roman numerals only after a word naming a step ("Tidak: ke langkah c",
    # "Tidak: ke langkah II", "… langkah II.1"), never a letter alone.
    r"|" + _STEP_OR_ACTIVITY + r"\s*(?:ke\s*-?\s*)?([ivx]{1,6}\.\d{1,2}(?!\d)|[ivx]{2,6}(?![\w'’-])"
    r"|[a-z](?![\w'’-])))", re.IGNORECASE)

# The "Tidak" branch naming whom the work goes to rather than a step: "Tidak: ke Petugas Loket", "Tidak sesuai →
# Kasubbag", "T: kepada Sekretaris" (return_phrases reads the name after it as _TARGET_RE does). "Tidak: kembali
# ke Kasubbag" is a return of its own (_RETURN_RE).
_DECISION_ACTOR_RE = re.compile(
    r"(?:\b(?:tidak(?!\s+ada\b)|tdk|belum)\b[^:→⟶➔➜➝=;.,\d]{0,40}?|(?<![\w.])(?-i:T))\s*(?P<arrow>" + _ARROW
    + r")\s*(?:(?:lanjut|proses|revisi|perbaikan|diperbaiki|diteruskan|dikirim|diserahkan)\s+)?", re.IGNORECASE)

# The "Tidak" branch written as words, without a colon or an arrow: "jika Tidak ke langkah 2", "Tidak lengkap ke
# langkah 1", "bila tidak sesuai (ke langkah 3)". A word naming the step must follow "ke" ("tidak lengkap ke 2"
# may be anything), and the negative must stand where a decision writes its answer (return_phrases). Neither
# reads "tidak ada" ("jika tidak ada koreksi, ke langkah 7": all is well).
_DECISION_WORDS_RE = re.compile(
    r"\b(?:tidak(?!\s+ada\b)|tdk|belum)\b(?:(?!(?:di)?kembali)[^:→⟶➔➜➝=;.,\d()]){0,40}?\s*\(?\s*\bke\s+"
    + _STEP_OR_ACTIVITY + r"\s*(?:ke\s*-?\s*)?" + _STEP_LABEL, re.IGNORECASE)

# The "Ya" answer naming a step to go on to: "Ya: ke langkah 7", "Y → 7", "jika ya lanjut ke langkah 6". A step's
# "Ya" goes on to the next step; one naming a later step is a flow the steps cannot hold (decide_returns).
_YES_RE = re.compile(
    r"(?:\b(?:ya|iya)\b|(?<![\w.])(?-i:Y))\s*(?:(?P<arrow>" + _ARROW + r")\s*)?(?:(?:lanjut|proses|diteruskan)\s+)?"
    r"(?:ke\s+)?(?P<word>" + _STEP_OR_ACTIVITY + r"\s*(?:ke\s*-?\s*)?)?"
    r"(?P<step>\d+(?:\.\d+|[a-h])?)\b(?!\s*(?:[.,]\d|menit|mnt|jam|hari|hr|minggu|pekan|bulan|kali|x\b|%))",
    re.IGNORECASE)


def yes_steps(text: str) -> list[tuple[str, str]]:
    """(step as written, the words) of each "Ya" answer of `text` naming a step: after a colon or an arrow, or
    with a word naming the step ("Ya 2" alone may be anything)."""
    return [(m["step"].lower(), m[0]) for m in _YES_RE.finditer(text) if m["arrow"] or m["word"]]


# The "Ya" answer naming whom the work goes to rather than a step: "Ya: ke Kabid", "Ya → diteruskan kepada Kasubbag",
# "Y → Sekretaris" (read as the "Tidak" naming an actor is: _DECISION_ACTOR_RE).
_YES_ACTOR_RE = re.compile(
    r"(?:\b(?:ya|iya)\b|(?<![\w.])(?-i:Y))\s*(?P<arrow>" + _ARROW
    + r")\s*(?:(?:lanjut|proses|diteruskan|dikirim|diserahkan|disampaikan)\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class YesActor:
    """A decision's "Ya" answer naming an actor: the words naming it, and the whole clause as written."""

    words: str
    text: str
    loose: bool  # the words follow an arrow without "ke" ("Y → Kabid"): an actor only when they name a column


def yes_actors(text: str) -> list[YesActor]:
    """Each "Ya" answer of `text` that sends the work to someone ("Ya: ke Kabid"), in text order; not one naming a
    step ("Ya: ke langkah 7", yes_steps) nor one going back ("Ya: kembali ke Kasubbag", return_phrases)."""
    found = []
    for m in _YES_ACTOR_RE.finditer(text):
        target, loose = _TARGET_RE.match(text, m.end()), False
        if target is None and m["arrow"] != ":":
            target, loose = _LOOSE_TARGET_RE.match(text, m.end()), True
        words = target["target"].strip() if target else ""
        if not words or _STEP_RE.match(words) or _BARE_STEP_RE.match(words) or _RETURN_RE.match(words):
            continue
        assert target is not None
        found.append(YesActor(words, text[m.start():target.end()], loose))
    return found


# The first words of a position's name (document vocabulary): a return "kembali ke Bendahara" names one, though
# the table has no column of it; "kembali ke ruang kerja" names none. A return "kepada" anyone names a position.
POSITION_WORDS = {"bendahara", "pemohon", "petugas", "pejabat", "pengelola", "pengadministrasi", "pelaksana",
                  "operator", "verifikator", "analis", "penyusun", "pengolah", "admin", "administrator", "ppk",
                  "pptk", "ppspm", "pa", "kpa", "inspektur", "auditor", "camat", "lurah", "kepala", "wakil",
                  "pimpinan", "atasan", "pegawai", "masyarakat", "pemeriksa", "tim", "panitia"}
_KEPADA_RE = re.compile(r"\bkepada\b", re.IGNORECASE)


# Words after "kepada" that name whoever the case concerns rather than a position: "dikembalikan kepada yang
# bersangkutan", "kepada ybs", "kepada pihak yang mengajukan".
_NO_POSITION_RE = re.compile(r"(?:pihak\s+|orang\s+)?(?:yang|yg\.?|ybs\.?)(?!\w)", re.IGNORECASE)


def names_position(phrase: ReturnPhrase) -> bool:
    """Whether a return's words name a position ("dikembalikan kepada Bendahara", "kembali ke Kasubbag Umum"),
    as against a place or a state ("kembali ke ruang kerja", "kembali ke semula"), whoever the case concerns
    ("kepada yang bersangkutan", "kepada pegawai ybs") or a party outside the office ("kepada pelapor")."""
    if not phrase.actor_text:
        return False
    words = " ".join(phrase.actor_text.split())
    if _NO_POSITION_RE.match(words) or parties.is_case_person(words) or parties.is_outside_party(words):
        return False
    first = squeeze_letters(normalise_name(phrase.actor_text).split()[0]) if normalise_name(phrase.actor_text) else ""
    titles = {squeeze_letters(normalise_name(n)).split()[0] for group in COMMON_ALIASES for n in group}
    return bool(_KEPADA_RE.search(phrase.text)) or first in titles or first in POSITION_WORDS


def one_line(note: str) -> str:
    """A Ket. cell of several lines as return_phrases and end_phrases read it: its line breaks as spaces, the
    positions in it unchanged. The cell keeps its lines to be shown, but an office breaks a phrase over lines
    by hand to fit a narrow column ("dikembalikan kepada" over "Kasubbag"), and "Tidak: kembali ke langkah 2"
    over "Ya: diteruskan" is read as it was on one line."""
    return note.replace("\r", " ").replace("\n", " ")


# What stands right before a return written as a decision's "Ya" answer: "Ya: kembali ke …", "Y → dikembalikan
# …", "jika ya, kembali ke …", "apabila disetujui kembali ke …" (not "jika tidak disetujui, …").
_YES_BEFORE_RE = re.compile(
    r"(?:(?<![\w.])(?:ya|iya|(?-i:Y))\s*" + _ARROW
    + r"|\b(?:jika|bila|apabila|kalau)\s+(?:ya|iya|disetujui|setuju|sesuai|lengkap|benar)\b\s*,?)\s*(?:berkas\s+)?$",
    re.IGNORECASE)


def return_phrases(activity: str) -> list[ReturnPhrase]:
    """The clauses of `activity` that send work back, in text order. "dikembalikan untuk diperbaiki"
    without a target sends it to the step before (step=None, actor_text="")."""
    found = []
    for m in _RETURN_RE.finditer(activity):
        target = _TARGET_RE.match(activity, m.end())
        if target:
            end = target.end()
            words = target["target"].strip()
            yes = bool(_YES_BEFORE_RE.search(activity, 0, m.start()))
            if step := _STEP_RE.match(words) or _OTHER_STEP_RE.match(words):
                found.append(ReturnPhrase(m.start(), end, step[1].lower(), "", activity[m.start():end], yes=yes))
            elif _PREVIOUS_RE.fullmatch(words):  # as "dikembalikan" alone: the step before
                found.append(ReturnPhrase(m.start(), end, None, "", activity[m.start():end], yes=yes))
            elif _BARE_STEP_RE.fullmatch(words) or _BARE_LABEL_RE.fullmatch(words):
                found.append(ReturnPhrase(m.start(), end, words.lower(), "", activity[m.start():end], yes=yes))
            else:
                found.append(ReturnPhrase(m.start(), end, None, words, activity[m.start():end], yes=yes))
        elif _PASSIVE_RE.fullmatch(m[0]):
            found.append(ReturnPhrase(m.start(), m.end(), None, "", m[0]))
    for m in _DECISION_RE.finditer(activity):
        found.append(ReturnPhrase(m.start(), m.end(), (m[1] or m[2]).lower(), "", m[0], decision=True))
    for m in _DECISION_ACTOR_RE.finditer(activity):
        if any(p.start <= m.start() < p.end for p in found):
            continue  # "Tidak: ke langkah 3"
        target, loose = _TARGET_RE.match(activity, m.end()), False
        if target is None and m["arrow"] != ":":
            target, loose = _LOOSE_TARGET_RE.match(activity, m.end()), True
        words = target["target"].strip() if target else ""
        if not words or _STEP_RE.match(words) or _BARE_STEP_RE.match(words) or _RETURN_RE.match(words):
            continue  # "Tidak: kembali ke Kasubbag" is read above, as any "kembali ke"
        assert target is not None
        named = _OTHER_STEP_RE.fullmatch(words)
        if _BARE_LABEL_RE.fullmatch(words) or named or _PREVIOUS_RE.fullmatch(words):
            # "Tidak: ke III", "Tidak → b", "Tidak: ke proses 2", "Tidak: ke langkah sebelumnya" (the step before)
            label = named[1].lower() if named else None if _PREVIOUS_RE.fullmatch(words) else words.lower()
            found.append(ReturnPhrase(m.start(), target.end(), label, "", activity[m.start():target.end()],
                                      decision=True))
            continue
        found.append(ReturnPhrase(m.start(), target.end(), None, words, activity[m.start():target.end()],
                                  decision=True, loose=loose))
    for m in _DECISION_WORDS_RE.finditer(activity):
        clause = re.split(r"[;.,\n]", activity[:m.start()])[-1]
        answer = not clause.strip(" \t-–•*()/") or _CONDITION_BEFORE_RE.search(clause)
        if answer and not any(p.start < m.end() and m.start() < p.end for p in found):
            found.append(ReturnPhrase(m.start(), m.end(), m[1].lower(), "", m[0], decision=True))
    return sorted(found, key=lambda p: p.start)


@dataclass(frozen=True)
class EndPhrase:
    """A decision's "Tidak" that ends the procedure: "Tidak: proses selesai", "jika tidak memenuhi syarat,
    permohonan ditolak dan dikembalikan kepada pemohon (selesai)", "apabila ditolak, proses dihentikan"."""

    start: int
    end: int
    text: str
    # Where the clause of the end goes on to: "Tidak memenuhi syarat: proses selesai, alat ukur dikembalikan
    # kepada pemilik" hands back what it ends with; the next answer or condition ("Ya: …") starts another.
    reach: int = 0


# The negative answer of a decision: "tidak lengkap", "belum memenuhi syarat", "ditolak", or the label
# "Tidak" of the flowchart, or its short "T" before a colon or an arrow. Not "tidak ada …" ("jika tidak ada
# koreksi, proses selesai": all is well).
_NEGATIVE_RE = re.compile(r"\b(?:tidak(?!\s+ada\b)|belum|ditolak|menolak)\b|(?<![\w.])(?-i:T)(?=\s*" + _ARROW + ")",
                          re.IGNORECASE)
# What ends the procedure: "selesai" as a word of its own ("proses selesai", "(selesai)", "→ Selesai"), but
# not "telah selesai", "hingga selesai", "selesai diperiksa" (done, until done, once checked); "proses
# dihentikan / berhenti / berakhir", "tidak dilanjutkan", "tidak diproses lebih lanjut"; "ditolak" when
# nothing else follows it in the clause ("jika tidak memenuhi syarat, permohonan ditolak.").
_END_RE = re.compile(
    r"(?<!telah )(?<!sudah )(?<!setelah )(?<!sesudah )(?<!hingga )(?<!sampai )(?<!belum )(?<!tidak )"
    r"\bselesai\b(?!\s+(?:di|me|ber|ter)\w+)"
    r"|\b(?:di)?hentikan\b|\bberhenti\b|\bberakhir\b|\bdiakhiri\b"
    r"|\btidak\s+(?:dapat\s+|akan\s+)?(?:di)?lanjutkan\b|\btidak\s+diproses(?:\s+lebih\s+lanjut)?\b"
    r"|\bditolak\s*[)]?\s*$", re.IGNORECASE)
# Between the negative answer and the end, nothing that starts another condition or names a step: in
# "jika tidak lengkap, kembali ke langkah 1; jika lengkap, proses selesai" the end is the Ya's.
_OTHER_CONDITION_RE = re.compile(
    r"\b(?:jika|bila|apabila|kalau|jikalau|ya)\b|" + _STEP_WORD + r"\s*(?:ke\s*-?\s*)?\d",
    re.IGNORECASE)
# Clauses: a "Tidak" and its end are written in one (a sentence, or a part between semicolons).
_CLAUSE_RE = re.compile(r"[^;.]+(?:\.(?=\d)[^;.]*)*")
# The negative is a decision's answer only as a decision writes it: after "jika / bila / apabila" ("jika
# tidak memenuhi syarat"), opening its clause ("Tidak: …", "Tidak lengkap → …"), or followed by a colon or
# an arrow ("berkas tidak lengkap: selesai"). "Surat yang tidak rahasia diarsipkan, proses selesai" is no
# decision.
_CONDITION_BEFORE_RE = re.compile(r"\b(?:jika|bila|apabila|kalau|jikalau|manakala)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
_LABELLED_RE = re.compile(r"[^:→⟶➔➜➝;,.]{0,40}?" + _ARROW)


def _as_answer(part: str, negative: re.Match[str]) -> bool:
    """Whether the negative is a decision's answer. A refusal ("menolak", "ditolak") is one wherever it
    stands, its subject before it included: "Kepala Dinas menolak (selesai)" is the Tidak of a decision
    written as a sentence, while "tidak" and "belum" say so only where a decision writes its answer."""
    if negative[0].lower() in ("menolak", "ditolak"):
        return True
    before = part[:negative.start()]
    return (not before.strip(" \t-–•*()") or bool(_CONDITION_BEFORE_RE.search(before))
            or bool(_LABELLED_RE.match(part, negative.start())))


def end_phrases(text: str) -> list[EndPhrase]:
    """The clauses of `text` where a decision's negative answer ends the procedure, in text order."""
    found = []
    for clause in _CLAUSE_RE.finditer(text):
        part = clause[0]
        for negative in _NEGATIVE_RE.finditer(part):
            if not _as_answer(part, negative):
                continue
            end = next((m for m in _END_RE.finditer(part, negative.end())
                        if m.start() >= negative.end()), None)
            if end is None:
                continue
            # "ditolak" is itself the negative answer and, last in its clause, the end ("…, permohonan ditolak.")
            if _OTHER_CONDITION_RE.search(part, negative.end(), end.start()):
                continue
            start, stop = clause.start() + negative.start(), clause.start() + end.end()
            after = _OTHER_CONDITION_RE.search(part, end.end())
            reach = clause.start() + (after.start() if after else len(part))
            found.append(EndPhrase(start, stop, text[start:stop], reach))
            break
    return found


# An order names the next actor without "kepada": "memerintahkan Sekretaris menyusun …",
# "menugaskan Kasubbag Program untuk …".
# A lookahead, so matches overlap: in "meminta usulan kepada Kabid" both "meminta …" and "kepada Kabid" are seen.
# A stop followed by more words goes on ("kepada Ka. Sub. Bag. Umum"): match_at_start takes the name's words.
_HANDOFF_RE = re.compile(
    r"\b(?=(?:(?:menugaskan|memerintahkan|menginstruksikan|meminta)(?:\s+kepada)?|kepada|ke)\s+"
    r"(?P<target>(?:[^,.;:()]|\.(?=[ \t]?\w))+))", re.IGNORECASE)


def handoff_target(activity: str, matcher: ActorMatcher) -> str | None:
    """The column the step hands its work to: the last "kepada <name>" (or "ke <name>", or an order
    such as "menugaskan <name>") naming a Pelaksana column, outside any return clause ("dikembalikan
    kepada JFU" is not a hand-off)."""
    spans = [(r.start, r.end) for r in return_phrases(activity)]
    found = None
    for m in _HANDOFF_RE.finditer(activity):
        if any(start <= m.start() < end for start, end in spans):
            continue
        if _STEP_RE.match(m["target"].strip()):
            continue
        if actor := matcher.match_at_start(m["target"]):
            found = actor
    return found


_COORDINATION_RE = re.compile(
    r"\b(?:ber)?koordinasi\s+dengan\s+(?:seluruh\s+|semua\s+|masing-masing\s+|para\s+)?(?:kepala\s+)?bidang",
    re.IGNORECASE)
# Gathering from every division, as other SOPs write it: "meminta data kepada seluruh bidang", "menghimpun
# laporan dari masing-masing bidang", "merekap usulan bidang-bidang". The divisions must be plural: "kepada
# Kepala Bidang" alone is a hand-off to one actor, not a request to each division.
_GATHERING_RE = re.compile(
    r"\b(?:meminta|menghimpun|mengumpulkan|menginventaris(?:ir)?|merekap\w*|menarik|menerima)\b[^.;]{0,80}?"
    r"(?:\b(?:seluruh|semua|masing-masing|masing2|setiap|tiap(?:-tiap)?|para)\s+(?:kepala\s+)?bidang\b"
    r"|\bbidang-bidang\b|\bbidang2\b)",
    re.IGNORECASE)


def coordinates_divisions(activity: str) -> bool:
    """"berkoordinasi dengan bidang-bidang", or gathering data from every division ("meminta data
    kepada seluruh bidang"), makes the step a request to every division."""
    return bool(_COORDINATION_RE.search(activity) or _GATHERING_RE.search(activity))


# The answers a flowchart writes on a decision's outgoing arrows (document vocabulary, not UI text): "Ya" and
# "Tidak", shortened "Y" and "T", or the words of the question ("Sesuai" / "Tidak sesuai", "Lengkap" /
# "Tidak lengkap", "Setuju" / "Tidak setuju", "Benar" / "Salah"), "belum" for "tidak".
_POSITIVE_ANSWERS = {"ya", "y", "iya", "sesuai", "lengkap", "setuju", "disetujui", "benar", "memenuhi syarat"}
_NEGATIVE_ANSWERS = {"tidak", "t", "tdk", "salah"} | {
    f"{no} {word}" for no in ("tidak", "tdk", "belum") for word in
    ("sesuai", "lengkap", "setuju", "disetujui", "benar", "memenuhi syarat")}
YES, NO = "yes", "no"


def answer_label(text: str) -> str | None:
    """YES or NO when `text` is, all of it, a decision's answer as a flowchart writes it on an arrow
    ("Ya", "T", "Tidak Sesuai", "Salah"); None for any other text (a question "Sesuai?" is none)."""
    if "?" in text:
        return None
    key = normalise_name(text)
    return YES if key in _POSITIVE_ANSWERS else NO if key in _NEGATIVE_ANSWERS else None


# The labels of a decision's branches ("Ya", "Tidak", "Sesuai" …) that a copied flowchart leaves in the
# cells the arrows pass: not the symbol of the step.
DECISION_LABELS = {"ya tidak", "y t", *_POSITIVE_ANSWERS, *_NEGATIVE_ANSWERS}


def is_label(mark: str) -> bool:
    """Whether a Pelaksana cell's text or a shape's is the label of a decision's branch ("Ya", "Tidak sesuai",
    "(Ya)", "Ya →"), not a symbol; a question ("Sesuai?", the decision's own text) is none, nor a symbol with the
    label beside it ("◇ Ya", "■ Ya": a PDF's cell holding the shaded mark and the label typed under it)."""
    if "?" in mark or normalise_name(mark) not in DECISION_LABELS:
        return False
    return all(c.isalnum() or c.isspace() or c in string.punctuation or is_drawn_line(c) for c in mark)


# What a flow line typed into a cell is drawn with: the dashes, bars and heads of "-->", "|" or "<--".
_LINE_CHARACTERS = set("-–—_|<>^ ")


def is_drawn_line(mark: str) -> bool:
    """Whether a Pelaksana cell's text is a flow line or an arrow typed with characters, as a flowchart drawn
    in the cells of a sheet has them in the cells the flow passes ("→", "↓", "└─┐", "-->", "|"): no symbol.
    Unicode arrows of any block and box-drawing characters, named so by Unicode; not "⬭" or "▭"."""
    import unicodedata

    text = mark.strip()
    return bool(text) and all(
        c in _LINE_CHARACTERS or "ARROW" in (name := unicodedata.name(c, "")) or name.startswith("BOX DRAWINGS")
        for c in text)


def symbol_actor(marks: dict[str, str], *, yes_marks: bool = False) -> str | None:
    """The column holding the step's flowchart symbol ("Mulai", "Selesai", a box mark), when exactly
    one Pelaksana cell of the row holds one (the labels "Ya" and "Tidak" are not symbols). With `yes_marks` (the
    table marks its actors by "Ya", marked_by_yes), a row holding no symbol but one "Ya" is that column's."""
    filled = [actor for actor, mark in marks.items() if mark.strip() and not is_label(mark)]
    if not filled and yes_marks:
        filled = [actor for actor, mark in marks.items() if answer_label(mark) == YES]
    return filled[0] if len(filled) == 1 else None


def _yes_only(marks: dict[str, str]) -> bool:
    """Whether a row's Pelaksana cells hold "Ya" in one of them and nothing else (but a "Tidak")."""
    answers = [answer_label(mark) for mark in marks.values() if mark.strip()]
    return answers.count(YES) == 1 and all(answer is not None for answer in answers)


def marked_by_yes(rows: list[dict[str, str]]) -> bool:
    """Whether a table marks each step's actor by "Ya" typed in its column, as a checklist does ("is this
    position the step's? Ya"), rather than by a flowchart's symbol: most of its steps (more than half, two at
    least) have "Ya" in one Pelaksana cell and nothing else. In a flowchart's table "Ya" is a decision's branch
    label, which stands in a decision's row beside its diamond, one row in several."""
    yes_rows = sum(_yes_only(marks) for marks in rows)
    return yes_rows >= 2 and 2 * yes_rows > len(rows)
