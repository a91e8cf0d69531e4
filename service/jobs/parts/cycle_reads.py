"""The reads of a reconcile cycle: only the network, never the database.

A pull reads everything it needs before it opens the transaction that records it
(jobs/reconcile.py), so nothing in the database waits on Google's answers or its retries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from service.context import JobContext
from service.domain.agreement import Agreement
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.jobs.parts.official_sheet import OfficialReading, parse_official_grid, read_range
from service.jobs.parts.own_writes import own_write
from service.jobs.parts.rows import as_text
from service.jobs.parts.tick_places import TickPlaces, fixed_places, tick_places
from service.sheets.layout import master_layout, official_layout
from service.sheets.port import Grid, SheetBackendError, SpreadsheetRef
from service.store.models import RecapEntry, SpreadsheetRow


@dataclass
class OfficialRead:
    sheet: SpreadsheetRow
    ref: SpreadsheetRef
    grid: Grid
    reading: OfficialReading


@dataclass
class MasterRead:
    version: str
    places: TickPlaces
    reviews: Grid
    ticks: dict[Role, Grid]


def read_officials(ctx: JobContext, period: Period, sheets: list[SpreadsheetRow],
                   refs: Mapping[str, SpreadsheetRef], agreements: Mapping[str, Agreement],
                   errors: list[str]) -> list[OfficialRead]:
    """The officials' sheets whose version changed, one request each."""
    layout = official_layout()
    reads: list[OfficialRead] = []
    for sheet in sheets:
        ref = refs.get(sheet.key or "")
        if ref is None:
            errors.append(f"lembar {sheet.title} tidak ditemukan di folder")
            continue
        if sheet.owner not in agreements:
            errors.append(f"{sheet.title}: perjanjian kinerja tidak ditemukan")
            continue
        if ref.version == sheet.last_version or own_write(ref, sheet):
            continue
        indicators = agreements[sheet.owner].indicators
        try:
            (grid,) = ctx.backend.read_values(sheet.key or "",
                                              [read_range(layout, len(indicators))])
        except SheetBackendError as error:
            errors.append(f"{sheet.title}: {error}")
            continue
        reads.append(OfficialRead(sheet, ref, grid,
                                  parse_official_grid(layout, indicators, grid, period.month)))
    return reads


def read_master(ctx: JobContext, master: SpreadsheetRow, refs: Mapping[str, SpreadsheetRef],
                roster: Roster, rows: int, errors: list[str]) -> MasterRead | None:
    """Reviews and ticks, only when someone changed the master."""
    ref = refs.get(master.key or "")
    if ref is None or ref.version == master.last_version or own_write(ref, master):
        return None
    layout = master_layout()
    recap = layout.recap
    review_range = (f"{recap.col('review')}{recap.first_data_row}:"
                    f"{recap.last_col}{recap.last_data_row(rows)}")
    try:
        places = (tick_places(ctx.backend, master.key or "", layout, roster)
                  if ctx.backend.ticks_prove_identity else fixed_places(layout))
        reviews, *ticks = ctx.backend.read_values(
            master.key or "", [(recap.tab, review_range)]
            + [(layout.signoff.tab, cell) for cell in places.cells.values()])
    except SheetBackendError as error:
        errors.append(f"rekap induk: {error}")
        return None
    return MasterRead(ref.version, places, reviews, dict(zip(places.cells, ticks, strict=True)))


def typed_evidence(entries: list[RecapEntry],
                   reads: list[OfficialRead]) -> dict[int, str | None]:
    """Each row's evidence link as the sheets show it now (read this cycle, else as known)."""
    typed = {e.id: (e.values or {}).get("evidence") for e in entries}
    by_nip: dict[str, list[RecapEntry]] = {}
    for entry in entries:
        by_nip.setdefault(entry.nip, []).append(entry)
    for read in reads:
        for entry in by_nip.get(read.sheet.owner, []):
            row = read.reading.rows.get(entry.code)
            if row is not None:
                typed[entry.id] = as_text(row.cells.get("evidence"))
    return typed


def submission_time(modified: datetime | None, after: datetime, seen: datetime) -> datetime:
    """When the tick was made, as far as the service can tell: the sheet's own modification
    time, which is no earlier than the tick, kept between the read that did not see it yet
    and the read that did. A tick at 23:55 on the deadline read at 00:05 is on time."""
    if modified is None:
        return seen
    return min(max(modified, after), seen)
