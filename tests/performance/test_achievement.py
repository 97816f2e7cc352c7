"""Achievement maths: both polarities, both negative formulas, zero and text targets, rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.performance.achievement import (
    NoAchievement,
    absorption,
    achievement,
    achievement_reason,
    against_national_standard,
    aggregate_quarters,
    compare_years,
    efficiency,
    evaluate,
    objective_achievement,
    plan_progress,
    predicate,
    round_half_up,
    text_target_met,
    trend,
)

D = Decimal
positive = st.decimals(min_value=D("0.01"), max_value=D("1e9"), places=2, allow_nan=False)
non_negative = st.decimals(min_value=D("0"), max_value=D("1e9"), places=2, allow_nan=False)


def test_it_divides_actual_by_target_for_a_positive_indicator() -> None:
    assert achievement(D(80), D("72.5")) == D("90.625")
    assert round_half_up(achievement(D(80), D("72.5"))) == D("90.63")


def test_it_uses_two_targets_minus_actual_for_a_negative_indicator() -> None:
    # Koperasi tidak aktif: target 20 %, actual 25 % → (40 − 25) ÷ 20 = 75 %.
    assert achievement(D(20), D(25), "lower_is_better") == D(75)
    assert achievement(D(20), D(15), "lower_is_better") == D(125)


def test_it_never_goes_below_zero_for_a_negative_indicator() -> None:
    assert achievement(D(20), D(60), "lower_is_better") == D(0)


def test_it_offers_target_divided_by_actual_for_a_negative_indicator() -> None:
    assert achievement(D(20), D(25), "lower_is_better", "ratio") == D(80)
    assert achievement_reason(D(20), D(0), "lower_is_better", "ratio") is NoAchievement.ZERO_ACTUAL


def test_it_has_no_achievement_for_a_missing_target_or_actual() -> None:
    assert achievement(None, D(5)) is None
    assert achievement_reason(None, D(5)) is NoAchievement.NO_TARGET
    assert achievement_reason(D(5), None) is NoAchievement.NO_ACTUAL
    assert achievement_reason(D(0), None) is NoAchievement.NO_ACTUAL
    assert str(NoAchievement.NO_TARGET.label)


def test_a_zero_target_is_met_or_not() -> None:
    # Lower is better ("0 kasus"): none is met, any case misses it, in both negative formulas.
    for method in ("standard", "ratio"):
        met = evaluate(D(0), D(0), "lower_is_better", method)
        assert (met.value, met.met, met.predicate) == (D(100), True, "Sangat Tinggi")
        missed = evaluate(D(0), D(2), "lower_is_better", method)
        assert (missed.value, missed.met, missed.predicate) == (D(0), False, "Sangat Rendah")
    # Higher is better: any actual of zero or more meets it.
    assert (evaluate(D(0), D(0)).value, evaluate(D(0), D(7)).value, evaluate(D(0), D(-1)).value) == (D(100), D(100), D(0))
    assert evaluate(D(0), "WTP").reason is NoAchievement.TEXT_ACTUAL


def test_it_treats_a_text_target_as_met_or_not() -> None:
    result = evaluate("WTP", "WTP")
    assert (result.value, result.reason, result.met) == (None, NoAchievement.TEXT_TARGET, True)
    assert evaluate("WTP", "WDP").met is False
    assert evaluate("WTP", None).reason is NoAchievement.NO_ACTUAL


@pytest.mark.parametrize(("target", "actual", "met"), [
    ("WTP", "wtp", True), ("A", "AA", True), ("A", "BB", False), ("BB", "A", True), ("WDP", "WTP", True),
    ("Baik", "baik", True), ("Baik", "Cukup", False), ("A", "", False),
])
def test_it_compares_text_targets_on_their_scale(target: str, actual: str, met: bool) -> None:
    assert text_target_met(target, actual) is met


@pytest.mark.parametrize(("target", "actual", "met"), [
    # A grade in words (a service's predikat, an IKM category): better than "Baik" meets it.
    ("Baik", "Sangat Baik", True), ("Baik", "sangat  baik", True), ("Sangat Baik", "Baik", False),
    ("Baik", "Kurang Baik", False), ("Cukup", "Baik", True), ("Baik", "Tidak Baik", False),
    ("Cukup", "Kurang", False),
    # An audit opinion written out in full is the opinion its letters name.
    ("WTP", "Wajar Tanpa Pengecualian", True), ("Wajar Tanpa Pengecualian", "WTP", True),
    ("WTP", "Wajar Dengan Pengecualian", False), ("WDP", "wajar tanpa pengecualian", True),
])
def test_it_reads_grades_and_opinions_in_words(target: str, actual: str, met: bool) -> None:
    assert text_target_met(target, actual) is met


@pytest.mark.parametrize(("value", "name"), [
    (D(91), "Sangat Tinggi"), (D("90.99"), "Tinggi"), (D(76), "Tinggi"), (D("75.99"), "Sedang"), (D(66), "Sedang"),
    (D(51), "Rendah"), (D("50.99"), "Sangat Rendah"), (D(0), "Sangat Rendah"), (D(140), "Sangat Tinggi"), (None, None),
])
def test_it_gives_the_predicate(value: Decimal | None, name: str | None) -> None:
    assert predicate(value) == name


def test_it_rounds_half_up() -> None:
    assert round_half_up(D("90.625")) == D("90.63")
    assert round_half_up(D("90.624999")) == D("90.62")
    assert round_half_up(D("2.5"), 0) == D(3)


def test_it_averages_the_indicators_that_have_an_achievement() -> None:
    assert objective_achievement([D(80), None, D(100)]) == D(90)
    assert objective_achievement([None, None]) is None


def test_it_adds_up_quarters_as_the_indicator_says() -> None:
    quarters = {1: D(10), 2: D(20), 3: None, 4: D(30)}
    assert aggregate_quarters(quarters, "sum") == D(60)
    assert aggregate_quarters(quarters, "last") == D(30)
    assert aggregate_quarters(quarters, "average") == D(20)
    assert aggregate_quarters(quarters, "sum", up_to=2) == D(30)
    assert aggregate_quarters({3: None}, "sum") is None


def test_it_computes_absorption_and_efficiency() -> None:
    assert absorption(D(900), D(1000)) == D(90)
    assert absorption(D(5), D(0)) is None
    result = efficiency(D(95), D(90), threshold=D(0))
    assert (result.value, result.efficient) == (D(5), True)
    assert efficiency(D(85), D(90)).efficient is False
    assert efficiency(None, D(90)).efficient is None
    # Nothing spent yet: not "efisien" for any achievement, even 10 %, but not judged at all.
    assert efficiency(D(10), D(0)) == efficiency(D(10), absorption(D(0), D(500_000_000))) == efficiency(None, None)


def test_it_compares_with_up_to_five_previous_years() -> None:
    rows = compare_years(D(90), {2019: D(50), 2020: D(60), 2021: D(70), 2022: D(80), 2023: D(85), 2024: None})
    assert [r.year for r in rows] == [2024, 2023, 2022, 2021, 2020]
    assert rows[0].change is None and rows[1].change == D(5)
    assert trend([D(80), None, D(85)]) == "up"


def test_it_measures_progress_to_the_plan_end_and_the_national_standard() -> None:
    assert plan_progress(D(150), D(200)).value == D(75)
    comparison = against_national_standard(D(12), D(10), "lower_is_better")
    assert (comparison.meets, comparison.achievement) == (False, D(80))
    assert against_national_standard(D(12), None).meets is None


@given(positive, non_negative)
def test_positive_achievement_is_actual_over_target(target: Decimal, actual: Decimal) -> None:
    value = achievement(target, actual)
    assert value is not None and value >= 0
    assert abs(value * target / 100 - actual) < D("1e-20")


@given(positive, non_negative)
def test_negative_standard_mirrors_the_positive_around_100(target: Decimal, actual: Decimal) -> None:
    value = achievement(target, actual, "lower_is_better")
    mirrored = 200 - achievement(target, actual)
    assert abs(value - max(D(0), mirrored)) < D("1e-20")


@given(positive, positive)
def test_negative_ratio_is_never_negative_and_rewards_lower_actuals(target: Decimal, actual: Decimal) -> None:
    value = achievement(target, actual, "lower_is_better", "ratio")
    lower = achievement(target, actual / 2, "lower_is_better", "ratio")
    assert value is not None and lower is not None and 0 <= value < lower


@given(st.decimals(min_value=D("-1e6"), max_value=D("1e6"), places=3, allow_nan=False))
def test_round_half_up_is_off_by_at_most_half_a_cent(value: Decimal) -> None:
    rounded = round_half_up(value)
    assert abs(rounded - value) <= D("0.005")
    if value.as_tuple().digits[-1:] == (5,) and value >= 0:
        assert rounded > value


@given(st.decimals(min_value=D(0), max_value=D(200), places=2, allow_nan=False),
       st.decimals(min_value=D(0), max_value=D(200), places=2, allow_nan=False))
def test_predicates_never_fall_as_achievement_rises(a: Decimal, b: Decimal) -> None:
    order = ["Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi"]
    low, high = sorted([a, b])
    assert order.index(predicate(low)) <= order.index(predicate(high))


def test_the_annual_value_wins_over_the_quarters() -> None:
    from kinerja.performance.achievement import year_value

    assert year_value("WTP", {}, "last") == "WTP"
    assert year_value(None, {1: D(2), 2: D(3)}, "sum") == D(5)
    assert year_value(D(9), {1: D(2)}, "sum") == D(9)


@pytest.mark.parametrize(("target", "actual", "met"), [
    # A grade target written with "at least", as a PK writes it: that grade or a better one.
    ("Minimal BB", "BB", True), ("minimal BB", "A", True), ("Minimal BB", "B", False), ("≥ BB", "AA", True),
    ("Min. Baik", "Sangat Baik", True), ("Minimal WTP", "Wajar Tanpa Pengecualian", True),
    ("Minimal 3 dokumen", "3 dokumen", False),  # no grade: compared as written
])
def test_it_reads_a_grade_target_written_with_at_least(target: str, actual: str, met: bool) -> None:
    assert text_target_met(target, actual) is met


@pytest.mark.parametrize(("target", "actual", "met"), [
    # Every "at least" the importer takes before a grade: that grade or a better one.
    ("Paling sedikit BB", "A", True), ("Paling sedikit BB", "B", False), ("Tidak kurang dari BB", "BB", True),
    ("Sekurang kurangnya BB", "BB", True), ("Sekurang-kurangnya BB", "B", False), ("Sekurangnya Baik", "Baik", True),
    ("Paling rendah WDP", "WTP", True), (">= B", "B", True), ("≥BB", "A", True), ("Minimal: BB", "BB", True),
    # "More than" a grade: a better one only.
    ("Di atas B", "BB", True), ("Di atas B", "B", False), ("> B", "BB", True), ("> B", "B", False),
    ("Lebih dari Cukup", "Baik", True), ("Lebih dari Cukup", "Cukup", False), ("> AA", "AA", False),
    ("Di atas rata-rata", "di atas rata-rata", True),  # no grade: compared as written
])
def test_it_reads_every_comparison_the_importer_takes_before_a_grade(target: str, actual: str, met: bool) -> None:
    assert text_target_met(target, actual) is met
