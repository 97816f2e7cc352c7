"""A target or actual as offices write it, read to one number: the spreadsheet import's cells and the web pages'
fields (the input of a realisasi, the targets form, a division's answer) call this one reader, `read_written`, so a
value the import accepts is accepted typed on a page too, and a value neither accepts is refused in the same words.

Hand-written because these are Indonesian office habits, not a number format a library knows: a comparison before
the number ("≥ 80", "minimal 80%", "paling lama 3 hari", achievement's word lists), an estimate's mark ("± 85",
"kurang lebih 1.500"), the percent sign spaced or written out ("85 %", "85 persen"), a footnote mark ("9,8*)"), a
category in brackets ("75,20 (BB)"), the unit after the number ("12 dokumen") and a scale word ("Rp 1,2 miliar").
What is left is read by numbers.parse_number (the Indonesian dot and comma).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .achievement import AT_LEAST, AT_MOST, LESS_THAN, MORE_THAN, NEGATIVE, POSITIVE, words_pattern
from .numbers import NumberError, parse_number

MONEY_WORDS = {"rp", "rupiah"}
SCALE_WORDS = {"ribu": Decimal(10) ** 3, "ribuan": Decimal(10) ** 3, "rb": Decimal(10) ** 3,
               "juta": Decimal(10) ** 6, "jutaan": Decimal(10) ** 6, "jt": Decimal(10) ** 6,
               "miliar": Decimal(10) ** 9, "milyar": Decimal(10) ** 9, "miliaran": Decimal(10) ** 9,
               "milyaran": Decimal(10) ** 9}
# A number with its scale in the cell ("Rp 1,2 miliar", "1,5 juta"); "M" and "T" are not read there either.
CELL_SCALE_WORDS = SCALE_WORDS | {"triliun": Decimal(10) ** 12, "trilyun": Decimal(10) ** 12}
CELL_SCALE = re.compile(r"^(.*\d)\s*(ribu|rb|juta|jt|miliar|milyar|triliun|trilyun|m|t|mio|mrd)\.?$", re.IGNORECASE)
FOOTNOTE = re.compile(r"\s*\*+\)?$")  # "9,8*", "85,5 *)": a mark pointing to a note
# A number's category in brackets after it, as the LKjIP writes a Nilai or an Indeks: "75,20 (BB)", "82,5 (Baik)",
# "3,4 (Sangat Baik)". The number is the value; the category follows from it and is not kept.
CATEGORY = re.compile(r"(?<=\d)\s*\(\s*[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2}\s*\)$")
PERCENT_WORD = re.compile(r"(.*\d)\s*persen", re.IGNORECASE)  # "85 persen", "85,5persen"
# The marks of an estimate, as the guide lists them (the pattern below reads their spacing variants too).
ESTIMATE_MARKS = ("±", "+/-", "kurang lebih", "lebih kurang", "kira-kira", "sekitar", "kurleb")
# A number an office writes as an estimate: "± 85", "±85 %", "+/- 85", "kurang lebih 1.500", "sekitar 85". kinerja
# keeps one number: the estimate's, with a warning saying so (a target is a commitment, not an estimate).
APPROXIMATE = re.compile(r"^\s*(?:±|\+\s*/\s*-|\+\s*-(?=\s*\d)|kurang\s+lebih|lebih\s+kurang|kira-kira|kira\s+kira|"
                         r"sekitar|kurleb\.?)\s*(?=[\d≥≤<>]|rp)", re.IGNORECASE)
# A target written with its comparison, as PK and IKU tables do ("≥ 80", "minimal 80%", "paling lama 3 hari"):
# the number is the target, and the comparison says which way is better ("> 80" and "≥ 80" alike). The words are
# achievement's, which reads a grade target written with them ("Paling sedikit BB") as met or not.
COMPARISON = re.compile(rf"^\s*(?:(?P<least>{words_pattern(AT_LEAST + MORE_THAN)})"
                        rf"|(?P<most>{words_pattern(AT_MOST + LESS_THAN)}))"
                        r"\s*[.:]?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
# "80 - 90", "80 s.d. 90", "80 s/d 90 %", "80 sampai dengan 90": a range, not one target.
RANGE = re.compile(r"^\s*\d[\d.,]*\s*%?\s*(?:-|–|—|s\.?\s*d\.?|s/d|sd|sampai(?:\s+dengan)?|hingga|to)\s*"
                   r"\d[\d.,]*\s*%?\s*[a-z]*\s*$", re.IGNORECASE)


def comparison(text: str) -> tuple[str, str]:
    """(the polarity the comparison written before the number tells, the rest): (POSITIVE, "80%") for "≥ 80%",
    ("", text) for a text without one. An estimate's mark goes with it: "± 85" is ("", "85")."""
    text = APPROXIMATE.sub("", text, count=1)
    found = COMPARISON.match(text)
    if found is None or not found.group("rest"):
        return "", text
    polarity = POSITIVE if found.group("least") else NEGATIVE
    return polarity, APPROXIMATE.sub("", found.group("rest"), count=1).strip()  # "≥ ± 80"


