"""Which cells each sign-off vouches for, and what they held when it was given.

PP vouches that the recap is complete: every official's typed cells and the recap's values
(realization, achievement, rating). KS adds the review (and a returned row's reason). SK and
KD vouch for the whole recap, row by row. Each payload contains the one before it, so the
latest sign-off says what every locked cell should read. Status, findings and "previous" are
left to SK/KD because the Kasubag's review changes them legitimately after PP has signed.

The values come from the database (what the service accepted and writes), not from a read
of the sheets: computing a sign-off must not cost a request per spreadsheet.
"""

from __future__ import annotations

from collections.abc import Mapping

from service.domain.agreement import Agreement
from service.domain.chain import canonical_cell
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.row_status import REVIEW_RETURN
from service.jobs.parts.official_sheet import PERSON_FIELDS
from service.jobs.parts.rows import realization_display
from service.jobs.parts.sheet_writes import number_or_blank
from service.sheets.layout import master_layout, official_layout
from service.sheets.specs import KIND_MASTER, KIND_OFFICIAL, number
from service.store.models import RecapEntry, SpreadsheetRow

Cells = dict[str, dict[str, str]]


def vouched_cells(role: Role, period: Period, entries: list[RecapEntry],
                  sheets: list[SpreadsheetRow], roster: Roster,
                  agreements: Mapping[str, Agreement]) -> Cells:
    """{sheet key: {"Tab!A1": canonical text}} of everything `role`'s sign-off covers."""
    keys = {(s.kind, s.owner): s.key for s in sheets if s.key}
    master = keys.get((KIND_MASTER, ""))
    cells: Cells = {}
    table = official_layout().table
    recap = master_layout().recap
    for entry in entries:
        key = keys.get((KIND_OFFICIAL, entry.nip))
        if key:
            row = table.data_row(entry.ordinal)
            for field in PERSON_FIELDS:
                cells.setdefault(key, {})[f"{table.tab}!{table.col(field)}{row}"] = (
                    canonical_cell((entry.values or {}).get(field)))
        if master:
            values = _recap_values(role, period, entry, roster, agreements)
            for column, value in values.items():
                cells.setdefault(master, {})[
                    f"{recap.tab}!{recap.col(column)}{entry.master_row}"] = canonical_cell(value)
    return cells


def _recap_values(role: Role, period: Period, entry: RecapEntry, roster: Roster,
                  agreements: Mapping[str, Agreement]) -> dict[str, object]:
    """The recap row as the service writes it (see master_sheet.desired_master and
    specs.master_spec), limited to the columns `role` vouches for."""
    values: dict[str, object] = {
        "realization": realization_display(entry),
        "achievement": number_or_blank(entry.achievement),
        "rating": entry.rating or "",
    }
    if role is Role.PP:
        return values
    values["review"] = entry.review or ""
    if entry.review == REVIEW_RETURN:  # otherwise the service ignores the reason cell, and a
        values["review_reason"] = entry.review_reason or ""  # stale text there means nothing
    if role is Role.KS:
        return values
    recap = master_layout().recap
    official = next((o for o in roster.officials if o.nip == entry.nip), None)
    agreement = agreements.get(entry.nip)
    indicator = next((i for i in agreement.indicators if i.code == entry.code),
                     None) if agreement else None
    values |= {
        "no": entry.master_row - recap.first_data_row + 1,
        "nip": entry.nip,
        "code": entry.code,
        "status": entry.status,
        "flags": "; ".join(entry.findings or []),
        "previous": entry.previous or "",
    }
    if official is not None:
        values |= {"name": official.name, "unit": official.unit}
    if indicator is not None:
        values |= {"indicator": indicator.name, "unit_of_measure": indicator.unit,
                   "target": number(indicator.target_for(period.month))}
    return values


def read_ranges(cells: Mapping[str, str]) -> tuple[str, str]:
    """The one rectangle of a tab that holds all of a sheet's vouched cells.

    All vouched cells of one spreadsheet sit on one tab (the officials' table or the
    recap), so one values request per spreadsheet covers them."""
    tabs = {ref.rsplit("!", 1)[0] for ref in cells}
    if len(tabs) != 1:
        raise ValueError(f"sel yang disahkan tersebar di beberapa tab: {sorted(tabs)}")
    columns, rows = [], []
    for ref in cells:
        a1 = ref.rsplit("!", 1)[1]
        letters = a1.rstrip("0123456789")
        columns.append((len(letters), letters))
        rows.append(int(a1[len(letters):]))
    return tabs.pop(), f"{min(columns)[1]}{min(rows)}:{max(columns)[1]}{max(rows)}"
