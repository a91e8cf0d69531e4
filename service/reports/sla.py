"""Each SOP step's time against its standard, derived from what the service already records
(submissions, the audit log, sign-offs, the archive), so there is no second bookkeeping that
could disagree."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from service.context import JobContext
from service.domain.period import Period
from service.domain.sla import (
    OfficialSubmissionRow,
    SlaRow,
    StepTiming,
    sla_report,
    submission_report,
)
from service.reports.month import MonthOverview
from service.store import month_repo as months
from service.store.signoff_repo import active_signoffs


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


def month_submissions(ctx: JobContext, status: MonthOverview) -> list[OfficialSubmissionRow]:
    """SOP step 1 per official: on time, late by N working days, or not submitted."""
    return submission_report({o.name: o.submitted_at for o in status.officials},
                             ctx.deadlines(status.period), ctx.calendar)
