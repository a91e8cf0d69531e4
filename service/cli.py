"""`kinerja ...`: the command line. The commands themselves are in `service.commands`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from service.commands import COMMANDS
from service.domain.period import Period


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
