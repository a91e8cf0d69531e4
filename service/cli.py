"""`kinerja ...`: the everyday commands. Each runs the same job function the scheduler runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from service.bootstrap import build_context
from service.config import Settings
from service.domain.period import Period
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
    """Print a job's lines; exit 1 when a check found something (tamper findings), so cron
    and monitoring can alert on it."""
    for line in result.lines:
        print(line)
    for error in result.errors:
        print(f"PERINGATAN: {error}", file=sys.stderr)
    return 1 if getattr(result, "findings", None) else 0


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


def _job(name: str, module: str, attr: str) -> None:
    @command(name)
    def run(args: argparse.Namespace) -> int:
        import importlib

        job = getattr(importlib.import_module(module), attr)
        return _report(job(_context(args), args.period))


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
    from service.domain.sla import format_sla_table
    from service.report import month_sla

    print(format_sla_table(month_sla(_context(args), args.period)))
    return 0


@command("deadlines")
def _deadlines(args: argparse.Namespace) -> int:
    ctx = _context(args)
    print("\n".join(ctx.deadlines(args.period).as_lines()))
    return 0


@command("archive-verify")
def _archive_verify(args: argparse.Namespace) -> int:
    from service.archive.manifest import verify_manifest

    settings = Settings.from_env(args.workspace)
    period_dir = settings.archive_dir / settings.office / str(args.period)
    versions = sorted(period_dir.glob("v*"), key=lambda d: int(d.name[1:] or 0))
    if not versions:
        print(f"belum ada arsip untuk {args.period}", file=sys.stderr)
        return 1
    problems = verify_manifest(versions[-1])
    for problem in problems:
        print(problem)
    print(f"{versions[-1]}: {'SEMUA HASH COCOK' if not problems else 'ADA BERKAS BERUBAH'}")
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


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


HELP = {
    "provision": "Siapkan bulan PERIOD: satu lembar kerja per pejabat (indikator, target "
                 "terkunci, kolom realisasi terbuka) dan satu rekap induk dengan panel "
                 "pengesahan. Aman dijalankan ulang: yang sudah ada tidak dibuat lagi.",
    "pull": "Tarik lembar yang berubah, validasi setiap baris, beri catatan pada sel yang "
            "bermasalah (dan hapus yang sudah beres), proses reviu Kasubag dan centang "
            "pengesahan, lalu sinkronkan rekap induk. Aman dijalankan ulang.",
    "remind": "Kirim pengingat hari ini kepada pejabat yang belum mengirim (sehari sebelum "
              "batas, pada hari batas, dan setiap hari kerja sesudahnya) dan eskalasi ke "
              "PP/Kasubag. Tidak pernah mengirim pengingat yang sama dua kali.",
    "status": "Tampilkan status bulan PERIOD per pejabat: terkirim, terisi, bermasalah, "
              "dikembalikan; pengesahan dan pengingat.",
    "archive": "Setelah Kepala Dinas mengesahkan: kunci semua lembar, ekspor PDF rekap induk "
               "dan lembar pejabat, hitung SHA-256, dan tulis manifest arsip.",
    "archive-verify": "Periksa setiap hash dalam manifest arsip terbaru PERIOD dan sebutkan "
                      "berkas yang hilang atau berubah.",
    "sla": "Bandingkan waktu setiap langkah SOP bulan PERIOD dengan standar waktunya.",
    "deadlines": "Tampilkan batas waktu bulan PERIOD (submission: tanggal 2, closing: "
                 "tanggal 5 bulan berikutnya, digeser dari hari libur).",
    "roster-import": "Impor daftar pegawai dan perjanjian kinerja dari FILE.xlsx (tab "
                     "Pegawai dan Indikator). Daftar yang salah ditolak seluruhnya dengan "
                     "pesan yang menyebut baris dan kolomnya.",
    "demo": "Jalankan satu bulan penuh dengan jam simulasi dan pegawai simulasi, dari "
            "penyiapan lembar sampai PDF arsip, lalu cetak ringkasannya.",
    "serve": "Jalankan halaman status (Flask) dengan endpoint /health.",
    "scheduler-run": "Jalankan penjadwal di latar depan: tarik lembar tiap 15 menit selama masa "
                     "pengumpulan (tiap jam di luar itu), pengingat tiap pagi hari kerja pukul "
                     "08.00 WIB, penyiapan bulan pada tanggal 25. Hanya satu penjadwal per "
                     "basis data; jangan dijalankan di dalam worker web.",
    "tamper-check": "Bandingkan sel yang sudah dikunci dengan rantai hash pengesahan dan "
                    "laporkan setiap perubahan sesudah penguncian (sel, nilai lama/baru, siapa).",
    "signoff-links": "Cetak tautan pengesahan pribadi (bertanda tangan, berbatas waktu) untuk "
                     "PP, KS, SK dan KD; di mode lokal hanya tautan ini yang sah.",
    "signoff-withdraw": "Tarik satu pengesahan (hanya yang terakhir, bukan KD) dengan alasan; "
                        "kunci yang dipasangnya dilepas.",
    "month-reopen": "Buka kembali bulan yang sudah disahkan Kepala Dinas (admin), dengan "
                    "alasan; tercatat di log audit dan arsip lama tetap disimpan.",
    "history": "Riwayat setiap nilai yang dibaca layanan dari lembar seorang pejabat: nilai "
               "lama dan baru, kapan terlihat, dan siapa yang mengubah bila diketahui.",
    "outbox-list": "Tampilkan email yang tersangkut ('sending': mungkin sudah sampai) atau "
                   "ditolak server ('failed'), agar operator memutuskan.",
    "outbox-resend": "Kirim ulang satu email dari kotak keluar (Message-ID yang sama).",
    "google-check": "Periksa dalam satu layar: kunci/kredensial terbaca, akun yang dipakai, "
                    "folder Drive terjangkau dan dapat ditulisi, API aktif.",
    "google-login": "Otorisasi sekali akun Google kantor (OAuth, aplikasi desktop) dan simpan "
                    "refresh token dengan izin 0600.",
}


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kinerja", description="Pengumpulan Data Kinerja "
                                   "(SOP/PIPD/KIP/16) di atas lembar kerja.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", help="folder kerja (bawaan: $KINERJA_WORKSPACE "
                        "atau ./workspace)")
    sub = root.add_subparsers(dest="command", required=True)
    for name in ("provision", "pull", "remind", "status", "archive", "sla", "deadlines",
                 "tamper-check"):
        p = sub.add_parser(name, parents=[common], help=HELP[name], description=HELP[name])
        p.add_argument("period", type=_period, metavar="PERIOD", help="YYYY-MM")
    roster = sub.add_parser("roster", help="daftar pegawai")
    roster_sub = roster.add_subparsers(dest="roster_command", required=True)
    imp = roster_sub.add_parser("import", parents=[common], help=HELP["roster-import"],
                                description=HELP["roster-import"])
    imp.add_argument("file", metavar="FILE.xlsx")
    arch = sub.choices["archive"]
    arch.add_argument("action", nargs="?", choices=["verify"], help=HELP["archive-verify"])
    demo = sub.add_parser("demo", parents=[common], help=HELP["demo"], description=HELP["demo"])
    demo.add_argument("--period", type=_period, default=Period(2026, 10))
    demo.add_argument("--backend", choices=["local", "google-fake"], default="local",
                      help="local: .xlsx di folder kerja; google-fake: adaptor Google "
                      "(gspread) terhadap tiruan API Google di dalam proses")
    signoff = sub.add_parser("signoff", help="pengesahan")
    signoff_sub = signoff.add_subparsers(dest="signoff_command", required=True)
    links = signoff_sub.add_parser("links", parents=[common], help=HELP["signoff-links"],
                                   description=HELP["signoff-links"])
    links.add_argument("period", type=_period, metavar="PERIOD")
    withdraw = signoff_sub.add_parser("withdraw", parents=[common],
                                      help=HELP["signoff-withdraw"],
                                      description=HELP["signoff-withdraw"])
    withdraw.add_argument("period", type=_period, metavar="PERIOD")
    withdraw.add_argument("role", choices=["PP", "KS", "SK", "KD"])
    withdraw.add_argument("--reason", required=True)
    withdraw.add_argument("--by", help="siapa yang menarik (bawaan: pengguna sistem)")
    month = sub.add_parser("month", help="bulan pelaporan")
    month_sub = month.add_subparsers(dest="month_command", required=True)
    reopen = month_sub.add_parser("reopen", parents=[common], help=HELP["month-reopen"],
                                  description=HELP["month-reopen"])
    reopen.add_argument("period", type=_period, metavar="PERIOD")
    reopen.add_argument("--reason", required=True)
    reopen.add_argument("--to", choices=["PP", "KS", "SK", "KD"],
                        help="tarik rantai sampai peran ini (bawaan: hanya KD)")
    reopen.add_argument("--by", help="admin yang membuka (bawaan: pengguna sistem)")
    sched = sub.add_parser("scheduler", help="penjadwal otomatis")
    sched_sub = sched.add_subparsers(dest="scheduler_command", required=True)
    run = sched_sub.add_parser("run", parents=[common], help=HELP["scheduler-run"],
                               description=HELP["scheduler-run"])
    run.add_argument("--stop-after", type=float, default=None, help=argparse.SUPPRESS)
    history = sub.add_parser("history", parents=[common], help=HELP["history"],
                             description=HELP["history"])
    history.add_argument("nip", metavar="NIP")
    history.add_argument("--indicator", metavar="KODE")
    outbox = sub.add_parser("outbox", help="email yang perlu perhatian operator")
    outbox_sub = outbox.add_subparsers(dest="outbox_command", required=True)
    listing = outbox_sub.add_parser("list", parents=[common], help=HELP["outbox-list"],
                                    description=HELP["outbox-list"])
    listing.add_argument("period", type=_period, nargs="?", metavar="PERIOD")
    again = outbox_sub.add_parser("resend", parents=[common], help=HELP["outbox-resend"],
                                  description=HELP["outbox-resend"])
    again.add_argument("id", type=int, metavar="NOMOR")
    google = sub.add_parser("google", help="mode Google Sheets")
    google_sub = google.add_subparsers(dest="google_command", required=True)
    for name in ("check", "login"):
        google_sub.add_parser(name, parents=[common], help=HELP[f"google-{name}"],
                              description=HELP[f"google-{name}"])
    serve = sub.add_parser("serve", parents=[common], help=HELP["serve"],
                           description=HELP["serve"])
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["archive"] and len(argv) > 1 and argv[1] == "verify":
        argv = ["archive", *argv[2:3], "verify", *argv[3:]]  # `archive verify PERIOD ...`
    args = parser().parse_args(argv)
    name = args.command
    if name == "roster":
        name = "roster-import"
    if name in ("google", "outbox", "scheduler", "signoff", "month"):
        name = f"{name}-{getattr(args, name + '_command')}"
    if name == "archive" and getattr(args, "action", None) == "verify":
        name = "archive-verify"
    return COMMANDS[name](args)


if __name__ == "__main__":
    sys.exit(main())
