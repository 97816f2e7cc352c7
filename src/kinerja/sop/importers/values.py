"""Reading the values of an SOP AP document as Indonesian offices write them: standard times
("5 Hari", "½ hari", "0,5 hari", "lima hari", "setengah jam", "sehari"), dates ("9 Januari 2023", "-"
for none), numbered items run together on one line ("1. … 2. …"), a Kelengkapan or Output cell written as a
list (a line per item, bulleted or numbered) and the approval line with position, name and NIP.

Hand-written: these are conventions of one document form, not a general format a library parses.
Each function raises ValueError with a translated problem; the table reader adds file, step and column.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# parse_date moved to kinerja.dates (the case and letter forms read dates too); importers and
# correspondence still import it from here.
from kinerja.dates import NONE_MARKS
from kinerja.dates import parse_date as parse_date

# A revision's number written beside a Tanggal Revisi or Tanggal Efektif: "20 Juni 2025 (Revisi ke-1)",
# "Rev. 02 / 1 Juli 2025", "1 Juli 2025, perubahan ke-2".
_REVISION_NOTE_RE = re.compile(
    r"\(\s*(?:rev(?:isi)?|perubahan|versi|edisi)\b\.?\s*(?:ke\s*-?\s*)?(?:\d+|[ivx]+)\s*\)"
    r"|\b(?:rev(?:isi)?|perubahan|versi|edisi)\b\.?\s*(?:ke\s*-?\s*)?(?:\d+|[ivx]+)\b", re.IGNORECASE)


def identity_date(text: str) -> dt.date | None:
    """A date of the identity block (parse_date), the number of the revision written beside it ("20 Juni
    2025 (Revisi ke-1)", "Rev. 02 / 1 Juli 2025") left aside: the version keeps its own number. ValueError
    as parse_date's when what is left is no date either."""
    try:
        return parse_date(text)
    except ValueError:
        rest = _REVISION_NOTE_RE.sub(" ", text).strip(" \t/,;:-–—")
        if rest == text.strip() or not rest:
            raise
        try:
            return parse_date(rest)
        except ValueError:
            pass
        raise


# Document words, not user-interface text: the units of the Waktu column.
DURATION_UNITS = {
    "menit": "minute", "mnt": "minute",
    "jam": "hour", "jm": "hour",
    "hari": "day", "hr": "day",
    "minggu": "week", "mgg": "week", "pekan": "week",
    "bulan": "month", "bln": "month",
    "hk": "day",  # hari kerja
    # An SOP translated for a bilingual office ("30 minutes", "2 hours", "1 day"); not "hr", which is hari.
    "minute": "minute", "minutes": "minute", "mins": "minute", "hour": "hour", "hours": "hour", "hrs": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
}
FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}

_NUMBER = r"(?:\d+(?:[.,]\d+)?\s*[½¼¾]?|[½¼¾]|\d+\s+\d+\s*/\s*\d+|\d+\s*/\s*\d+)"
_DURATION_RE = re.compile(rf"(?P<num>{_NUMBER})\s*(?P<unit>[a-z]+)\.?(?:\s+kerja)?\.?")
MAX_DURATION = Decimal("999999.99")


def _number(text: str) -> Decimal:
    text = re.sub(r"\s+", " ", text.strip())
    if m := re.fullmatch(r"(\d+) (\d+) ?/ ?(\d+)", text):
        whole, num, den = (int(g) for g in m.groups())
        return Decimal(whole) + Decimal(num) / Decimal(den) if den else Decimal(-1)
    if m := re.fullmatch(r"(\d+) ?/ ?(\d+)", text):
        num, den = (int(g) for g in m.groups())
        return Decimal(num) / Decimal(den) if den else Decimal(-1)
    fraction = Decimal(0)
    if text and text[-1] in FRACTIONS:
        fraction, text = FRACTIONS[text[-1]], text[:-1].strip()
    return (Decimal(text.replace(",", ".")) if text else Decimal(0)) + fraction


# "1 x 24 jam" is how service standards write one day; "2-3 hari", "1 s.d. 2 jam", "1 s/d 3 hari", "30 menit - 1
# jam" a range, whose upper end is the standard (the time the step may take at most); "1 (satu) hari" spells
# the number out.
# "3 kali 24 jam" writes the times in a word.
_DAYS_OF_24_HOURS_RE = re.compile(r"(\d+) ?(?:[x×]|kali\b) ?24 ?jam(?: kerja)?\.?")
# Any other "N x time" ("2 x 8 jam", "3 x 15 menit") is N times that time.
_TIMES_RE = re.compile(rf"(?P<count>\d+) ?(?:[x×]|kali\b) ?(?P<time>{_NUMBER} ?[a-z]+(?: kerja)?\.?)")
_RANGE_RE = re.compile(rf"{_NUMBER} ?(?:[a-z]+(?: kerja)? )?(?:-|–|—|s\.? ?d\.?|s ?/ ?d\.?|sampai(?: dengan)?|hingga) ?"
                       rf"(?P<upper>{_NUMBER}.*)")
