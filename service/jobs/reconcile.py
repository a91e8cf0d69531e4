"""Pull and reconcile one month (SOP steps 2-7 as seen from the sheets).

One cycle: list the month's folder once; read only the sheets whose version changed (one
request each); judge every row; read the master only if it changed (reviews and ticks); then
write each sheet's difference in one batch. A sheet that fails is reported and skipped, the
rest of the month carries on; a rerun with nothing new writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from service.context import JobContext, JobResult
from service.domain.agreement import Agreement
from service.domain.month import MonthStatus
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.row_status import DIPERBAIKI
from service.domain.signoff import CHAIN, SignOffState
from service.domain.sla import sla_cells
from service.jobs.parts import master_sheet, review, signoff
from service.jobs.parts.evidence_check import evidence_unreachable
from service.jobs.parts.official_sheet import grid_cells, parse_official_grid, read_range
from service.jobs.parts.own_writes import WROTE_AT, own_write
from service.jobs.parts.rows import evaluate, update_entries
from service.jobs.parts.sheet_writes import desired_official, diff, remember, remembered_values
from service.jobs.parts.tick_places import fixed_places, restored, tick_places
from service.reports.sla import month_sla
from service.sheets.layout import master_layout, official_layout
from service.sheets.locks import signoff_tick_cell
from service.sheets.port import CellValue, Protection, SheetBackendError, SpreadsheetRef, WriteBatch
from service.sheets.specs import KIND_MASTER, KIND_OFFICIAL
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import RecapEntry, SpreadsheetRow
from service.store.signoff_repo import active_signoffs


def pull_and_reconcile(ctx: JobContext, period: Period) -> JobResult:
    result = JobResult("pull", str(period))
    p = str(period)
    with ctx.db.session() as session:
        month = months.get_month(session, ctx.office, p)
        if month is None:
            result.errors.append(f"periode {p} belum disiapkan: jalankan `kinerja provision {p}`")
            return result
        if month.status == MonthStatus.ARCHIVED:
            result.say(f"periode {p} sudah diarsip; tidak ada yang ditarik")
            return result
        folder = month.folder or ""
    refs = {ref.key: ref for ref in ctx.backend.list_spreadsheets(folder)}
    with ctx.db.session() as session:
        cycle = _Cycle.load(ctx, session, period, refs, result)
        cycle.read_officials()
        cycle.judge()
        cycle.read_master()
        cycle.write_officials()
        cycle.write_master()
        submitted = cycle.submitted_count  # the session closes with this block
    for item in cycle.returned:
        review.send_returned(ctx, period, cycle.roster, item)
    result.say(f"{submitted}/{len(cycle.sheets)} pejabat sudah mengirim; "
               f"{cycle.cells_changed} sel diisi/diubah; {result.changed} lembar ditulis; "
               f"{len(cycle.returned)} baris dikembalikan")
    return result


@dataclass
class _Cycle:
    """The state of one reconcile cycle, shared by its steps inside one transaction."""

    ctx: JobContext
    session: Session
    period: Period
    refs: dict[str, SpreadsheetRef]
    result: JobResult
    roster: Roster
    agreements: dict[str, Agreement]
    sheets: list[SpreadsheetRow]
    master: SpreadsheetRow | None
    entries: list[RecapEntry]
    read_cells: dict[str, dict[tuple[str, str], CellValue]] = field(default_factory=dict)
    cells_changed: int = 0
    returned: list[review.Returned] = field(default_factory=list)
    ticks: signoff.TickOutcome = field(default_factory=signoff.TickOutcome)
    unreachable: dict[int, str] | None = None
    master_version: str | None = None
    restore: list[Protection] = field(default_factory=list)
    tick_cells: dict[Role, str] = field(default_factory=dict)

    @classmethod
    def load(cls, ctx: JobContext, session: Session, period: Period,
             refs: dict[str, SpreadsheetRef], result: JobResult) -> _Cycle:
        p = str(period)
        return cls(ctx, session, period, refs, result,
                   roster=roster_repo.load_roster(session, ctx.office),
                   agreements=roster_repo.load_agreements(session, ctx.office, period.year),
                   sheets=months.spreadsheets(session, ctx.office, p, KIND_OFFICIAL),
                   master=months.spreadsheet(session, ctx.office, p, KIND_MASTER),
                   entries=months.recap_entries(session, ctx.office, p))

    @property
    def now(self) -> datetime:
        return self.ctx.clock.now()

    def entries_of(self, nip: str) -> list[RecapEntry]:
        return [e for e in self.entries if e.nip == nip]

    @property
    def submitted_count(self) -> int:
        return len(self.sheets) - len(months.not_submitted(self.session, self.ctx.office,
                                                          str(self.period)))

    # -- 1. read the officials' sheets that changed ---------------------------------------
    def read_officials(self) -> None:
        for sheet in self.sheets:
            ref = self.refs.get(sheet.key or "")
            if ref is None:
                self.result.errors.append(f"lembar {sheet.title} tidak ditemukan di folder")
            elif sheet.owner not in self.agreements:
                self.result.errors.append(f"{sheet.title}: perjanjian kinerja tidak ditemukan")
            elif ref.version != sheet.last_version and not own_write(ref, sheet):
                self._read_official(sheet, ref)

    def _read_official(self, sheet: SpreadsheetRow, ref: SpreadsheetRef) -> None:
        layout = official_layout()
        indicators = self.agreements[sheet.owner].indicators
        try:
            (grid,) = self.ctx.backend.read_values(sheet.key or "",
                                                   [read_range(layout, len(indicators))])
        except SheetBackendError as error:
            self.result.errors.append(f"{sheet.title}: {error}")
            return
        reading = parse_official_grid(layout, indicators, grid, self.period.month)
        self.cells_changed += update_entries(self.session, self.entries_of(sheet.owner),
                                             reading, ref, self.now)
        record = months.submission(self.session, self.ctx.office, str(self.period), sheet.owner)
        if reading.submitted and record.submitted_at is None:
            record.submitted_at = self.now
            months.audit(self.session, self.ctx.office, str(self.period), self.now,
                         sheet.owner, "dikirim", sheet.key or "")
            self.ctx.progress(f"  {self._name(sheet.owner)} mengirim data")
        sheet.written = {**(sheet.written or {}), "structure": reading.structure}
        sheet.last_version = ref.version
        self.read_cells[sheet.key or ""] = grid_cells(layout, grid)

    def _name(self, nip: str) -> str:
        """A person's name, or their NIP if they left the roster after provisioning."""
        return next((o.name for o in self.roster.officials if o.nip == nip), f"NIP {nip}")

    # -- 2. judge every row (a deadline passing changes blank rows without any edit) ------
    def judge(self) -> None:
        due = self.ctx.deadlines(self.period).submission_due_at
        settings = self.ctx.settings
        earlier = months.earlier_realizations(self.session, self.ctx.office, str(self.period))
        if self.unreachable is None:  # judge runs twice a cycle; ask Drive once
            self.unreachable = evidence_unreachable(self.ctx.backend, self.roster, self.entries)
        unreachable = self.unreachable
        for entry in self.entries:
            agreement = self.agreements.get(entry.nip)
            if agreement is None:
                continue
            before = entry.status
            evaluate(entry, agreement.indicator(entry.code),
                     (entry.values or {}).get("realization"), self.period.month,
                     self.now > due, settings.rules, settings.achievement,
                     earlier.get((entry.nip, entry.code)), unreachable.get(entry.id))
            if entry.status == DIPERBAIKI and before != DIPERBAIKI:
                months.audit(self.session, self.ctx.office, str(self.period), self.now,
                             entry.nip, "diperbaiki", f"{entry.nip}/{entry.code}",
                             entry.realization or "")

    # -- 3. the master: reviews and ticks, only when someone changed it --------------------
    def read_master(self) -> None:
        master = self.master
        ref = self.refs.get(master.key or "") if master else None
        if master is None or ref is None or ref.version == master.last_version:
            return
        if own_write(ref, master):
            return
        layout = master_layout()
        recap = layout.recap
        review_range = (f"{recap.col('review')}{recap.first_data_row}:"
                        f"{recap.last_col}{recap.last_data_row(len(self.entries))}")
        try:
            places = (tick_places(self.ctx.backend, master.key or "", layout, self.roster)
                      if self.ctx.backend.ticks_prove_identity else fixed_places(layout))
            reviews, *ticks = self.ctx.backend.read_values(
                master.key or "", [(recap.tab, review_range)]
                + [(layout.signoff.tab, cell) for cell in places.cells.values()])
        except SheetBackendError as error:
            self.result.errors.append(f"rekap induk: {error}")
            return
        ks = self.roster.approver(Role.KS)
        self.returned = review.apply_reviews(self.session, self.entries, reviews,
                                             recap.first_data_row, self.now,
                                             ks.name if ks else "KS")
        self.judge()
        read = dict(zip(places.cells, ticks, strict=True))
        signed = self._state().signed
        # an untrusted tick is taken as recorded: it neither signs nor withdraws
        values: dict[Role, CellValue] = {
            role: (role in signed) if role in places.altered
            else (read[role][0][0] if read[role] and read[role][0] else None)
            for role in CHAIN}
        unsubmitted = len(self.sheets) - self.submitted_count
        self.ticks = signoff.apply_ticks(self.session, self.ctx.office, str(self.period),
                                         values, self.entries, unsubmitted, self.roster,
                                         self.now, self.ctx.backend.ticks_prove_identity)
        self.master_version = ref.version  # recorded once the master's answer is written
        for role, why in places.altered.items():
            self.ticks.notes[role] = (f"Centang tidak dibaca: {why}. Layanan memasang kembali "
                                      "perlindungannya; centang lagi bila perlu.")
            self.result.errors.append(f"rekap induk: centang {role.value}: {why}")
        for role, cell in places.moved.items():
            self.result.errors.append(f"rekap induk: centang {role.value} bergeser ke {cell} "
                                      "(baris/kolom disisipkan di panel pengesahan); dibaca "
                                      "di tempat barunya, kembalikan susunan panelnya")
        self.restore = restored(layout, self.roster, list(places.altered))
        self.tick_cells = places.cells
        for role in self.ticks.signed_now:
            self.ctx.progress(f"  pengesahan {role.value} diterima")
        for role, reason in self.ticks.notes.items():
            self.ctx.progress(f"  centang {role.value} dibatalkan: {reason}")

    def _state(self) -> SignOffState:
        return signoff.current_state(self.session, self.ctx.office, str(self.period))

    # -- 4. write the officials' sheets ----------------------------------------------------
    def write_officials(self) -> None:
        locked = Role.PP in self._state().signed
        for sheet in self.sheets:
            if sheet.key is None or sheet.key not in self.refs:
                continue
            desired = desired_official(official_layout(), self.entries_of(sheet.owner), locked,
                                       (sheet.written or {}).get("structure", []))
            have = self.read_cells.get(sheet.key) or remembered_values(sheet)
            batch = diff(self.session, sheet, desired, have)
            if self._apply(sheet, batch):
                remember(self.session, sheet, desired, batch, self.now)

    # -- 5. write the master -----------------------------------------------------------------
    def write_master(self) -> None:
        master = self.master
        if master is None or master.key not in self.refs:
            return
        p, layout, state = str(self.period), master_layout(), self._state()
        records = months.submissions(self.session, self.ctx.office, p)
        summary = master_sheet.summary_frame(
            self.entries, {o.nip: o for o in self.roster.officials},
            {nip: r.submitted_at for nip, r in records.items()},
            self.ctx.deadlines(self.period).submission_due_at)
        status = master_sheet.status_line(self.entries, self.submitted_count, len(self.sheets),
                                          list(state.signed))
        tick_notes = dict((master.written or {}).get("tick_notes", {}))
        for role in self.ticks.signed_now:
            tick_notes.pop(role.value, None)
        tick_notes.update({r.value: text for r, text in self.ticks.notes.items()})
        desired = master_sheet.desired_master(
            layout, self.entries, summary, status,
            active_signoffs(self.session, self.ctx.office, p), tick_notes,
            sla_cells(month_sla(self.ctx, self.period, self.session)), self._year_to_date())
        batch = diff(self.session, master, desired, remembered_values(master))
        for role, value in self.ticks.force.items():  # undo or restore a person's tick
            cell = self.tick_cells.get(role) or signoff_tick_cell(layout, role)
            batch.values.append((layout.signoff.tab, cell, [[value]]))
        batch.protect += self.restore  # tick protections someone altered
        previous = master.last_version
        if self.master_version:
            master.last_version = self.master_version
        written = self._apply(master, batch)
        if written is False:  # an undone tick not written: read the panel again next cycle
            master.last_version = previous
        if written:
            remember(self.session, master, desired, batch, self.now)
            master.written = {**(master.written or {}), "tick_notes": tick_notes}
        if Role.KD in state.signed:
            months.set_month_status(self.session, self.ctx.office, p, MonthStatus.APPROVED,
                                    self.now)

    def _year_to_date(self) -> pd.DataFrame:
        indicators = {(a.nip, i.code): i for a in self.agreements.values() for i in a.indicators}
        entries = months.year_entries(self.session, self.ctx.office, self.period.year,
                                      str(self.period))
        return master_sheet.year_to_date(
            entries, {o.nip: o for o in self.roster.officials},
            {k: i.cumulative for k, i in indicators.items()},
            {k: i.name for k, i in indicators.items()})

    def _apply(self, sheet: SpreadsheetRow, batch: WriteBatch) -> bool | None:
        """Write one batch: True written, None nothing to write, False failed (reported for
        this sheet only; the rest of the cycle carries on)."""
        if batch.is_empty():
            return None
        try:
            version = self.ctx.backend.apply(sheet.key or "", batch)
        except SheetBackendError as error:
            self.result.errors.append(f"{sheet.title}: {error}")
            return False
        if version is not None:
            sheet.last_version = version
        sheet.written = {**(sheet.written or {}), WROTE_AT: self.ctx.clock.now().isoformat()}
        self.result.changed += 1
        return True
