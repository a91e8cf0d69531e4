"""`kinerja google check|login`: setting up Google mode before any sheet is made.

Both read only the settings, not the database: they are what an operator runs while the
Google side is still being set up.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from service.cli.common import add_command
from service.config import GoogleSettings, Settings

if TYPE_CHECKING:
    from service.cli.common import Subparsers

CHECK_HELP = ("Periksa dalam satu layar: kunci/kredensial terbaca, akun yang dipakai, "
              "folder Drive terjangkau dan dapat ditulisi, API aktif.")
DEEP_HELP = ("Setelah pemeriksaan biasa lolos: buat spreadsheet probe di folder, periksa "
             "locale, berbagi, baris > 1000, jeda modifiedTime Drive, daftar izin, lalu "
             "buang probe ke tempat sampah (butuh ±4 menit).")
LOGIN_HELP = ("Otorisasi sekali akun Google kantor (OAuth, aplikasi desktop) dan simpan "
              "refresh token dengan izin 0600.")


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    google = subparsers.add_parser("google", help="mode Google Sheets")
    google_sub = google.add_subparsers(dest="google_command", required=True)
    check = add_command(google_sub, "check", common, CHECK_HELP, _check)
    check.add_argument("--deep", action="store_true", help=DEEP_HELP)
    check.add_argument("--share-with", metavar="EMAIL", default=None,
                       help="alamat untuk mencoba berbagi probe (dengan --deep)")
    add_command(google_sub, "login", common, LOGIN_HELP, _login)


def _check(args: argparse.Namespace) -> int:
    from service.sheets.google.check import run_google_check

    google = Settings.from_env(args.workspace).google
    ok, lines = run_google_check(google.key_path, google.oauth_client_path, google.token_path,
                                 google.folder_id)
    print("\n".join(lines))
    if ok and getattr(args, "deep", False):
        ok = _deep(google, getattr(args, "share_with", None))
    return 0 if ok else 1


def _deep(google: GoogleSettings, share_with: str | None) -> bool:
    from service.sheets.google import build_google_backend
    from service.sheets.google.auth import CredentialsError
    from service.sheets.google.check_deep import run_deep_checks

    try:
        backend = build_google_backend(google.key_path, google.oauth_client_path,
                                       google.token_path, google.folder_id,
                                       api_base=google.api_base, quota=google.quota)
    except CredentialsError as exc:
        print(f"[GAGAL] Pemeriksaan mendalam: {exc}")
        return False
    print("Pemeriksaan mendalam (spreadsheet probe; jeda Drive diukur hingga ±4 menit):",
          flush=True)
    ok, lines = run_deep_checks(backend, google.folder_id, share_with)
    print("\n".join(lines))
    return ok


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