_SPELLED_RE = re.compile(r" ?\([a-z ]+\)")
# The other way round, the number in words and then in digits ("Satu (1) hari"): once the words are digits, the same
# number twice.
_DIGITS_AFTER_WORDS_RE = re.compile(r"(\d+(?:[.,]\d+)?) ?\( ?\1 ?\)")
# "30'" (the minute mark of a clock time, typed as an apostrophe or a prime) is 30 menit.
_MINUTE_MARK_RE = re.compile(r"(\d|[½¼¾]) ?['’′](?= |/|$)")
# The upper bound in words, whose number is the standard: "± 15 menit", "maks. 2 hari", "paling lama
# 3 hari", "selambat-lambatnya 5 hari kerja", "s.d. 2 hari" and "hingga 5 hari" (up to).
_BOUND_RE = re.compile(r"(?:±|\+ ?/? ?-|kurang lebih|kurang-lebih|kl\.|maks(?:imal|imum)?\.?|max\.?|paling (?:lama|lambat)"
                       r"|selambat-lambatnya|selama|s ?\. ?d ?\.?|s ?/ ?d|sd\.?|sampai dengan|sampai|hingga|≤|<=?)"
                       r" ?(?=[\d½¼¾a-z])")
# Hours and minutes as a clock writes them ("0:30", "1:30 jam"; Excel's time cells read so too): in minutes.
_CLOCK_RE = re.compile(r"(?P<hours>\d{1,2}):(?P<minutes>[0-5]\d)(?: ?(?:jam|menit))?")
# Hours and minutes together ("1 jam 30 menit", "2 jam 15'"): the whole in minutes.
# The minutes' unit may be left out after the hours, as a clock reads ("2 jam 15"): below 60 they can be nothing else.
_HOURS_AND_MINUTES_RE = re.compile(r"(?P<hours>\d+) ?(?:jam|jm)\.?,? (?:dan )?(?P<minutes>[0-5]?\d)(?: ?(?:menit|mnt)\.?)?")
# Working days and then hours, minutes or both ("1 hari 2 jam", "2 hari 30 menit", "1 hk 2 jam 15 menit"), and weeks
# and then days ("1 minggu 2 hari"): read in the smaller unit (mixed_duration).
_DAYS_AND_TIME_RE = re.compile(
    rf"(?P<days>{_NUMBER}) ?(?:hari|hr|hk)\.?(?: kerja)?,? (?:dan |lebih |\+ ?)?"
    r"(?:(?P<hours>\d+(?:[.,]\d+)?) ?(?:jam|jm)\.?(?:,? (?:dan )?(?P<minutes>[0-5]?\d)(?: ?(?:menit|mnt)\.?)?)?"
    r"|(?P<only_minutes>\d+) ?(?:menit|mnt)\.?)")
_WEEKS_AND_DAYS_RE = re.compile(
    rf"(?P<weeks>{_NUMBER}) ?(?:minggu|mgg|pekan)\.?,? (?:dan )?(?P<days>\d+) ?(?:hari|hr|hk)\.?(?: kerja)?")
# A day's length when days and hours are added up, for an office without hours of its own: the working-time
# calendar's default normal day, 07:30-16:00 (workflow.calendar counts a fraction of a day as that fraction of the
# office's normal day, after the whole days).
NORMAL_DAY_MINUTES = 510
# A time of two numbers whose second has no unit after a day ("1 hari 2"): hours or minutes, which cannot be told.
_UNITLESS_SECOND_RE = re.compile(rf"{_NUMBER} ?(?:hari|hr|hk|minggu|mgg|pekan)\.?(?: kerja)?,? (?:dan )?\d+(?:[.,]\d+)?")
# The time of one item of the step's work ("10 menit/berkas", "15 menit per pemohon", "5 menit tiap
# dokumen"): the time written, the item after its unit. A fraction ("1/2 jam") has no unit before its "/".
_PER_ITEM_RE = re.compile(r"(?P<time>.*?[a-z.']) ?(?:/|\bper\b|\b(?:untuk )?(?:se)?tiap\b) ?(?:1 |satu )?"
                          r"(?P<item>[a-z][a-z -]*)")
