"""What the master recap should show after a cycle's decision, from the database alone."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from sqlalchemy.orm import Session

from service.context import JobContext
from service.domain.agreement import Agreement
from service.domain.period import Period
from service.domain.roster import Roster
from service.domain.sla import sla_cells
from service.jobs.parts import master_sheet, signoff
from service.jobs.parts.sheet_writes import Desired
from service.reports.sla import month_sla
from service.sheets.layout import master_layout
from service.store import month_repo as months
from service.store.models import RecapEntry
from service.store.signoff_repo import active_signoffs


def desired(ctx: JobContext, session: Session, period: Period, entries: list[RecapEntry],
            roster: Roster, agreements: Mapping[str, Agreement], tick_notes: dict[str, str],
            submitted: tuple[int, int]) -> Desired:
    """`submitted` is (officials who sent, officials with a sheet)."""
    p = str(period)
    records = months.submissions(session, ctx.office, p)
    summary = master_sheet.summary_frame(
        entries, {o.nip: o for o in roster.officials},
        {nip: r.submitted_at for nip, r in records.items()},
        ctx.deadlines(period).submission_due_at)
    state = signoff.current_state(session, ctx.office, p)
    status = master_sheet.status_line(entries, submitted[0], submitted[1], list(state.signed))
    return master_sheet.desired_master(
        master_layout(), entries, summary, status, active_signoffs(session, ctx.office, p),
        tick_notes, sla_cells(month_sla(ctx, period, session)),
        _year_to_date(ctx, session, period, roster, agreements))


def _year_to_date(ctx: JobContext, session: Session, period: Period, roster: Roster,
                  agreements: Mapping[str, Agreement]) -> pd.DataFrame:
    indicators = {(a.nip, i.code): i for a in agreements.values() for i in a.indicators}
    entries = months.year_entries(session, ctx.office, period.year, str(period))
    return master_sheet.year_to_date(
        entries, {o.nip: o for o in roster.officials},
        {k: i.cumulative for k, i in indicators.items()},
        {k: i.name for k, i in indicators.items()})
