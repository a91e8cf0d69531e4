"""`kinerja signoff links|withdraw`: the approvers' personal links, and taking a sign-off
back."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from service.cli.common import actor, add_command, context, parse_period

if TYPE_CHECKING:
    from service.cli.common import Subparsers

LINKS_HELP = ("Cetak tautan pengesahan pribadi (bertanda tangan, berbatas waktu) untuk "
              "PP, KS, SK dan KD; di mode lokal hanya tautan ini yang sah.")
WITHDRAW_HELP = ("Tarik satu pengesahan (hanya yang terakhir, bukan KD) dengan alasan; "
                 "kunci yang dipasangnya dilepas.")


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    signoff = subparsers.add_parser("signoff", help="pengesahan")
    signoff_sub = signoff.add_subparsers(dest="signoff_command", required=True)
    links = add_command(signoff_sub, "links", common, LINKS_HELP, _links)
    links.add_argument("period", type=parse_period, metavar="PERIOD")
    withdraw = add_command(signoff_sub, "withdraw", common, WITHDRAW_HELP, _withdraw)
    withdraw.add_argument("period", type=parse_period, metavar="PERIOD")
    withdraw.add_argument("role", choices=["PP", "KS", "SK", "KD"])
    withdraw.add_argument("--reason", required=True)
    withdraw.add_argument("--by", help="siapa yang menarik (bawaan: pengguna sistem)")


def _links(args: argparse.Namespace) -> int:
    from service.domain.roster import Role
    from service.jobs.parts.signoff_tokens import SignOffGrant, make_token, secret_key, signoff_url
    from service.store import roster_repo

    ctx = context(args)
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
              f"{signoff_url(ctx.settings.web_base_url, token)}")
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    from service.jobs.withdraw import SignOffRefused, withdraw_signoff

    try:
        withdraw_signoff(context(args), args.period, args.role, args.reason, actor(args))
    except SignOffRefused as error:
        print(error, file=sys.stderr)
        return 2
    print(f"pengesahan {args.role} {args.period} ditarik; kunci dilepas pada `kinerja pull`")
    return 0
