"""Semantics of FakeGoogle that gspread's recordings do not cover, checked against the
Sheets/Drive API reference: protection, input options, storage, modifiedTime, sharing,
PDF export, gspread end to end, and the standalone server."""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import gspread
import pytest
import requests
from gspread.utils import ExportFormat
from pypdf import PdfReader

from tests.fakes.google_api import FakeGoogle

SA = "kinerja@demo-project.iam.gserviceaccount.com"
ANA, BUDI = "ana@example.go.id", "budi@example.go.id"
SHEETS, DRIVE = (
    "https://sheets.googleapis.com/v4/spreadsheets",
    "https://www.googleapis.com/drive/v3",
)
SPREADSHEET = "application/vnd.google-apps.spreadsheet"


class Api:
    """Tiny HTTP helper: one session per token, so each call says who is calling."""

    def __init__(self, fake: FakeGoogle) -> None:
        self.session = fake.mount(requests.Session())

    def __call__(self, method: str, url: str, token: str = "sa", **kw: Any) -> requests.Response:
        return self.session.request(method, url, headers={"Authorization": f"Bearer {token}"}, **kw)


@pytest.fixture
def clock() -> list[dt.datetime]:
    """A hand-moved clock: tests advance clock[0]."""
    return [dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)]


@pytest.fixture
def fake(clock: list[dt.datetime]) -> FakeGoogle:
    fake = FakeGoogle(service_account=SA)
    fake.set_clock(lambda: clock[0])
    fake.add_user("tok-ana", ANA)
    fake.add_user("tok-budi", BUDI)
    return fake


@pytest.fixture
def api(fake: FakeGoogle) -> Api:
    return Api(fake)


@pytest.fixture
def drive_id(fake: FakeGoogle) -> str:
    return fake.add_shared_drive("Kinerja Dukcapil", members=(SA,))


@pytest.fixture
def sid(api: Api, drive_id: str) -> str:
    """A spreadsheet the service account created in the shared drive."""
    body = {"name": "Kinerja PJ", "mimeType": SPREADSHEET, "parents": [drive_id]}
    r = api("POST", f"{DRIVE}/files", json=body, params={"supportsAllDrives": "true"})
    assert r.status_code == 200, r.text
    return r.json()["id"]


def put(
    api: Api, sid: str, rng: str, values: list, token: str = "sa", option: str = "USER_ENTERED"
) -> requests.Response:
    return api(
        "PUT",
        f"{SHEETS}/{sid}/values/{rng}",
        token,
        json={"values": values},
        params={"valueInputOption": option},
    )


def get(api: Api, sid: str, rng: str, render: str = "FORMATTED_VALUE") -> Any:
    r = api("GET", f"{SHEETS}/{sid}/values/{rng}", params={"valueRenderOption": render})
    assert r.status_code == 200, r.text
    return r.json().get("values")


def protect(api: Api, sid: str, editors: list[str], **extra: Any) -> requests.Response:
    rng = {
        "sheetId": 0,
        "startRowIndex": 0,
        "endRowIndex": 2,
        "startColumnIndex": 0,
        "endColumnIndex": 2,
    }
    pr = {"range": rng, "editors": {"users": editors}, **extra}
    return api(
        "POST",
        f"{SHEETS}/{sid}:batchUpdate",
        json={"requests": [{"addProtectedRange": {"protectedRange": pr}}]},
    )


def share(api: Api, file_id: str, email: str, role: str = "writer") -> requests.Response:
    return api(
        "POST",
        f"{DRIVE}/files/{file_id}/permissions",
        json={"type": "user", "role": role, "emailAddress": email},
        params={"sendNotificationEmail": "False", "supportsAllDrives": "True"},
    )


def test_non_editor_is_refused_on_a_protected_range_but_editor_is_not(api, sid):
    share(api, sid, ANA)
    share(api, sid, BUDI)
    assert protect(api, sid, [ANA]).status_code == 200
    refused = put(api, sid, "Sheet1!A1", [["x"]], token="tok-budi")
    assert refused.status_code == 403
    assert refused.json()["error"]["status"] == "PERMISSION_DENIED"
    assert "protected cell" in refused.json()["error"]["message"]
    assert put(api, sid, "Sheet1!C3", [["free"]], token="tok-budi").status_code == 200
    assert put(api, sid, "Sheet1!A1", [["ana"]], token="tok-ana").status_code == 200
    assert get(api, sid, "Sheet1!A1:C3") == [["ana"], [], ["", "", "free"]]


