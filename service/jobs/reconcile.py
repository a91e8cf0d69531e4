"""Pull and reconcile one month (SOP steps 2-7 as seen from the sheets).

One cycle: list the month's folder once; read only the sheets whose version changed (one
request each); judge every row; read the master only if it changed (reviews and ticks); then
write each sheet's difference in one batch. A sheet that fails is reported and skipped, the
rest of the month carries on; a rerun with nothing new writes nothing.

No database transaction is open while the service talks to Google or the files (DESIGN's
claim rule): the cycle reads everything first, then decides in one short transaction (the
new values, the reviews, the sign-offs, the e-mails owed for returned rows, and the batch
each sheet needs), then writes the sheets, then records what was written. A web sign-off or
a CLI command never waits behind a pull's network calls, and a crash after the decision
leaves the database consistent: the next cycle writes what the sheets still lack. Only one
pull of a month runs at a time (`pull_claim`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from service.context import JobContext, JobResult
from service.domain.agreement import Agreement
from service.domain.month import MonthStatus
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.row_status import DIPERBAIKI
from service.domain.signoff import SignOffState
from service.jobs.parts import (
    cycle_reads,
    master_decision,
    master_plan,
    pull_claim,
    review,
    signoff,
)
from service.jobs.parts.evidence_check import evidence_unreachable
from service.jobs.parts.official_sheet import grid_cells
from service.jobs.parts.own_writes import WROTE_AT
from service.jobs.parts.rows import evaluate, update_entries
from service.jobs.parts.sheet_writes import (
    Planned,
    desired_official,
    diff,
    memory_stale,
    remember,
    remembered_values,
)
from service.jobs.parts.tick_places import fixed_places, restored
from service.sheets.layout import master_layout, official_layout
from service.sheets.locks import signoff_tick_cell
from service.sheets.port import SheetBackendError, SpreadsheetRef, WriteBatch
from service.sheets.specs import KIND_MASTER, KIND_OFFICIAL
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import RecapEntry, SpreadsheetRow

READ_AT = "read_at"  # in SpreadsheetRow.written: when the service last read the sheet


def pull_and_reconcile(ctx: JobContext, period: Period) -> JobResult:
    result = JobResult("pull", str(period))
    p, me = str(period), pull_claim.holder_id()
    with ctx.db.session() as session:
        month = months.get_month(session, ctx.office, p)
        if month is None:
            result.errors.append(f"periode {p} belum disiapkan: jalankan `kinerja provision {p}`")
            return result
        if month.status == MonthStatus.ARCHIVED:
            result.say(f"periode {p} sudah diarsip; tidak ada yang ditarik")
            return result
        folder, opened = month.folder or "", month.created_at
        holder = pull_claim.claim(session, ctx.office, p, me, ctx.clock.now())
    if holder is not None:
        result.say(f"penarikan periode {p} sedang dijalankan {pull_claim.describe(holder)}; "
                   "yang ini dilewati (data yang sama ditarik di sana)")
        return result
    try:
        _cycle(ctx, period, folder, opened, result)
    finally:
        with ctx.db.session() as session:
            pull_claim.release(session, ctx.office, p, me)
    review.deliver_returned(ctx, p)  # claimed with the return, so a crash cannot lose one
    return result


def _cycle(ctx: JobContext, period: Period, folder: str, opened: datetime,
           result: JobResult) -> None:
    refs = {ref.key: ref for ref in ctx.backend.list_spreadsheets(folder)}
    with ctx.db.session() as session:
        cycle = _Cycle.load(ctx, session, period, refs, result, opened)
        session.commit()  # nothing is held while the sheets are read
        cycle.read()
        cycle.decide()
        session.commit()  # the decision stands before anything is written
        cycle.write()
        cycle.record()
        submitted = cycle.submitted_count
    result.say(f"{submitted}/{len(cycle.sheets)} pejabat sudah mengirim; "
               f"{cycle.cells_changed} sel diisi/diubah; {result.changed} lembar ditulis; "
               f"{len(cycle.returned)} baris dikembalikan")


@dataclass
class _Cycle:
    """The state of one reconcile cycle, carried from its reads to its record."""

    ctx: JobContext
    session: Session
    period: Period
    refs: dict[str, SpreadsheetRef]
    result: JobResult
    opened: datetime
    roster: Roster
    agreements: dict[str, Agreement]
    sheets: list[SpreadsheetRow]
    master: SpreadsheetRow | None
    entries: list[RecapEntry]
    reads: list[cycle_reads.OfficialRead] = field(default_factory=list)
    master_read: cycle_reads.MasterRead | None = None
    unreachable: dict[int, str] = field(default_factory=dict)
    cells_changed: int = 0
    returned: list[review.Returned] = field(default_factory=list)
    ticks: signoff.TickOutcome = field(default_factory=signoff.TickOutcome)
    writes: list[Planned] = field(default_factory=list)
    master_write: Planned | None = None
    tick_notes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, ctx: JobContext, session: Session, period: Period,
             refs: dict[str, SpreadsheetRef], result: JobResult, opened: datetime) -> _Cycle:
        p = str(period)
        return cls(ctx, session, period, refs, result, opened,
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

    def _name(self, nip: str) -> str:
        """A person's name, or their NIP if they left the roster after provisioning."""
        return next((o.name for o in self.roster.officials if o.nip == nip), f"NIP {nip}")

    # -- reads: the network only, no database ----------------------------------------------
    def read(self) -> None:
        errors = self.result.errors
        self.reads = cycle_reads.read_officials(self.ctx, self.period, self.sheets, self.refs,
                                                self.agreements, errors)
        if self.master is not None:
            self.master_read = cycle_reads.read_master(self.ctx, self.master, self.refs,
                                                       self.roster, len(self.entries), errors)
        self.unreachable = evidence_unreachable(self.ctx.backend, self.roster, self.entries,
                                                cycle_reads.typed_evidence(self.entries,
                                                                           self.reads))

    # -- the decision: one short transaction -------------------------------------------------
    def decide(self) -> None:
        for read in self.reads:
            self._take(read)
        self._judge()
        if self.master_read is not None:
            self._take_master(self.master_read)
        for item in self.returned:
            review.queue_returned(self.ctx, self.session, self.period, self.roster,
                                  self.agreements, item)
        self._plan_officials()
        self._plan_master()

    def _take(self, read: cycle_reads.OfficialRead) -> None:
        sheet, ref, reading = read.sheet, read.ref, read.reading
        p = str(self.period)
        self.cells_changed += update_entries(self.session, self.entries_of(sheet.owner),
                                             reading, ref, self.now)
        record = months.submission(self.session, self.ctx.office, p, sheet.owner)
        if reading.submitted and record.submitted_at is None:
            after = datetime.fromisoformat((sheet.written or {}).get(READ_AT)
                                           or self.opened.isoformat())
            record.submitted_at = cycle_reads.submission_time(ref.modified, after, self.now)
            months.audit(self.session, self.ctx.office, p, self.now, sheet.owner, "dikirim",
                         sheet.key or "")
            self.ctx.progress(f"  {self._name(sheet.owner)} mengirim data")
        sheet.written = {**(sheet.written or {}), "structure": reading.structure,
                         READ_AT: self.now.isoformat()}
        sheet.last_version = ref.version

    def _judge(self) -> None:
        """Judge every row (a deadline passing changes blank rows without any edit)."""
        due = self.ctx.deadlines(self.period).submission_due_at
        settings = self.ctx.settings
        earlier = months.earlier_realizations(self.session, self.ctx.office, str(self.period))
        for entry in self.entries:
            agreement = self.agreements.get(entry.nip)
            if agreement is None:
                continue
            before = entry.status
            evaluate(entry, agreement.indicator(entry.code),
                     (entry.values or {}).get("realization"), self.period.month,
                     self.now > due, settings.rules, settings.achievement,
                     earlier.get((entry.nip, entry.code)), self.unreachable.get(entry.id))
            if entry.status == DIPERBAIKI and before != DIPERBAIKI:
                months.audit(self.session, self.ctx.office, str(self.period), self.now,
                             entry.nip, "diperbaiki", f"{entry.nip}/{entry.code}",
                             entry.realization or "")

    def _take_master(self, read: cycle_reads.MasterRead) -> None:
        ks = self.roster.approver(Role.KS)
        self.returned = review.apply_reviews(self.session, self.entries, read.reviews,
                                             master_layout().recap.first_data_row, self.now,
                                             ks.name if ks else "KS")
        self._judge()
        self.ticks = master_decision.take_ticks(self.ctx, self.session, self.period, read,
                                                self.entries, self.roster,
                                                len(self.sheets) - self.submitted_count,
                                                self.result.errors)

    def _state(self) -> SignOffState:
        return signoff.current_state(self.session, self.ctx.office, str(self.period))

    def _plan_officials(self) -> None:
        locked = Role.PP in self._state().signed
        read_cells = {r.sheet.key: grid_cells(official_layout(), r.grid) for r in self.reads}
        for sheet in self.sheets:
            if sheet.key is None or sheet.key not in self.refs:
                continue
            desired = desired_official(official_layout(), self.entries_of(sheet.owner), locked,
                                       (sheet.written or {}).get("structure", []))
            have = read_cells.get(sheet.key) or remembered_values(sheet)
            self.writes.append(Planned(sheet, desired, diff(self.session, sheet, desired, have)))

    def _plan_master(self) -> None:
        master = self.master
        if master is None or master.key not in self.refs:
            return
        p, layout, state = str(self.period), master_layout(), self._state()
        tick_notes = dict((master.written or {}).get("tick_notes", {}))
        for role in self.ticks.signed_now:
            tick_notes.pop(role.value, None)
        tick_notes.update({r.value: text for r, text in self.ticks.notes.items()})
        self.tick_notes = tick_notes
        desired = master_plan.desired(self.ctx, self.session, self.period, self.entries,
                                      self.roster, self.agreements, tick_notes,
                                      (self.submitted_count, len(self.sheets)))
        batch = diff(self.session, master, desired, remembered_values(master))
        places = self.master_read.places if self.master_read else fixed_places(layout)
        for role, value in self.ticks.force.items():  # undo or restore a person's tick
            cell = places.cells.get(role) or signoff_tick_cell(layout, role)
            batch.values.append((layout.signoff.tab, cell, [[value]]))
        batch.protect += restored(layout, self.roster, list(places.altered))  # if altered
        self.master_write = Planned(master, desired, batch)
        if Role.KD in state.signed:
            months.set_month_status(self.session, self.ctx.office, p, MonthStatus.APPROVED,
                                    self.now)

    # -- writes: the network only, then the record ------------------------------------------
    def write(self) -> None:
        for planned in self.writes:
            planned.outcome = self._apply(planned.sheet, planned.batch)
        master = self.master_write
        if master is None:
            return
        previous = master.sheet.last_version
        if self.master_read is not None:
            master.sheet.last_version = self.master_read.version
        master.outcome = self._apply(master.sheet, master.batch)
        if master.outcome is False:  # an undone tick not written: read the panel again
            master.sheet.last_version = previous

    def _apply(self, sheet: SpreadsheetRow, batch: WriteBatch) -> bool | None:
        """Write one batch; a failure is reported for this sheet only."""
        if batch.is_empty():
            return None
        try:
            version = self.ctx.backend.apply(sheet.key or "", batch)
        except SheetBackendError as error:
            self.result.errors.append(f"{sheet.title}: {error}")
            return False
        if version is not None:
            sheet.last_version = version
        sheet.written = {**(sheet.written or {}), WROTE_AT: self.now.isoformat()}
        self.result.changed += 1
        return True

    def record(self) -> None:
        read = {r.sheet.key for r in self.reads}
        for planned in [*self.writes, *([self.master_write] if self.master_write else [])]:
            if planned.outcome:
                remember(self.session, planned.sheet, planned.desired, planned.batch, self.now)
            elif planned.outcome is None and planned.sheet.key in read \
                    and memory_stale(planned.sheet, planned.desired):
                remember(self.session, planned.sheet, planned.desired, planned.batch, self.now,
                         found=True)
        if self.master_write is not None and self.master_write.outcome:
            sheet = self.master_write.sheet
            sheet.written = {**(sheet.written or {}), "tick_notes": self.tick_notes}
