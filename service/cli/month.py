"""The commands of one reporting month: its jobs, what it looks like, and reopening it.

The job commands (`kinerja provision PERIOD`, `pull`, ...) are made from
`service.jobs.registry.MONTH_JOBS`, the table the scheduler runs too, so their help texts
live there. `archive` also takes `verify`, which checks an archive instead of making one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from service.cli.common import (
    USER_ERRORS,
    Handler,
    actor,
    add_command,
    context,
    parse_period,
    print_result,
)
from service.jobs.registry import MONTH_JOBS, MonthJob

if TYPE_CHECKING:
    from service.cli.common import Subparsers

STATUS_HELP = ("Tampilkan status bulan PERIOD per pejabat: terkirim, terisi, bermasalah, "
               "dikembalikan; pengesahan dan pengingat.")
SLA_HELP = "Bandingkan waktu setiap langkah SOP bulan PERIOD dengan standar waktunya."
DEADLINES_HELP = ("Tampilkan batas waktu bulan PERIOD (submission: tanggal 2, closing: "
                  "tanggal 5 bulan berikutnya, digeser dari hari libur).")
ARCHIVE_VERIFY_HELP = ("Periksa setiap hash dalam manifest arsip terbaru PERIOD dan sebutkan "
                       "berkas yang hilang atau berubah.")
HISTORY_HELP = ("Riwayat setiap nilai yang dibaca layanan dari lembar seorang pejabat: nilai "
                "lama dan baru, kapan terlihat, dan siapa yang mengubah bila diketahui.")
REOPEN_HELP = ("Buka kembali bulan yang sudah disahkan Kepala Dinas (admin), dengan "
               "alasan; tercatat di log audit dan arsip lama tetap disimpan.")


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    def month_command(name: str, text: str, handler: Handler) -> argparse.ArgumentParser:
        parser = add_command(subparsers, name, common, text, handler)
        parser.add_argument("period", type=parse_period, metavar="PERIOD", help="YYYY-MM")
        return parser

    jobs = {name: month_command(name, job.help, partial(_run_job, job))
            for name, job in MONTH_JOBS.items()}
    month_command("status", STATUS_HELP, _status)
    month_command("sla", SLA_HELP, _sla)
    month_command("deadlines", DEADLINES_HELP, _deadlines)
    jobs["archive"].add_argument("action", nargs="?", choices=["verify"],
                                 help=ARCHIVE_VERIFY_HELP)
    jobs["archive"].set_defaults(handler=_archive_or_verify)

    history = add_command(subparsers, "history", common, HISTORY_HELP, _history)
    history.add_argument("nip", metavar="NIP")
    history.add_argument("--indicator", metavar="KODE")

    month = subparsers.add_parser("month", help="bulan pelaporan")
    month_sub = month.add_subparsers(dest="month_command", required=True)
    reopen = add_command(month_sub, "reopen", common, REOPEN_HELP, _month_reopen)
    reopen.add_argument("period", type=parse_period, metavar="PERIOD")
    reopen.add_argument("--reason", required=True)
    reopen.add_argument("--to", choices=["PP", "KS", "SK", "KD"],
                        help="tarik rantai sampai peran ini (bawaan: hanya KD)")
    reopen.add_argument("--by", help="admin yang membuka (bawaan: pengguna sistem)")


def verify_first(argv: Sequence[str]) -> list[str]:
    """`archive verify PERIOD ...` -> `archive PERIOD verify ...`: the parser knows the
    second form (PERIOD comes first for the archive job), people type the first."""
    argv = list(argv)
    if argv[:1] == ["archive"] and len(argv) > 1 and argv[1] == "verify":
        argv = ["archive", *argv[2:3], "verify", *argv[3:]]
    return argv


def _run_job(job: MonthJob, args: argparse.Namespace) -> int:
    try:
        return print_result(job(context(args), args.period))
    except USER_ERRORS as error:  # a refusal with its reason, not a traceback
        print(f"GAGAL: {error}", file=sys.stderr)
        return 2


def _archive_or_verify(args: argparse.Namespace) -> int:
    if args.action == "verify":
        return _archive_verify(args)
    return _run_job(MONTH_JOBS["archive"], args)


def _status(args: argparse.Namespace) -> int:
    from service.reports.month import month_status
    from service.reports.text import format_status

    status = month_status(context(args), args.period)
    if status is None:
        print(f"periode {args.period} belum disiapkan", file=sys.stderr)
        return 1
    print(format_status(status))
    return 0


def _sla(args: argparse.Namespace) -> int:
    from service.domain.sla import format_sla_table, format_submission_table
    from service.reports.month import month_status
    from service.reports.sla import month_sla, month_submissions

    ctx = context(args)
    status = month_status(ctx, args.period)
    if status is None:
        print(f"periode {args.period} belum disiapkan", file=sys.stderr)
        return 1
    print(format_sla_table(month_sla(ctx, args.period)))
    print("\nLangkah 1 per pejabat:")
    print(format_submission_table(month_submissions(ctx, status)))
    return 0


def _deadlines(args: argparse.Namespace) -> int:
    ctx = context(args)
    print("\n".join(ctx.deadlines(args.period).as_lines()))
    return 0


def _archive_verify(args: argparse.Namespace) -> int:
    from service.archive.manifest import latest_complete, verify_manifest
    from service.config import Settings

    settings = Settings.from_env(args.workspace)
    latest = latest_complete(settings.archive_dir / settings.office / str(args.period))
    if latest is None:
        print(f"belum ada arsip untuk {args.period}", file=sys.stderr)
        return 1
    problems = verify_manifest(latest)
    for problem in problems:
        print(problem)
    print(f"{latest}: {'SEMUA HASH COCOK' if not problems else 'ADA BERKAS BERUBAH'}")
    return 1 if problems else 0


def _history(args: argparse.Namespace) -> int:
    from service.domain.words import waktu
    from service.store import month_repo

    ctx = context(args)
    with ctx.db.session() as session:
        rows = month_repo.history(session, ctx.office, args.nip, args.indicator)
    if not rows:
        print(f"belum ada riwayat untuk NIP {args.nip}"
              + (f" indikator {args.indicator}" if args.indicator else ""))
        return 1
    for row in rows:
        who = f" oleh {row.modified_by}" if row.modified_by else ""
        print(f"{row.period} {row.code:<8} {row.field:<12} {row.old or '(kosong)'!s:>14} -> "
              f"{row.new or '(kosong)'!s:<14} terlihat {waktu(row.seen_at)}{who}")
    return 0


def _month_reopen(args: argparse.Namespace) -> int:
    from service.jobs.withdraw import SignOffRefused, reopen_month

    try:
        reopen_month(context(args), args.period, args.reason, actor(args), args.to)
    except SignOffRefused as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{args.period} dibuka kembali; arsip sebelumnya tetap disimpan")
    return 0
