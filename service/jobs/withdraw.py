"""Withdrawing a sign-off with a reason, and reopening an approved month (SOP steps 5-8).

An approver may withdraw their sign-off while nobody has signed after them; after the Head's
approval the month is closed and only an admin's reopen brings it back, withdrawing KD (and,
if asked, the chain back to an earlier role). Both record who and why in the audit log and
clear the ticks in the master through the backend. The locks a sign-off added need no
separate undo: the next pull derives the locks from the active sign-offs and drops them. A
reopen also lifts the archive's locks; the archived version stays as it is, and approving
again archives a new version beside it.

The tick is cleared in the sheet before the database records the withdrawal (both in one
unit of work): if the write fails nothing changes, and a tick left on in the sheet can
never be read back as a fresh sign-off.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from service.context import JobContext, JobResult
from service.domain.month import MonthStatus
from service.domain.period import Period
from service.domain.roster import Role
from service.domain.signoff import CHAIN, SIGNOFF_LABELS
from service.domain.words import waktu
from service.jobs.archive import ARCHIVE_LOCK, HASH_ROWS
from service.jobs.parts.signoff import current_state
from service.sheets.layout import master_layout
from service.sheets.locks import signoff_tick_cell
from service.sheets.port import CellValue, SheetBackendError, WriteBatch
from service.sheets.specs import KIND_MASTER
from service.store import month_repo as months
from service.store.models import MonthRow, SignOffRow, SpreadsheetRow
from service.store.signoff_repo import active_signoffs


class SignOffRefused(ValueError):
    """The request is not allowed; the message says why, in Indonesian, for the person."""


def _role(role: Role | str) -> Role:
    try:
        return role if isinstance(role, Role) else Role(str(role).strip().upper())
    except ValueError as error:
        raise SignOffRefused(f"peran {role!r} tidak dikenal; pilih salah satu dari "
                             f"{', '.join(r.value for r in CHAIN)}") from error


def _reason(reason: str) -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise SignOffRefused("alasan wajib diisi (--reason)")
    return text


def withdraw_signoff(ctx: JobContext, period: Period, role: Role | str, reason: str,
                     actor: str) -> JobResult:
    """Withdraw `role`'s sign-off; refused after a later sign-off, and for KD (use reopen)."""
    role, reason, p = _role(role), _reason(reason), str(period)
    result = JobResult("signoff-withdraw", p)
    with ctx.db.session() as session:
        state = current_state(session, ctx.office, p)
        if role not in state.signed:
            raise SignOffRefused(f"{SIGNOFF_LABELS[role]} belum diberikan untuk periode {p}; "
                                 "tidak ada yang ditarik")
        later = [r for r in state.signed if CHAIN.index(r) > CHAIN.index(role)]
        if later:
            then = ("bulan sudah disahkan: buka kembali dengan `kinerja month reopen`"
                    if Role.KD in later else
                    f"{later[-1].value} harus menarik pengesahannya lebih dulu")
            raise SignOffRefused(f"Penarikan {role.value} ditolak: {later[0].value} sudah "
                                 f"menandatangani sesudahnya; {then}.")
        decision = state.can_withdraw(role)
        if not decision.accepted:
            raise SignOffRefused(f"Penarikan {role.value} ditolak: {decision.reason}")
        _clear_ticks(ctx, session, p, [role], WriteBatch())
        _mark_withdrawn(session, ctx.office, p, [role], reason, actor, ctx.clock.now())
    result.changed = 1
    result.say(f"pengesahan {role.value} periode {p} ditarik oleh {actor}: {reason}")
    result.say("kunci yang ditambahkannya dilepas pada penarikan data berikutnya "
               f"(`kinerja pull {p}`)")
    return result


