"""Capaian (%) per PermenPANRB 8/2021: positive R/T x 100, negative (T - (R - T)) / T x 100,
range targets, and the office policy (clamp, rounding, rating bands)."""

from decimal import Decimal as D

import pytest

from service.domain.achievement import (
    DEFAULT_BANDS,
    AchievementPolicy,
    AchievementUndefined,
    RatingBand,
    achievement,
    negative_achievement,
    positive_achievement,
    range_achievement,
)
from service.domain.agreement import Indicator, Polarity

POLICY = AchievementPolicy()


def indicator(
    polarity: Polarity,
    targets: tuple[str, ...] = ("100",) * 12,
    low: str | None = None,
    high: str | None = None,
    code: str = "X-01",
) -> Indicator:
    return Indicator(
        code=code,
        name="Indikator uji",
        unit="%",
        polarity=polarity,
        cumulative=False,
        yearly_target=D(targets[-1]),
        monthly_targets=tuple(D(t) for t in targets),
        range_low=None if low is None else D(low),
        range_high=None if high is None else D(high),
    )


def flat(polarity: Polarity, target: str) -> Indicator:
    return indicator(polarity, (target,) * 12)


# --- raw formulas -------------------------------------------------------------------------


def test_positive_formula_is_realization_over_target_times_hundred() -> None:
    assert positive_achievement(D(100), D(85)) == D(85)
    assert positive_achievement(D(4), D(5)) == D(125)


def test_negative_formula_is_two_targets_minus_realization_over_target() -> None:
    assert negative_achievement(D(2), D(1)) == D(150)
    assert negative_achievement(D(2), D(3)) == D(50)
    assert negative_achievement(D(2), D(2)) == D(100)


def test_negative_formula_goes_below_zero_when_realization_exceeds_twice_target() -> None:
    assert negative_achievement(D(1), D(3)) == D(-100)


def test_range_formula_is_hundred_inside_the_band_including_both_bounds() -> None:
    for r in ("90", "100", "110"):
        assert range_achievement(D(90), D(110), D(r)) == D(100)


def test_range_formula_below_band_is_positive_against_the_lower_bound() -> None:
    assert range_achievement(D(90), D(110), D(81)) == D(90)


def test_range_formula_above_band_is_negative_against_the_upper_bound() -> None:
    assert range_achievement(D(90), D(110), D(121)) == D(90)


# --- achievement() through an indicator ---------------------------------------------------


def test_higher_is_better_scores_realization_over_target() -> None:
    assert achievement(flat(Polarity.POSITIVE, "100"), 1, D(85), POLICY) == D("85.00")


def test_lower_is_better_rewards_fewer_days() -> None:
    assert achievement(flat(Polarity.NEGATIVE, "2"), 1, D(1), POLICY) == D("150.00")


def test_lower_is_better_penalises_more_days() -> None:
    assert achievement(flat(Polarity.NEGATIVE, "2"), 1, D(3), POLICY) == D("50.00")


def test_lower_is_better_meeting_the_target_exactly_is_hundred() -> None:
    assert achievement(flat(Polarity.NEGATIVE, "4"), 6, D(4), POLICY) == D("100.00")


def test_lower_is_better_far_over_target_is_clamped_to_zero() -> None:
    assert achievement(flat(Polarity.NEGATIVE, "1"), 1, D(3), POLICY) == D("0.00")


def test_lower_is_better_zero_realization_is_two_hundred() -> None:
    assert achievement(flat(Polarity.NEGATIVE, "1"), 1, D(0), POLICY) == D("200.00")


def test_result_is_clamped_at_two_hundred_by_default() -> None:
    assert achievement(flat(Polarity.POSITIVE, "10"), 1, D(50), POLICY) == D("200.00")


def test_result_just_under_the_ceiling_is_not_clamped() -> None:
    assert achievement(flat(Polarity.POSITIVE, "100"), 1, D("199.99"), POLICY) == D("199.99")


