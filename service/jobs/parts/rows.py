"""Bring the database's view of an official's rows up to date with what their sheet says."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from math import isfinite

from sqlalchemy.orm import Session

from service.domain.achievement import AchievementPolicy, AchievementUndefined, achievement
from service.domain.agreement import Indicator
from service.domain.parsing import parse_value
from service.domain.row_status import REVIEW_OK, REVIEW_RETURN, row_status
from service.domain.validation import RulesConfig, check_realization, open_findings
from service.jobs.parts.official_sheet import PERSON_FIELDS, OfficialReading
from service.sheets.port import CellValue, SpreadsheetRef
from service.store import month_repo as months
from service.store.models import RecapEntry


def as_text(value: CellValue) -> str | None:
    """How a typed value is remembered: the text as typed (numbers without a trailing .0).

    The rules re-read this text with `parse_value`, which reads "1.234" the Indonesian way
    (one thousand two hundred thirty-four). A number the sheet holds as a number, 1.234,
    is therefore kept as "1.2340": the same number to every reader, and only one reading."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if not isinstance(value, float) or not isfinite(value):
        return str(value)
    text = format(Decimal(repr(value)), "f")  # no exponent: 1e-07 -> 0.0000001
    return text if parse_value(text).value == Decimal(text) else f"{text}0"


def evaluate(
    entry: RecapEntry,
    indicator: Indicator,
    raw: CellValue,
    month: int,
    deadline_passed: bool,
    rules: RulesConfig,
    policy: AchievementPolicy,
    earlier: Mapping[int, Decimal | None] | None = None,
    evidence_unreachable: str | None = None,
) -> None:
    """Recompute findings, achievement and status of one entry from what was typed.

    `earlier` is this row's realizations in the year's earlier months (see
    `month_repo.earlier_realizations`). The achievement is shown for every usable number,
    even one that needs confirmation, so the Kasubag sees what they are confirming."""
    evidence = (entry.values or {}).get("evidence")
    parsed, found = check_realization(raw, indicator, month, deadline_passed, rules,
                                      evidence=evidence, earlier=earlier,
                                      evidence_unreachable=evidence_unreachable)
    findings = open_findings(found, confirmed=entry.review == REVIEW_OK)
    messages = [f.message for f in findings]
    entry.realization = None if parsed.value is None else str(parsed.value)
    entry.achievement = entry.rating = None
    if parsed.value is not None and parsed.value >= 0:
        try:
            value = achievement(indicator, month, parsed.value, policy)
        except AchievementUndefined as error:
            messages.append(f"Capaian tidak dapat dihitung: {error}.")
        else:
            entry.achievement = str(value)
            entry.rating = policy.rating(value)
    entry.findings = messages
    entry.status = row_status(
        parsed.value is not None, bool(messages), entry.review, entry.returned_values, entry.values
    )


def update_entries(
    session: Session,
    entries: list[RecapEntry],
    reading: OfficialReading,
    ref: SpreadsheetRef,
    now: datetime,
) -> int:
    """Take in one reading; returns how many person-typed cells changed (each snapshotted).

    Only the typed text is stored; `evaluate` derives everything else from it, so a cycle
    can re-judge rows (a deadline passing) without reading the sheet again."""
    changed = 0
    for entry in entries:
        sheet_row = reading.rows.get(entry.code)
        if sheet_row is None:
            continue
        new_values = {f: as_text(sheet_row.cells.get(f)) for f in PERSON_FIELDS}
        old_values = entry.values or {}
        for field in PERSON_FIELDS:
            if old_values.get(field) != new_values[field]:
                months.record_snapshot(
                    session,
                    entry.office,
                    entry.period,
                    entry.nip,
                    entry.code,
                    field,
                    old_values.get(field),
                    new_values[field],
                    now,
                    ref.modified,
                    ref.modified_by,
                )
                changed += 1
        entry.values = new_values
    return changed


def realization_display(entry: RecapEntry) -> CellValue:
    """The master shows the number when it parsed, otherwise exactly what was typed."""
    if entry.realization is not None:
        value = Decimal(entry.realization)
        return int(value) if value == value.to_integral_value() else float(value)
    return (entry.values or {}).get("realization")


def is_returned(entry: RecapEntry) -> bool:
    return entry.review == REVIEW_RETURN and entry.returned_values is not None
