"""Pull and reconcile one month (SOP steps 2-7 as seen from the sheets).

One cycle: list the month's folder once; read only the sheets whose version changed (one
request each); judge every row; read the master only if it changed (reviews and ticks); then
write each sheet's difference in one batch. A sheet that fails is reported and skipped, the
rest of the month carries on; a rerun with nothing new writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from service.domain.agreement import Agreement
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.row_status import DIPERBAIKI
from service.domain.signoff import CHAIN
from service.jobs import master_sheet, review, signoff
from service.jobs.context import JobContext, JobResult
from service.jobs.official_sheet import parse_official_grid, read_range
from service.jobs.outbox import message_id, send_once
from service.jobs.rows import evaluate, update_entries
from service.jobs.sheet_writes import desired_official, diff, remember, remembered_values
from service.notify.messages import returned_row
from service.sheets.layout import master_layout, official_layout
from service.sheets.port import SheetBackendError, WriteBatch
from service.sheets.specs import KIND_MASTER, KIND_OFFICIAL, signoff_tick_cell
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import RecapEntry, SpreadsheetRow


def pull_and_reconcile(ctx: JobContext, period: Period) -> JobResult:
    result = JobResult("pull", str(period))
    p, now = str(period), ctx.clock.now()
    layout, mlayout = official_layout(), master_layout()
    with ctx.db.session() as session:
        month = months.get_month(session, ctx.office, p)
        if month is None:
            result.errors.append(f"periode {p} belum disiapkan: jalankan `kinerja provision {p}`")
            return result
        if month.status == "diarsip":
            result.say(f"periode {p} sudah diarsip; tidak ada yang ditarik")
            return result
        folder = month.folder or ""
    refs = {ref.key: ref for ref in ctx.backend.list_spreadsheets(folder)}
    deadline_passed = now > ctx.deadlines(period).submission_due_at

    with ctx.db.session() as session:
        roster = roster_repo.load_roster(session, ctx.office)
        agreements = roster_repo.load_agreements(session, ctx.office, period.year)
        sheets = months.spreadsheets(session, ctx.office, p, KIND_OFFICIAL)
        master = months.spreadsheet(session, ctx.office, p, KIND_MASTER)
        entries = months.recap_entries(session, ctx.office, p)
        by_nip: dict[str, list] = {}
        for entry in entries:
            by_nip.setdefault(entry.nip, []).append(entry)
        current: dict[str, dict] = {}
        cells_changed = 0

        # 1. read the officials' sheets that changed
        for sheet in sheets:
            ref = refs.get(sheet.key or "")
            if ref is None:
                result.errors.append(f"lembar {sheet.title} tidak ditemukan di folder")
                continue
            if ref.version == sheet.last_version:
                continue
            indicators = agreements[sheet.owner].indicators
            try:
                grid = ctx.backend.read_values(sheet.key, [read_range(layout, len(indicators))])[0]
            except SheetBackendError as error:
                result.errors.append(f"{sheet.title}: {error}")
                continue
            reading = parse_official_grid(layout, indicators, grid, period.month)
            changed = update_entries(session, by_nip.get(sheet.owner, []), reading, ref, now)
            submission = months.submission(session, ctx.office, p, sheet.owner)
            if reading.submitted and submission.submitted_at is None:
                submission.submitted_at = now
                months.audit(session, ctx.office, p, now, sheet.owner, "dikirim", sheet.key)
                ctx.progress(f"  {roster.by_nip(sheet.owner).name} mengirim data")
            written = dict(sheet.written or {})
            written["structure"] = reading.structure
            sheet.written = written
            sheet.last_version = ref.version
            current[sheet.key] = {
                (layout.table.tab, f"{c}{r}"): grid[r - 1][i] if r - 1 < len(grid)
                and i < len(grid[r - 1]) else None
                for r in range(1, len(grid) + 1)
                for i, c in enumerate(col.letter for col in layout.table.columns)
            }
            cells_changed += changed

        # 2. judge every row (a deadline passing changes blank rows without any edit)
        judge = _judge(ctx, session, period, entries, agreements, deadline_passed)
        judge()

        # 3. the master: reviews and ticks, only when someone changed it
        outcome = signoff.TickOutcome()
        returned: list[review.Returned] = []
        submitted = months.submissions(session, ctx.office, p)
        unsubmitted = sum(1 for s in sheets if not (submitted.get(s.owner)
                                                   and submitted[s.owner].submitted_at))
        mref = refs.get(master.key or "") if master else None
        if master and mref and mref.version != master.last_version:
            recap = mlayout.recap
            review_range = (f"{recap.col('review')}{recap.first_data_row}:"
                            f"{recap.last_col}{recap.last_data_row(len(entries))}")
            first_tick = signoff_tick_cell(mlayout, Role.PP)
            last_tick = signoff_tick_cell(mlayout, Role.KD)
            try:
                reviews, ticks = ctx.backend.read_values(master.key, [
                    (recap.tab, review_range), (mlayout.signoff.tab, f"{first_tick}:{last_tick}")])
            except SheetBackendError as error:
                result.errors.append(f"rekap induk: {error}")
            else:
                ks = roster.approver(Role.KS)
                returned = review.apply_reviews(session, entries, reviews, recap.first_data_row,
                                                now, ks.name if ks else "KS")
                judge()
                tick_values = {role: (ticks[i][0] if i < len(ticks) and ticks[i] else None)
                               for i, role in enumerate(CHAIN)}
                outcome = signoff.apply_ticks(session, ctx.office, p, tick_values, entries,
                                              unsubmitted, roster, now)
                master.last_version = mref.version
                for role in outcome.signed_now:
                    ctx.progress(f"  pengesahan {role.value} diterima")
                for role, reason in outcome.notes.items():
                    ctx.progress(f"  centang {role.value} dibatalkan: {reason}")
        state = signoff.current_state(session, ctx.office, p)
        pp_signed = Role.PP in state.signed

        # 4. write the officials' sheets
        for sheet in sheets:
            if sheet.key is None or sheet.key not in refs:
                continue
            desired = desired_official(layout, by_nip.get(sheet.owner, []), pp_signed,
                                       (sheet.written or {}).get("structure", []))
            have = current.get(sheet.key) or remembered_values(sheet)
            batch = diff(session, sheet, desired, have)
            if _apply(ctx, result, sheet, batch):
                remember(session, sheet, desired, batch, now)

        # 5. write the master
        if master and master.key in refs:
            officials = {o.nip: o for o in roster.officials}
            summary = master_sheet.summary_frame(
                entries, officials, {n: s.submitted_at for n, s in submitted.items()},
                ctx.deadlines(period).submission_due_at)
            status = master_sheet.status_line(entries, len(sheets) - unsubmitted, len(sheets),
                                              list(state.signed))
            tick_notes = dict((master.written or {}).get("tick_notes", {}))
            for role in outcome.signed_now:
                tick_notes.pop(role.value, None)
            tick_notes.update({r.value: text for r, text in outcome.notes.items()})
            desired = master_sheet.desired_master(
                mlayout, entries, summary, status,
                signoff.active_signoffs(session, ctx.office, p), tick_notes)
            batch = diff(session, master, desired, remembered_values(master))
            for role, value in outcome.force.items():
                batch.values.append((mlayout.signoff.tab, signoff_tick_cell(mlayout, role),
                                     [[value]]))
            if _apply(ctx, result, master, batch):
                remember(session, master, desired, batch, now)
                written = dict(master.written or {})
                written["tick_notes"] = tick_notes
                master.written = written
        if Role.KD in state.signed:
            months.set_month_status(session, ctx.office, p, "disahkan", now)
        submitted_count = len(sheets) - unsubmitted

    for item in returned:
        _send_returned(ctx, period, roster, item)
    result.say(f"{submitted_count}/{len(sheets)} pejabat sudah mengirim; {cells_changed} sel "
               f"diisi/diubah; {result.changed} lembar ditulis; {len(returned)} baris dikembalikan")
    return result


def _judge(ctx: JobContext, session: Session, period: Period, entries: list[RecapEntry],
           agreements: dict[str, Agreement], deadline_passed: bool) -> Callable[[], None]:
    """Re-derive every row's findings and status from stored values; log answered returns."""

    def judge() -> None:
        for entry in entries:
            agreement = agreements.get(entry.nip)
            if agreement is None:
                continue
            before = entry.status
            evaluate(entry, agreement.indicator(entry.code),
                     (entry.values or {}).get("realization"), period.month, deadline_passed,
                     ctx.settings.rules, ctx.settings.achievement)
            if entry.status == DIPERBAIKI and before != DIPERBAIKI:
                months.audit(session, ctx.office, str(period), ctx.clock.now(), entry.nip,
                             "diperbaiki", f"{entry.nip}/{entry.code}", entry.realization or "")

    return judge