def test_zero_realization_on_a_positive_indicator_is_zero() -> None:
    assert achievement(flat(Polarity.POSITIVE, "100"), 1, D(0), POLICY) == D("0.00")


def test_tpp_policy_caps_at_one_hundred_twenty() -> None:
    tpp = AchievementPolicy(ceiling=D(120))
    assert achievement(flat(Polarity.POSITIVE, "100"), 1, D(150), tpp) == D("120.00")
    assert achievement(flat(Polarity.POSITIVE, "100"), 1, D(119), tpp) == D("119.00")


def test_policy_floor_lifts_low_results() -> None:
    floored = AchievementPolicy(floor=D(10))
    assert achievement(flat(Polarity.POSITIVE, "100"), 1, D(5), floored) == D("10.00")


def test_result_is_rounded_to_two_places_half_up() -> None:
    assert achievement(flat(Polarity.POSITIVE, "3"), 1, D(1), POLICY) == D("33.33")
    assert achievement(flat(Polarity.POSITIVE, "3"), 1, D(2), POLICY) == D("66.67")
    # 0.05 / 200 x 100 = 0.025 exactly: half-up gives 0.03 (banker's rounding would give 0.02)
    assert achievement(flat(Polarity.POSITIVE, "200"), 1, D("0.05"), POLICY) == D("0.03")


def test_result_always_carries_exactly_the_policy_places() -> None:
    value = achievement(flat(Polarity.POSITIVE, "100"), 1, D(85), POLICY)
    assert str(value) == "85.00"


def test_places_zero_rounds_to_whole_percent() -> None:
    whole = AchievementPolicy(places=0)
    value = achievement(flat(Polarity.POSITIVE, "3"), 1, D(2), whole)
    assert value == D(67)
    assert str(value) == "67"


def test_places_one_rounds_to_one_decimal() -> None:
    one = AchievementPolicy(places=1)
    assert str(achievement(flat(Polarity.POSITIVE, "3"), 1, D(1), one)) == "33.3"


def test_month_selects_its_own_monthly_target_for_cumulative_indicators() -> None:
    ind = indicator(Polarity.POSITIVE, tuple(str(100 * m) for m in range(1, 13)))
    assert achievement(ind, 1, D(100), POLICY) == D("100.00")
    assert achievement(ind, 2, D(100), POLICY) == D("50.00")
    assert achievement(ind, 12, D(600), POLICY) == D("50.00")


def test_range_indicator_inside_band_is_hundred() -> None:
    ind = indicator(Polarity.RANGE, low="90", high="110")
    assert achievement(ind, 3, D(95), POLICY) == D("100.00")
    assert achievement(ind, 3, D(90), POLICY) == D("100.00")
    assert achievement(ind, 3, D(110), POLICY) == D("100.00")


def test_range_indicator_below_band_scores_against_lower_bound() -> None:
    ind = indicator(Polarity.RANGE, low="90", high="110")
    assert achievement(ind, 3, D(45), POLICY) == D("50.00")


def test_range_indicator_above_band_scores_against_upper_bound() -> None:
    ind = indicator(Polarity.RANGE, low="90", high="110")
    assert achievement(ind, 3, D(132), POLICY) == D("80.00")
    assert achievement(ind, 3, D(330), POLICY) == D("0.00")


def test_range_indicator_ignores_the_monthly_target() -> None:
    ind = indicator(Polarity.RANGE, targets=("0",) * 12, low="82", high="100")
    assert achievement(ind, 1, D(85), POLICY) == D("100.00")


def test_zero_target_is_undefined_not_guessed() -> None:
    with pytest.raises(AchievementUndefined) as error:
        achievement(flat(Polarity.POSITIVE, "0"), 1, D(5), POLICY)
    assert str(error.value) == "target X-01 bulan ini 0"


def test_zero_target_on_a_negative_indicator_is_undefined() -> None:
    with pytest.raises(AchievementUndefined, match="^target X-01 bulan ini 0$"):
        achievement(flat(Polarity.NEGATIVE, "0"), 1, D(0), POLICY)


