"""Achievement (capaian, %) of a realization against its target, and its rating band.

Sources:
- PermenPANRB 8/2021 (Sistem Manajemen Kinerja PNS), lampiran, on measuring realization
  against target: for an indicator where a higher realization is better,
  capaian = realisasi / target x 100; for the "kondisi khusus" where a lower realization is
  better, capaian = (target - (realisasi - target)) / target x 100, which equals
  (2 x target - realisasi) / target x 100.
- A range target (e.g. "90-110") is scored 100 inside the band, and outside it with the
  positive formula against the lower bound or the negative formula against the upper bound;
  this is the usual office convention for band targets, not a formula the regulation names.
- Offices clamp the result (commonly 0-200 %, or a 120 % cap for TPP) and grade it with
  their own bands, so both are policy, not constants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from service.domain.agreement import Indicator, Polarity

HUNDRED = Decimal(100)


class AchievementUndefined(ValueError):
    """The formula has no value here (a zero target): reported, never guessed."""


def positive_achievement(target: Decimal, realization: Decimal) -> Decimal:
    """capaian = R / T x 100 (PermenPANRB 8/2021, higher is better)."""
    return realization / target * HUNDRED


def negative_achievement(target: Decimal, realization: Decimal) -> Decimal:
    """capaian = (T - (R - T)) / T x 100 (PermenPANRB 8/2021 "kondisi khusus", lower is better)."""
    return (target - (realization - target)) / target * HUNDRED


def range_achievement(low: Decimal, high: Decimal, realization: Decimal) -> Decimal:
    """100 inside [low, high]; positive form below `low`, negative form above `high`."""
    if realization < low:
        if low == 0:
            raise AchievementUndefined("realisasi di bawah batas bawah 0")
        return positive_achievement(low, realization)
    if realization > high:
        return negative_achievement(high, realization)
    return HUNDRED


@dataclass(frozen=True)
class RatingBand:
    minimum: Decimal  # inclusive lower bound, in %
    label: str


DEFAULT_BANDS: tuple[RatingBand, ...] = (
    RatingBand(Decimal(110), "Sangat Baik"),
    RatingBand(Decimal(90), "Baik"),
    RatingBand(Decimal(70), "Cukup"),
    RatingBand(Decimal(50), "Kurang"),
    RatingBand(Decimal(0), "Sangat Kurang"),
)


@dataclass(frozen=True)
class AchievementPolicy:
    """How an office turns a raw achievement into the number and grade it reports."""

    floor: Decimal = Decimal(0)
    ceiling: Decimal = Decimal(200)
    bands: tuple[RatingBand, ...] = field(default=DEFAULT_BANDS)
    places: int = 2

    def clamp(self, value: Decimal) -> Decimal:
        return min(max(value, self.floor), self.ceiling)

    def rating(self, achievement: Decimal) -> str:
        ordered = sorted(self.bands, key=lambda b: b.minimum, reverse=True)
        for band in ordered:
            if achievement >= band.minimum:
                return band.label
        return ordered[-1].label if ordered else ""  # below every band: the lowest grade


def achievement(
    indicator: Indicator, month: int, realization: Decimal, policy: AchievementPolicy
) -> Decimal:
    """Clamped, rounded capaian (%) of `realization` for `indicator` in `month`."""
    if indicator.polarity is Polarity.RANGE:
        low, high = indicator.range_low, indicator.range_high
        if low is None or high is None or low < 0 or high <= 0 or low > high:
            raise AchievementUndefined(f"rentang target {indicator.code} tidak lengkap")
        raw = range_achievement(low, high, realization)
    else:
        target = indicator.target_for(month)
        if target == 0:
            raise AchievementUndefined(f"target {indicator.code} bulan ini 0")
        formula = (
            positive_achievement
            if indicator.polarity is Polarity.POSITIVE
            else negative_achievement
        )
        raw = formula(target, realization)
    quantum = Decimal(1).scaleb(-policy.places)
    try:
        return policy.clamp(raw).quantize(quantum, rounding=ROUND_HALF_UP)
    except InvalidOperation as error:  # beyond Decimal's precision: no sensible percentage
        raise AchievementUndefined(f"capaian {indicator.code} di luar jangkauan") from error
