"""Achievement (capaian) and the comparisons of an LKjIP, as pure functions over Decimals.

Written here because the rules are PermenPAN-RB 53/2014 practice, not a library's: two formulas for
negative polarity, a predicate scale, text targets and zero targets that are met or not (100 or 0), and exact
rounding half up (90.625 → 90.63, where float rounding gives 90.62). No database access: the report, the dashboard
and the input form all call these with the values they already hold.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.utils.translation import gettext as _

HUNDRED = Decimal(100)
ZERO = Decimal(0)
POSITIVE = "higher_is_better"
NEGATIVE = "lower_is_better"

# Predicates as printed in the documents (data, not translated text), lowest bound first wins from the top.
PREDICATES: list[tuple[Decimal, str]] = [
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
]
LOWEST_PREDICATE = "Sangat Rendah"
PREDICATE_TONE = {"Sangat Tinggi": "ok", "Tinggi": "ok", "Sedang": "warn", "Rendah": "bad", "Sangat Rendah": "bad"}

# Ordered scales of text targets, best first: a better value than the target meets it.
TEXT_SCALES: list[list[str]] = [
    ["WTP", "WDP", "TW", "TMP"],  # BPK audit opinions
    ["AA", "A", "BB", "B", "CC", "C", "D"],  # SAKIP evaluation grades
    # Grades in words: a predikat of a service or an evaluation, and the IKM categories (PermenPAN-RB 14/2017).
    # The first scale holding both values decides, so "Kurang Baik" is read on the IKM one.
    ["SANGAT BAIK", "BAIK", "CUKUP", "KURANG", "SANGAT KURANG"],
    ["SANGAT BAIK", "BAIK", "KURANG BAIK", "TIDAK BAIK"],
]
# An audit opinion written out, as the BPK's report names it, is the opinion of its letters.
TEXT_ALIASES = {
    "WAJAR TANPA PENGECUALIAN": "WTP",
    "WAJAR DENGAN PENGECUALIAN": "WDP",
    "TIDAK WAJAR": "TW",
    "TIDAK MENYATAKAN PENDAPAT": "TMP",
    "TIDAK MEMBERIKAN PENDAPAT": "TMP",
}


class NoAchievement(enum.StrEnum):
    """Why an indicator has no achievement percentage."""

    NO_TARGET = "no_target"
    NO_ACTUAL = "no_actual"
    ZERO_ACTUAL = "zero_actual"  # target ÷ actual cannot divide by zero
    TEXT_TARGET = "text_target"
    TEXT_ACTUAL = "text_actual"

    @property
    def label(self) -> str:
        return {
            "no_target": _("no target"),
            "no_actual": _("no actual yet"),
            "zero_actual": _("the actual is zero, target ÷ actual cannot be computed"),
            "text_target": _("a text target is met or not met, without a percentage"),
            "text_actual": _("the actual is a text where the target is a number"),
        }[self.value]


@dataclass(frozen=True)
class Result:
    """The achievement of one indicator: `value` exact (None with a `reason`), and for a text
    target whether it is `met`."""

    value: Decimal | None
    reason: NoAchievement | None = None
    met: bool | None = None

    @property
    def rounded(self) -> Decimal | None:
        return round_half_up(self.value) if self.value is not None else None

    @property
    def predicate(self) -> str | None:
        return predicate(self.value)


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """90.625 → 90.63; -0.005 → -0.01 (away from zero at the half, as people round by hand)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _divide(a: Decimal, b: Decimal) -> Decimal:
    # 34 significant digits: exact for every value the models store, ample before rounding to 2 places.
    with localcontext() as ctx:
        ctx.prec = 34
        return a * HUNDRED / b


def _number(value: Decimal | int | str | None) -> Decimal | str | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    text = value.strip()
    return text or None


