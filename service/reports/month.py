"""A month at a glance for the CLI, the web page and the demo: who sent what, what is
flagged or returned, who signed, which mails went out, where the archive is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from service.context import JobContext
from service.domain.period import Period
from service.domain.row_status import BELUM_DIISI, BERMASALAH, DIKEMBALIKAN
from service.sheets.specs import KIND_OFFICIAL
from service.store import month_repo as months
from service.store import outbox_repo, roster_repo
from service.store.models import ArchiveRow
from service.store.signoff_repo import active_signoffs


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
class MonthOverview:
    period: Period
    status: str
    officials: list[OfficialStatus] = field(default_factory=list)
    signoffs: dict[str, datetime] = field(default_factory=dict)
    reminders: dict[str, int] = field(default_factory=dict)
    findings: list[tuple[str, str, str]] = field(default_factory=list)
    archive_dir: str | None = None


def month_status(ctx: JobContext, period: Period) -> MonthOverview | None:
    p = str(period)
    with ctx.db.session() as session:
        month = months.get_month(session, ctx.office, p)
        if month is None:
            return None
        roster = roster_repo.load_roster(session, ctx.office)
        names = {o.nip: o for o in roster.officials}
        entries = months.recap_entries(session, ctx.office, p)
        submitted = months.submissions(session, ctx.office, p)
        report = MonthOverview(period, month.status)
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