def _apply(ctx: JobContext, result: JobResult, sheet: SpreadsheetRow, batch: WriteBatch) -> bool:
    """Write one batch; a failure is reported for this sheet only."""
    if batch.is_empty():
        return False
    try:
        version = ctx.backend.apply(sheet.key, batch)
    except SheetBackendError as error:
        result.errors.append(f"{sheet.title}: {error}")
        return False
    if version is not None:
        sheet.last_version = version
    result.changed += 1
    return True


def _send_returned(ctx: JobContext, period: Period, roster: Roster,
                   item: review.Returned) -> None:
    official = roster.by_nip(item.nip)
    with ctx.db.session() as session:
        sheet = months.spreadsheet(session, ctx.office, str(period), KIND_OFFICIAL, item.nip)
        agreements = roster_repo.load_agreements(session, ctx.office, period.year)
    indicator = agreements[item.nip].indicator(item.code)
    day = ctx.clock.now().date().isoformat()
    kind = f"kembali-{item.code}"
    mail = returned_row(official.name, official.email, period.label,
                        f"{indicator.code} {indicator.name}", item.reason,
                        ctx.backend.link(sheet.key) if sheet and sheet.key else "",
                        message_id(ctx, str(period), item.nip, kind, day))
    send_once(ctx, str(period), item.nip, kind, day, mail)
