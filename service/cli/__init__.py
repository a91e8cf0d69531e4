"""`kinerja ...`: the command line, one module per group of commands.

Each module (`month`, `roster`, `signoff`, `outbox`, `google`, `run`) has a
`register(subparsers, common)` that adds its commands, each with its arguments, its help
text and its handler side by side; `main` only parses and calls `args.handler(args)`. A new
command therefore lives in one module; a new month job is one entry in
`service.jobs.registry`, which makes its command here and lets the scheduler run it.

The modules import what their handlers need inside the handlers, so `kinerja --help` does
not load the sheet backends, the PDF renderer or pandas.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from service.cli import google, month, outbox, roster, run, signoff

GROUPS = (month, roster, signoff, outbox, google, run)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kinerja", description="Pengumpulan Data Kinerja "
                                   "(SOP/PIPD/KIP/16) di atas lembar kerja.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", help="folder kerja (bawaan: $KINERJA_WORKSPACE "
                        "atau ./workspace)")
    subparsers = root.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(subparsers, common)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    argv = month.verify_first(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    code: int = args.handler(args)
    return code
