"""Remind officials who have not submitted (SOP step 1), and escalate persistent lateness.

Kinds, each at most once per person per working day (the outbox key):
- "sebelum": the working day before the submission deadline;
- "hari-h": on the deadline day;
- "terlambat": each working day after it;
- "eskalasi": to the compiler and the Kasubag, once a day, once someone is N working days late.
Nothing is sent on a day off, so a weekend never produces a pile of notices on Monday.
"""

from __future__ import annotations

from datetime import date

from service.context import JobContext, JobResult
from service.domain.month import MonthStatus
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.jobs.parts.outbox import message_id, retry_pending, send_once
from service.jobs.parts.remind_approvers import remind_waiting_approver
from service.notify.messages import (
    LateOfficial,
    escalation,
    overdue_notice,
    reminder_before_deadline,
    reminder_on_deadline,
)
from service.sheets.specs import KIND_MASTER, KIND_OFFICIAL
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import SpreadsheetRow

LETTERS = {"sebelum": reminder_before_deadline, "hari-h": reminder_on_deadline}


def remind(ctx: JobContext, period: Period) -> JobResult:
    result = JobResult("remind", str(period))
    p, today = str(period), ctx.clock.now().date()
    deadline = ctx.deadlines(period).submission
    calendar = ctx.calendar
    result.changed += retry_pending(ctx, p)
    if not calendar.is_working_day(today):
        result.say(
            f"{today.isoformat()} hari libur ({calendar.day_off_reason(today)}): "
            "tidak ada pengingat"
        )
        return result
    if today < calendar.add_working_days(deadline, -1):
        result.say("belum waktunya mengirim pengingat")
        return result
    with ctx.db.session() as session:
        month = months.get_month(session, ctx.office, p)
        if month is None or month.status != MonthStatus.PREPARED:
            result.say("tidak ada pengingat untuk periode ini")
            return result
        roster = roster_repo.load_roster(session, ctx.office)
        sheets = months.spreadsheets(session, ctx.office, p, KIND_OFFICIAL)
        master = months.spreadsheet(session, ctx.office, p, KIND_MASTER)
        submitted = months.submissions(session, ctx.office, p)
        entries = months.recap_entries(session, ctx.office, p)
        agreements = roster_repo.load_agreements(session, ctx.office, period.year)
    if today < deadline:
        kind = "sebelum"
    elif today == deadline:
        kind = "hari-h"
    else:
        kind = "terlambat"
    days_late = calendar.working_days_between(deadline, today) if today > deadline else 0
    late: list[LateOfficial] = []
    people = {o.nip: o for o in roster.officials}
    for sheet in sheets:
        record = submitted.get(sheet.owner)
        if record is not None and record.submitted_at is not None:
            continue
        if sheet.owner not in people or sheet.owner not in agreements:
            result.errors.append(f"NIP {sheet.owner} tidak lagi di daftar pegawai; tanpa "
                                 "pengingat")
            continue
        official = people[sheet.owner]
        names = {i.code: i.name for i in agreements[sheet.owner].indicators}
        missing = [
            f"{e.code} {names.get(e.code, '')}".strip()
            for e in entries
            if e.nip == sheet.owner and e.realization is None
        ]
        mid = message_id(ctx, p, official.nip, kind, today.isoformat())
        link = ctx.backend.link(sheet.key) if sheet.key else ""
        if kind == "terlambat":
            mail = overdue_notice(official.name, official.email, period.label, deadline,
                                  missing, link, mid, days_late=days_late)
        else:
            mail = LETTERS[kind](official.name, official.email, period.label, deadline,
                                 missing, link, mid)
        outcome = send_once(ctx, p, official.nip, kind, today.isoformat(), mail)
        if outcome == "sent":
            result.changed += 1
            ctx.progress(f"  pengingat '{kind}' ke {official.name}")
        elif outcome in ("failed", "retry"):
            result.errors.append(f"pengingat ke {official.name} gagal ({outcome})")
        late.append(LateOfficial(official.name, official.unit, len(missing), days_late))
    if remind_waiting_approver(ctx, period, roster, master):
        result.changed += 1
    threshold = ctx.settings.escalate_after_working_days
    if kind == "terlambat" and days_late >= threshold and late:
        _escalate(ctx, period, roster, late, deadline, today, master, result)
    result.say(f"{result.changed} email terkirim ({kind}); {len(late)} pejabat belum mengirim")
    return result


def _escalate(
    ctx: JobContext,
    period: Period,
    roster: Roster,
    late: list[LateOfficial],
    deadline: date,
    today: date,
    master: SpreadsheetRow | None,
    result: JobResult,
) -> None:
    """One message a day to the compiler and the Kasubag listing everyone still late."""
    to = [o.email for r in (Role.PP, Role.KS) if (o := roster.approver(r)) is not None]
    if not to:
        return
    mid = message_id(ctx, str(period), "kantor", "eskalasi", today.isoformat())
    link = ctx.backend.link(master.key) if master and master.key else ""
    mail = escalation(to, period.label, deadline, late, link, mid)
    if send_once(ctx, str(period), "kantor", "eskalasi", today.isoformat(), mail) == "sent":
        result.changed += 1
        ctx.progress(f"  eskalasi ke PP dan KS: {len(late)} pejabat terlambat")
