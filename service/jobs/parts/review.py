"""The Kasubag's review (SOP steps 3-4): Sesuai / Tidak Sesuai per row, read from the master.

A "Tidak Sesuai" sends the row back: its cells open again in the official's sheet (the
write phase derives that from the entry), the reason becomes a note there, and the official
gets one email. The row stays "dikembalikan" until the official changes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from service.context import JobContext
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.row_status import REVIEW_RETURN, normalize_review
from service.jobs.parts.outbox import message_id, send_once
from service.notify.messages import returned_row
from service.sheets.port import Grid
from service.sheets.specs import KIND_OFFICIAL
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import RecapEntry

NO_REASON = "(alasan belum diisi Kasubag)"


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


def send_returned(ctx: JobContext, period: Period, roster: Roster,
                   item: Returned) -> None:
    """One e-mail per return of a row, to its official with the compiler in copy."""
    official = next((o for o in roster.officials if o.nip == item.nip), None)
    with ctx.db.session() as session:
        sheet = months.spreadsheet(session, ctx.office, str(period), KIND_OFFICIAL, item.nip)
        agreements = roster_repo.load_agreements(session, ctx.office, period.year)
        # the n-th return of this row: a row returned, fixed and returned again the same day
        # is a new message, not a repeat of the first
        times = len([a for a in months.audit_log(session, ctx.office, str(period),
                                                 "dikembalikan")
                     if a.target == f"{item.nip}/{item.code}"])
    if official is None or item.nip not in agreements:
        return
    indicator = agreements[item.nip].indicator(item.code)
    day = ctx.clock.now().date().isoformat()
    kind = f"kembali-{item.code}-{times}"
    compiler = roster.approver(Role.PP)
    mail = returned_row(official.name, official.email, period.label,
                        f"{indicator.code} {indicator.name}", item.reason,
                        ctx.backend.link(sheet.key) if sheet and sheet.key else "",
                        message_id(ctx, str(period), item.nip, kind, day),
                        fix_by=ctx.calendar.add_working_days(ctx.clock.now().date(), 1),
                        cc=(compiler.email,) if compiler else ())
    send_once(ctx, str(period), item.nip, kind, day, mail)