def reopen_month(ctx: JobContext, period: Period, reason: str, actor: str,
                 back_to: Role | str | None = None) -> JobResult:
    """Reopen an approved (or archived) month: withdraw KD, or the chain back to `back_to`,
    set the month to work again and lift the archive locks. The archive is kept."""
    reason, p, now = _reason(reason), str(period), ctx.clock.now()
    first = _role(back_to) if back_to is not None else Role.KD
    result = JobResult("month-reopen", p)
    with ctx.db.session() as session:
        if Role.KD not in current_state(session, ctx.office, p).signed:
            raise SignOffRefused(f"periode {p} belum disahkan Kepala Dinas; tidak perlu "
                                 "dibuka kembali (tarik pengesahan dengan `kinerja signoff "
                                 "withdraw`)")
        roles = list(reversed(CHAIN[CHAIN.index(first):]))
        batch = WriteBatch()
        layout = master_layout()
        panel = layout.signoff
        row = panel.first_data_row + len(CHAIN) + 1  # where the archive wrote its hashes
        blank: list[CellValue] = [""] * 7
        batch.values.append((panel.tab, f"A{row}", [
            ["Dibuka kembali:", reason, "", "", "", "", waktu(now)],
            *[list(blank) for _ in range(HASH_ROWS - 1)]]))
        _clear_ticks(ctx, session, p, roles, batch)
        _mark_withdrawn(session, ctx.office, p, roles, reason, actor, now)
        month = session.get(MonthRow, (ctx.office, p))
        if month is not None:
            month.status, month.closed_at = MonthStatus.PREPARED, None
        months.audit(session, ctx.office, p, now, actor, "bulan_dibuka_kembali", p,
                     f"{reason} (ditarik: {', '.join(r.value for r in roles)})")
        sheets = [s for s in months.spreadsheets(session, ctx.office, p)
                  if s.kind != KIND_MASTER and s.key]
    lifted = sum(_lift_archive_locks(ctx, sheet) for sheet in sheets)
    result.changed = 1 + lifted
    result.say(f"periode {p} dibuka kembali oleh {actor}: {reason}")
    result.say(f"pengesahan ditarik: {', '.join(r.value for r in roles)}; kunci arsip dilepas "
               f"di {lifted + 1} lembar; arsip sebelumnya tetap disimpan")
    return result


def _clear_ticks(ctx: JobContext, session: Session, period: str, roles: list[Role],
                 batch: WriteBatch) -> None:
    """One batch to the master: untick `roles` (plus what the caller put in `batch`), and
    lift the archive's locks there. Raises SignOffRefused if the sheet cannot be written."""
    master = months.spreadsheet(session, ctx.office, period, KIND_MASTER)
    if master is None or not master.key:
        raise SignOffRefused(f"rekap induk periode {period} tidak ditemukan")
    layout = master_layout()
    for role in roles:
        batch.values.append((layout.signoff.tab, signoff_tick_cell(layout, role), [[False]]))
    try:
        batch.unprotect = _archive_lock_names(ctx, master.key)
        ctx.backend.apply(master.key, batch)
    except SheetBackendError as error:
        raise SignOffRefused(f"rekap induk tidak dapat ditulis: {error}; coba lagi") from error
    master.locks = [name for name in (master.locks or []) if name != ARCHIVE_LOCK]


def _archive_lock_names(ctx: JobContext, key: str) -> list[str]:
    return sorted(p.name for p in ctx.backend.list_protections(key)
                  if p.name.startswith(f"{ARCHIVE_LOCK}-"))


def _lift_archive_locks(ctx: JobContext, sheet: SpreadsheetRow) -> int:
    """Remove `kunci-arsip-*` from one official's sheet; its own row locks stay with PP."""
    try:
        names = _archive_lock_names(ctx, sheet.key or "")
        if names:
            ctx.backend.apply(sheet.key or "", WriteBatch(unprotect=names))
    except SheetBackendError as error:
        ctx.progress(f"  {sheet.title}: kunci arsip belum dapat dilepas: {error}")
        return 0
    with ctx.db.session() as session:
        row = session.get(SpreadsheetRow, sheet.id)
        if row is not None:
            row.locks = [name for name in (row.locks or []) if name != ARCHIVE_LOCK]
    return 1 if names else 0


def _mark_withdrawn(session: Session, office: str, period: str, roles: list[Role],
                    reason: str, actor: str, now: datetime) -> None:
    records: dict[str, SignOffRow] = {r.role: r for r in active_signoffs(session, office,
                                                                          period)}
    for role in roles:
        record = records.get(role.value)
        if record is None:
            continue
        record.withdrawn_at, record.withdrawn_reason = now, reason
        months.audit(session, office, period, now, actor, "pengesahan_ditarik", role.value,
                     reason)