def test_owner_always_may_edit_and_is_listed_as_editor(api, sid, fake):
    share(api, sid, ANA)
    protect(api, sid, [ANA])
    meta = api("GET", f"{SHEETS}/{sid}").json()
    pr = meta["sheets"][0]["protectedRanges"][0]
    assert set(pr["editors"]["users"]) == {ANA, SA}
    update = {
        "protectedRange": {"protectedRangeId": pr["protectedRangeId"], "editors": {"users": [ANA]}},
        "fields": "editors",
    }
    api(
        "POST", f"{SHEETS}/{sid}:batchUpdate", json={"requests": [{"updateProtectedRange": update}]}
    )
    assert put(api, sid, "Sheet1!A1", [["owner"]]).status_code == 200
    assert fake.user_edit("tok-ana", sid, "Sheet1!B2", [["mine"]]) == 200
    assert fake.user_edit("tok-budi", sid, "Sheet1!B2", [["no"]]) == 403  # not even shared
    share(api, sid, BUDI)
    assert fake.user_edit("tok-budi", sid, "Sheet1!B2", [["no"]]) == 403
    assert get(api, sid, "Sheet1!A1:B2") == [["owner"], ["", "mine"]]


def test_warning_only_ranges_do_not_block_and_non_editors_do_not_see_editors(api, sid, fake):
    share(api, sid, BUDI)
    assert protect(api, sid, [], warningOnly=True).status_code == 200
    assert fake.user_edit("tok-budi", sid, "A1", [["ok"]]) == 200
    protect(api, sid, [])
    pr = api("GET", f"{SHEETS}/{sid}", "tok-budi").json()["sheets"][0]["protectedRanges"][1]
    assert pr["requestingUserCanEdit"] is False and "editors" not in pr


def test_raw_keeps_text_and_user_entered_parses(api, sid):
    row = ["=1+1", "53", "2020-01-01", "TRUE", "50%"]
    assert put(api, sid, "A1", [row], option="RAW").json()["updatedCells"] == 5
    assert put(api, sid, "A2", [row]).json()["updatedRange"] == "Sheet1!A2:E2"
    assert get(api, sid, "A1:E2", "UNFORMATTED_VALUE") == [row, [2, 53, 43831, True, 0.5]]
    assert get(api, sid, "A1:E2") == [row, ["2", "53", "2020-01-01", "TRUE", "50%"]]
    assert get(api, sid, "A2:A2", "FORMULA") == [["=1+1"]]


def test_formulas_evaluate_simple_arithmetic_and_flag_errors(api, sid):
    put(
        api,
        sid,
        "A1",
        [
            ["Target", "Real", "Capaian", "Guard", "Unknown"],
            [80, 60, "=B2*100/A2", '=IF(A2>0,B2/A2,"-")', "=FOO(1)"],
            [0, 5, "=B3*100/A3", "=IFERROR(B3/A3,0)", "=SUM(A2:B3)"],
        ],
    )
    assert get(api, sid, "C2:E3", "UNFORMATTED_VALUE") == [
        [75, 0.75, "#NAME?"],
        ["#DIV/0!", 0, 145],
    ]


def test_service_account_needs_a_shared_drive_but_people_have_my_drive(api, drive_id, fake):
    body = {"name": "x", "mimeType": SPREADSHEET}
    refused = api("POST", f"{DRIVE}/files", json=body)
    assert refused.status_code == 403
    assert refused.json()["error"]["errors"][0]["reason"] == "storageQuotaExceeded"
    assert api("POST", f"{DRIVE}/files", "tok-ana", json=body).status_code == 200
    folder = fake.add_folder("Arsip", parent=drive_id)
    inside = api("POST", f"{DRIVE}/files", json={**body, "parents": [folder]})
    assert inside.status_code == 200
    assert api("GET", f"{SHEETS}/{inside.json()['id']}").status_code == 200


