"""Sign-off ticks in the master's panel (SOP steps 2/5, 3, 6, 7).

A tick counts only in order and only when nothing blocks it; otherwise the service undoes
it and says why in a note on the tick cell. Clearing an accepted tick withdraws it, while
nobody has signed after it; otherwise the tick is put back. The locks each sign-off adds
are derived from the recorded sign-offs by the write phase, so they cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.domain.roster import Role, Roster
from service.domain.row_status import BELUM_DIISI, BERMASALAH, DIKEMBALIKAN, REVIEW_OK
from service.domain.signoff import CHAIN, SignOffState
from service.sheets.layout import is_ticked
from service.sheets.port import CellValue
from service.store import month_repo as months
from service.store.models import RecapEntry, SignOffRow


@dataclass
class TickOutcome:
    """What the panel must show after this cycle: ticks to force and notes per role."""

    force: dict[Role, bool] = field(default_factory=dict)
    notes: dict[Role, str] = field(default_factory=dict)
    signed_now: list[Role] = field(default_factory=list)


def active_signoffs(session: Session, office: str, period: str) -> list[SignOffRow]:
    rows = session.scalars(select(SignOffRow).where(
        SignOffRow.office == office, SignOffRow.period == period,
        SignOffRow.withdrawn_at.is_(None)))
    by_role = {r.role: r for r in rows}
    return [by_role[r.value] for r in CHAIN if r.value in by_role]


def current_state(session: Session, office: str, period: str) -> SignOffState:
    return SignOffState(tuple(Role(r.role) for r in active_signoffs(session, office, period)))


def blockers(role: Role, entries: list[RecapEntry], unsubmitted: int) -> tuple[str, ...]:
    """Why `role` may not sign yet. PP vouches the recap is complete; KS that it was reviewed."""
    found: list[str] = []
    if role is Role.PP:
        if unsubmitted:
            found.append(f"{unsubmitted} pejabat belum mengirim data")
        open_rows = sum(e.status in (BELUM_DIISI, BERMASALAH, DIKEMBALIKAN) for e in entries)
        if open_rows:
            found.append(f"{open_rows} baris belum diisi, bermasalah, atau dikembalikan")
    if role is Role.KS:
        unreviewed = sum(e.review != REVIEW_OK for e in entries)
        if unreviewed:
            found.append(f"{unreviewed} baris belum direviu Sesuai")
    return tuple(found)


def apply_ticks(session: Session, office: str, period: str, ticks: dict[Role, CellValue],
                entries: list[RecapEntry], unsubmitted: int, roster: Roster,
                now: datetime) -> TickOutcome:
    outcome = TickOutcome()
    state = current_state(session, office, period)
    records = {Role(r.role): r for r in active_signoffs(session, office, period)}
    for role in reversed(CHAIN):  # withdraw from the end of the chain backwards
        if role in state.signed and not is_ticked(ticks.get(role)):
            decision = state.can_withdraw(role)
            if decision.accepted:
                state = state.withdraw(role)
                records[role].withdrawn_at = now
                months.audit(session, office, period, now, role.value, "pengesahan_ditarik",
                             role.value)
            else:
                outcome.force[role] = True
                outcome.notes[role] = decision.reason
    for role in CHAIN:
        if role in state.signed or not is_ticked(ticks.get(role)):
            continue
        decision = state.can_sign(role, blockers(role, entries, unsubmitted))
        if decision.accepted:
            state = state.sign(role)
            signer = roster.approver(role)
            session.add(SignOffRow(office=office, period=period, role=role.value,
                                   signer_nip=signer.nip if signer else None, signed_at=now))
            outcome.signed_now.append(role)
            months.audit(session, office, period, now, signer.name if signer else role.value,
                         "pengesahan", role.value)
        else:
            outcome.force[role] = False
            outcome.notes[role] = decision.reason
            months.audit(session, office, period, now, role.value, "centang_ditolak",
                         role.value, decision.reason)
    return outcome
