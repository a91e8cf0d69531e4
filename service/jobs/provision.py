"""Provision a month: one spreadsheet per official with indicators, and the master recap.

Safe to rerun and to kill half-way: each spreadsheet is claimed in the database first, and a
claim without a key (a crash between claim and create) is resolved by looking in the folder
for the spreadsheet with the same identity properties (office, period, kind, NIP). One the
backend marked ready is adopted; one cut off before it was ready is deleted and made again.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from service.domain.period import Period
from service.domain.roster import Role
from service.jobs.context import JobContext, JobResult
from service.notify.messages import tanggal
from service.sheets.layout import master_layout, official_layout
from service.sheets.port import READY_PROPERTY, SheetBackendError, SpreadsheetRef, WorkbookSpec
from service.sheets.specs import KIND_MASTER, KIND_OFFICIAL, RecapRow, master_spec, official_spec
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import RecapEntry

IDENTITY = ("kinerja_office", "kinerja_period", "kinerja_kind", "kinerja_nip")
Identity = tuple[str | None, ...]


class ProvisionError(RuntimeError):
    pass


def provision(ctx: JobContext, period: Period) -> JobResult:
    result = JobResult("provision", str(period))
    now = ctx.clock.now()
    deadline = ctx.deadlines(period).submission
    with ctx.db.session() as session:
        roster = roster_repo.load_roster(session, ctx.office)
        agreements = roster_repo.load_agreements(session, ctx.office, period.year)
        if not roster.officials:
            raise ProvisionError("daftar pegawai kosong: jalankan `kinerja roster import` dulu")
        if not agreements:
            raise ProvisionError(f"belum ada perjanjian kinerja tahun {period.year}")
        holders = [o for o in roster.officials if o.nip in agreements]
        recap_rows = [RecapRow(o, i) for o in holders for i in agreements[o.nip].indicators]
    folder = ctx.backend.ensure_folder([ctx.office, str(period)])
    with ctx.db.session() as session:
        months.ensure_month(session, ctx.office, str(period), folder, now)
    existing: dict[Identity, list[SpreadsheetRef]] = {}
    for ref in ctx.backend.list_spreadsheets(folder):
        existing.setdefault(_identity(ref.properties), []).append(ref)
    layout = official_layout()
    for number, official in enumerate(holders, start=1):
        spec = official_spec(layout, period, ctx.office, official,
                             agreements[official.nip].indicators, tanggal(deadline))
        if _provision_one(ctx, period, folder, KIND_OFFICIAL, official.nip, spec, existing,
                          result):
            result.changed += 1
            ctx.progress(f"  [{number}/{len(holders)}] lembar {official.name} dibuat")
    with ctx.db.session() as session:
        _ensure_recap_entries(session, ctx.office, period, recap_rows)
    approvers = {r: o for r in (Role.PP, Role.KS, Role.SK, Role.KD)
                 if (o := roster.approver(r)) is not None}
    spec = master_spec(master_layout(), period, ctx.office, ctx.settings.office_name,
                       recap_rows, approvers)
    if _provision_one(ctx, period, folder, KIND_MASTER, "", spec, existing, result):
        result.changed += 1
        ctx.progress("  rekap induk dibuat")
    result.say(f"{len(holders)} lembar pejabat dan 1 rekap induk untuk {period.label} siap "
               f"({result.changed} baru)")
    return result


def _identity(properties: Mapping[str, str]) -> Identity:
    """Who a spreadsheet is for, from its properties (titles differ between backends)."""
    return tuple(properties.get(key) for key in IDENTITY)


def _provision_one(ctx: JobContext, period: Period, folder: str, kind: str, owner: str,
                   spec: WorkbookSpec, existing: dict[Identity, list[SpreadsheetRef]],
                   result: JobResult) -> bool:
    """Create one spreadsheet unless it exists; returns whether it was created now."""
    with ctx.db.session() as session:
        row = months.claim_spreadsheet(session, ctx.office, str(period), kind, owner, spec.title)
        if row.state == "created":
            return False
        row_id = row.id
    ref = _adopt_or_clear(ctx, period, existing.get(_identity(spec.properties), []), result)
    adopted = ref is not None
    if ref is None:
        try:
            ref = ctx.backend.create_spreadsheet(folder, spec)
        except SheetBackendError as error:
            raise ProvisionError(f"gagal membuat {spec.title}: {error}") from error
    with ctx.db.session() as session:
        if months.mark_created(session, row_id, ref.key, ref.version):
            months.audit(session, ctx.office, str(period), ctx.clock.now(), "layanan",
                         "lembar_ditemukan" if adopted else "lembar_dibuat", ref.key, spec.title)
    return not adopted


def _adopt_or_clear(ctx: JobContext, period: Period, found: list[SpreadsheetRef],
                    result: JobResult) -> SpreadsheetRef | None:
    """The finished spreadsheet among `found`, after deleting the unfinished ones (a creation
    cut off before its tabs, locks or sharing were done)."""
    ready = [ref for ref in found if ref.properties.get(READY_PROPERTY) == "1"]
    for ref in found:
        if ref in ready:
            continue
        try:
            ctx.backend.discard(ref.key)
        except SheetBackendError as error:
            result.errors.append(f"lembar setengah jadi {ref.title} ({ref.key}) tidak dapat "
                                 f"dihapus, hapus secara manual: {error}")
            continue
        with ctx.db.session() as session:
            months.audit(session, ctx.office, str(period), ctx.clock.now(), "layanan",
                         "lembar_setengah_jadi_dihapus", ref.key, ref.title)
    if len(ready) > 1:
        result.errors.append(f"{ready[0].title} ada {len(ready)} kali; yang dipakai {ready[0].key}")
    return ready[0] if ready else None


def _ensure_recap_entries(session: Session, office: str, period: Period,
                          rows: list[RecapRow]) -> None:
    """One entry per master row; `ordinal` is the row's index in the official's sheet."""
    have = {(e.nip, e.code) for e in months.recap_entries(session, office, str(period))}
    recap = master_layout().recap
    ordinals: dict[str, int] = {}
    for index, row in enumerate(rows):
        ordinal = ordinals[row.official.nip] = ordinals.get(row.official.nip, -1) + 1
        if (row.official.nip, row.indicator.code) not in have:
            session.add(RecapEntry(office=office, period=str(period), nip=row.official.nip,
                                   code=row.indicator.code, ordinal=ordinal,
                                   master_row=recap.data_row(index), values={}, findings=[]))
