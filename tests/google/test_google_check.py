"""`kinerja google check`: one verdict per way the Google set-up can fail.

Reachability is checked against the in-process fake; "API disabled", which the fake does not
model, is answered by a canned transport with Google's recorded error shapes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from requests.adapters import HTTPAdapter

from service.sheets.google import build_google_backend
from service.sheets.google.auth import CredentialsError, oauth_user_credentials, write_private
from service.sheets.google.check import run_google_check
from tests.fakes.google_api import FakeGoogle
from tests.google.backend_factory import SERVICE_ACCOUNT, fake_session


@pytest.fixture(scope="module")
def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture
def key_file(tmp_path: Path, private_key_pem: str) -> str:
    path = tmp_path / "sa.json"
    info = {
        "type": "service_account",
        "project_id": "demo-project",
        "private_key_id": "abc123",
        "private_key": private_key_pem,
        "client_email": SERVICE_ACCOUNT,
        "client_id": "1234567890",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    path.write_text(json.dumps(info))
    return str(path)


@pytest.fixture
def fake() -> FakeGoogle:
    return FakeGoogle(service_account=SERVICE_ACCOUNT)


def check(key: str | None, folder: str, fake: FakeGoogle) -> tuple[bool, list[str]]:
    return run_google_check(key, None, None, folder, session_factory=lambda _c: fake_session(fake))


def test_a_good_setup_passes_and_names_the_account(key_file: str, fake: FakeGoogle) -> None:
    drive = fake.add_shared_drive("Kinerja", members=(SERVICE_ACCOUNT,))
    folder = fake.add_folder("Arsip", parent=drive)
    ok, lines = check(key_file, folder, fake)
    print("\n" + "\n".join(lines))
    assert ok, lines
    assert any(SERVICE_ACCOUNT in line for line in lines)
    assert any("'Arsip'" in line for line in lines)


def test_a_missing_key_file_is_named(tmp_path: Path, fake: FakeGoogle) -> None:
    ok, lines = check(str(tmp_path / "nope.json"), "x", fake)
    assert not ok and "tidak ditemukan" in lines[0]


def test_an_oauth_client_file_is_not_a_service_account_key(tmp_path: Path, fake) -> None:
    path = tmp_path / "client.json"
    path.write_text(json.dumps({"installed": {"client_id": "x"}}))
    ok, lines = check(str(path), "x", fake)
    assert not ok and "bukan kunci service account" in lines[0] and "klien OAuth" in lines[0]


def test_a_folder_not_shared_with_the_account_says_so(key_file: str, fake: FakeGoogle) -> None:
    other = fake.add_shared_drive("Orang lain", members=("someone@example.go.id",))
    folder = fake.add_folder("Rahasia", parent=other, owner="someone@example.go.id")
    ok, lines = check(key_file, folder, fake)
    assert not ok
    assert "belum dibagikan" in lines[-1] and SERVICE_ACCOUNT in lines[-1]


def test_no_credentials_at_all_is_a_clear_failure(fake: FakeGoogle) -> None:
    ok, lines = run_google_check(None, None, None, "x")
    assert not ok and "kunci service account" in lines[0]


class Disabled(HTTPAdapter):
    """Google's answer when the project has not enabled an API (Drive v3 and Sheets v4)."""

    def __init__(self, api: str) -> None:
        super().__init__()
        self.api = api

    def send(self, request, *args, **kwargs):  # type: ignore[override]
        drive = "/drive/v3/" in (request.url or "")
        message = (
            f"{'Google Drive API' if drive else 'Google Sheets API'} has not been used in project"
            " 123 before or it is disabled. Enable it by visiting https://console.developers"
            ".google.com/apis/api/drive.googleapis.com/overview?project=123 then retry."
        )
        if drive == (self.api == "drive"):
            error = {"code": 403, "message": message, "status": "PERMISSION_DENIED"}
            if drive:
                error["errors"] = [{"reason": "accessNotConfigured", "domain": "usageLimits"}]
            else:
                error["details"] = [{"reason": "SERVICE_DISABLED"}]
            status, body = 403, {"error": error}
        elif drive:
            status, body = 200, {"id": "f", "name": "Arsip", "driveId": "d", "mimeType": FOLDER}
        else:
            status, body = 404, {"error": {"code": 404, "message": "nf", "status": "NOT_FOUND"}}
        response = requests.Response()
        response.status_code, response._content = status, json.dumps(body).encode()
        response.url, response.request = request.url, request
        return response


