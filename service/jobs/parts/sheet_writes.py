"""What the service wants each sheet to show, diffed against what it last wrote.

The desired state is computed from the database alone, so a rerun with nothing new computes
the same state and writes nothing; after a successful write the new state is remembered.
Only service-owned cells are written, plus the one sanctioned exception: undoing a tick.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete
from sqlalchemy.orm import Session

from service.domain.validation import is_evidence_message
from service.jobs.parts.rows import is_returned
from service.sheets.layout import OfficialLayout
from service.sheets.locks import official_row_lock, official_submit_lock
from service.sheets.port import CellValue, Protection, WriteBatch
from service.sheets.specs import NOT_FILLED
from service.store import month_repo as months
from service.store.models import NoteRow, RecapEntry, SpreadsheetRow

FINDING_FILL = "#F8D7DA"
RETURN_FILL = "#FFF3CD"
Cell = tuple[str, str]


@dataclass
class Desired:
    """A sheet's service-owned state: values by cell, notes by cell, locks by name."""

    values: dict[Cell, CellValue] = field(default_factory=dict)
    notes: dict[Cell, str] = field(default_factory=dict)
    fills: dict[Cell, str] = field(default_factory=dict)
    locks: dict[str, Protection] = field(default_factory=dict)


def number_or_blank(text: str | None) -> CellValue:
    if text is None:
        return ""
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def validation_text(entry: RecapEntry) -> str:
    if is_returned(entry):
        return f"Dikembalikan: {entry.review_reason}"
    if entry.findings:
        return "; ".join(entry.findings)
    return "OK" if entry.realization is not None else NOT_FILLED


def desired_official(layout: OfficialLayout, entries: list[RecapEntry], locked: bool,
                     structure: list[str]) -> Desired:
    tab = layout.table.tab
    col = layout.table.col
    desired = Desired()
    any_returned = False
    for entry in entries:
        row = layout.table.data_row(entry.ordinal)
        desired.values[(tab, f"{col('achievement')}{row}")] = number_or_blank(entry.achievement)
        desired.values[(tab, f"{col('validation')}{row}")] = validation_text(entry)
        for key, on_evidence in (("realization", False), ("evidence", True)):
            notes = [m for m in entry.findings or [] if is_evidence_message(m) == on_evidence]
            if notes:  # a missing or broken link is noted where the link belongs
                cell = (tab, f"{col(key)}{row}")
                desired.notes[cell] = "\n".join(notes)
                desired.fills[cell] = FINDING_FILL
        if is_returned(entry):
            any_returned = True
            cell = (tab, f"{col('indicator')}{row}")
            desired.notes[cell] = f"Dikembalikan oleh Kasubag: {entry.review_reason}"
            desired.fills[cell] = RETURN_FILL
        elif locked:
            lock = official_row_lock(layout, entry.ordinal)
            desired.locks[lock.name] = lock
    if locked and not any_returned:
        lock = official_submit_lock(layout)
        desired.locks[lock.name] = lock
    if structure:
        desired.notes[(tab, "A1")] = "Perubahan struktur lembar:\n- " + "\n- ".join(structure)
    return desired


@dataclass
class Planned:
    """One sheet's write in a cycle: decided in the transaction, written after it."""

    sheet: SpreadsheetRow
    desired: Desired
    batch: WriteBatch
    outcome: bool | None = None  # True written, None nothing to write, False failed


def diff(session: Session, sheet: SpreadsheetRow, desired: Desired,
         current_values: dict[Cell, CellValue]) -> WriteBatch:
    """The batch that turns the remembered state into the desired one."""
    batch = WriteBatch()
    for (tab, a1), value in desired.values.items():
        if _blank_is_empty(current_values.get((tab, a1), _MISSING)) != _blank_is_empty(value):
            batch.values.append((tab, a1, [[value]]))
    for (tab, a1) in remembered_values(sheet):  # a row the service wrote that is gone now
        if (tab, a1) not in desired.values:
            batch.values.append((tab, a1, [[""]]))
    stored = months.notes_on(session, sheet.key or "")
    for cell, text in desired.notes.items():
        if cell not in stored or stored[cell].text != text:
            batch.notes[cell] = text
    for cell in stored:
        if cell not in desired.notes:
            batch.notes[cell] = None
    for cell in batch.notes:
        batch.fills[cell] = desired.fills.get(cell)
    have = set(sheet.locks or [])
    batch.protect = [p for name, p in sorted(desired.locks.items()) if name not in have]
    batch.unprotect = sorted(have - set(desired.locks))
    return batch