def evaluate(target: Decimal | int | str | None, actual: Decimal | int | str | None, polarity: str = POSITIVE,
             negative_method: str = "standard") -> Result:
    """The achievement of `actual` against `target` as a Result. Numbers are Decimals; a str is a
    text value ("WTP")."""
    target, actual = _number(target), _number(actual)
    if target is None:
        return Result(None, NoAchievement.NO_TARGET)
    if isinstance(target, str):
        met = text_target_met(target, actual) if isinstance(actual, str) else None
        return Result(None, NoAchievement.TEXT_TARGET if actual is not None else NoAchievement.NO_ACTUAL, met)
    if actual is None:
        return Result(None, NoAchievement.NO_ACTUAL)
    if isinstance(actual, str):
        return Result(None, NoAchievement.TEXT_ACTUAL)
    if target == 0:
        return _zero_target(actual, polarity)
    if polarity != NEGATIVE:
        return Result(_divide(actual, target))
    if negative_method == "ratio":
        if actual == 0:
            return Result(None, NoAchievement.ZERO_ACTUAL)
        return Result(max(ZERO, _divide(target, actual)))
    return Result(max(ZERO, _divide(2 * target - actual, target)))


def _zero_target(actual: Decimal, polarity: str) -> Result:
    """A target of zero ("0 kasus", "0 temuan") divides nothing, in either formula: it is met or not, as a
    text target is, and the percentage says so: 100 (met) or 0 (not met), which the predicate scale reads
    as Sangat Tinggi or Sangat Rendah. Lower is better: met by an actual of 0 (or less), any case more misses
    it. Higher is better: met by any actual of 0 or more."""
    met = actual <= 0 if polarity == NEGATIVE else actual >= 0
    return Result(HUNDRED if met else ZERO, met=met)


def achievement(target: Decimal | int | str | None, actual: Decimal | int | str | None, polarity: str = POSITIVE,
                negative_method: str = "standard") -> Decimal | None:
    """Actual against target in percent, exact; None when there is none (see achievement_reason)."""
    return evaluate(target, actual, polarity, negative_method).value


def achievement_reason(target: Decimal | int | str | None, actual: Decimal | int | str | None,
                       polarity: str = POSITIVE, negative_method: str = "standard") -> NoAchievement | None:
    """Why achievement() is None for these values (None when it has a value)."""
    return evaluate(target, actual, polarity, negative_method).reason


def predicate(value: Decimal | None) -> str | None:
    """Sangat Tinggi ≥ 91, Tinggi ≥ 76, Sedang ≥ 66, Rendah ≥ 51, Sangat Rendah below."""
    if value is None:
        return None
    for bound, name in PREDICATES:
        if value >= bound:
            return name
    return LOWEST_PREDICATE


def predicate_tone(name: str | None) -> str:
    """The badge colour of a predicate (ok, warn, bad), "" for none."""
    return PREDICATE_TONE.get(name or "", "")


def _normal_text(value: str) -> str:
    text = " ".join(value.upper().replace(".", "").split())
    return TEXT_ALIASES.get(text, text)


# The words a target writes before its value to compare (PK and IKU tables: "≥ 80", "minimal 80%", "Minimal BB",
# "paling lama 3 hari"), one list for the importer and for text_target_met. AT_LEAST: that value or a better one;
# MORE_THAN: strictly better ("> B", "di atas B": BB or better); AT_MOST and LESS_THAN the other way. A number target
# reads both "at least" lists alike (the number is the target, higher is better).
AT_LEAST = ("≥", ">=", "=>", "minimal", "minimum", "min", "sekurang-kurangnya", "sekurangnya", "paling sedikit",
            "paling rendah", "tidak kurang dari")
MORE_THAN = (">", "lebih dari", "di atas")
AT_MOST = ("≤", "<=", "=<", "maksimal", "maksimum", "maks", "max", "paling lama", "paling banyak", "paling tinggi",
           "tidak lebih dari", "selambat-lambatnya", "sebanyak-banyaknya")
LESS_THAN = ("<", "kurang dari", "di bawah")


def words_pattern(words: tuple[str, ...]) -> str:
    """A regex alternation of comparison words: longest first ("<=" before "<", "minimal" before "min"); a hyphen may
    be a space or nothing ("sekurang kurangnya"), a space any spacing; a word ends where its letters do ("min. 80")."""
    return "|".join(re.escape(w).replace(r"\-", "[- ]?").replace(r"\ ", r"\s+") + (r"(?![a-z])" if w[-1].isalpha() else "")
                    for w in sorted(words, key=len, reverse=True))