def test_zero_target_only_in_one_month_is_undefined_only_that_month() -> None:
    ind = indicator(Polarity.POSITIVE, ("0", "1", "1", "1", "2", "2", "2", "3", "3", "3", "4", "4"))
    with pytest.raises(AchievementUndefined):
        achievement(ind, 1, D(0), POLICY)
    assert achievement(ind, 2, D(1), POLICY) == D("100.00")


def test_achievement_undefined_is_a_value_error() -> None:
    assert issubclass(AchievementUndefined, ValueError)


@pytest.mark.parametrize(("low", "high"), [(None, "110"), ("90", None), (None, None)])
def test_range_without_both_bounds_is_undefined(low: str | None, high: str | None) -> None:
    with pytest.raises(AchievementUndefined) as error:
        achievement(indicator(Polarity.RANGE, low=low, high=high), 1, D(100), POLICY)
    assert str(error.value) == "rentang target X-01 tidak lengkap"


def test_range_with_negative_lower_bound_is_undefined() -> None:
    with pytest.raises(AchievementUndefined, match="tidak lengkap"):
        achievement(indicator(Polarity.RANGE, low="-1", high="5"), 1, D(2), POLICY)


def test_range_starting_at_zero_scores_hundred_inside_the_band() -> None:
    assert achievement(indicator(Polarity.RANGE, low="0", high="5"), 1, D(3), POLICY) == D("100.00")


# --- rating bands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("200", "Sangat Baik"),
        ("110", "Sangat Baik"),
        ("109.99", "Baik"),
        ("90", "Baik"),
        ("89.99", "Cukup"),
        ("70", "Cukup"),
        ("69.99", "Kurang"),
        ("50", "Kurang"),
        ("49.99", "Sangat Kurang"),
        ("0", "Sangat Kurang"),
    ],
)
def test_default_rating_bands_at_their_boundaries(value: str, label: str) -> None:
    assert POLICY.rating(D(value)) == label


def test_default_bands_are_listed_highest_first() -> None:
    assert [b.minimum for b in DEFAULT_BANDS] == [D(110), D(90), D(70), D(50), D(0)]


def test_rating_below_every_band_falls_back_to_the_lowest_band() -> None:
    assert POLICY.rating(D(-5)) == "Sangat Kurang"


def test_custom_bands_given_in_any_order_match_by_minimum() -> None:
    policy = AchievementPolicy(
        bands=(
            RatingBand(D(0), "Rendah"),
            RatingBand(D(100), "Tinggi"),
            RatingBand(D(60), "Sedang"),
        )
    )
    assert policy.rating(D(100)) == "Tinggi"
    assert policy.rating(D("99.99")) == "Sedang"
    assert policy.rating(D(60)) == "Sedang"
    assert policy.rating(D(59)) == "Rendah"


def test_rating_with_no_bands_is_empty() -> None:
    assert AchievementPolicy(bands=()).rating(D(100)) == ""


def test_value_below_ascending_custom_bands_gets_the_lowest_label() -> None:
    policy = AchievementPolicy(bands=(RatingBand(D(60), "Cukup"), RatingBand(D(90), "Baik")))
    assert policy.rating(D(30)) == "Cukup"


def test_clamp_keeps_values_between_floor_and_ceiling() -> None:
    assert POLICY.clamp(D(-1)) == D(0)
    assert POLICY.clamp(D(201)) == D(200)
    assert POLICY.clamp(D("150.5")) == D("150.5")


def test_an_achievement_beyond_decimal_precision_is_undefined_not_a_crash() -> None:
    tiny = Indicator("X-01", "x", "%", Polarity.POSITIVE, False, D(1),
                     tuple([D("1e-30")] * 12))
    with pytest.raises(AchievementUndefined, match="di luar jangkauan"):
        achievement(tiny, 1, D("1e14"), AchievementPolicy(ceiling=D("Infinity")))
