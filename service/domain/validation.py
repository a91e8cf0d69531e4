"""Validation rules for one realization row. Each rule is named, so a note can be traced
back to the rule that wrote it and tests can assert the exact message."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from service.domain.agreement import Indicator, Polarity
from service.domain.parsing import ParsedValue, parse_value


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str


@dataclass(frozen=True)
class RulesConfig:
    """Office-tunable thresholds. `far_above_ratio` 3 means "more than 3x the target"."""

    far_above_ratio: Decimal = Decimal(3)


def check_realization(
    raw: object,
    indicator: Indicator,
    month: int,
    deadline_passed: bool,
    config: RulesConfig = RulesConfig(),
) -> tuple[ParsedValue, list[Finding]]:
    """Parse one realization and apply the rules; a blank is only a finding after the deadline."""
    parsed = parse_value(raw)
    findings: list[Finding] = []
    if parsed.problem:
        findings.append(Finding("bukan_angka", parsed.problem))
        return parsed, findings
    if parsed.value is None:
        if deadline_passed:
            findings.append(
                Finding("kosong", "Realisasi belum diisi, padahal batas waktu sudah lewat.")
            )
        return parsed, findings
    value = parsed.value
    if value < 0:
        findings.append(Finding("negatif", f"Realisasi tidak boleh negatif ({_fmt(value)})."))
        return parsed, findings
    target = indicator.target_for(month)
    reference = indicator.range_high if indicator.polarity is Polarity.RANGE else target
    if reference and reference > 0 and value > reference * config.far_above_ratio:
        findings.append(
            Finding(
                "jauh_di_atas_target",
                f"Realisasi {_fmt(value)} lebih dari {_fmt(config.far_above_ratio)}x target "
                f"({_fmt(reference)} {indicator.unit}). Mohon periksa kembali angkanya.",
            )
        )
    return parsed, findings


def _fmt(value: Decimal) -> str:
    """Indonesian number format: 1234.5 -> 1.234,5."""
    text = f"{value.normalize():,f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
