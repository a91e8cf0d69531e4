"""The demo month through the real Google adapter and gspread, against the in-process API
fake: `scripts/demo.sh --google-fake [FOLDER]` (run from a checkout: the fake is test code,
not part of the installed package)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.demo.run import run_demo
from service.domain.period import Period

from .world import DemoGoogleWorld


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/demo.sh --google-fake",
        description="Satu bulan demo melalui adaptor Google (gspread) terhadap tiruan API "
                    "Google di dalam proses.")
    parser.add_argument("workspace", nargs="?", default="demo-workspace-google")
    parser.add_argument("--period", type=Period.parse, default=Period(2026, 10))
    args = parser.parse_args(argv)
    world = DemoGoogleWorld()
    status = run_demo(Path(args.workspace), args.period, world=world)
    made = world.made
    if made is not None and made.fake.quota is not None:
        quota = made.fake.quota
        print(f"kuota Google (tiruan): {sum(quota.requests.values())} permintaan, "
              f"{quota.refused} ditolak (429/403 batas kuota), jeda pacing "
              f"{made.backend.pacer.waited:.0f} detik (waktu virtual)")
    return status


if __name__ == "__main__":
    sys.exit(main())
