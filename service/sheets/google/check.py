"""`kinerja google check`: one screen that says whether the Google set-up can work, and why not.

Setting up Google access is where offices get stuck (a key of the wrong kind, an API not
enabled, a folder not shared with the service account, a folder in My Drive where a service
account cannot own files). Each of those fails here with its own message and the fix, before
any job runs. It makes only read requests: Drive files.get of the folder and one Sheets probe.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from google.auth.exceptions import GoogleAuthError

from service.sheets.google.auth import (
    CredentialsError,
    account_email,
    oauth_user_credentials,
    service_account_credentials,
)
from service.sheets.google.http import RetryingSession
from service.sheets.port import SheetBackendError

DRIVE_FILE = "https://www.googleapis.com/drive/v3/files/{id}"
SHEETS_PROBE = "https://sheets.googleapis.com/v4/spreadsheets/kinerja-check-probe"
FOLDER_MIME = "application/vnd.google-apps.folder"
FOLDER_FIELDS = ("id,name,mimeType,driveId,"
                 "capabilities(canAddChildren,canEdit,canTrashChildren,canDeleteChildren)")
SessionFactory = Callable[[Any], requests.Session]


@dataclass(frozen=True)
class CheckLine:
    """One verdict of the check: what was checked, whether it passed, and what to do."""

    ok: bool
    label: str
    message: str

    def render(self) -> str:
        return f"[{'OK' if self.ok else 'GAGAL'}] {self.label}: {self.message}"


def _default_session(credentials: Any) -> requests.Session:
    from google.auth.transport.requests import AuthorizedSession

    return AuthorizedSession(credentials)


def _error(resp: requests.Response) -> tuple[str, set[str], str]:
    """(status, reasons, message) of a Google error body, tolerant of non-JSON bodies."""
    try:
        err = resp.json().get("error", {})
    except ValueError:
        return "", set(), resp.text[:200]
    reasons = {e.get("reason", "") for e in err.get("errors", []) if isinstance(e, dict)}
    reasons |= {d.get("reason", "") for d in err.get("details", []) if isinstance(d, dict)}
    return str(err.get("status", "")), reasons, str(err.get("message", ""))


def _api_disabled(resp: requests.Response, api: str) -> CheckLine | None:
    status, reasons, message = _error(resp)
    if resp.status_code == 403 and (
        {"accessNotConfigured", "SERVICE_DISABLED"} & reasons or "has not been used" in message
    ):
        link = re.search(r"https://console\.[^\s]+", message)
        where = link.group(0) if link else f"Google Cloud Console > APIs > {api}"
        return CheckLine(False, api, f"API belum diaktifkan untuk project ini; aktifkan: {where}")
    return None


def _credentials(
    key_path: str | None, oauth_client_path: str | None, token_path: str | None
) -> tuple[list[CheckLine], Any, str | None, bool]:
    """Lines, credentials, account email (None when only Google can tell), is service acct."""
    if key_path:
        if not Path(key_path).expanduser().is_file():
            return (
                [CheckLine(False, "Kunci", f"berkas tidak ditemukan: {key_path}")],
                None,
                None,
                True,
            )
        creds, email = service_account_credentials(key_path)
        return (
            [CheckLine(True, "Kunci", f"kunci service account dimuat ({key_path})")],
            creds,
            (email),
            True,
        )
    if oauth_client_path and token_path:
        if not Path(oauth_client_path).expanduser().is_file():
            msg = f"berkas klien OAuth tidak ditemukan: {oauth_client_path}"
            return [CheckLine(False, "OAuth", msg)], None, None, False
        creds = oauth_user_credentials(oauth_client_path, token_path, interactive=False)
        line = CheckLine(True, "OAuth", f"token akun kantor dimuat ({token_path}); pastikan "
                         "layar persetujuan OAuth berstatus \"In production\" (status "
                         "\"Testing\" membuat token kedaluwarsa setelah 7 hari)")
        mode = Path(token_path).expanduser().stat().st_mode & 0o777
        lines = [line]
        if mode & 0o077:
            lines.append(CheckLine(False, "Token", f"izin berkas {oct(mode)}; jalankan chmod 600"))
        return lines, creds, None, False
    msg = "isi path kunci service account, atau klien OAuth dan berkas token"
    return [CheckLine(False, "Kredensial", msg)], None, None, False


def check_google(
    key_path: str | None,
    oauth_client_path: str | None,
    token_path: str | None,
    folder_id: str,
    session_factory: SessionFactory | None = None,
) -> list[CheckLine]:
    """Every verdict, in order; stops at the first failure that makes later checks moot."""
    try:
        lines, creds, email, is_service_account = _credentials(
            key_path, oauth_client_path, token_path
        )
    except (CredentialsError, GoogleAuthError) as exc:
        return [CheckLine(False, "Kredensial", str(exc))]
    if creds is None and not all(line.ok for line in lines):
        return lines
    session = RetryingSession((session_factory or _default_session)(creds), max_tries=3)
    try:
        return lines + _remote_checks(session, email, is_service_account, folder_id)
    except (requests.RequestException, SheetBackendError, GoogleAuthError) as exc:
        return lines + [CheckLine(False, "Jaringan", f"Google tidak dapat dihubungi: {exc}")]


def _remote_checks(
    session: requests.Session, email: str | None, is_service_account: bool, folder_id: str
) -> list[CheckLine]:
    lines: list[CheckLine] = []
    if email is None:
        email = account_email(session)
    lines.append(CheckLine(True, "Akun", email))
    resp = session.get(
        DRIVE_FILE.format(id=folder_id),
        params={"supportsAllDrives": "true", "fields": FOLDER_FIELDS},
        timeout=30,
    )
    disabled = _api_disabled(resp, "Google Drive API")
    if disabled:
        return lines + [disabled]
    if resp.status_code == 401:
        msg = "kredensial ditolak Google (401): kunci dicabut atau jam komputer salah?"
        return lines + [CheckLine(False, "Drive", msg)]
    if resp.status_code == 404:
        msg = (
            f"folder {folder_id} tidak ditemukan atau belum dibagikan ke {email}; bagikan "
            "folder/Shared Drive itu ke akun ini sebagai Content manager (Pengelola konten)"
        )
        return lines + [CheckLine(False, "Folder", msg)]
    if not resp.ok:
        _, _, message = _error(resp)
        return lines + [CheckLine(False, "Folder", f"Drive menjawab {resp.status_code}: {message}")]
    folder = resp.json()
    if folder.get("mimeType") != FOLDER_MIME:
        return lines + [CheckLine(False, "Folder", f"{folder_id} ada, tetapi bukan folder")]
    lines.append(CheckLine(True, "Folder", f"{folder.get('name', folder_id)!r} dapat dibuka"))
    if is_service_account and not folder.get("driveId"):
        msg = (
            "folder ada di My Drive; service account tidak punya kuota penyimpanan "
            "(storageQuotaExceeded). Pakai folder di Shared Drive, atau mode OAuth"
        )
        lines.append(CheckLine(False, "Shared Drive", msg))
    caps = folder.get("capabilities") or {}
    can_write = caps.get("canAddChildren", caps.get("canEdit"))
    if can_write is False:
        msg = f"{email} hanya dapat melihat; jadikan Content manager/Editor"
        lines.append(CheckLine(False, "Menulis", msg))
    elif can_write:
        lines.append(CheckLine(True, "Menulis", "akun dapat membuat berkas di folder ini"))
    if folder.get("driveId") and caps.get("canTrashChildren") is False:
        msg = (f"{email} tidak dapat membuang berkas ke tempat sampah: jadikan Content "
               "manager (Pengelola konten), bukan Contributor")
        lines.append(CheckLine(False, "Tempat sampah", msg))
    return lines + [_sheets_probe(session)]


def _sheets_probe(session: requests.Session) -> CheckLine:
    """A read of a spreadsheet that does not exist: 404 proves the Sheets API answers."""
    resp = session.get(SHEETS_PROBE, params={"fields": "spreadsheetId"}, timeout=30)
    disabled = _api_disabled(resp, "Google Sheets API")
    if disabled:
        return disabled
    if resp.status_code in (200, 404):
        return CheckLine(True, "Sheets API", "aktif")
    return CheckLine(False, "Sheets API", f"menjawab {resp.status_code}: {_error(resp)[2]}")


def run_google_check(
    key_path: str | None,
    oauth_client_path: str | None,
    token_path: str | None,
    folder_id: str,
    session_factory: SessionFactory | None = None,
) -> tuple[bool, list[str]]:
    """For the CLI: (everything passed, the lines to print)."""
    lines = check_google(key_path, oauth_client_path, token_path, folder_id, session_factory)
    return all(line.ok for line in lines), [line.render() for line in lines]
