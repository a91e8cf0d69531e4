"""`kinerja roster import FILE.xlsx`: the office's people and performance agreements.

The workbook is read and checked whole before the database is opened, so a wrong roster
changes nothing (and creates no database) and every mistake is named at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from service.cli.common import add_command, context

if TYPE_CHECKING:
    from service.cli.common import Subparsers

IMPORT_HELP = ("Impor daftar pegawai dan perjanjian kinerja dari FILE.xlsx (tab Pegawai dan "
               "Indikator). Daftar yang salah ditolak seluruhnya dengan pesan yang menyebut "
               "baris dan kolomnya.")


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    roster = subparsers.add_parser("roster", help="daftar pegawai")
    roster_sub = roster.add_subparsers(dest="roster_command", required=True)
    imp = add_command(roster_sub, "import", common, IMPORT_HELP, _import)
    imp.add_argument("file", metavar="FILE.xlsx")


def _import(args: argparse.Namespace) -> int:
    from service.sheets.roster_workbook import RosterError, read_roster
    from service.store import roster_repo

    try:
        roster, agreements = read_roster(Path(args.file))
    except RosterError as error:
        print(error, file=sys.stderr)
        return 2
    ctx = context(args)
    with ctx.db.session() as session:
        people, indicators = roster_repo.save_roster(session, ctx.office, roster, agreements)
    print(f"{people} pegawai dan {indicators} indikator diimpor untuk {ctx.office}")
    return 0