FOLDER = "application/vnd.google-apps.folder"


@pytest.mark.parametrize(("api", "label"), [("drive", "Drive API"), ("sheets", "Sheets API")])
def test_a_disabled_api_is_reported_with_where_to_enable_it(key_file: str, api, label) -> None:
    def session(_creds: object) -> requests.Session:
        s = requests.Session()
        s.mount("https://", Disabled(api))
        return s

    ok, lines = run_google_check(key_file, None, None, "f", session_factory=session)
    assert not ok
    assert label in lines[-1] and "belum diaktifkan" in lines[-1]
    assert "console.developers.google.com" in lines[-1]


def test_the_oauth_token_file_is_created_private_and_stays_private(tmp_path: Path) -> None:
    token = tmp_path / "cfg" / "token.json"
    write_private(token, '{"refresh_token": "r"}')
    assert token.stat().st_mode & 0o777 == 0o600
    token.chmod(0o644)
    write_private(token, '{"refresh_token": "r2"}')
    assert token.stat().st_mode & 0o777 == 0o600 and "r2" in token.read_text()


def test_a_saved_valid_token_is_used_without_a_browser(tmp_path: Path) -> None:
    token = tmp_path / "token.json"
    info = {
        "token": "ya29.x",
        "refresh_token": "1//r",
        "client_id": "c.apps.googleusercontent.com",
        "client_secret": "s",
        "expiry": "2999-01-01T00:00:00Z",
    }
    write_private(token, json.dumps(info))
    creds = oauth_user_credentials(str(tmp_path / "client.json"), str(token))
    assert creds.valid and creds.refresh_token == "1//r"


def test_without_a_token_the_oauth_mode_says_to_log_in_once(tmp_path: Path) -> None:
    client = tmp_path / "client.json"
    client.write_text(json.dumps({"installed": {"client_id": "x", "client_secret": "y"}}))
    ok, lines = run_google_check(None, str(client), str(tmp_path / "token.json"), "f")
    assert not ok and "kinerja google login" in lines[0]


def test_a_service_account_backend_is_built_from_its_key(key_file: str) -> None:
    backend = build_google_backend(key_file, None, None, "root-folder")
    assert backend.account == SERVICE_ACCOUNT and backend.root_folder_id == "root-folder"
    with pytest.raises(CredentialsError, match="kunci service account"):
        build_google_backend(None, None, None, "root-folder")


def test_a_folder_in_my_drive_is_refused_for_a_service_account(key_file: str, fake) -> None:
    folder = fake.add_folder("Di My Drive")  # in the service account's own My Drive
    ok, lines = check(key_file, folder, fake)
    assert not ok and any("Shared Drive" in line and "GAGAL" in line for line in lines)


def test_a_read_only_folder_is_reported_as_not_writable(key_file: str, fake) -> None:
    other = fake.add_shared_drive("Orang lain", members=("someone@example.go.id",))
    folder = fake.add_folder("Baca saja", parent=other, owner="someone@example.go.id")
    fake.share(folder, SERVICE_ACCOUNT, "reader")
    ok, lines = check(key_file, folder, fake)
    assert not ok and any(line.startswith("[GAGAL] Menulis") for line in lines), lines


def test_a_writable_folder_says_so(key_file: str, fake) -> None:
    drive = fake.add_shared_drive("Kinerja", members=(SERVICE_ACCOUNT,))
    ok, lines = check(key_file, fake.add_folder("Arsip", parent=drive), fake)
    assert ok and any(line.startswith("[OK] Menulis") for line in lines), lines


def test_a_contributor_is_told_to_be_content_manager(key_file: str, fake: FakeGoogle) -> None:
    """A Contributor (writer) of a Shared Drive may add files but not trash them, and a
    half-made spreadsheet must go to the trash (Drive roles; files.update trashed)."""
    drive = fake.add_shared_drive("Kinerja", members={SERVICE_ACCOUNT: "writer"})
    ok, lines = check(key_file, drive, fake)
    assert not ok
    assert any(line.startswith("[GAGAL] Tempat sampah") and "Content manager" in line
               for line in lines)
    good = fake.add_shared_drive("Kinerja 2", members={SERVICE_ACCOUNT: "fileOrganizer"})
    assert check(key_file, good, fake)[0]