def test_files_list_reports_modified_time_and_editor_after_an_edit(api, sid, fake, drive_id, clock):
    api("PATCH", f"{DRIVE}/files/{sid}", json={"appProperties": {"period": "2024-05"}})
    params = {
        "q": f"mimeType = '{SPREADSHEET}' and '{drive_id}' in parents and trashed = false "
        "and appProperties has { key='period' and value='2024-05' }",
        "fields": "files(id,modifiedTime,lastModifyingUser(emailAddress))",
        "includeItemsFromAllDrives": "true",
        "supportsAllDrives": "true",
    }
    before = api("GET", f"{DRIVE}/files", params=params).json()["files"]
    share(api, sid, ANA)
    clock[0] += dt.timedelta(minutes=5)
    assert fake.user_edit("tok-ana", sid, "A1", [["realisasi"]]) == 200
    after = api("GET", f"{DRIVE}/files", params=params).json()["files"]
    assert [f["id"] for f in after] == [sid]
    assert after[0]["modifiedTime"] == "2024-05-01T08:05:00.000Z" > before[0]["modifiedTime"]
    assert after[0]["lastModifyingUser"] == {"emailAddress": ANA}


def test_files_list_pages_with_next_page_token(api, drive_id):
    for n in range(5):
        api(
            "POST",
            f"{DRIVE}/files",
            json={"name": f"f{n}", "parents": [drive_id], "mimeType": SPREADSHEET},
        )
    seen, token = [], None
    while True:
        page = api(
            "GET",
            f"{DRIVE}/files",
            params={
                "pageSize": 2,
                "pageToken": token,
                "includeItemsFromAllDrives": "True",
                "corpora": "drive",
                "driveId": drive_id,
                "supportsAllDrives": "True",
            },
        ).json()
        seen += [f["name"] for f in page["files"]]
        token = page.get("nextPageToken")
        if not token:
            break
    assert seen == [f"f{n}" for n in range(5)]


def test_permissions_grant_and_revoke_access(api, sid):
    assert api("GET", f"{DRIVE}/files/{sid}", "tok-ana").status_code == 404
    assert api("GET", f"{SHEETS}/{sid}", "tok-ana").status_code == 403
    created = share(api, sid, ANA, "reader").json()
    assert created == {
        "kind": "drive#permission",
        "id": created["id"],
        "type": "user",
        "role": "reader",
    }
    assert api("GET", f"{SHEETS}/{sid}", "tok-ana").status_code == 200
    assert put(api, sid, "A1", [["x"]], token="tok-ana").status_code == 403
    listed = api(
        "GET",
        f"{DRIVE}/files/{sid}/permissions",
        params={"fields": "permissions(id,emailAddress,role)"},
    ).json()["permissions"]
    assert {"id": created["id"], "emailAddress": ANA, "role": "reader"} in listed
    assert api("DELETE", f"{DRIVE}/files/{sid}/permissions/{created['id']}").status_code == 204
    assert api("GET", f"{DRIVE}/files/{sid}", "tok-ana").status_code == 404


def test_folder_permission_is_inherited(api, fake, drive_id):
    folder = fake.add_folder("PJ", parent=drive_id)
    sid = api(
        "POST", f"{DRIVE}/files", json={"name": "s", "mimeType": SPREADSHEET, "parents": [folder]}
    ).json()["id"]
    share(api, folder, ANA)
    assert put(api, sid, "A1", [["via folder"]], token="tok-ana").status_code == 200


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_exports_are_real_pdfs_with_the_cell_text(api, sid):
    put(api, sid, "A1", [["Indikator", "Capaian"], ["Akta kelahiran", "=50*2"]])
    drive = api("GET", f"{DRIVE}/files/{sid}/export", params={"mimeType": "application/pdf"})
    assert drive.headers["Content-Type"] == "application/pdf"
    assert "Akta kelahiran" in _pdf_text(drive.content) and "100" in _pdf_text(drive.content)
    docs = api(
        "GET",
        f"https://docs.google.com/spreadsheets/d/{sid}/export",
        params={
            "format": "pdf",
            "size": "A4",
            "portrait": "true",
            "fitw": "true",
            "gridlines": "false",
            "gid": 0,
        },
    )
    assert docs.status_code == 200 and "Indikator" in _pdf_text(docs.content)
    again = api("GET", f"{DRIVE}/files/{sid}/export", params={"mimeType": "application/pdf"})
    assert again.content == drive.content  # stable bytes: archive hashes are reproducible
    assert (
        api(
            "GET", f"{DRIVE}/files/{sid}/export", "tok-ana", params={"mimeType": "application/pdf"}
        ).status_code
        == 404
    )


