"""`kinerja google check|login`: setting up Google mode before any sheet is made.

Both read only the settings, not the database: they are what an operator runs while the
Google side is still being set up.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from service.cli.common import add_command
from service.config import Settings

if TYPE_CHECKING:
    from service.cli.common import Subparsers

CHECK_HELP = ("Periksa dalam satu layar: kunci/kredensial terbaca, akun yang dipakai, "
              "folder Drive terjangkau dan dapat ditulisi, API aktif.")
LOGIN_HELP = ("Otorisasi sekali akun Google kantor (OAuth, aplikasi desktop) dan simpan "
              "refresh token dengan izin 0600.")


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    google = subparsers.add_parser("google", help="mode Google Sheets")
    google_sub = google.add_subparsers(dest="google_command", required=True)
    add_command(google_sub, "check", common, CHECK_HELP, _check)
    add_command(google_sub, "login", common, LOGIN_HELP, _login)


def _check(args: argparse.Namespace) -> int:
    from service.sheets.google.check import run_google_check

    google = Settings.from_env(args.workspace).google
    ok, lines = run_google_check(google.key_path, google.oauth_client_path, google.token_path,
                                 google.folder_id)
    print("\n".join(lines))
    return 0 if ok else 1


def _login(args: argparse.Namespace) -> int:
    from service.sheets.google.auth import oauth_user_credentials

    google = Settings.from_env(args.workspace).google
    if not (google.oauth_client_path and google.token_path):
        print("atur KINERJA_GOOGLE_OAUTH_CLIENT dan KINERJA_GOOGLE_TOKEN lebih dulu",
              file=sys.stderr)
        return 2
    oauth_user_credentials(google.oauth_client_path, google.token_path, interactive=True)
    print(f"token tersimpan di {google.token_path} (izin 0600)")
    return 0
