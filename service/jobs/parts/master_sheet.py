"""The desired content of the master recap: recap rows, status line, unit summary, panel."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import cast

import pandas as pd

from service.domain.roster import Official, Role
from service.domain.row_status import BERMASALAH, DIKEMBALIKAN
from service.domain.signoff import CHAIN
from service.domain.words import waktu
from service.jobs.parts.rows import realization_display
from service.jobs.parts.sheet_writes import Desired, number_or_blank
from service.sheets.layout import MasterLayout, Table
from service.sheets.locks import signoff_lock, signoff_tick_cell
from service.store.models import RecapEntry, SignOffRow

RECAP_KEYS = ("realization", "achievement", "rating", "status", "flags", "previous")


def summary_frame(entries: list[RecapEntry], officials: Mapping[str, Official],
                  submitted_at: Mapping[str, datetime | None], due: datetime) -> pd.DataFrame:
    """Per unit and for the whole office: who submitted, who was late, rows flagged, mean %."""
    rows = pd.DataFrame([{
        "nip": e.nip, "unit": officials[e.nip].unit,
        "flagged": e.status in (BERMASALAH, DIKEMBALIKAN),
        "achievement": float(e.achievement) if e.achievement is not None else None,
    } for e in entries if e.nip in officials])
    if rows.empty:
        return pd.DataFrame(columns=["unit", "officials", "submitted", "late", "flagged",
                                     "average"])
    people = rows.drop_duplicates("nip")[["nip", "unit"]].copy()
    people["submitted"] = people["nip"].map(lambda n: submitted_at.get(n) is not None)
    people["late"] = people["nip"].map(
        lambda n: (at := submitted_at.get(n)) is not None and at > due)
    by_person = people.groupby("unit").agg(officials=("nip", "count"),
                                           submitted=("submitted", "sum"), late=("late", "sum"))
    by_row = rows.groupby("unit").agg(flagged=("flagged", "sum"),
                                      average=("achievement", "mean"))
    table = by_person.join(by_row).reset_index()
    total = {"unit": "SELURUH DINAS", "officials": len(people),
             "submitted": int(people["submitted"].sum()), "late": int(people["late"].sum()),
             "flagged": int(rows["flagged"].sum()), "average": rows["achievement"].mean()}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    for column in ("officials", "submitted", "late", "flagged"):
        table[column] = table[column].astype(int)
    table["average"] = table["average"].map(lambda v: "" if pd.isna(v) else round(float(v), 2))
    return table


def status_line(entries: list[RecapEntry], submitted: int, total: int,
                signed: list[Role]) -> str:
    flagged = sum(e.status in (BERMASALAH, DIKEMBALIKAN) for e in entries)
    panel = " ".join(f"{r.value}{'✓' if r in signed else '–'}" for r in CHAIN)
    return (f"Status: {submitted}/{total} pejabat sudah mengirim; {flagged} baris perlu "
            f"perhatian; pengesahan: {panel}")


def _fill(desired: Desired, table: Table, rows: list[list]) -> None:
    """Write a report table below its header; blanks for missing values."""
    for index, cells in enumerate(rows):
        row = table.data_row(index)
        for column, value in zip(table.columns, cells, strict=True):
            value = value.item() if hasattr(value, "item") else value  # numpy -> Python
            if value is None or (isinstance(value, float) and pd.isna(value)):
                value = ""
            desired.values[(table.tab, f"{column.letter}{row}")] = value


def year_to_date(entries: list[RecapEntry], officials: Mapping[str, Official],
                 cumulative: Mapping[tuple[str, str], bool],
                 names: Mapping[tuple[str, str], str]) -> pd.DataFrame:
    """One row per official x indicator, one column per month of achievement (%), and the
    year so far: the latest month for a cumulative indicator (its realization is already a
    year-to-date total), the mean of the months for the others."""
    records = [{"nip": e.nip, "code": e.code, "month": f"m{int(e.period[5:])}",
                "value": float(e.achievement)} for e in entries if e.achievement is not None]
    keys = sorted({(e.nip, e.code) for e in entries},
                  key=lambda k: (list(officials).index(k[0]) if k[0] in officials else 999, k[1]))
    frame = pd.DataFrame(records, columns=["nip", "code", "month", "value"])
    table = frame.pivot_table(index=["nip", "code"], columns="month", values="value",
                              aggfunc="last") if not frame.empty else pd.DataFrame()
    rows = []
    for nip, code in keys:
        # a full (nip, code) key of the MultiIndex selects one row, a Series; pandas-stubs
        # cannot tell that from a partial key, so `.loc` is typed as Series | DataFrame | scalar
        months = (cast("pd.Series[float]", table.loc[(nip, code)]).dropna()
                  if (nip, code) in table.index else pd.Series())
        ordered = months.reindex(sorted(months.index, key=lambda m: int(m[1:])))
        ytd = (ordered.iloc[-1] if cumulative.get((nip, code)) else ordered.mean()) \
            if len(ordered) else None
        rows.append({"nip": nip, "name": officials[nip].name if nip in officials else nip,
                     "code": code, "indicator": names.get((nip, code), ""),
                     **{m: round(float(v), 2) for m, v in ordered.items()},
                     "ytd": None if ytd is None else round(float(ytd), 2)})
    return pd.DataFrame(rows)


def desired_master(layout: MasterLayout, entries: list[RecapEntry],
                   summary: pd.DataFrame, status: str, signoffs: list[SignOffRow],
                   tick_notes: Mapping[str, str], sla: list[tuple[str, ...]],
                   ytd: pd.DataFrame) -> Desired:
    desired = Desired()
    recap = layout.recap
    for entry in entries:
        values = {
            "realization": realization_display(entry),
            "achievement": number_or_blank(entry.achievement),
            "rating": entry.rating or "",
            "status": entry.status,
            "flags": "; ".join(entry.findings or []),
            "previous": entry.previous or "",
        }
        for key in RECAP_KEYS:
            value = values[key]
            desired.values[(recap.tab, f"{recap.col(key)}{entry.master_row}")] = (
                "" if value is None else value)
    desired.values[(recap.tab, f"A{layout.status_row}")] = status
    _fill(desired, layout.summary, [[record[c.key] for c in layout.summary.columns]
                                    for record in summary.to_dict("records")])
    _fill(desired, layout.sla, [list(cells) for cells in sla])
    _fill(desired, layout.ytd, [[record.get(c.key, "") for c in layout.ytd.columns]
                                for record in ytd.to_dict("records")])
    panel = layout.signoff
    signed = {r.role: r for r in signoffs}
    for role in CHAIN:
        row = panel.first_data_row + CHAIN.index(role)
        record = signed.get(role.value)
        desired.values[(panel.tab, f"{panel.col('time')}{row}")] = (
            waktu(record.signed_at) if record else "")
        note = tick_notes.get(role.value, "")
        desired.values[(panel.tab, f"{panel.col('note')}{row}")] = note
        if note:
            desired.notes[(panel.tab, signoff_tick_cell(layout, role))] = note
        if record:
            for lock in signoff_lock(layout, role, len(entries)):
                desired.locks[lock.name] = lock
    return desired
