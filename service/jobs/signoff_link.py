"""Signing through a personal link (local mode, SOP steps 2/5-7).

The approver opened a link only they received; the service checks the chain and the
blockers exactly as for a tick, records the sign-off (with its hash-chain link), writes the
tick into the master panel, and runs one reconcile cycle so the locks follow at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from service.context import JobContext
from service.domain.period import Period
from service.domain.roster import Role
from service.jobs.parts.signoff import blockers, current_state, record_signoff
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.layout import master_layout
from service.sheets.locks import signoff_tick_cell
from service.sheets.port import SheetBackendError, WriteBatch
from service.sheets.specs import KIND_MASTER
from service.store import month_repo as months
from service.store import roster_repo


@dataclass(frozen=True)
class LinkOutcome:
    accepted: bool
    message: str


def sign_with_link(ctx: JobContext, period: Period, role: Role, nip: str) -> LinkOutcome:
    p, now = str(period), ctx.clock.now()
    pull_and_reconcile(ctx, period)  # decide on what the sheets say now, not at the last pull
    with ctx.db.session() as session:
        roster = roster_repo.load_roster(session, ctx.office)
        approver = roster.approver(role)
        if approver is None or approver.nip != nip:
            return LinkOutcome(False, f"Tautan ini bukan untuk pemegang peran {role.value} saat "
                                      "ini; minta tautan baru kepada Penyusun Program.")
        state = current_state(session, ctx.office, p)
        if role in state.signed:
            return LinkOutcome(True, f"{approver.name} sudah mengesahkan sebagai {role.value}.")
        entries = months.recap_entries(session, ctx.office, p)
        unsubmitted = len(months.not_submitted(session, ctx.office, p))
        decision = state.can_sign(role, blockers(role, entries, unsubmitted))
        if not decision.accepted:
            months.audit(session, ctx.office, p, now, approver.name, "centang_ditolak",
                         role.value, decision.reason)
            return LinkOutcome(False, decision.reason)
        try:
            with session.begin_nested():
                record_signoff(session, ctx.office, p, role, approver.nip, entries, roster,
                               now)
        except IntegrityError:  # signed a moment ago by the same link (a double click)
            return LinkOutcome(True, f"{approver.name} sudah mengesahkan sebagai {role.value}.")
        months.audit(session, ctx.office, p, now, approver.name, "pengesahan", role.value,
                     "lewat tautan pribadi")
        master = months.spreadsheet(session, ctx.office, p, KIND_MASTER)
    if master is not None and master.key:
        layout = master_layout()
        try:  # if this write fails, the next cycle puts the tick back from the record
            ctx.backend.apply(master.key, WriteBatch(values=[
                (layout.signoff.tab, signoff_tick_cell(layout, role), [[True]])]))
        except SheetBackendError as error:
            ctx.progress(f"  centang {role.value} belum tertulis: {error}")
    pull_and_reconcile(ctx, period)
    return LinkOutcome(True, f"Terima kasih, {approver.name}: pengesahan {role.value} "
                             f"{period.label} tercatat.")
