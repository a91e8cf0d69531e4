"""Remind an approver whose sign-off has waited longer than its SOP time standard.

The wait starts when the step before them ended: for the compiler (PP) when the last
official submitted (or, with data still missing, when the collection closed), for KS/SK/KD
when the previous approver signed. One reminder per approver per working day at most (the
outbox key has the day).
"""

from __future__ import annotations

from datetime import datetime

from service.context import JobContext
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.sla import sop_step
from service.jobs.parts.outbox import message_id, send_once
from service.jobs.parts.signoff import current_state
from service.jobs.parts.signoff_tokens import SignOffGrant, make_token, secret_key, signoff_url
from service.notify.messages import signoff_waiting
from service.store import month_repo as months
from service.store.models import SpreadsheetRow
from service.store.signoff_repo import active_signoffs

SOP_STEP_OF = {Role.PP: 2, Role.KS: 3, Role.SK: 6, Role.KD: 7}


def waiting_since(ctx: JobContext, period: Period, role: Role) -> datetime | None:
    p = str(period)
    with ctx.db.session() as session:
        if role is Role.PP:
            records = months.submissions(session, ctx.office, p)
            sheets = months.spreadsheets(session, ctx.office, p, "pj")
            times = [records[s.owner].submitted_at for s in sheets
                     if s.owner in records and records[s.owner].submitted_at]
            closing = ctx.deadlines(period).closing_due_at
            if len(times) == len(sheets) and times:
                return max(times)  # type: ignore[type-var]  # all data in: PP can start
            return closing if ctx.clock.now() > closing else None  # closed with gaps
        signed = {Role(r.role): r.signed_at for r in active_signoffs(session, ctx.office, p)}
    chain = list(SOP_STEP_OF)
    return signed.get(chain[chain.index(role) - 1])


def remind_waiting_approver(ctx: JobContext, period: Period, roster: Roster,
                            master: SpreadsheetRow | None) -> str | None:
    """Returns the role reminded, if any."""
    with ctx.db.session() as session:
        role = current_state(session, ctx.office, str(period)).next_role
    approver = roster.approver(role) if role else None
    if role is None or approver is None:
        return None
    since = waiting_since(ctx, period, role)
    allowed = sop_step(SOP_STEP_OF[role]).allowed_working_time(ctx.calendar)
    now = ctx.clock.now()
    if since is None or allowed is None or ctx.calendar.working_time_between(since, now) <= allowed:
        return None
    day = now.date().isoformat()
    kind = f"tunggu-{role.value}"
    link = ctx.backend.link(master.key) if master and master.key else ""
    personal = None
    if not ctx.backend.ticks_prove_identity:  # local mode: only the personal link signs
        token = make_token(secret_key(ctx.settings.workspace),
                           SignOffGrant(ctx.office, period, role, approver.nip))
        personal = signoff_url(ctx.settings.web_base_url, token)
    mail = signoff_waiting(approver.name, approver.email, period.label, role.value, since, link,
                           message_id(ctx, str(period), approver.nip, kind, day),
                           personal_link=personal)
    if send_once(ctx, str(period), approver.nip, kind, day, mail) == "sent":
        ctx.progress(f"  pengingat pengesahan ke {approver.name} ({role.value})")
        return role.value
    return None
