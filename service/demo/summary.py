"""The demo's closing summary: who submitted when, what was flagged, which emails went out,
each SOP step against its standard, and where the produced files are."""

from __future__ import annotations

from service.archive.manifest import read_manifest, verify_manifest
from service.config import redact_url
from service.context import JobContext
from service.domain.period import Period
from service.domain.sla import format_sla_table, format_submission_table
from service.domain.words import singkat
from service.reports.month import month_status
from service.reports.sla import month_sla, month_submissions
from service.sheets.specs import KIND_MASTER
from service.store import month_repo as months
from service.store import outbox_repo


def print_summary(ctx: JobContext, period: Period) -> None:
    status = month_status(ctx, period)
    if status is None:
        print("bulan belum disiapkan")
        return
    p = str(period)
    print(f"\n== Ringkasan {period.label} (status: {status.status})")
    print("\n-- Pengiriman data (langkah 1)")
    rows = month_submissions(ctx, status)
    print(format_submission_table(rows))
    with ctx.db.session() as session:
        notes = months.audit_log(session, ctx.office, p, "catatan")
        returns = months.audit_log(session, ctx.office, p, "dikembalikan")
        refused = months.audit_log(session, ctx.office, p, "centang_ditolak")
        mails = outbox_repo.listing(session, ctx.office, p)
        master = months.spreadsheet(session, ctx.office, p, KIND_MASTER)
    print("\n-- Yang ditandai layanan")
    for entry in notes:
        print(f"  {singkat(entry.at)} {entry.target}: "
              f"{entry.detail}")
    for entry in returns:
        print(f"  dikembalikan Kasubag {entry.target}: {entry.detail}")
    for entry in refused:
        print(f"  centang {entry.target} dibatalkan: {entry.detail}")
    print(f"\n-- Email ({len(mails)})")
    for mail in mails:
        print(f"  {mail.day} {mail.kind:<16} {mail.state:<8} {mail.recipients}")
    print("\n-- Waktu setiap langkah SOP terhadap standarnya")
    print(format_sla_table(month_sla(ctx, period)))
    print("\n-- Berkas")
    if ctx.backend.name == "local":
        print(f"  lembar kerja : {ctx.settings.sheets_dir / ctx.office / p}")
    if master and master.key:
        print(f"  rekap induk  : {ctx.backend.link(master.key)}")
    print(f"  kotak keluar : {ctx.settings.outbox_dir}")
    requests_made = getattr(ctx.backend, "request_count", None)
    if requests_made is not None:
        print(f"  permintaan API Google sebulan: {requests_made}")
    print(f"  basis data   : {redact_url(ctx.settings.db_url)}")
    if status.archive_dir:
        from pathlib import Path

        archive = Path(status.archive_dir)
        manifest = read_manifest(archive)
        problems = verify_manifest(archive)
        print(f"  arsip        : {archive}")
        print(f"  PDF rekap    : {archive / 'rekap-induk.pdf'}")
        print(f"  manifest     : {archive / 'manifest.json'} ({len(manifest['files'])} berkas, "
              f"{'semua hash cocok' if not problems else 'ADA YANG BERUBAH'})")
        print(f"  SHA-256 data yang disahkan: {manifest['meta']['approved_values_sha256']}")
