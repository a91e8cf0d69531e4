"""The long-running and self-contained commands: `serve`, `scheduler run`, `demo`.

The web app and the scheduler are separate commands on purpose: under a web server every
worker would start its own scheduler (see `service.scheduler.runner`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from service.cli.common import add_command, context, parse_period
from service.config import Settings
from service.domain.period import Period

if TYPE_CHECKING:
    from service.cli.common import Subparsers

SERVE_HELP = "Jalankan halaman status (Flask) dengan endpoint /health."
SCHEDULER_HELP = ("Jalankan penjadwal di latar depan: tarik lembar tiap 15 menit selama masa "
                  "pengumpulan (tiap jam di luar itu), pengingat tiap pagi hari kerja pukul "
                  "08.00 WIB, penyiapan bulan pada tanggal 25. Hanya satu penjadwal per "
                  "basis data; jangan dijalankan di dalam worker web.")
DEMO_HELP = ("Jalankan satu bulan penuh dengan jam simulasi dan pegawai simulasi, dari "
             "penyiapan lembar sampai PDF arsip, lalu cetak ringkasannya.")


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    serve = add_command(subparsers, "serve", common, SERVE_HELP, _serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)

    sched = subparsers.add_parser("scheduler", help="penjadwal otomatis")
    sched_sub = sched.add_subparsers(dest="scheduler_command", required=True)
    run = add_command(sched_sub, "run", common, SCHEDULER_HELP, _scheduler_run)
    run.add_argument("--stop-after", type=float, default=None, help=argparse.SUPPRESS)

    demo = add_command(subparsers, "demo", common, DEMO_HELP, _demo)
    demo.add_argument("--period", type=parse_period, default=Period(2026, 10))


def _serve(args: argparse.Namespace) -> int:
    from service.web.app import create_app

    create_app(context(args)).run(host=args.host, port=args.port)
    return 0


def _scheduler_run(args: argparse.Namespace) -> int:
    from service.scheduler import run_scheduler

    return run_scheduler(Settings.from_env(args.workspace), stop_after=args.stop_after)


def _demo(args: argparse.Namespace) -> int:
    from service.demo.run import run_demo

    # The Google-fake month is test code, so it is not a choice here: scripts/demo.sh
    # --google-fake runs it (tests/fakes/google_api/demo.py).
    return run_demo(Path(args.workspace or "demo-workspace"), args.period)
