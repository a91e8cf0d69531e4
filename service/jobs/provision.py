"""Provision a month: one spreadsheet per official with indicators, and the master recap.

Safe to rerun and to kill half-way: each spreadsheet is claimed in the database first, and a
claim without a key (a crash between claim and create) is resolved by looking in the folder
for the spreadsheet with the same identity properties (office, period, kind, NIP). One the
backend marked ready is adopted; one cut off before it was ready is discarded (on Google:
to the trash) and made again. A person the backend could not share a sheet with is named,
kept on the sheet's row and shared with again at the next run; everyone else carries on.

The month's master rows are numbered once, when every official's sheet exists; after that the
month keeps its officials. An official (or indicator) added to the roster later is refused
with a message, and changes nothing: they are included from the next month. An official
removed from the roster keeps their sheet and their rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from service.context import JobContext, JobResult
from service.domain.period import Period
from service.domain.roster import Role
from service.domain.words import tanggal
from service.jobs.parts.own_writes import WROTE_AT
from service.jobs.parts.progress import Progress
from service.jobs.parts.sheet_writes import as_provisioned
from service.sheets.layout import master_layout, official_layout
from service.sheets.port import READY_PROPERTY, SheetBackendError, SpreadsheetRef, WorkbookSpec
from service.sheets.specs import KIND_MASTER, KIND_OFFICIAL, RecapRow, master_spec, official_spec
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import RecapEntry, SpreadsheetRow

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
        _refuse_a_changed_month(session, ctx.office, period, recap_rows)
    folder = ctx.backend.ensure_folder([ctx.office, str(period)])
    with ctx.db.session() as session:
        months.ensure_month(session, ctx.office, str(period), folder, now)
    existing: dict[Identity, list[SpreadsheetRef]] = {}
    for ref in ctx.backend.list_spreadsheets(folder):
        existing.setdefault(_identity(ref.properties), []).append(ref)
    layout = official_layout()
    progress = Progress(len(holders), ctx.clock)
    for number, official in enumerate(holders, start=1):
        spec = official_spec(layout, period, ctx.office, official,
                             agreements[official.nip].indicators, tanggal(deadline))
        if _provision_one(ctx, period, folder, KIND_OFFICIAL, official.nip, spec, existing,
                          result, {official.email: official.name},
                          len(agreements[official.nip].indicators)):
            result.changed += 1
            ctx.progress("  " + progress.line(number, f"lembar {official.name} dibuat"))
    with ctx.db.session() as session:
        _ensure_recap_entries(session, ctx.office, period, recap_rows)
    approvers = {r: o for r in (Role.PP, Role.KS, Role.SK, Role.KD)
                 if (o := roster.approver(r)) is not None}
    spec = master_spec(master_layout(), period, ctx.office, ctx.settings.office_name,
                       recap_rows, approvers)
    names = {o.email: f"{o.name} ({role.value})" for role, o in approvers.items()}
    if _provision_one(ctx, period, folder, KIND_MASTER, "", spec, existing, result, names):
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
                   result: JobResult, names: Mapping[str, str],
                   indicator_count: int = 0) -> bool:
    """Create one spreadsheet unless it exists; returns whether it was created now."""
    initial = ({"values": as_provisioned(official_layout(), indicator_count)}
               if kind == KIND_OFFICIAL else {})
    with ctx.db.session() as session:
        row = months.claim_spreadsheet(session, ctx.office, str(period), kind, owner, spec.title)
        row_id, done, key = row.id, row.state == "created", row.key or ""
        pending = list((row.written or {}).get("unshared", [])) if done else []
    if done:
        if pending:  # refused before: the address may have a Google account by now
            _record_unshared(ctx, row_id, spec.title, ctx.backend.share(key, pending), names,
                             result)
        return False
    ref = _adopt_or_clear(ctx, period, existing.get(_identity(spec.properties), []), result)
    adopted = ref is not None
    if ref is None:
        try:
            ref = ctx.backend.create_spreadsheet(folder, spec)
        except SheetBackendError as error:
            raise ProvisionError(f"gagal membuat {spec.title}: {error}") from error
    written = {**initial, WROTE_AT: ctx.clock.now().isoformat()}  # own_writes.py
    with ctx.db.session() as session:
        if months.mark_created(session, row_id, ref.key, ref.version, written):
            months.audit(session, ctx.office, str(period), ctx.clock.now(), "layanan",
                         "lembar_ditemukan" if adopted else "lembar_dibuat", ref.key, spec.title)
    _record_unshared(ctx, row_id, spec.title, dict(ref.unshared), names, result)
    return not adopted


def _record_unshared(ctx: JobContext, row_id: int, title: str, refused: dict[str, str],
                     names: Mapping[str, str], result: JobResult) -> None:
    """Name each person the sheet could not be shared with, and keep them for the next run
    (which shares again); everyone else already has their sheet."""
    for email, why in refused.items():
        result.errors.append(f"{title}: tidak dapat dibagikan ke {names.get(email, email)} "
                             f"<{email}>: {why}")
    with ctx.db.session() as session:
        row = session.get(SpreadsheetRow, row_id)
        if row is not None and sorted((row.written or {}).get("unshared", [])) != sorted(refused):
            row.written = {**(row.written or {}), "unshared": sorted(refused)}


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


def _refuse_a_changed_month(session: Session, office: str, period: Period,
                            rows: list[RecapRow]) -> None:
    """Once the master rows are numbered, the month's officials are fixed: an official or
    indicator new to the roster would need a master row that does not exist. Nothing is
    changed; the caller is told they are included from the next month."""
    stored = {(e.nip, e.code): e.master_row
              for e in months.recap_entries(session, office, str(period))}
    if not stored:
        return
    recap = master_layout().recap
    planned = {(r.official.nip, r.indicator.code): recap.data_row(i) for i, r in enumerate(rows)}
    new: dict[str, list[str]] = {}
    for row in rows:
        if (row.official.nip, row.indicator.code) not in stored:
            new.setdefault(f"{row.official.name} ({row.official.nip})", []).append(
                row.indicator.code)
    if new:
        who = "; ".join(f"{name}: {', '.join(codes)}" for name, codes in new.items())
        raise ProvisionError(
            f"Rekap induk {period.label} sudah disusun dan tidak diubah. Pegawai/indikator "
            f"yang baru ada di daftar pegawai atau perjanjian kinerja ({who}) tidak masuk "
            f"bulan ini; mereka disertakan mulai penyiapan {period.next().label}.")
    master = months.spreadsheet(session, office, str(period), KIND_MASTER)
    if (master is None or master.state != "created") and planned != stored:
        raise ProvisionError(
            f"Penyiapan {period.label} terhenti sebelum rekap induk dibuat, dan daftar pegawai "
            f"atau perjanjian kinerja berubah sejak itu (ada yang dihapus atau urutannya "
            f"berubah). Tidak ada yang diubah: kembalikan daftar seperti saat penyiapan dimulai, "
            f"lalu jalankan lagi.")


def _ensure_recap_entries(session: Session, office: str, period: Period,
                          rows: list[RecapRow]) -> None:
    """One entry per master row, numbered once; `ordinal` is the row's index in the
    official's sheet. Later runs find them all (`_refuse_a_changed_month` saw to that)."""
    have = {(e.nip, e.code) for e in months.recap_entries(session, office, str(period))}
    recap = master_layout().recap
    ordinals: dict[str, int] = {}
    for index, row in enumerate(rows):
        ordinal = ordinals[row.official.nip] = ordinals.get(row.official.nip, -1) + 1
        if (row.official.nip, row.indicator.code) not in have:
            session.add(RecapEntry(office=office, period=str(period), nip=row.official.nip,
                                   code=row.indicator.code, ordinal=ordinal,
                                   master_row=recap.data_row(index), values={}, findings=[]))