# Words of time after "/", "per" or "tiap": "2 jam per hari", "7 jam/hari" is a rate, not the time of an item.
_TIME_WORDS = {*DURATION_UNITS, "detik", "dtk", "tahun", "thn"}
# The same time written twice, another way after it: "1 hari/ 7 jam", "5 hari kerja / 1 minggu", "1 hari (8 jam)".
_TWO_TIMES_RE = re.compile(rf"(?P<time>.*?[a-z.']) ?(?:/ ?(?P<other>{_NUMBER} ?[a-z]+(?: kerja)?\.?)"
                           rf"|\( ?(?P<within>{_NUMBER} ?[a-z]+(?: kerja)?\.?) ?\))")
# A question mark or other stop after the time ("2 jam per hari?", "15 menit."), or the mark of a footnote
# under the table ("2 hari*", "1 jam **)", the footnote saying "*) hari kerja"): no part of it.
_TRAILING_RE = re.compile(r"(?:[\s?!.,;:]|\*+\)?)+$")


def _cleaned(text: str) -> str:
    """A Waktu text lowered, its spaces collapsed, a caveat beside the time ("1 hari, tergantung kelengkapan
    berkas"), a spelled-out number in brackets ("(tiga)") and the stops after it dropped, numbers in words as digits
    and the minute mark as menit."""
    cleaned = _SPELLED_RE.sub("", _without_caveat(re.sub(r"\s+", " ", text.strip().lower())))
    kept = "." if re.search(r"\d ?[a-z]+\.$", cleaned) else ""  # "5 hr." abbreviates
    cleaned = _TRAILING_RE.sub("", cleaned) + kept
    return _MINUTE_MARK_RE.sub(r"\1 menit", _DIGITS_AFTER_WORDS_RE.sub(r"\1", _numbers_from_words(cleaned)))


def _second_time(cleaned: str) -> tuple[str, str] | None:
    """(first time, second time) when the text writes one time two ways ("1 hari/ 7 jam"), else None."""
    m = _TWO_TIMES_RE.fullmatch(cleaned)
    if m is None:
        return None
    other = m["other"] or m["within"]
    unit = re.sub(r"[\d.,/ ½¼¾]", " ", other).split()
    return (m["time"].strip(), other.strip()) if unit and unit[0].rstrip(".") in _TIME_WORDS else None


def _per(cleaned: str) -> tuple[str, str] | None:
    """(time, what it is per) of "10 menit/berkas", "2 jam per hari"; None without a "per"."""
    m = _PER_ITEM_RE.fullmatch(cleaned)
    return (m["time"].strip(), m["item"].strip()) if m else None


def duration_rate(text: str) -> str:
    """The unit of time a Waktu text gives its time for ("2 jam per hari" → "hari"), "" for none."""
    cleaned = _cleaned(text)
    per = _per(cleaned) if _second_time(cleaned) is None else None
    return per[1] if per and per[1].split()[0] in _TIME_WORDS else ""


def _times(cleaned: str) -> tuple[int, tuple[Decimal, str]] | None:
    """(N, the time's number and unit word) of "N x time" ("2 x 8 jam" → (2, (8, "jam"))), else None."""
    m = _TIMES_RE.fullmatch(cleaned)
    if m is None:
        return None
    time = _DURATION_RE.fullmatch(m["time"])
    if time is None or time["unit"] not in DURATION_UNITS:
        return None
    try:
        return int(m["count"]), (_number(time["num"]), time["unit"])
    except (InvalidOperation, ValueError):
        return None


def duration_product(text: str) -> tuple[int, str] | None:
    """(N, the time) of a time written as N times another ("2 x 8 jam" → (2, "8 jam")), not "N x 24 jam"
    (N days); None for any other text."""
    cleaned = _cleaned(text)
    if _DAYS_OF_24_HOURS_RE.fullmatch(cleaned) or (found := _times(cleaned)) is None:
        return None
    count, (value, unit) = found
    return count, f"{value.normalize():f}".replace(".", ",") + f" {unit}"


def duration_alternative(text: str) -> tuple[str, str] | None:
    """(the time read, the other) of a time written two ways ("1 hari/ 7 jam" → ("1 hari", "7 jam"))."""
    return _second_time(_cleaned(text))


# Numbers written out, as many SOPs do: "lima hari", "dua belas jam", "empat puluh lima menit",
# "setengah hari", "satu setengah jam", and "sehari", "sejam", "seminggu", "sebulan" for one.
_DIGIT_WORDS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                "sembilan": 9, "sepuluh": 10, "sebelas": 11}
_FRACTION_WORDS = {"setengah": Decimal("0.5"), "seperempat": Decimal("0.25"), "tiga perempat": Decimal("0.75")}
_MULTIPLIERS = {"belas": None, "puluh": 10, "ratus": 100}
_ONE_UNIT_RE = re.compile(r"\bse(menit|jam|hari|minggu|pekan|bulan)\b")
# The tens written as one word ("duabelas", "limapuluh", "tigaratus"), as many documents type them.
_JOINED_TENS_RE = re.compile(r"\b(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)(belas|puluh|ratus)\b")
# A range or a product written between two numbers in words ("dua-tiga hari", "dua/tiga hari"): spaced, so that each
# number is read.
_WORD_JOINS_RE = re.compile(r"\b([a-z]+)([-–—/x×])([a-z]+)\b")
SECONDS = ("detik", "dtk")  # a step of seconds is written in minutes (30 detik is 0,5 menit)


