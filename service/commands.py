"""What each `kinerja` command does; `service.cli` parses the command line and dispatches
here. Each command calls the same job function the scheduler runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from service.bootstrap import build_context
from service.config import Settings
from service.jobs.context import JobContext, JobResult

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable[[Callable[[argparse.Namespace], int]],
                                    Callable[[argparse.Namespace], int]]:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = fn
        return fn

    return register


def _context(args: argparse.Namespace) -> JobContext:
    return build_context(Settings.from_env(args.workspace), progress=print)


def _report(result: JobResult) -> int:
    """Print a job's lines; exit 1 when something went wrong for part of the month (a sheet
    that could not be read, a tamper finding), so cron and monitoring can alert on it."""
    for line in result.lines:
        print(line)
    for error in result.errors:
        print(f"PERINGATAN: {error}", file=sys.stderr)
    return 1 if result.errors or getattr(result, "findings", None) else 0


@command("roster-import")
def _roster_import(args: argparse.Namespace) -> int:
    from service.roster_workbook import RosterError, read_roster
    from service.store import roster_repo

    try:
        roster, agreements = read_roster(Path(args.file))
    except RosterError as error:
        print(error, file=sys.stderr)
        return 2
    ctx = _context(args)
    with ctx.db.session() as session:
        people, indicators = roster_repo.save_roster(session, ctx.office, roster, agreements)
    print(f"{people} pegawai dan {indicators} indikator diimpor untuk {ctx.office}")
    return 0


def _user_errors() -> tuple[type[Exception], ...]:
    from service.jobs.archive import ArchiveError
    from service.jobs.provision import ProvisionError
    from service.sheets.port import SheetBackendError

    return ProvisionError, ArchiveError, SheetBackendError


USER_ERRORS = _user_errors()


def _job(name: str, module: str, attr: str) -> None:
    @command(name)
    def run(args: argparse.Namespace) -> int:
        import importlib

        job = getattr(importlib.import_module(module), attr)
        try:
            return _report(job(_context(args), args.period))
        except USER_ERRORS as error:  # a refusal with its reason, not a traceback
            print(f"GAGAL: {error}", file=sys.stderr)
            return 2


_job("provision", "service.jobs.provision", "provision")
_job("pull", "service.jobs.reconcile", "pull_and_reconcile")
_job("remind", "service.jobs.remind", "remind")
_job("archive", "service.jobs.archive", "archive")
_job("tamper-check", "service.jobs.tamper", "check_tamper")


@command("status")
def _status(args: argparse.Namespace) -> int:
    from service.report import month_status
    from service.text_report import format_status

    status = month_status(_context(args), args.period)
    if status is None:
        print(f"periode {args.period} belum disiapkan", file=sys.stderr)
        return 1
    print(format_status(status))
    return 0


@command("sla")
def _sla(args: argparse.Namespace) -> int:
    from service.domain.sla import format_sla_table, format_submission_table
    from service.report import month_sla, month_status, month_submissions

    ctx = _context(args)
    status = month_status(ctx, args.period)
    if status is None:
        print(f"periode {args.period} belum disiapkan", file=sys.stderr)
        return 1
    print(format_sla_table(month_sla(ctx, args.period)))
    print("\nLangkah 1 per pejabat:")
    print(format_submission_table(month_submissions(ctx, status)))
    return 0


@command("deadlines")
def _deadlines(args: argparse.Namespace) -> int:
    ctx = _context(args)
    print("\n".join(ctx.deadlines(args.period).as_lines()))
    return 0


@command("archive-verify")
def _archive_verify(args: argparse.Namespace) -> int:
    from service.archive.manifest import latest_complete, verify_manifest

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


@command("signoff-links")
def _signoff_links(args: argparse.Namespace) -> int:
    from service.domain.roster import Role
    from service.signoff_links import SignOffGrant, make_token, secret_key
    from service.store import roster_repo

    ctx = _context(args)
    key = secret_key(ctx.settings.workspace)
    with ctx.db.session() as session:
        roster = roster_repo.load_roster(session, ctx.office)
    for role in (Role.PP, Role.KS, Role.SK, Role.KD):
        person = roster.approver(role)
        if person is None:
            print(f"{role.value}: belum ada pemegang peran di daftar pegawai")
            continue
        token = make_token(key, SignOffGrant(ctx.office, args.period, role, person.nip))
        print(f"{role.value} {person.name} <{person.email}>:\n  "
              f"{ctx.settings.web_base_url.rstrip('/')}/pengesahan/{token}")
    return 0


def _actor(args: argparse.Namespace) -> str:
    import getpass

    return args.by or getpass.getuser()


@command("signoff-withdraw")
def _signoff_withdraw(args: argparse.Namespace) -> int:
    from service.jobs.withdraw import SignOffRefused, withdraw_signoff

    try:
        withdraw_signoff(_context(args), args.period, args.role, args.reason, _actor(args))
    except SignOffRefused as error:
        print(error, file=sys.stderr)
        return 2
    print(f"pengesahan {args.role} {args.period} ditarik; kunci dilepas pada `kinerja pull`")
    return 0


@command("month-reopen")
def _month_reopen(args: argparse.Namespace) -> int:
    from service.jobs.withdraw import SignOffRefused, reopen_month

    try:
        reopen_month(_context(args), args.period, args.reason, _actor(args), args.to)
    except SignOffRefused as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{args.period} dibuka kembali; arsip sebelumnya tetap disimpan")
    return 0


@command("scheduler-run")
def _scheduler_run(args: argparse.Namespace) -> int:
    from service.scheduler import run_scheduler

    return run_scheduler(Settings.from_env(args.workspace), stop_after=args.stop_after)


@command("history")
def _history(args: argparse.Namespace) -> int:
    from service.notify.messages import waktu
    from service.store import month_repo

    ctx = _context(args)
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


@command("outbox-list")
def _outbox_list(args: argparse.Namespace) -> int:
    from service.store import outbox_repo

    ctx = _context(args)
    with ctx.db.session() as session:
        rows = outbox_repo.needing_attention(session, ctx.office, args.period and str(args.period))
    if not rows:
        print("tidak ada email yang perlu diperiksa")
        return 0
    for row in rows:
        print(f"#{row.id} [{row.state}] {row.period} {row.day} {row.kind} -> {row.recipients}: "
              f"{row.subject}\n      {row.error or ''}")
    print("\n'sending' = mungkin sudah terkirim (jawaban server hilang); periksa dulu, lalu "
          "`kinerja outbox resend NOMOR` bila perlu.")
    return 0


@command("outbox-resend")
def _outbox_resend(args: argparse.Namespace) -> int:
    from service.jobs.outbox import resend

    try:
        outcome = resend(_context(args), args.id)
    except (KeyError, ValueError) as error:
        print(error.args[0], file=sys.stderr)
        return 1
    print(f"pesan #{args.id}: {outcome}")
    return 0 if outcome == "sent" else 1


@command("google-check")
def _google_check(args: argparse.Namespace) -> int:
    from service.sheets.google_check import run_google_check

    google = Settings.from_env(args.workspace).google
    ok, lines = run_google_check(google.key_path, google.oauth_client_path, google.token_path,
                                 google.folder_id)
    print("\n".join(lines))
    return 0 if ok else 1


@command("google-login")
def _google_login(args: argparse.Namespace) -> int:
    from service.sheets.google_auth import oauth_user_credentials

    google = Settings.from_env(args.workspace).google
    if not (google.oauth_client_path and google.token_path):
        print("atur KINERJA_GOOGLE_OAUTH_CLIENT dan KINERJA_GOOGLE_TOKEN lebih dulu",
              file=sys.stderr)
        return 2
    oauth_user_credentials(google.oauth_client_path, google.token_path, interactive=True)
    print(f"token tersimpan di {google.token_path} (izin 0600)")
    return 0


@command("demo")
def _demo(args: argparse.Namespace) -> int:
    from service.demo.run import run_demo

    return run_demo(Path(args.workspace or "demo-workspace"), args.period, args.backend)


@command("serve")
def _serve(args: argparse.Namespace) -> int:
    from service.web.app import create_app

    create_app(_context(args)).run(host=args.host, port=args.port)
    return 0


