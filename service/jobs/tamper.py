"""Tamper check: compare the locked cells with what the last sign-off vouched for.

A spreadsheet's owner can edit through any protection (and anyone can edit a local .xlsx
with the right tool), so locks are backed by evidence: each sign-off stored the cells it
vouched for in a hash chain (jobs/signoff.record_signoff). This job reads those cells again,
one values request per spreadsheet, and reports every cell that reads differently, with the
old and new value and the file's last modifier where the backend knows it. It only reports:
what people typed is never "fixed" by the service, and every finding goes to the audit log
once. Rows the Kasubag returned after the last sign-off are open by design and are vouched
for again by the next one, so they are left out until then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.context import JobContext, JobResult
from service.domain.chain import CellChange, broken_links, canonical_cell, changed_cells
from service.domain.period import Period
from service.domain.words import waktu
from service.jobs.parts.signoff import chain_links
from service.jobs.parts.vouched import read_ranges
from service.sheets.layout import official_layout
from service.sheets.port import Grid, SheetBackendError, SpreadsheetRef
from service.sheets.specs import KIND_MASTER, KIND_OFFICIAL
from service.store import month_repo as months
from service.store.models import AuditRow, SignOffRow
from service.store.signoff_repo import active_signoffs

ACTION = "tamper_terdeteksi"


@dataclass(frozen=True)
class Finding:
    """One vouched cell changed after its lock."""

    title: str
    change: CellChange
    modified: datetime | None = None
    modified_by: str | None = None

    def __str__(self) -> str:
        who = f"; terakhir diubah oleh {self.modified_by}" if self.modified_by else ""
        when = f"; berkas terakhir berubah {waktu(self.modified)}" if self.modified else ""
        return (f"{self.title} {self.change.cell}: \"{self.change.old}\" menjadi "
                f"\"{self.change.new}\"{who}{when}")


@dataclass
class TamperResult(JobResult):
    findings: list[Finding] = field(default_factory=list)
    signoff: str = ""  # the role whose vouched cells were compared


def check_tamper(ctx: JobContext, period: Period) -> TamperResult:
    result = TamperResult("tamper-check", str(period))
    p = str(period)
    with ctx.db.session() as session:
        month = months.get_month(session, ctx.office, p)
        active = active_signoffs(session, ctx.office, p)
        if month is None or not active:
            result.say(f"periode {p} belum ada pengesahan; tidak ada sel terkunci untuk diperiksa")
            return result
        latest = active[-1]
        result.signoff = latest.role
        for problem in broken_links(ctx.office, p, chain_links(active)):
            result.errors.append(f"rantai hash di basis data rusak: {problem}")
        expected = _expected(session, ctx.office, p, latest, result)
        titles = {s.key: s.title for s in months.spreadsheets(session, ctx.office, p) if s.key}
        folder = month.folder or ""
    refs = {ref.key: ref for ref in ctx.backend.list_spreadsheets(folder)}
    actual: dict[str, dict[str, str]] = {}
    for key, cells in expected.items():
        try:
            actual[key] = _read(ctx, key, cells)
        except SheetBackendError as error:
            result.errors.append(f"{titles.get(key, key)}: tidak dapat dibaca: {error}")
            actual[key] = dict(cells)  # unreadable is reported above, not as a change
    for change in changed_cells(expected, actual):
        ref = refs.get(change.key)
        result.findings.append(_finding(titles.get(change.key, change.key), change, ref))
    result.changed = _log(ctx, p, result.findings)
    checked = sum(len(c) for c in expected.values())
    result.say(f"{checked} sel yang disahkan {latest.role} di {len(expected)} lembar diperiksa; "
               f"{len(result.findings)} berubah sesudah dikunci")
    for finding in result.findings:
        result.say(f"  {finding}")
    if result.findings:
        result.errors.append(f"{len(result.findings)} sel berubah sesudah dikunci "
                             f"(pengesahan {latest.role}); periksa dan sahkan ulang bila perlu")
    return result


def _expected(session: Session, office: str, period: str, latest: SignOffRow,
              result: JobResult) -> dict[str, dict[str, str]]:
    """The latest sign-off's cells, minus rows the Kasubag returned after it."""
    expected = {k: dict(v) for k, v in (latest.vouched or {}).items()}
    reopened = {a.target for a in session.scalars(select(AuditRow).where(
        AuditRow.office == office, AuditRow.period == period, AuditRow.action == "dikembalikan",
        AuditRow.at >= latest.signed_at))}
    if not reopened:
        return expected
    sheets = {(s.kind, s.owner): s.key for s in months.spreadsheets(session, office, period)}
    table = official_layout().table
    for entry in months.recap_entries(session, office, period):
        if f"{entry.nip}/{entry.code}" not in reopened:
            continue
        for key, row in ((sheets.get((KIND_OFFICIAL, entry.nip)), table.data_row(entry.ordinal)),
                         (sheets.get((KIND_MASTER, "")), entry.master_row)):
            cells = expected.get(key or "", {})
            for ref in [r for r in cells if _row(r) == row]:
                del cells[ref]
    result.say(f"{len(reopened)} baris dikembalikan Kasubag sesudah pengesahan {latest.role}; "
               "diperiksa lagi setelah pengesahan berikutnya")
    return expected


def _row(ref: str) -> int:
    a1 = ref.rsplit("!", 1)[1]
    return int(a1[len(a1.rstrip("0123456789")):])


def _read(ctx: JobContext, key: str, cells: dict[str, str]) -> dict[str, str]:
    """One values request for the rectangle around the sheet's vouched cells."""
    tab, a1 = read_ranges(cells)
    (grid,) = ctx.backend.read_values(key, [(tab, a1)])
    top_left = a1.split(":")[0]
    first_col = _col_index(top_left.rstrip("0123456789"))
    first_row = _row(f"x!{top_left}")
    found: dict[str, str] = {}
    for ref in cells:
        cell = ref.rsplit("!", 1)[1]
        found[ref] = canonical_cell(_at(grid, _row(ref) - first_row,
                                        _col_index(cell.rstrip("0123456789")) - first_col))
    return found


def _at(grid: Grid, row: int, col: int) -> object:
    if row < len(grid) and col < len(grid[row]):
        return grid[row][col]
    return None


def _col_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def _finding(title: str, change: CellChange, ref: SpreadsheetRef | None) -> Finding:
    return Finding(title, change, ref.modified if ref else None, ref.modified_by if ref else None)


def _log(ctx: JobContext, period: str, findings: list[Finding]) -> int:
    """Audit each finding once: a scheduled check must not repeat the same alarm daily."""
    now, new = ctx.clock.now(), 0
    with ctx.db.session() as session:
        seen = {(a.target, a.detail) for a in months.audit_log(session, ctx.office, period,
                                                                ACTION)}
        for finding in findings:
            target = f"{finding.title} {finding.change.cell}"
            detail = f"\"{finding.change.old}\" -> \"{finding.change.new}\""
            if (target, detail) in seen:
                continue
            months.audit(session, ctx.office, period, now, finding.modified_by or "tidak diketahui",
                         ACTION, target, detail)
            new += 1
    return new