def _spelled_number(words: list[str]) -> Decimal | None:
    """The number a run of Indonesian number words says, or None when they are not one."""
    text = " ".join(words)
    fraction = Decimal(0)
    for name, value in _FRACTION_WORDS.items():
        if text == name or text.endswith(" " + name):
            fraction, text = value, text.removesuffix(name).strip()
            break
    total, current = 0, None
    for word in text.split():
        if word == "seratus" and total == 0 and current is None:
            total = 100
        elif word in _DIGIT_WORDS:
            if current is not None:
                return None  # "dua tiga": not one number
            current = _DIGIT_WORDS[word]
        elif word == "belas" and current is not None and current < 10:
            total, current = total + 10 + current, None
        elif word in ("puluh", "ratus") and current is not None and current < 10:
            total, current = total + current * _MULTIPLIERS[word], None
        else:
            return None
    number = total + (current or 0)
    return Decimal(number) + fraction if number or fraction else None


def _numbers_from_words(text: str) -> str:
    """`text` with each run of number words replaced by the number ("lima hari" → "5 hari")."""
    known = set(_DIGIT_WORDS) | set(_MULTIPLIERS) | {"seratus", "setengah", "seperempat", "tiga_perempat"}
    text = _ONE_UNIT_RE.sub(r"1 \1", _JOINED_TENS_RE.sub(r"\1 \2", text))
    text = _WORD_JOINS_RE.sub(lambda m: f"{m[1]} {m[2]} {m[3]}" if {m[1], m[3]} <= known else m[0], text)
    text = text.replace("tiga perempat", "tiga_perempat")
    out: list[str] = []
    run: list[str] = []
    for word in [*text.split(" "), ""]:
        if word in known:
            run.append(word.replace("_", " "))
            continue
        if run:
            number = _spelled_number(run)
            out.append(f"{number.normalize():f}".replace(".", ",") if number is not None else " ".join(run))
            run = []
        if word:
            out.append(word)
    return " ".join(out)


# A Waktu cell saying the step's time is not set (document vocabulary): "Sesuai kebutuhan", "Menyesuaikan",
# "Tergantung jumlah berkas", "Tentatif", "Kondisional", "Bervariasi".
_AS_NEEDED_RE = re.compile(r"\b(?:sesuai kebutuhan|menyesuaikan|tergantung|tentatif|kondisional|situasional|"
                           r"bervariasi|as needed)\b")


# The caveat a Waktu cell may write beside its time: from its word to the end of its clause (a comma, semicolon or
# bracket ends one), with a joining word before it ("1 hari, tergantung kelengkapan berkas", "sehari tergantung jumlah
# berkas", "lima hari kerja, menyesuaikan", "2 hari atau sesuai kebutuhan", "tergantung jumlah berkas, maks. 2 hari").
_CAVEAT_RE = re.compile(rf"(?:\b(?:atau|dan|namun|tetapi|tapi|or)\s+)?{_AS_NEEDED_RE.pattern}[^,;()]*")


def _without_caveat(lowered: str) -> str:
    """A lowered Waktu text without the caveats beside its time, and the brackets or commas left empty by them."""
    if not _AS_NEEDED_RE.search(lowered):
        return lowered
    rest = re.sub(r"\(\s*\)", "", _CAVEAT_RE.sub("", lowered))
    rest = re.sub(r"\s*([,;])(?:\s*[,;])+", r"\1", rest).strip(" ,;-–—")
    return found.group(1).strip() if (found := re.fullmatch(r"\(([^()]*)\)", rest)) else rest  # "(maks. 2 hari)"


def spelled_as_digits(text: str) -> str:
    """A Waktu text lowered, its numbers in words as digits ("Dua belas" → "12", "sehari" → "1 hari"), to tell
    whether it writes a number and a unit as a text in digits would."""
    return _numbers_from_words(re.sub(r"\s+", " ", text.strip().lower()))


def time_without_caveat(text: str) -> str:
    """A Waktu text (lowered) without the caveat beside its time ("2, tergantung jumlah berkas" → "2"), for a unit
    the header names to follow the time, not the caveat; the text as written when it has no caveat."""
    lowered = re.sub(r"\s+", " ", text.strip().lower())
    return _without_caveat(lowered) if _AS_NEEDED_RE.search(lowered) else text


