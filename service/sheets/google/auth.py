"""Credentials for the Google backend: key or OAuth token -> an authorized session and the
account it acts as. Imports nothing of the backend; `service.sheets.google` wires the two.

Two real set-ups (see README):
(a) a service account working in a Shared Drive folder (Workspace offices): a JSON key file.
    A service account has no Drive storage of its own, so files must live in a Shared Drive.
(b) one office Google account authorized once with OAuth (installed-app flow) for offices on
    plain Google accounts; the refresh token is kept in a file only its owner can read (0600),
    because whoever reads it can act as the office in Drive.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import requests

from service.sheets.port import SheetBackendError

SCOPES = (
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive",
)
FAKE_ACCOUNT = "kinerja@demo-project.iam.gserviceaccount.com"
ABOUT_URL = "https://www.googleapis.com/drive/v3/about"


class CredentialsError(SheetBackendError):
    """The configured key/token cannot be used; the message says what to do."""


def read_service_account_key(key_path: str) -> dict[str, Any]:
    """The parsed key file, refusing what is not a service-account key (with the reason)."""
    path = Path(key_path).expanduser()
    if not path.is_file():
        raise CredentialsError(f"Berkas kunci tidak ditemukan: {path}")
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CredentialsError(f"Berkas kunci {path} bukan JSON yang valid: {exc}") from exc
    if not isinstance(info, dict) or info.get("type") != "service_account":
        kind = info.get("type") if isinstance(info, dict) else type(info).__name__
        hint = " (ini berkas klien OAuth; pakai opsi klien OAuth)" if _is_oauth_client(info) else ""
        raise CredentialsError(f"Berkas {path} bukan kunci service account (type={kind!r}){hint}")
    missing = [k for k in ("client_email", "private_key", "token_uri") if not info.get(k)]
    if missing:
        raise CredentialsError(f"Kunci service account {path} tidak lengkap: {missing}")
    return info


def _is_oauth_client(info: Any) -> bool:
    return isinstance(info, dict) and bool({"installed", "web"} & info.keys())


def service_account_credentials(key_path: str) -> tuple[Any, str]:
    """(credentials, service-account email) from a JSON key file."""
    from google.oauth2 import service_account

    info = read_service_account_key(key_path)
    try:
        creds = service_account.Credentials.from_service_account_info(info, scopes=SCOPES)
    except (ValueError, KeyError) as exc:
        raise CredentialsError(f"Kunci service account tidak dapat dimuat: {exc}") from exc
    return creds, creds.service_account_email


def write_private(path: Path, text: str) -> None:
    """Write a secret file created 0600 from the start (no window where others can read)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_CREAT


def oauth_user_credentials(client_path: str, token_path: str, interactive: bool = False) -> Any:
    """An office account's credentials from the token file, running the consent flow if asked.

    The installed-app flow opens a browser on this machine once; afterwards only the refresh
    token in `token_path` is used (and rewritten when Google rotates it).
    """
    from google.auth.transport.requests import Request
    from google.oauth2.credentials import Credentials

    token = Path(token_path).expanduser()
    creds = None
    if token.is_file():
        try:
            creds = Credentials.from_authorized_user_file(str(token), scopes=list(SCOPES))
        except (ValueError, json.JSONDecodeError) as exc:
            raise CredentialsError(f"Berkas token {token} rusak: {exc}") from exc
    if creds is not None and not creds.valid and creds.refresh_token:
        from google.auth.exceptions import RefreshError

        try:
            creds.refresh(Request())
        except RefreshError as exc:
            if not interactive:
                raise CredentialsError(
                    f"Token OAuth di {token} ditolak Google ({exc}): jalankan `kinerja google "
                    "login` lagi. Bila terulang tiap 7 hari, layar persetujuan OAuth masih "
                    "\"Testing\": terbitkan (Publish app) ke \"In production\".") from exc
            creds = None
        else:
            write_private(token, creds.to_json())
    if creds is not None and creds.valid:
        return creds
    if not interactive:
        raise CredentialsError(
            f"Belum ada token OAuth di {token}; jalankan `kinerja google login` sekali."
        )
    from google_auth_oauthlib.flow import InstalledAppFlow

    client = Path(client_path).expanduser()
    if not client.is_file():
        raise CredentialsError(f"Berkas klien OAuth tidak ditemukan: {client}")
    flow = InstalledAppFlow.from_client_secrets_file(str(client), scopes=list(SCOPES))
    creds = flow.run_local_server(port=0, open_browser=True)
    write_private(token, creds.to_json())
    return creds


def account_email(session: requests.Session) -> str:
    """Who the session acts as (Drive about.get); needed for OAuth, where no key says it."""
    resp = session.get(ABOUT_URL, params={"fields": "user(emailAddress)"}, timeout=30)
    if not resp.ok:
        raise CredentialsError(f"Tidak dapat membaca akun Google ({resp.status_code})")
    return resp.json()["user"]["emailAddress"]