def is_estimate(text: str) -> bool:
    """Whether a value is written as an estimate ("± 85", "≥ ± 80", "kurang lebih 1.500")."""
    found = COMPARISON.match(text)
    return APPROXIMATE.match(text) is not None or (found is not None and APPROXIMATE.match(found.group("rest"))
                                                   is not None)


def unit_scale(unit: str) -> tuple[Decimal, bool]:
    """(the scale a Satuan carries: 1.000.000 for "juta rupiah", else 1; whether it is rupiah)."""
    words = " ".join(re.sub(r"[^0-9a-z%]+", " ", unit.lower()).split()).split()
    word = next((w for w in words if w in SCALE_WORDS), "")
    return SCALE_WORDS[word] if word else Decimal(1), bool(MONEY_WORDS & set(words))


class WholeValueError(NumberError):
    """A value refused as a whole, not for its digits: a range ("80 - 90"), a scale word read two ways ("1,2 M")."""


@dataclass(frozen=True)
class Written:
    """A value read: its number (in the Satuan's own scale), the polarity its comparison tells ("" without one),
    whether it was written as an estimate, with a percent sign, or with a scale word of its own ("1,5 juta")."""

    number: Decimal
    polarity: str = ""
    estimate: bool = False
    percent: bool = False
    scaled: bool = False


def marks_removed(text: str) -> tuple[str, str]:
    """(the polarity its comparison tells, the value without footnote, category, comparison, estimate mark and
    percent word): "≥ ± 85 persen *)" → (POSITIVE, "85%")."""
    text = FOOTNOTE.sub("", text)  # "9,8*)": the value, its note ("angka sementara") under the table
    text = CATEGORY.sub("", text.strip())  # "75,20 (BB)": the value, its category
    polarity, text = comparison(text)  # "≥ 80", "paling lama 3 hari"
    if spelled := PERCENT_WORD.fullmatch(text.strip()):
        text = spelled.group(1) + "%"  # "85 persen": the sign written out, checked as "85%" is
    return polarity, text


def is_percent_written(raw: object) -> bool:
    """Whether a typed value or a cell's text is written with a percent sign or word ("85 %", "85 persen")."""
    return isinstance(raw, str) and marks_removed(raw)[1].strip().endswith("%")


def read_written(raw: object, *, units: tuple[str, ...] = ()) -> Written:
    """The value of a target or actual as written (a cell's real number, or a text): "± 85", "85 %", "85,5%",
    "≥ 80", "Maksimal 5 %", "85 persen", "9,8*)", "75,20 (BB)", "12 dokumen" (where `units`, the Satuan first,
    name dokumen), "Rp 1,2 miliar" (into the Satuan's scale). Raises NumberError with the problem in words."""
    if not isinstance(raw, str):
        return Written(parse_number(raw))
    estimate = is_estimate(raw)
    polarity, text = marks_removed(raw)
    percent = text.strip().endswith("%")
    for written in units:
        if written and text.lower().endswith(" " + written.lower()):
            text = text[:-len(written)].strip()  # "12 dokumen" in a column of dokumen
            break
    unit = units[0] if units else ""
    factor = None
    if scaled := CELL_SCALE.match(text.strip()):
        word = scaled.group(2).lower()
        if word in CELL_SCALE_WORDS:  # "Rp 1,2 miliar", "1,5 juta"
            text, factor = scaled.group(1), CELL_SCALE_WORDS[word]
        elif text.strip()[:2].lower() == "rp" or unit_scale(unit)[1]:
            raise WholeValueError(raw, _('"%(word)s" is miliar to some and million to others; write the amount in '
                                         'full, or with the word: "%(number)s miliar", "%(number)s juta"') % {
                "word": scaled.group(2), "number": scaled.group(1).removeprefix("Rp").strip()})
    try:
        number = parse_number(text)
    except NumberError as e:
        if RANGE.match(text):
            raise WholeValueError(raw, _("a range gives no single value; write one number (80), with its comparison "
                                         "where it has one (≥ 80, ≤ 90)")) from e
        # The problem names the value as it was written ("<b>", "± 1.5"), not what was left of it ("b>", "1.5").
        raise NumberError(raw, e.problem.replace(f'"{text.strip()}"', f'"{raw.strip()}"', 1)) from e
    if factor is not None:
        number = number * factor / unit_scale(unit)[0]  # into the Satuan's scale, as a header's
    return Written(number, polarity, estimate, percent, factor is not None)