def duration_caveat(text: str) -> str:
    """The caveat a Waktu text writes beside its time, which parse_duration leaves aside ("1 hari, tergantung
    kelengkapan berkas" → "tergantung kelengkapan berkas"); "" for none."""
    lowered = re.sub(r"\s+", " ", text.strip().lower())
    found = [m.group().strip() for m in re.finditer(_AS_NEEDED_RE.pattern + r"[^,;()]*", lowered)]
    return "; ".join(_TRAILING_RE.sub("", f) for f in found) if _without_caveat(lowered) else ""


def parse_duration(text: str, *, day_minutes: int = NORMAL_DAY_MINUTES) -> tuple[Decimal, str]:
    """"2 menit" → (2, "minute"); "½ hari", "0,5 Hari", "5 hari kerja", "3 HK", "1 x 24 jam" (one day),
    "2 x 8 jam" (16 jam), "1 (satu) hari", "lima hari", "setengah hari", "sehari", a range "2-3 hari" (its upper
    end), seconds ("30 detik", as 0,5 menit), the time of one item ("10 menit/berkas", "15 menit per pemohon"),
    "30'" (minutes), "1 jam 30 menit" (90 menit) and an upper bound
    in words ("± 15 menit", "maks. 2 hari", "paling lama 3 hari") are accepted; any case. Days and then hours
    ("1 hari 2 jam") are read in hours or minutes, a day being `day_minutes` long (the office's normal day)."""
    cleaned = _SPELLED_RE.sub("", re.sub(r"\s+", " ", text.strip().lower()))
    if cleaned in NONE_MARKS or _TRAILING_RE.sub("", cleaned) in NONE_MARKS:
        raise ValueError(_("the standard time is missing: write it, such as 15 menit, 2 jam or 1 hari"))
    if _AS_NEEDED_RE.search(cleaned) and not re.search(r"[\d½¼¾]", _numbers_from_words(_without_caveat(cleaned))):
        # "Sesuai kebutuhan", "Tentatif": the document sets no time, but the engine needs one for the due date. One
        # written, in digits or words, beside such a caveat is the time ("Satu hari, tergantung kelengkapan berkas").
        raise ValueError(_("sets no standard time (the step takes as long as it needs): type the longest time the "
                           "step may take, such as 1 hari, so that its due date can be set"))
    if re.search(r"\bhari kalender\b", cleaned):
        # Calendar days count weekends and holidays; a standard time is working time (hari is a working day).
        raise ValueError(_("is in calendar days (hari kalender), which count weekends and holidays: write the "
                           "standard time in working days, such as 10 hari for 14 hari kalender"))
    cleaned = _cleaned(text)
    if two := _second_time(cleaned):
        cleaned = two[0]
    elif per := _per(cleaned):
        cleaned = per[0]
    cleaned = _BOUND_RE.sub("", cleaned, count=1) if _BOUND_RE.match(cleaned) else cleaned
    if m := _CLOCK_RE.fullmatch(cleaned):
        hours, minutes = int(m["hours"]), int(m["minutes"])
        cleaned = f"{hours} jam" if minutes == 0 else f"{hours * 60 + minutes} menit"
    if m := _HOURS_AND_MINUTES_RE.fullmatch(cleaned):
        cleaned = f"{int(m['hours']) * 60 + int(m['minutes'])} menit"
    elif (mixed := _mixed(cleaned, day_minutes)) is not None:
        cleaned = mixed[1]
    elif _UNITLESS_SECOND_RE.fullmatch(cleaned):
        raise ValueError(_("is not a standard time: the second number has no unit, so it may be hours or minutes; "
                           "write one time (15 menit, 2 jam, 1 hari), days and then hours (1 hari 2 jam) or hours and "
                           "then minutes (2 jam 15 menit)"))
    if m := re.fullmatch(rf"(?P<num>{_NUMBER}) ?(?:{'|'.join(SECONDS)})\.?", cleaned):
        try:
            cleaned = f"{(_number(m['num']) / 60).quantize(Decimal('0.01'))} menit"
        except (InvalidOperation, ValueError):
            pass  # refused below as a number that cannot be read
    if m := _DAYS_OF_24_HOURS_RE.fullmatch(cleaned):
        cleaned = f"{m[1]} hari"
    elif two := _times(cleaned):
        count, (value, unit) = two
        cleaned = f"{(count * value).normalize():f} {unit}"
    if m := _RANGE_RE.fullmatch(cleaned):
        cleaned = m["upper"]
    m = _DURATION_RE.fullmatch(cleaned)
    if not m and re.fullmatch(_NUMBER, cleaned):
        # "2" alone: the number is there, its unit is what is missing.
        raise ValueError(_("is not a standard time: the number has no unit; write menit, jam, hari, minggu or "
                           "bulan after it, such as %(number)s jam") % {"number": cleaned})
    if not m or m["unit"] not in DURATION_UNITS:
        raise ValueError(_("is not a standard time: write a number and menit, jam, hari, minggu or bulan"))
    try:
        value = _number(m["num"]).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValueError(_("is not a standard time: the number cannot be read")) from None
    if value <= 0 or value > MAX_DURATION:
        raise ValueError(_("is not a standard time: the number must be more than zero"))
    # 10 stays 10, not normalize()'s 1E+1, which the preview's number field and the JSON would show.
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value, DURATION_UNITS[m["unit"]]


