"""Read models of a month for the CLI, the web page and the demo: status and SLA.

SOP step times are derived from what the service already records (submissions, the audit
log, sign-offs, the archive), so there is no second bookkeeping that could disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.domain.period import Period
from service.domain.row_status import BELUM_DIISI, BERMASALAH, DIKEMBALIKAN
from service.domain.sla import (
    OfficialSubmissionRow,
    SlaRow,
    StepTiming,
    sla_report,
    submission_report,
)
from service.jobs.context import JobContext
from service.jobs.signoff import active_signoffs
from service.sheets.specs import KIND_OFFICIAL
from service.store import month_repo as months
from service.store import outbox_repo, roster_repo
from service.store.models import ArchiveRow


@dataclass
class OfficialStatus:
    nip: str
    name: str
    unit: str
    submitted_at: datetime | None
    rows: int
    filled: int
    flagged: int
    returned: int
    sheet: str

    @property
    def state(self) -> str:
        if self.returned:
            return "dikembalikan"
        if self.flagged:
            return "bermasalah"
        if self.submitted_at:
            return "terkirim"
        return "belum mengirim" if self.filled < self.rows else "terisi, belum dikirim"


@dataclass
class MonthStatus:
    period: Period
    status: str
    officials: list[OfficialStatus] = field(default_factory=list)
    signoffs: dict[str, datetime] = field(default_factory=dict)
    reminders: dict[str, int] = field(default_factory=dict)
    findings: list[tuple[str, str, str]] = field(default_factory=list)
    archive_dir: str | None = None


def month_status(ctx: JobContext, period: Period) -> MonthStatus | None:
    p = str(period)
    with ctx.db.session() as session:
        month = months.get_month(session, ctx.office, p)
        if month is None:
            return None
        roster = roster_repo.load_roster(session, ctx.office)
        names = {o.nip: o for o in roster.officials}
        entries = months.recap_entries(session, ctx.office, p)
        submitted = months.submissions(session, ctx.office, p)
        report = MonthStatus(period, month.status)
        for sheet in months.spreadsheets(session, ctx.office, p, KIND_OFFICIAL):
            mine = [e for e in entries if e.nip == sheet.owner]
            official = names.get(sheet.owner)
            record = submitted.get(sheet.owner)
            report.officials.append(OfficialStatus(
                nip=sheet.owner, name=official.name if official else sheet.owner,
                unit=official.unit if official else "",
                submitted_at=record.submitted_at if record else None, rows=len(mine),
                filled=sum(e.status != BELUM_DIISI for e in mine),
                flagged=sum(e.status == BERMASALAH for e in mine),
                returned=sum(e.status == DIKEMBALIKAN for e in mine),
                sheet=ctx.backend.link(sheet.key) if sheet.key else ""))
            for e in mine:
                for message in e.findings or []:
                    report.findings.append((report.officials[-1].name, e.code, message))
        report.signoffs = {s.role: s.signed_at for s in active_signoffs(session, ctx.office, p)}
        for row in outbox_repo.listing(session, ctx.office, p):
            key = f"{row.kind.split('-')[0]} ({row.state})"
            report.reminders[key] = report.reminders.get(key, 0) + 1
        archive = session.scalar(select(ArchiveRow).where(
            ArchiveRow.office == ctx.office, ArchiveRow.period == p)
            .order_by(ArchiveRow.version.desc()))
        report.archive_dir = archive.directory if archive else None
    return report


def step_timings(ctx: JobContext, period: Period,
                 session: Session | None = None) -> list[StepTiming]:
    """When each SOP step started and ended, from the records the jobs keep. A job passes
    its own session, so what it recorded in this cycle counts before it commits."""
    if session is None:
        with ctx.db.session() as own:
            return step_timings(ctx, period, own)
    p = str(period)
    month = months.get_month(session, ctx.office, p)
    if month is None:
        return []
    submitted = [s.submitted_at for s in months.submissions(session, ctx.office, p).values()
                 if s.submitted_at]
    signed = {s.role: s.signed_at for s in active_signoffs(session, ctx.office, p)}
    returns = [a.at for a in months.audit_log(session, ctx.office, p, "dikembalikan")]
    fixes = [a.at for a in months.audit_log(session, ctx.office, p, "diperbaiki")]
    reviews = [a.at for a in months.audit_log(session, ctx.office, p, "reviu")]
    archived = [a.at for a in months.audit_log(session, ctx.office, p, "diarsip")]
    collected = max(submitted) if submitted else None
    timings = [StepTiming(1, month.created_at, collected),
               StepTiming(2, collected, signed.get("PP"))]
    # A Kasubag may mark rows before PP signs; step 3 is the review after the recap is done.
    review_end = _first_after(signed.get("PP"), reviews) or signed.get("KS")
    timings.append(StepTiming(3, signed.get("PP"), review_end))
    if returns:
        timings.append(StepTiming(4, min(returns), max(fixes) if fixes else None))
    timings += [
        StepTiming(5, max(fixes) if fixes else review_end, signed.get("KS")),
        StepTiming(6, signed.get("KS"), signed.get("SK")),
        StepTiming(7, signed.get("SK"), signed.get("KD")),
        StepTiming(8, signed.get("KD"), _first_after(signed.get("KD"), archived)),
    ]
    return timings


def _first_after(start: datetime | None, moments: list[datetime]) -> datetime | None:
    """The first event at or after `start`: a reopened month's earlier archive does not end
    the step that its new approval started."""
    if start is None:
        return None
    return min((m for m in moments if m >= start), default=None)


def month_sla(ctx: JobContext, period: Period,
              session: Session | None = None) -> list[SlaRow]:
    return sla_report(step_timings(ctx, period, session), ctx.calendar, ctx.deadlines(period))


def month_submissions(ctx: JobContext, status: MonthStatus) -> list[OfficialSubmissionRow]:
    """SOP step 1 per official: on time, late by N working days, or not submitted."""
    return submission_report({o.name: o.submitted_at for o in status.officials},
                             ctx.deadlines(status.period), ctx.calendar)