def test_checkbox_cells_hold_booleans_and_batch_update_is_atomic(api, sid):
    rng = {
        "sheetId": 0,
        "startRowIndex": 1,
        "endRowIndex": 3,
        "startColumnIndex": 3,
        "endColumnIndex": 4,
    }
    ok = api(
        "POST",
        f"{SHEETS}/{sid}:batchUpdate",
        json={
            "requests": [
                {
                    "setDataValidation": {
                        "range": rng,
                        "rule": {"condition": {"type": "BOOLEAN"}, "strict": True},
                    }
                }
            ]
        },
    )
    assert ok.json()["replies"] == [{}]
    put(api, sid, "D2", [["TRUE"]])
    assert get(api, sid, "D2:D3", "UNFORMATTED_VALUE") == [[True], [False]]
    bad = api(
        "POST",
        f"{SHEETS}/{sid}:batchUpdate",
        json={
            "requests": [
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": 0, "title": "Renamed"},
                        "fields": "title",
                    }
                },
                {"deleteSheet": {"sheetId": 12345}},
            ]
        },
    )
    assert bad.status_code == 400
    assert api("GET", f"{SHEETS}/{sid}").json()["sheets"][0]["properties"]["title"] == "Sheet1"


def test_ranges_are_normalised_like_google(api, sid):
    add = {
        "addSheet": {
            "properties": {
                "title": "Rekap Bulanan",
                "gridProperties": {"rowCount": 10, "columnCount": 5},
            }
        }
    }
    api("POST", f"{SHEETS}/{sid}:batchUpdate", json={"requests": [add]})
    r = put(api, sid, "'Rekap Bulanan'!B2", [["a", ""]], option="RAW").json()
    assert r["updatedRange"] == "'Rekap Bulanan'!B2:C2" and r["updatedCells"] == 2
    whole = api("GET", f"{SHEETS}/{sid}/values/Rekap Bulanan!B:B").json()
    assert whole == {
        "range": "'Rekap Bulanan'!B1:B10",
        "majorDimension": "ROWS",
        "values": [[], ["a"]],
    }
    too_far = api("GET", f"{SHEETS}/{sid}/values/'Rekap Bulanan'!A1:F1")
    assert too_far.status_code == 400 and "exceeds grid limits" in too_far.text
    assert api("GET", f"{SHEETS}/{sid}/values/Nope!A1").status_code == 400


def test_gspread_works_against_the_fake(fake, drive_id):
    session = fake.mount(requests.Session())
    session.headers["Authorization"] = "Bearer service-account-token"
    gc = gspread.Client(auth=None, session=session)
    sid = gc.create("Rekap Mei", folder_id=drive_id).id
    sh = gc.open_by_key(sid)
    ws = sh.sheet1
    ws.update([["Indikator", "Target", "Realisasi"], ["KTP-el", 100, 90]], "A1")
    assert ws.batch_get(["A1:C1", "B2:C2"]) == [
        [["Indikator", "Target", "Realisasi"]],
        [["100", "90"]],
    ]
    ws.insert_notes({"C2": "Bukti belum diunggah"})
    assert ws.get_note("C2") == "Bukti belum diunggah"
    ws.add_protected_range("A1:B2", [ANA])
    users = sh.fetch_sheet_metadata()["sheets"][0]["protectedRanges"][0]["editors"]["users"]
    assert ANA in users
    assert gc.export(sid, ExportFormat.CSV) == b"Indikator,Target,Realisasi\r\nKTP-el,100,90"
    assert "KTP-el" in _pdf_text(sh.export(ExportFormat.PDF))
    assert sum(1 for m, p, who in fake.request_log if "values:batchGet" in p and who == SA) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_standalone_server_serves_the_same_api():
    port = _free_port()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.fakes.google_api",
            "--port",
            str(port),
            "--token",
            f"tok-ana={ANA}",
            "--shared-drive",
            "Kinerja",
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        drive_line = proc.stdout.readline() if proc.stdout else ""
        assert drive_line.startswith("shared-drive Kinerja=")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                r = requests.get(
                    f"http://127.0.0.1:{port}/drive/v3/files",
                    headers={"Authorization": "Bearer tok-ana"},
                    timeout=1,
                )
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        assert r.status_code == 200 and r.json()["files"] == []
    finally:
        proc.terminate()
        proc.wait(timeout=5)