# One alternation of all four lists, longest first, so that ">=" is not read as ">" before "= BB".
_GRADE_COMPARISON = re.compile(rf"^\s*(?P<word>{words_pattern(AT_LEAST + MORE_THAN + AT_MOST + LESS_THAN)})"
                               r"\s*[.:]?\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
# The way a comparison word reads, for a grade: the grade or a better one, strictly better, the grade or a worse one,
# strictly worse.
AT_LEAST_WAY, MORE_THAN_WAY, AT_MOST_WAY, LESS_THAN_WAY = "at_least", "more_than", "at_most", "less_than"
_WAYS = ((AT_LEAST, AT_LEAST_WAY), (MORE_THAN, MORE_THAN_WAY), (AT_MOST, AT_MOST_WAY), (LESS_THAN, LESS_THAN_WAY))


def _way(word: str) -> str:
    for words, way in _WAYS:
        if re.fullmatch(words_pattern(words), word.strip(), re.IGNORECASE):
            return way
    return ""  # unreachable: the word matched one of the lists


def grade_comparison(target_text: str) -> tuple[str, str]:
    """(the target's grade normalised, the way an actual compares with it) for a grade written with a comparison:
    ("BB", AT_LEAST_WAY) for "Minimal BB", "Paling sedikit BB" or "≥ BB"; ("B", MORE_THAN_WAY) for "Di atas B" or
    "> B"; ("BB", AT_MOST_WAY) for "Maksimal BB", "Paling tinggi BB", "Tidak lebih dari BB" or "≤ BB" (that grade or
    a lower one, as for a risk level); ("B", LESS_THAN_WAY) for "Di bawah B". Where the rest is on no text scale,
    (the target normalised, "")."""
    found = _GRADE_COMPARISON.match(target_text)
    if found is not None:
        rest = _normal_text(found.group("rest"))
        if any(rest in scale for scale in TEXT_SCALES):
            return rest, _way(found.group("word"))
    return _normal_text(target_text), ""


def grade_target(target_text: str) -> tuple[str, bool]:
    """(the target's value normalised, whether an actual must be strictly better) of a target read by
    grade_comparison: ("BB", False) for "Minimal BB", ("B", True) for "Di atas B"."""
    grade, way = grade_comparison(target_text)
    return grade, way == MORE_THAN_WAY


def unreachable_grade(target_text: str) -> str:
    """Why a grade target can never be met, "" when it can: nothing is better than the best grade of its scale
    ("> AA", "Di atas WTP"), nothing worse than the worst ("< D")."""
    grade, way = grade_comparison(target_text)
    scale = next((s for s in TEXT_SCALES if grade in s), None)
    if scale is None:
        return ""
    if way == MORE_THAN_WAY and grade == scale[0]:
        return _("%(grade)s is the best on its scale (%(scale)s): no result is better, so the target can never be met; "
                 "write %(grade)s alone if that grade is the target") % {"grade": scale[0], "scale": ", ".join(scale)}
    if way == LESS_THAN_WAY and grade == scale[-1]:
        return _("%(grade)s is the lowest on its scale (%(scale)s): no result is lower, so the target can never be "
                 "met; write %(grade)s alone if that grade is the target") % {"grade": scale[-1],
                                                                               "scale": ", ".join(scale)}
    return ""


def text_target_met(target_text: str, actual_text: str | None) -> bool:
    """Whether a text actual meets a text target: equal (case and spacing aside), or better on a
    known scale (an "AA" grade meets a target of "A", "Sangat Baik" one of "Baik"; "WDP" does not meet "WTP",
    nor does "Wajar Dengan Pengecualian"). "Minimal BB" is met as "BB" is; "Di atas B" only by a better grade;
    "Maksimal BB" by BB or a lower grade, "Di bawah BB" only by a lower one."""
    if not actual_text:
        return False
    (target, way), actual = grade_comparison(target_text), _normal_text(actual_text)
    strictly = way in (MORE_THAN_WAY, LESS_THAN_WAY)
    if target == actual and not strictly:
        return True
    for scale in TEXT_SCALES:
        if target in scale and actual in scale:
            better, same = scale.index(actual) < scale.index(target), actual == target
            if way in (AT_MOST_WAY, LESS_THAN_WAY):
                return (not better and not same) or (same and not strictly)
            return better or (not strictly and same)
    return False


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """The average of the values that exist; None when none does."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    with localcontext() as ctx:
        ctx.prec = 34
        return sum(present, ZERO) / len(present)


def objective_achievement(indicator_achievements: Iterable[Decimal | None]) -> Decimal | None:
    """An objective's achievement: the average of its indicators that have one."""
    return mean(indicator_achievements)


def aggregate_quarters(values: Mapping[int, Decimal | None], method: str, up_to: int = 4) -> Decimal | None:
    """The value of quarters 1..up_to as the indicator adds them up: "sum", "last" (the latest
    quarter that has a value) or "average" (of the quarters that have one)."""
    present = [(q, v) for q, v in sorted(values.items()) if q <= up_to and v is not None]
    if not present:
        return None
    if method == "sum":
        return sum((v for _q, v in present), ZERO)
    if method == "average":
        return mean(v for _q, v in present)
    if method == "last":
        return present[-1][1]
    raise ValueError(f"unknown quarter aggregation {method!r}")


def absorption(spent: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """Budget absorption (serapan) in percent: spent ÷ budget × 100; None without a budget."""
    if spent is None or not budget:
        return None
    return _divide(spent, budget)


@dataclass(frozen=True)
class Efficiency:
    value: Decimal | None  # achievement minus absorption, in percentage points
    efficient: bool | None

    @property
    def rounded(self) -> Decimal | None:
        return round_half_up(self.value) if self.value is not None else None


def efficiency(achievement_value: Decimal | None, absorption_value: Decimal | None,
               threshold: Decimal = ZERO) -> Efficiency:
    """Achievement minus absorption; "efisien" when at or above the office's threshold. Not judged when
    nothing was spent: an absorption of 0 is spending not yet recorded (or a program that did not run),
    and every achievement would then read "efisien" however little was achieved."""
    if achievement_value is None or absorption_value is None or absorption_value == 0:
        return Efficiency(None, None)
    value = achievement_value - absorption_value
    return Efficiency(value, value >= threshold)


@dataclass(frozen=True)
class YearComparison:
    year: int
    value: Decimal | None
    change: Decimal | None  # this year's value minus that year's, in the values' own unit


def compare_years(current: Decimal | None, previous: Mapping[int, Decimal | None], limit: int = 5) -> list[YearComparison]:
    """This year's value against up to `limit` previous years, latest first."""
    years = sorted(previous, reverse=True)[:limit]
    return [YearComparison(y, previous[y], current - previous[y] if current is not None and previous[y] is not None
                           else None) for y in years]


def trend(values: Sequence[Decimal | None]) -> str | None:
    """"up", "down" or "same" from the second-to-last to the last value present."""
    present = [v for v in values if v is not None]
    if len(present) < 2:
        return None
    a, b = present[-2], present[-1]
    return "up" if b > a else "down" if b < a else "same"


def plan_progress(actual: Decimal | int | str | None, plan_end_target: Decimal | int | str | None,
                  polarity: str = POSITIVE, negative_method: str = "standard") -> Result:
    """Progress toward the Renstra end-of-period target: the achievement against it."""
    return evaluate(plan_end_target, actual, polarity, negative_method)


@dataclass(frozen=True)
class StandardComparison:
    achievement: Decimal | None
    meets: bool | None


def against_national_standard(actual: Decimal | None, standard: Decimal | None,
                              polarity: str = POSITIVE, negative_method: str = "standard") -> StandardComparison:
    """The actual against a national standard: its achievement, and whether it meets the standard
    (at least the standard, or at most it for a negative indicator)."""
    if actual is None or standard is None:
        return StandardComparison(None, None)
    result = evaluate(standard, actual, polarity, negative_method)
    meets = actual <= standard if polarity == NEGATIVE else actual >= standard
    return StandardComparison(result.value, meets)


def year_value(annual: Decimal | str | None, quarters: Mapping[int, Decimal | None], method: str,
               up_to: int = 4) -> Decimal | str | None:
    """The year's actual: the annual value when one was entered (an indicator measured once a year),
    otherwise the quarters 1..up_to added up by the indicator's method."""
    if annual is not None and annual != "":
        return annual
    return aggregate_quarters(quarters, method, up_to)
