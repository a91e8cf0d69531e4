"""The approvers' ticks read from the master, turned into sign-offs (SOP steps 5-7)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.context import JobContext
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.signoff import CHAIN
from service.jobs.parts import signoff
from service.jobs.parts.cycle_reads import MasterRead
from service.sheets.port import CellValue
from service.store.models import RecapEntry


def take_ticks(ctx: JobContext, session: Session, period: Period, read: MasterRead,
               entries: list[RecapEntry], roster: Roster, unsubmitted: int,
               errors: list[str]) -> signoff.TickOutcome:
    p, now = str(period), ctx.clock.now()
    signed = signoff.current_state(session, ctx.office, p).signed
    places = read.places
    # an untrusted tick is taken as recorded: it neither signs nor withdraws
    values: dict[Role, CellValue] = {
        role: (role in signed) if role in places.altered
        else (read.ticks[role][0][0] if read.ticks[role] and read.ticks[role][0] else None)
        for role in CHAIN}
    ticks = signoff.apply_ticks(session, ctx.office, p, values, entries, unsubmitted, roster,
                                now, ctx.backend.ticks_prove_identity)
    for role, why in places.altered.items():
        ticks.notes[role] = (f"Centang tidak dibaca: {why}. Layanan memasang kembali "
                             "perlindungannya; centang lagi bila perlu.")
        errors.append(f"rekap induk: centang {role.value}: {why}")
    for role, cell in places.moved.items():
        errors.append(f"rekap induk: centang {role.value} bergeser ke {cell} (baris/kolom "
                      "disisipkan di panel pengesahan); dibaca di tempat barunya, kembalikan "
                      "susunan panelnya")
    for role in ticks.signed_now:
        ctx.progress(f"  pengesahan {role.value} diterima")
    for role, reason in ticks.notes.items():
        ctx.progress(f"  centang {role.value} dibatalkan: {reason}")
    return ticks