def _mixed(cleaned: str, day_minutes: int) -> tuple[str, str] | None:
    """(the time as written, the same in one unit) of days and then a time of the day ("1 hari 2 jam" → "10,5
    jam" with a day of 510 minutes) or of weeks and then days ("1 minggu 2 hari" → "7 hari");
    None for any other text."""
    if m := _WEEKS_AND_DAYS_RE.fullmatch(cleaned):
        try:
            days = _number(m["weeks"]) * 5 + int(m["days"])
        except (InvalidOperation, ValueError):
            return None
        return cleaned, f"{days.normalize():f} hari"
    m = _DAYS_AND_TIME_RE.fullmatch(cleaned)
    if m is None:
        return None
    try:
        days = _number(m["days"])
        hours = _number(m["hours"]) if m["hours"] else Decimal(0)
    except (InvalidOperation, ValueError):
        return None
    minutes = days * day_minutes + hours * 60 + int(m["minutes"] or m["only_minutes"] or 0)
    in_hours = minutes / 60
    if in_hours == in_hours.quantize(Decimal("0.01")):
        return cleaned, f"{in_hours.normalize():f} jam"
    return cleaned, f"{minutes.normalize():f} menit"


def mixed_duration(text: str) -> bool:
    """Whether a Waktu text adds days and a time of the day ("1 hari 2 jam"), which parse_duration reads in hours
    or minutes of working time, a day being the office's normal day."""
    cleaned = _cleaned(text)
    cleaned = _BOUND_RE.sub("", cleaned, count=1) if _BOUND_RE.match(cleaned) else cleaned
    return _DAYS_AND_TIME_RE.fullmatch(cleaned) is not None


def is_duration_range(text: str) -> bool:
    """Whether a Waktu text is a range ("2-3 hari", "1 s.d. 2 jam", "dua sampai tiga hari"), of which
    parse_duration reads the upper end."""
    cleaned = _numbers_from_words(_SPELLED_RE.sub("", re.sub(r"\s+", " ", text.strip().lower())))
    return bool(_RANGE_RE.fullmatch(_BOUND_RE.sub("", cleaned, count=1) if _BOUND_RE.match(cleaned) else cleaned))


def duration_item(text: str) -> str:
    """The item a Waktu text gives the time of ("10 menit/berkas" → "berkas"), "" for a time of the step."""
    cleaned = _cleaned(text)
    per = _per(cleaned) if _second_time(cleaned) is None else None
    return per[1] if per and per[1].split()[0] not in _TIME_WORDS else ""


def format_duration(value: Decimal, unit: str) -> str:
    """The Waktu text of a duration, as the document writes it ("2 menit", "0,5 hari")."""
    words = {v: k for k, v in reversed(DURATION_UNITS.items()) if len(k) > 3 or k == "jam"}
    number = f"{value.normalize():f}".replace(".", ",")
    return f"{number} {words[unit]}"


_ITEM_RE = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)]\s+")


