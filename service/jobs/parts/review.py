"""The Kasubag's review (SOP steps 3-4): Sesuai / Tidak Sesuai per row, read from the master.

A "Tidak Sesuai" sends the row back: its cells open again in the official's sheet (the
write phase derives that from the entry), the reason becomes a note there, and the official
gets one email. The row stays "dikembalikan" until the official changes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from service.context import JobContext
from service.domain.agreement import Agreement
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.row_status import REVIEW_RETURN, normalize_review
from service.jobs.parts.outbox import deliver, message_id
from service.notify.messages import returned_row
from service.sheets.port import Grid
from service.sheets.specs import KIND_OFFICIAL
from service.store import month_repo as months
from service.store import outbox_repo as outbox
from service.store.models import RecapEntry

NO_REASON = "(alasan belum diisi Kasubag)"
RETURN_KIND = "kembali-"  # outbox kind of a returned-row message


@dataclass(frozen=True)
class Returned:
    nip: str
    code: str
    reason: str


def apply_reviews(session: Session, entries: list[RecapEntry], grid: Grid, first_row: int,
                  now: datetime, actor: str) -> list[Returned]:
    """`grid` holds the review and reason columns from `first_row` down."""
    returned: list[Returned] = []
    for entry in entries:
        index = entry.master_row - first_row
        cells = grid[index] if index < len(grid) else []
        review = normalize_review(cells[0] if cells else None)
        reason = str(cells[1]).strip() if len(cells) > 1 and cells[1] is not None else None
        if review == REVIEW_RETURN:
            reason = reason or NO_REASON
            if entry.review != REVIEW_RETURN:
                entry.returned_values = dict(entry.values or {})
                entry.previous = (entry.values or {}).get("realization")
                returned.append(Returned(entry.nip, entry.code, reason))
                months.audit(session, entry.office, entry.period, now, actor, "dikembalikan",
                             f"{entry.nip}/{entry.code}", reason)
        elif entry.review == REVIEW_RETURN:
            entry.returned_values = None
            months.audit(session, entry.office, entry.period, now, actor, "reviu_diubah",
                         f"{entry.nip}/{entry.code}", review or "kosong")
        if review is not None and entry.review != review:
            months.audit(session, entry.office, entry.period, now, actor, "reviu",
                         f"{entry.nip}/{entry.code}", review)
        entry.review = review
        entry.review_reason = reason if review == REVIEW_RETURN else None
    return returned


def queue_returned(ctx: JobContext, session: Session, period: Period, roster: Roster,
                   agreements: Mapping[str, Agreement], item: Returned) -> None:
    """Put the e-mail for one return of a row in the outbox, in the transaction that records
    the return: committed together, so a crash can delay the message but never lose it."""
    official = next((o for o in roster.officials if o.nip == item.nip), None)
    if official is None or item.nip not in agreements:
        return
    p = str(period)
    sheet = months.spreadsheet(session, ctx.office, p, KIND_OFFICIAL, item.nip)
    # the n-th return of this row: a row returned, fixed and returned again the same day
    # is a new message, not a repeat of the first
    times = len([a for a in months.audit_log(session, ctx.office, p, "dikembalikan")
                 if a.target == f"{item.nip}/{item.code}"])
    indicator = agreements[item.nip].indicator(item.code)
    now = ctx.clock.now()
    day, kind = now.date().isoformat(), f"{RETURN_KIND}{item.code}-{times}"
    compiler = roster.approver(Role.PP)
    mail = returned_row(official.name, official.email, period.label,
                        f"{indicator.code} {indicator.name}", item.reason,
                        ctx.backend.link(sheet.key) if sheet and sheet.key else "",
                        message_id(ctx, p, item.nip, kind, day),
                        fix_by=ctx.calendar.add_working_days(now.date(), 1),
                        cc=(compiler.email,) if compiler else ())
    outbox.enqueue(session, ctx.office, p, item.nip, kind, day, mail, now)


def deliver_returned(ctx: JobContext, period: str) -> int:
    """Send the returned-row messages still waiting, this cycle's and any a crash left."""
    with ctx.db.session() as session:
        waiting = [(r.id, outbox.message_of(r)) for r in outbox.pending(session, ctx.office,
                                                                        period)
                   if r.kind.startswith(RETURN_KIND) and r.payload]
    sent = 0
    for row_id, mail in waiting:
        with ctx.db.session() as session:
            if not outbox.claim(session, row_id):
                continue
        sent += deliver(ctx, row_id, mail, period) == "sent"
    return sent
