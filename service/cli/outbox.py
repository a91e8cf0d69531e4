"""`kinerja outbox list|resend`: the emails only an operator can decide about.

A message stuck in 'sending' may have arrived (the server's answer was lost), so nothing
resends it on its own; the operator looks first and resends by number.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from service.cli.common import add_command, context, parse_period

if TYPE_CHECKING:
    from service.cli.common import Subparsers

LIST_HELP = ("Tampilkan email yang tersangkut ('sending': mungkin sudah sampai) atau "
             "ditolak server ('failed'), agar operator memutuskan.")
RESEND_HELP = "Kirim ulang satu email dari kotak keluar (Message-ID yang sama)."


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    outbox = subparsers.add_parser("outbox", help="email yang perlu perhatian operator")
    outbox_sub = outbox.add_subparsers(dest="outbox_command", required=True)
    listing = add_command(outbox_sub, "list", common, LIST_HELP, _list)
    listing.add_argument("period", type=parse_period, nargs="?", metavar="PERIOD")
    again = add_command(outbox_sub, "resend", common, RESEND_HELP, _resend)
    again.add_argument("id", type=int, metavar="NOMOR")


def _list(args: argparse.Namespace) -> int:
    from service.store import outbox_repo

    ctx = context(args)
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


def _resend(args: argparse.Namespace) -> int:
    from service.jobs.parts.outbox import resend

    try:
        outcome = resend(context(args), args.id)
    except (KeyError, ValueError) as error:
        print(error.args[0], file=sys.stderr)
        return 1
    print(f"pesan #{args.id}: {outcome}")
    return 0 if outcome == "sent" else 1
