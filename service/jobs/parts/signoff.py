"""Sign-off ticks in the master's panel (SOP steps 2/5, 3, 6, 7).

A tick counts only in order and only when nothing blocks it; otherwise the service undoes
it and says why in a note on the tick cell. Clearing an accepted tick withdraws it, while
nobody has signed after it; otherwise the tick is put back. The locks each sign-off adds
are derived from the recorded sign-offs by the write phase, so they cannot drift. Each
accepted sign-off is a link in a hash chain over the cells it vouches for (domain/chain.py),
the evidence `jobs/tamper.py` checks the locked sheets against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from service.domain.chain import GENESIS, Link, make_link, utc_iso
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.row_status import BELUM_DIISI, BERMASALAH, DIKEMBALIKAN, REVIEW_OK
from service.domain.signoff import CHAIN, SignOffState
from service.jobs.parts.vouched import vouched_cells
from service.sheets.layout import is_ticked
from service.sheets.port import CellValue
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import RecapEntry, SignOffRow
from service.store.signoff_repo import active_signoffs


@dataclass
class TickOutcome:
    """What the panel must show after this cycle: ticks to force and notes per role."""

    force: dict[Role, bool] = field(default_factory=dict)
    notes: dict[Role, str] = field(default_factory=dict)
    signed_now: list[Role] = field(default_factory=list)


def record_signoff(session: Session, office: str, period: str, role: Role,
                   signer_nip: str | None, entries: list[RecapEntry], roster: Roster,
                   now: datetime) -> SignOffRow:
    """Add the sign-off with its link in the hash chain: the cells it vouches for, hashed
    together with the previous active sign-off's hash. Every way of signing (a tick read
    from the master, the local web page) goes through here so no link is ever missing."""
    month = Period.parse(period)
    sheets = months.spreadsheets(session, office, period)
    agreements = roster_repo.load_agreements(session, office, month.year)
    cells = vouched_cells(role, month, entries, sheets, roster, agreements)
    before = active_signoffs(session, office, period)
    previous = (before[-1].chain_hash or GENESIS) if before else GENESIS
    link = make_link(previous, office, period, role.value, signer_nip or "", now, cells)
    record = SignOffRow(office=office, period=period, role=role.value, signer_nip=signer_nip,
                        signed_at=now, values_hash=link.values_hash,
                        previous_hash=link.previous_hash, chain_hash=link.chain_hash,
                        vouched=cells)
    session.add(record)
    session.flush()
    return record


def chain_links(records: list[SignOffRow]) -> list[tuple[Link, dict[str, dict[str, str]]]]:
    """The stored links of active sign-offs, in chain order, for `chain.broken_links`."""
    return [(Link(r.role, r.signer_nip or "", utc_iso(r.signed_at), r.previous_hash or "",
                  r.values_hash or "", r.chain_hash or ""), r.vouched or {}) for r in records]


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


LINK_ONLY = ("Pada mode lokal, buku kerja tidak dapat mencatat siapa yang mencentang. "
             "Pengesahan hanya sah melalui tautan pribadi dari Penyusun Program; penarikan "
             "melalui Penyusun Program.")


def apply_ticks(session: Session, office: str, period: str, ticks: dict[Role, CellValue],
                entries: list[RecapEntry], unsubmitted: int, roster: Roster,
                now: datetime, ticks_prove_identity: bool = True) -> TickOutcome:
    """Turn the ticks read from the panel into sign-offs. Where a tick does not prove who
    made it (local workbooks), the panel only mirrors the recorded sign-offs: any tick that
    differs from them is put back, with a note saying how to sign instead."""
    outcome = TickOutcome()
    state = current_state(session, office, period)
    if not ticks_prove_identity:
        for role in CHAIN:
            if is_ticked(ticks.get(role)) != (role in state.signed):
                outcome.force[role] = role in state.signed
                outcome.notes[role] = LINK_ONLY
                months.audit(session, office, period, now, role.value, "centang_ditolak",
                             role.value, LINK_ONLY)
        return outcome
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
            record_signoff(session, office, period, role, signer.nip if signer else None,
                           entries, roster, now)
            outcome.signed_now.append(role)
            # The evidence is the cell's protection (only this approver may change it, read
            # where it is now: tick_places.py). Drive's "last modified by" is not: it lags
            # minutes behind and is often the service's own write of the panel.
            months.audit(session, office, period, now, signer.name if signer else role.value,
                         "pengesahan", role.value, "centang di sel yang dilindungi untuknya")
        else:
            outcome.force[role] = False
            outcome.notes[role] = decision.reason
            months.audit(session, office, period, now, role.value, "centang_ditolak",
                         role.value, decision.reason)
    return outcome