def split_items(text: str) -> list[str]:
    """"1. A 2. B" → ["A", "B"]. Only a run of numbers counting up from the number the text starts with
    counts, so "Nomor 53 Tahun 2014" or "No. 5" inside an item do not split it; "2. B 3. C" is the rest
    of a list whose "1. A" stands on a row of its own above. Text that does not start with a number is
    one item."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text or text in NONE_MARKS:
        return []
    cuts: list[tuple[int, int]] = []
    lead = _ITEM_RE.match(text)
    expected = int(lead[1]) if lead else 0
    for m in _ITEM_RE.finditer(text) if lead else ():
        if int(m[1]) == expected:
            cuts.append((m.start(), m.end()))
            expected += 1
    if not cuts:
        return [text]
    items = []
    for i, (_start, end) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        item = text[end:stop].strip()
        if item:
            items.append(item)
    return items


# The mark opening an item of a list written in a cell: a bullet as Word's and Excel's users type or paste
# them ("•", "-", "–", "*", "▪", "➢", "✓"), or a number or letter ("1.", "2)", "(3)", "a.", "b)"), then a space.
_LIST_MARK_RE = re.compile(r"(?:[•●○◦▪▫■□‣⁃∙·*➢➤►✓✔-]|[–—]|\(?(?:\d{1,2}|[a-zA-Z])[.)])\s+(?=\S)")


# Bullets that mark the items of a list written on one line ("• KTP • KK • NPWP"). Not a dash nor an asterisk:
# "Laporan - rekap bulanan" and a footnote's "*" are text.
_INLINE_BULLET_RE = re.compile(r"(?:^|(?<=\s))[•●○◦▪▫■□‣⁃∙➢➤►✓✔]\s*")
# A numbered item on one line: "1." / "1)" or "a." / "a)" after a space or at the start.
_INLINE_NUMBER_RE = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2}|[a-zA-Z])[.)]\s+")


def inline_items(line: str) -> list[str]:
    """The items of a list written on one line: "• KTP • KK" (or "KTP • KK", the bullet between them),
    "1. Surat 2. Lampiran", "a. Surat b. Lampiran", each numbering counting up from 1 or a at the line's
    start; [line] for anything else ("• KTP" alone, "Surat Nomor 5 Tahun 2020", "SK No. 2. Lampiran")."""
    line = " ".join(line.split())
    if _INLINE_BULLET_RE.search(line):
        parts = [p.strip() for p in _INLINE_BULLET_RE.split(line) if p.strip()]
        return parts if len(parts) > 1 else [line]
    lead = _INLINE_NUMBER_RE.match(line)
    if lead is None or lead[1].lower() not in {"1", "a"}:
        return [line]
    expected, cuts = lead[1].lower(), []
    for m in _INLINE_NUMBER_RE.finditer(line):
        if m[1].lower() == expected:
            cuts.append((m.start(), m.end()))
            expected = str(int(expected) + 1) if expected.isdigit() else chr(ord(expected) + 1)
    parts = [line[end:(cuts[i + 1][0] if i + 1 < len(cuts) else len(line))].strip() for i, (_s, end) in enumerate(cuts)]
    parts = [p for p in parts if p]
    return parts if len(parts) > 1 else [line]


def list_text(text: str, *, line_breaks: bool = True) -> str:
    """A Kelengkapan (inputs) or Output cell as a step stores it. A cell of one line is that line, its spaces
    collapsed, as it always was ("• KTP" stays "• KTP"), unless it writes a list on one line ("• KTP • KK",
    "1. KTP 2. KK": inline_items), one item per line as below. A cell of several lines (paragraphs of a Word
    cell, line breaks of an Excel cell) is a list: one item per line, without the bullet or number it was
    written with ("• KTP\n• KK" → "KTP\nKK"). `line_breaks`: whether a line break in the cell is the
    author's; where it is only the layout's (a PDF wraps a cell's text into lines) a line starting with a
    bullet or number starts an item and any other goes on the item above."""
    one = " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        found = inline_items(one)
        return "\n".join(found) if len(found) > 1 else one
    items: list[str] = []
    for line in lines:
        if len(found := inline_items(line)) > 1:
            items += found  # "• KTP • KK" on one of the lines
        elif mark := _LIST_MARK_RE.match(line):
            items.append(line[mark.end():])
        elif line_breaks or not items:
            items.append(line)
        else:
            items[-1] += " " + line
    return "\n".join(items) if len(items) > 1 else one


def starts_item(text: str) -> bool:
    """Whether the text opens with a list item's bullet or number ("- KK", "2. KK")."""
    return _LIST_MARK_RE.match(text.strip()) is not None


def list_items(text: str) -> list[str]:
    """The items of a stored Kelengkapan or Output (list_text): one per line; [] for none."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# Words of office position titles. The approval line runs position and name together
# ("KEPALA DINAS KOPERASI DAN UKM RIANA AFRIANA, AP.MM"); the name starts after the last of these.
POSITION_WORDS = {
    "kepala", "plt", "plt.", "plh", "plh.", "pj", "pj.", "sekretaris", "dinas", "badan", "kantor", "bagian", "sub",
    "subbagian", "bidang", "seksi", "upt", "upt.", "uptd", "koperasi", "dan", "ukm", "usaha", "kecil", "menengah",
    "mikro", "daerah", "kota", "kabupaten", "provinsi", "kecamatan", "camat", "lurah", "kelurahan", "inspektur",
    "inspektorat", "direktur", "walikota", "wali", "bupati", "gubernur", "perdagangan", "perindustrian",
    "pendidikan", "kesehatan", "sosial", "umum", "kepegawaian", "program", "keuangan", "aset", "perencanaan",
    "pembangunan", "tenaga", "kerja", "kependudukan", "pencatatan", "sipil", "ketua", "wakil", "sekda", "asisten",
    "ttd", "ttd.", "a.n.", "an.", "u.b.",
    # Other offices (perangkat daerah) of a city or regency.
    "komunikasi", "informatika", "statistik", "persandian", "lingkungan", "hidup", "pekerjaan", "penataan",
    "ruang", "perumahan", "permukiman", "kawasan", "pertanian", "perikanan", "peternakan", "kelautan",
    "pariwisata", "kebudayaan", "kepemudaan", "pemuda", "olahraga", "perhubungan", "ketahanan", "pangan",
    "penanaman", "modal", "pelayanan", "terpadu", "satu", "pintu", "sekretariat", "dprd", "kesatuan", "bangsa",
    "politik", "pemberdayaan", "masyarakat", "desa", "perempuan", "perlindungan", "anak", "pengendalian",
    "penduduk", "keluarga", "berencana", "perpustakaan", "kearsipan", "arsip", "pengembangan", "sumber", "daya",
    "manusia", "pendapatan", "pengelolaan", "penelitian", "penanggulangan", "bencana", "pemadam", "kebakaran",
    "satuan", "polisi", "pamong", "praja", "rumah", "sakit", "puskesmas", "tata", "pemerintahan", "hukum",
    "organisasi", "administrasi", "rakyat", "kesejahteraan", "ekonomi", "energi", "mineral", "transmigrasi",
    "lampung", "bandar", "selatan", "utara", "barat", "timur", "tengah",
}
# Academic and religious titles before a name ("Drs.", "Dr.", "Ir.", "H.", "Hj."): where one follows
# the position title, the name starts there, whatever words the position uses.
_NAME_PREFIX_RE = re.compile(r"(?:Prof|Dr|Drs|Dra|Ir|H|Hj|dr|drg|Ns)\.", re.IGNORECASE)


# Lines of a signature block that are neither position nor name: "ttd" where the signature stands, and
# the civil-service rank under the name ("Pembina Utama Muda", "Penata Tk. I", "IV/b").
_SIGNED_RE = re.compile(r"\(?\s*(?:ttd|t\.t\.d|dto)\.?\s*\)?", re.IGNORECASE)
_RANK_RE = re.compile(r"(?:(?:juru|pengatur|penata|pembina)\b[^,]{0,30}?)?[,(]?\s*(?:[IV]{1,3}\s*/\s*[a-e])?\)?",
                      re.IGNORECASE)
# A degree after the name ("RIANA AFRIANA, AP.MM", "SITI AMINAH, S.Sos"): a comma, then a word with a dot.
_DEGREE_RE = re.compile(r",\s*[A-Za-z]{1,5}\.")


def parse_approval(text: str) -> tuple[str, str, str]:
    """"KEPALA DINAS … UKM RIANA AFRIANA, AP.MM NIP. 19750427 199311 2 001" →
    (position, name, NIP digits). Lines, when the document has them, separate the parts; on one line
    the name starts after the last word of a position title. One line without a NIP, a title before a
    name or a degree after it names only the position ("KEPALA BKPSDM KOTA METRO")."""
    position, name, nip = _approval_parts(text)
    # "Kepala Dinas Pendidikan, Drs. EKO SANTOSO, NIP. …" on one line: the commas between the parts go.
    return position.rstrip(" ,;"), name.rstrip(" ,;"), nip


def _approval_parts(text: str) -> tuple[str, str, str]:
    """parse_approval's parts as they stand, a comma after the position or the name kept."""
    nip = ""
    if m := re.search(r"\bNIP\.?\s*:?\s*([\d\s]{18,30})", text, re.IGNORECASE):
        nip = re.sub(r"\s", "", m[1])[:18]
        text = text[:m.start()] + text[m.end():]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line for i, line in enumerate(lines)
             if not _SIGNED_RE.fullmatch(line) and not (i > 0 and _RANK_RE.fullmatch(line))]
    if len(lines) >= 2:
        return " ".join(lines[:-1]), lines[-1], nip
    words = " ".join(lines).split()
    prefix = next((i for i, word in enumerate(words) if i > 0 and _NAME_PREFIX_RE.fullmatch(word)), None)
    if prefix is not None:
        return " ".join(words[:prefix]), " ".join(words[prefix:]), nip
    if not nip and not _DEGREE_RE.search(" ".join(words)):
        return " ".join(words), "", nip
    last_position_word = -1
    for i, word in enumerate(words):
        if word.lower().strip(",") in POSITION_WORDS:
            last_position_word = i
    position = " ".join(words[:last_position_word + 1])
    name = " ".join(words[last_position_word + 1:])
    return position, name, nip
