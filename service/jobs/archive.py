"""Archive an approved month (SOP step 8): lock everything, export PDFs, hash, manifest.

The hash of the approved values and the final hash of the sign-off chain (domain/chain.py)
are written into the master before export, so they are printed in the archived PDF and
recorded in the manifest. A version directory without a manifest is an interrupted run and
is redone; one with a manifest is never touched again. A run killed after writing the
manifest but before recording it in the database left a finished archive of this very
approval: the rerun adopts it (same period, values, chain and signers) instead of archiving
the same approval twice. A month reopened and approved again (jobs/withdraw.reopen_month) is
archived anew into the next version beside the old.

The archive lock covers each tab whole (an A1 range of "" is the whole tab on both
backends), however many rows an office has.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from service.archive.manifest import (
    ManifestEntry,
    is_complete,
    next_version_dir,
    read_manifest,
    sha256_file,
    verify_manifest,
    version_number,
    versions,
    write_manifest,
)
from service.context import JobContext, JobResult
from service.domain.month import MonthStatus
from service.domain.period import Period
from service.domain.roster import Role, Roster
from service.domain.signoff import CHAIN
from service.domain.words import waktu
from service.jobs.parts.signoff import current_state
from service.sheets.layout import master_layout
from service.sheets.port import Protection, SheetBackendError, WriteBatch
from service.sheets.specs import KIND_MASTER
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import ArchiveRow, RecapEntry, SignOffRow, SpreadsheetRow
from service.store.signoff_repo import active_signoffs

ARCHIVE_LOCK = "kunci-arsip"
HASH_ROWS = 2  # rows below the sign-off panel holding the hashes (reopen overwrites them)
VALUES_LABEL = "SHA-256 data yang disahkan:"
CHAIN_LABEL = "Hash akhir rantai pengesahan (SHA-256):"


class ArchiveError(RuntimeError):
    pass


def approved_values_hash(entries: list[RecapEntry], signoffs: list[SignOffRow]) -> str:
    """SHA-256 over the values the approvers vouched for, in a canonical order."""
    payload = {
        "rows": [
            [e.nip, e.code, e.values, e.realization, e.achievement, e.review]
            for e in sorted(entries, key=lambda e: (e.nip, e.code))
        ],
        "signoffs": [[s.role, s.signer_nip, s.signed_at.isoformat()] for s in signoffs],
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def archive(ctx: JobContext, period: Period) -> JobResult:
    result = JobResult("archive", str(period))
    p, now = str(period), ctx.clock.now()
    with ctx.db.session() as session:
        existing = [a for a in session.query(ArchiveRow).filter_by(office=ctx.office, period=p)]
        signoffs = active_signoffs(session, ctx.office, p)
        approved = signoffs[-1] if signoffs and signoffs[-1].role == Role.KD.value else None
        if existing:
            latest = max(existing, key=lambda a: a.version)
            if approved is None:
                result.say(f"periode {p} dibuka kembali; arsip versi {latest.version} tetap "
                           "disimpan, menunggu pengesahan ulang Kepala Dinas")
                return result
            if approved.signed_at <= latest.created_at:
                result.say(f"periode {p} sudah diarsip (versi {latest.version}): "
                           f"{latest.directory}")
                return result
        if approved is None or Role.KD not in current_state(session, ctx.office, p).signed:
            raise ArchiveError(f"periode {p} belum disahkan Kepala Dinas; belum dapat diarsip")
        sheets = months.spreadsheets(session, ctx.office, p)
        entries = months.recap_entries(session, ctx.office, p)
        roster = roster_repo.load_roster(session, ctx.office)
        digest = approved_values_hash(entries, signoffs)
        chain = approved.chain_hash or ""
        signers = _signers(signoffs, roster)
        archived_versions = {a.version for a in existing}

    period_dir = ctx.settings.archive_dir / ctx.office / p
    adopted = _finished_unrecorded(period_dir, archived_versions,
                                   _identity(ctx.office, p, digest, chain, signers))
    if adopted is not None:
        return _adopt(ctx, period, adopted, digest, chain, result)
    ctx.progress("  mengunci seluruh lembar dan menulis hash pengesahan")
    for sheet in sheets:
        _lock_everything(ctx, sheet, digest, chain)
    version_dir = _version_dir(period_dir)
    files: list[ManifestEntry] = []
    for sheet in sorted(sheets, key=lambda s: (s.kind != KIND_MASTER, s.owner)):
        name = "rekap-induk.pdf" if sheet.kind == KIND_MASTER else f"pj/{sheet.owner}.pdf"
        try:
            pdf = ctx.backend.export_pdf(sheet.key or "")
        except SheetBackendError as error:
            raise ArchiveError(f"ekspor PDF {sheet.title} gagal: {error}") from error
        target = version_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
        files.append(
            ManifestEntry(
                name,
                sha256_file(target),
                target.stat().st_size,
                "rekap" if sheet.kind == KIND_MASTER else "pj",
            )
        )
        ctx.progress(f"  PDF {name} ({len(pdf) // 1024} KB)")
    manifest = write_manifest(
        version_dir,
        files,
        {
            "office": ctx.office,
            "office_name": ctx.settings.office_name,
            "period": p,
            "version": version_number(version_dir),
            "approved_values_sha256": digest,
            "signoff_chain_sha256": chain,
            "keterangan_hash": {
                "approved_values_sha256": VALUES_LABEL.rstrip(":"),
                "signoff_chain_sha256": CHAIN_LABEL.rstrip(":")
                + " PP -> KS -> SK -> KD; sama dengan yang tercetak di PDF rekap induk",
            },
            "signers": signers,
            "archived_at": now.isoformat(),
        },
    )
    _record(ctx, p, version_dir, manifest, now, f"data {digest}; rantai {chain}")
    result.changed = len(files)
    result.say(f"arsip {p} versi {version_dir.name}: {len(files)} PDF, manifest {manifest}")
    return result


def _signers(signoffs: list[SignOffRow], roster: Roster) -> list[dict[str, str]]:
    """Who signed, for the manifest. A signer who has left the roster since is named by
    their NIP: the sign-off stands, only the name is no longer known."""
    signers = []
    for record in signoffs:
        nip = record.signer_nip or ""
        try:
            name = roster.by_nip(nip).name if nip else ""
        except KeyError:
            name = nip
        signers.append(
            {
                "role": record.role,
                "name": name,
                "nip": nip,
                "signed_at": record.signed_at.isoformat(),
                "values_sha256": record.values_hash or "",
                "chain_sha256": record.chain_hash or "",
            }
        )
    return signers


def _identity(office: str, period: str, digest: str, chain: str,
              signers: list[dict[str, str]]) -> dict[str, Any]:
    """What makes a manifest the archive of one approval (names may change; NIPs do not)."""
    return {
        "office": office,
        "period": period,
        "approved_values_sha256": digest,
        "signoff_chain_sha256": chain,
        "signers": [{k: v for k, v in s.items() if k != "name"} for s in signers],
    }


def _finished_unrecorded(period_dir: Path, recorded: set[int],
                         identity: dict[str, Any]) -> Path | None:
    """The newest version if it has a manifest of exactly this approval but no ArchiveRow:
    a run that died between writing the manifest and committing the row."""
    found = versions(period_dir)
    if not found or not is_complete(found[-1]) or version_number(found[-1]) in recorded:
        return None
    meta = read_manifest(found[-1]).get("meta", {})
    seen = _identity(meta.get("office", ""), meta.get("period", ""),
                     meta.get("approved_values_sha256", ""),
                     meta.get("signoff_chain_sha256", ""), meta.get("signers", []))
    return found[-1] if seen == identity else None


def _adopt(ctx: JobContext, period: Period, version_dir: Path, digest: str, chain: str,
           result: JobResult) -> JobResult:
    """Record a finished, unrecorded archive as it is: no file is written or rewritten."""
    p, now = str(period), ctx.clock.now()
    problems = verify_manifest(version_dir)
    if problems:
        raise ArchiveError(
            f"arsip {version_dir} sudah bermanifest tetapi berkasnya tidak cocok "
            f"({'; '.join(map(str, problems))}); periksa sebelum mengarsip ulang")
    manifest = version_dir / "manifest.json"
    archived_at = _when(read_manifest(version_dir).get("meta", {}).get("archived_at"), now)
    _record(ctx, p, version_dir, manifest, archived_at,
            f"data {digest}; rantai {chain}; manifest yang sudah ada dicatat (pengarsipan "
            "sebelumnya terhenti sebelum tercatat)")
    result.changed = 1
    result.say(f"arsip {p} versi {version_dir.name} sudah lengkap (manifest {manifest}) "
               "tetapi belum tercatat: dicatat tanpa menulis berkas baru")
    return result


def _when(text: object, default: datetime) -> datetime:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return default


def _version_dir(period_dir: Path) -> Path:
    """The unfinished version directory if a run was interrupted, else the next one."""
    found = versions(period_dir)
    if found and not is_complete(found[-1]):
        return found[-1]
    target = next_version_dir(period_dir)
    target.mkdir(parents=True)
    return target


def _lock_everything(ctx: JobContext, sheet: SpreadsheetRow, digest: str, chain: str) -> None:
    if not sheet.key or ARCHIVE_LOCK in (sheet.locks or []):
        return
    batch = WriteBatch()
    for tab in ctx.backend.tab_titles(sheet.key):
        batch.protect.append(
            Protection(
                f"{ARCHIVE_LOCK}-{tab}",
                tab,
                "",  # the whole tab, to its last row and column
                description="Diarsip: bulan ini sudah disahkan",
            )
        )
    if sheet.kind == KIND_MASTER:
        panel = master_layout().signoff
        row = panel.first_data_row + len(CHAIN) + 1
        stamp = f"Diarsip {waktu(ctx.clock.now())}"
        batch.values.append(
            (
                panel.tab,
                f"A{row}",
                [
                    [VALUES_LABEL, digest, "", "", "", "", stamp],
                    [CHAIN_LABEL, chain, "", "", "", "", ""],
                ],
            )
        )
    ctx.backend.apply(sheet.key, batch)
    with ctx.db.session() as session:
        stored = session.get(SpreadsheetRow, sheet.id)
        if stored is not None:
            stored.locks = sorted({*(stored.locks or []), ARCHIVE_LOCK})


def _record(ctx: JobContext, p: str, version_dir: Path, manifest: Path, at: datetime,
            detail: str) -> None:
    """The archive exists once this row is committed (after every file and the manifest)."""
    with ctx.db.session() as session:
        session.add(ArchiveRow(office=ctx.office, period=p,
                               version=version_number(version_dir), directory=str(version_dir),
                               manifest_sha256=sha256_file(manifest), created_at=at))
        months.set_month_status(session, ctx.office, p, MonthStatus.ARCHIVED, at)
        months.audit(session, ctx.office, p, ctx.clock.now(), "layanan", "diarsip",
                     str(version_dir), detail)
