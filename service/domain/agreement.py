"""The performance agreement (Perjanjian Kinerja): each official's indicators and targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Polarity(StrEnum):
    """Which direction is good. Names follow PermenPANRB 8/2021's usage."""

    POSITIVE = "positif"  # higher realization is better (e.g. KTP-el coverage)
    NEGATIVE = "negatif"  # lower is better (e.g. average service days)
    RANGE = "rentang"  # within [low, high] is best (e.g. a budget absorption band)


@dataclass(frozen=True)
class Indicator:
    """One indicator of one official's agreement for one year.

    `monthly_targets[m-1]` is the target reported against in month m. For a cumulative
    indicator both target and realization are year-to-date totals, so the two compare
    directly without summing months. `ceiling` / `floor` (achievement %, optional) override
    the office's plausibility thresholds for this indicator (see domain.validation).
    """

    code: str
    name: str
    unit: str
    polarity: Polarity
    cumulative: bool
    yearly_target: Decimal
    monthly_targets: tuple[Decimal, ...]
    evidence_required: bool = False
    range_low: Decimal | None = None
    range_high: Decimal | None = None
    ceiling: Decimal | None = None
    floor: Decimal | None = None

    def target_for(self, month: int) -> Decimal:
        return self.monthly_targets[month - 1]


@dataclass(frozen=True)
class Agreement:
    """All indicators of one official (by NIP) for a year."""

    nip: str
    year: int
    indicators: tuple[Indicator, ...] = field(default_factory=tuple)

    def indicator(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)