_MISSING = object()


def _blank_is_empty(value: object) -> object:
    """A blank written as "" reads back as None (Google, openpyxl): the same cell state, so a
    re-read after the service's own write (Google gives no version for it) writes nothing."""
    return "" if value is None else value


def memory_stale(sheet: SpreadsheetRow, desired: Desired) -> bool:
    """Whether the sheet, read this cycle, already shows values the service's memory lacks:
    a write whose process was killed before it could record it."""
    have = remembered_values(sheet)
    return set(have) != set(desired.values) or any(
        _blank_is_empty(have[cell]) != _blank_is_empty(value)
        for cell, value in desired.values.items())


def remember(session: Session, sheet: SpreadsheetRow, desired: Desired, batch: WriteBatch,
             now: datetime, values_key: str = "values", *, found: bool = False) -> None:
    """Record what was written, after the backend accepted the batch, in the audit log too.

    `found`: nothing was written now; the sheet was read and already shows `desired` (an
    earlier run wrote it and died before recording it), so the memory and the log catch up."""
    if found:
        months.audit(session, sheet.office, sheet.period, now, "layanan", "tulis", sheet.title,
                     f"{len(desired.values)} nilai layanan sudah ada di lembar (ditulis "
                     "proses sebelumnya yang terhenti sebelum mencatatnya)")
    else:
        months.audit(session, sheet.office, sheet.period, now, "layanan", "tulis", sheet.title,
                     f"{len(batch.values)} nilai, {len(batch.notes)} catatan, "
                     f"{len(batch.protect)} kunci baru, {len(batch.unprotect)} kunci dilepas")
    for (tab, a1), text in sorted(batch.notes.items()):
        months.audit(session, sheet.office, sheet.period, now, "layanan",
                     "catatan" if text else "catatan_dihapus", f"{sheet.title} {tab}!{a1}",
                     text or "")
    written = dict(sheet.written or {})
    written[values_key] = {f"{tab}!{a1}": v for (tab, a1), v in desired.values.items()}
    sheet.written = written
    sheet.locks = sorted(desired.locks)
    session.execute(delete(NoteRow).where(NoteRow.sheet_key == sheet.key))
    for (tab, a1), text in desired.notes.items():
        session.add(NoteRow(office=sheet.office, period=sheet.period, sheet_key=sheet.key,
                            tab=tab, cell=a1, text=text))


def as_provisioned(layout: OfficialLayout, indicator_count: int) -> dict[str, CellValue]:
    """What a fresh official sheet already shows in the service's cells (see `official_spec`),
    remembered at provisioning so the first pull does not rewrite every sheet — on Google
    that would be one write and one extra read per official, against a 60-a-minute quota."""
    tab, col = layout.table.tab, layout.table.col
    remembered: dict[str, CellValue] = {}
    for index in range(indicator_count):
        row = layout.table.data_row(index)
        remembered[f"{tab}!{col('achievement')}{row}"] = ""
        remembered[f"{tab}!{col('validation')}{row}"] = NOT_FILLED
    return remembered


def remembered_values(sheet: SpreadsheetRow, values_key: str = "values") -> dict[Cell, CellValue]:
    stored = (sheet.written or {}).get(values_key, {})
    result: dict[Cell, CellValue] = {}
    for ref, value in stored.items():
        tab, a1 = ref.rsplit("!", 1)
        result[(tab, a1)] = value
    return result
