"""Semantics of FakeGoogle that gspread's recordings do not cover, checked against the
Sheets/Drive API reference: protection, input options, storage, modifiedTime, sharing,
PDF export, gspread end to end, and the standalone server."""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import sys
from pathlib import Path

import gspread
import pytest
import requests
from gspread.utils import ExportFormat
from pypdf import PdfReader

from tests.fakes.google_api import FakeGoogle
from tests.fakes.google_api.client import DRIVE, SHEETS, SPREADSHEET_MIME, GoogleHttp, grid_range

SA = "kinerja@demo-project.iam.gserviceaccount.com"
ANA, BUDI = "ana@example.go.id", "budi@example.go.id"
PDF = {"mimeType": "application/pdf"}


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
def drive_id(fake: FakeGoogle) -> str:
    return fake.add_shared_drive("Kinerja Dukcapil", members=(SA,))


@pytest.fixture
def sid(api: GoogleHttp, drive_id: str) -> str:
    """A spreadsheet the service account created in the shared drive."""
    r = api.create("Kinerja PJ", drive_id)
    assert r.status_code == 200, r.text
    return r.json()["id"]


def test_a_non_editor_is_refused_on_a_protected_range_and_an_editor_is_not(api, sid):
    api.share(sid, ANA)
    api.share(sid, BUDI)
    assert api.protect(sid, [ANA]).status_code == 200
    refused = api.put(sid, "Sheet1!A1", [["x"]], token="tok-budi")
    assert refused.status_code == 403
    assert refused.json()["error"]["status"] == "PERMISSION_DENIED"
    assert "protected cell" in refused.json()["error"]["message"]
    assert api.put(sid, "Sheet1!C3", [["free"]], token="tok-budi").status_code == 200
    assert api.put(sid, "Sheet1!A1", [["ana"]], token="tok-ana").status_code == 200
    assert api.values(sid, "Sheet1!A1:C3") == [["ana"], [], ["", "", "free"]]


def test_the_owner_always_may_edit_and_is_listed_as_editor(api, sid, fake):
    api.share(sid, ANA)
    api.protect(sid, [ANA])
    pr = api.metadata(sid)["sheets"][0]["protectedRanges"][0]
    assert set(pr["editors"]["users"]) == {ANA, SA}
    drop_owner = {"protectedRangeId": pr["protectedRangeId"], "editors": {"users": [ANA]}}
    api.batch(sid, {"updateProtectedRange": {"protectedRange": drop_owner, "fields": "editors"}})
    assert api.put(sid, "Sheet1!A1", [["owner"]]).status_code == 200
    assert fake.user_edit("tok-ana", sid, "Sheet1!B2", [["mine"]]) == 200
    assert fake.user_edit("tok-budi", sid, "Sheet1!B2", [["no"]]) == 403  # not even shared
    api.share(sid, BUDI)
    assert fake.user_edit("tok-budi", sid, "Sheet1!B2", [["no"]]) == 403
    assert api.values(sid, "Sheet1!A1:B2") == [["owner"], ["", "mine"]]


def test_warning_only_ranges_do_not_block_and_non_editors_do_not_see_editors(api, sid, fake):
    api.share(sid, BUDI)
    assert api.protect(sid, [], warningOnly=True).status_code == 200
    assert fake.user_edit("tok-budi", sid, "A1", [["ok"]]) == 200
    api.protect(sid, [])
    pr = api.metadata(sid, "tok-budi")["sheets"][0]["protectedRanges"][1]
    assert pr["requestingUserCanEdit"] is False and "editors" not in pr


def test_raw_keeps_text_and_user_entered_parses(api, sid):
    row = ["=1+1", "53", "2020-01-01", "TRUE", "50%"]
    assert api.put(sid, "A1", [row], option="RAW").json()["updatedCells"] == 5
    assert api.put(sid, "A2", [row]).json()["updatedRange"] == "Sheet1!A2:E2"
    assert api.values(sid, "A1:E2", "UNFORMATTED_VALUE") == [row, [2, 53, 43831, True, 0.5]]
    assert api.values(sid, "A1:E2") == [row, ["2", "53", "2020-01-01", "TRUE", "50%"]]
    assert api.values(sid, "A2:A2", "FORMULA") == [["=1+1"]]


def test_formulas_evaluate_simple_arithmetic_and_show_errors(api, sid):
    rows = [["Target", "Real", "Capaian", "Guard", "Unknown"],
            [80, 60, "=B2*100/A2", '=IF(A2>0,B2/A2,"-")', "=FOO(1)"],
            [0, 5, "=B3*100/A3", "=IFERROR(B3/A3,0)", "=SUM(A2:B3)"]]  # fmt: skip
    api.put(sid, "A1", rows)
    got = api.values(sid, "C2:E3", "UNFORMATTED_VALUE")
    assert got == [[75, 0.75, "#NAME?"], ["#DIV/0!", 0, 145]]


def test_a_service_account_needs_a_shared_drive_but_people_have_my_drive(api, drive_id, fake):
    refused = api.create("x")
    assert refused.status_code == 403
    assert refused.json()["error"]["errors"][0]["reason"] == "storageQuotaExceeded"
    assert api.create("x", token="tok-ana").status_code == 200
    inside = api.create("x", fake.add_folder("Arsip", parent=drive_id))
    assert inside.status_code == 200
    assert api("GET", f"{SHEETS}/{inside.json()['id']}").status_code == 200


def test_files_list_shows_the_new_modified_time_and_editor_after_an_edit(api, sid, fake, drive_id,
                                                                         clock):  # fmt: skip
    api("PATCH", f"{DRIVE}/files/{sid}", json={"appProperties": {"period": "2024-05"}})
    q = (f"mimeType = '{SPREADSHEET_MIME}' and '{drive_id}' in parents and trashed = false "
         "and appProperties has { key='period' and value='2024-05' }")  # fmt: skip
    params = {"q": q, "fields": "files(id,modifiedTime,lastModifyingUser(emailAddress))",
              "includeItemsFromAllDrives": "true", "supportsAllDrives": "true"}  # fmt: skip
    before = api("GET", f"{DRIVE}/files", params=params).json()["files"]
    api.share(sid, ANA)
    clock[0] += dt.timedelta(minutes=5)
    assert fake.user_edit("tok-ana", sid, "A1", [["realisasi"]]) == 200
    after = api("GET", f"{DRIVE}/files", params=params).json()["files"]
    assert [f["id"] for f in after] == [sid]
    assert after[0]["modifiedTime"] == "2024-05-01T08:05:00.000Z" > before[0]["modifiedTime"]
    assert after[0]["lastModifyingUser"] == {"emailAddress": ANA}


def test_files_list_pages_with_next_page_token(api, drive_id):
    for n in range(5):
        api.create(f"f{n}", drive_id)
    seen, token = [], None
    params = {"pageSize": 2, "includeItemsFromAllDrives": "True", "corpora": "drive",
              "driveId": drive_id, "supportsAllDrives": "True"}  # fmt: skip
    while True:
        page = api("GET", f"{DRIVE}/files", params={**params, "pageToken": token}).json()
        seen += [f["name"] for f in page["files"]]
        token = page.get("nextPageToken")
        if not token:
            break
    assert seen == [f"f{n}" for n in range(5)]


def test_permissions_grant_and_revoke_access(api, sid):
    assert api("GET", f"{DRIVE}/files/{sid}", "tok-ana").status_code == 404
    assert api("GET", f"{SHEETS}/{sid}", "tok-ana").status_code == 403
    created = api.share(sid, ANA, "reader").json()
    expected = {"kind": "drive#permission", "id": created["id"], "type": "user", "role": "reader"}
    assert created == expected
    assert api("GET", f"{SHEETS}/{sid}", "tok-ana").status_code == 200
    assert api.put(sid, "A1", [["x"]], token="tok-ana").status_code == 403
    fields = {"fields": "permissions(id,emailAddress,role)"}
    listed = api("GET", f"{DRIVE}/files/{sid}/permissions", params=fields).json()
    assert {"id": created["id"], "emailAddress": ANA, "role": "reader"} in listed["permissions"]
    assert api("DELETE", f"{DRIVE}/files/{sid}/permissions/{created['id']}").status_code == 204
    assert api("GET", f"{DRIVE}/files/{sid}", "tok-ana").status_code == 404


def test_a_folder_permission_is_inherited(api, fake, drive_id):
    folder = fake.add_folder("PJ", parent=drive_id)
    sid = api.create("s", folder).json()["id"]
    api.share(folder, ANA)
    assert api.put(sid, "A1", [["via folder"]], token="tok-ana").status_code == 200


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_exports_are_real_pdfs_with_the_cell_text(api, sid):
    api.put(sid, "A1", [["Indikator", "Capaian"], ["Akta kelahiran", "=50*2"]])
    drive = api("GET", f"{DRIVE}/files/{sid}/export", params=PDF)
    assert drive.headers["Content-Type"] == "application/pdf"
    assert "Akta kelahiran" in _pdf_text(drive.content) and "100" in _pdf_text(drive.content)
    options = {"format": "pdf", "size": "A4", "portrait": "true", "fitw": "true",
               "gridlines": "false", "gid": 0}  # fmt: skip
    docs = api("GET", f"https://docs.google.com/spreadsheets/d/{sid}/export", params=options)
    assert docs.status_code == 200 and "Indikator" in _pdf_text(docs.content)
    again = api("GET", f"{DRIVE}/files/{sid}/export", params=PDF)
    assert again.content == drive.content  # stable bytes: archive hashes are reproducible
    assert api("GET", f"{DRIVE}/files/{sid}/export", "tok-ana", params=PDF).status_code == 404


def test_checkbox_cells_stay_empty_until_ticked_and_a_failed_batch_changes_nothing(api, sid):
    """Pin changed (reviews F19, UNVERIFIED): a BOOLEAN rule leaves the never-ticked D3
    empty, not FALSE; filling FALSE is only documented for Apps Script's insertCheckboxes()
    ("Sets the value of all cells in the range to false"). None reads as unticked anyway."""
    rule = {"condition": {"type": "BOOLEAN"}, "strict": True}
    ok = api.batch(sid, {"setDataValidation": {"range": grid_range(1, 3, 3, 4), "rule": rule}})
    assert ok.json()["replies"] == [{}]
    api.put(sid, "D2", [["TRUE"]])
    assert api.values(sid, "D2:D3", "UNFORMATTED_VALUE") == [[True]]
    rename = {"properties": {"sheetId": 0, "title": "Renamed"}, "fields": "title"}
    bad = api.batch(sid, {"updateSheetProperties": rename}, {"deleteSheet": {"sheetId": 12345}})
    assert bad.status_code == 400
    assert api.metadata(sid)["sheets"][0]["properties"]["title"] == "Sheet1"


def test_ranges_are_normalised_like_google(api, sid):
    grid = {"rowCount": 10, "columnCount": 5}
    api.batch(sid, {"addSheet": {"properties": {"title": "Rekap Bulanan", "gridProperties": grid}}})
    r = api.put(sid, "'Rekap Bulanan'!B2", [["a", ""]], option="RAW").json()
    assert r["updatedRange"] == "'Rekap Bulanan'!B2:C2" and r["updatedCells"] == 2
    whole = api("GET", f"{SHEETS}/{sid}/values/Rekap Bulanan!B:B").json()
    expected = {"range": "'Rekap Bulanan'!B1:B10", "majorDimension": "ROWS", "values": [[], ["a"]]}
    assert whole == expected
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
    header_and_numbers = [[["Indikator", "Target", "Realisasi"]], [["100", "90"]]]
    assert ws.batch_get(["A1:C1", "B2:C2"]) == header_and_numbers
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


def test_the_standalone_server_serves_the_same_api():
    port, root = _free_port(), Path(__file__).resolve().parents[2]
    args = ["--port", str(port), "--token", f"tok-ana={ANA}", "--shared-drive", "Kinerja"]
    proc = subprocess.Popen([sys.executable, "-m", "tests.fakes.google_api", *args], cwd=root,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("shared-drive Kinerja=0A")
        assert proc.stdout.readline().startswith("fake google listening on http://127.0.0.1:")
        r = requests.get(f"http://127.0.0.1:{port}/drive/v3/files", timeout=5,
                         headers={"Authorization": "Bearer tok-ana"})  # fmt: skip
        assert r.status_code == 200 and r.json()["files"] == []
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_copy_keeps_content_and_app_properties_in_the_source_folder(api, sid, drive_id):
    api.put(sid, "A1", [["template"]])
    api("PATCH", f"{DRIVE}/files/{sid}", json={"appProperties": {"kind": "template"}})
    copied = api("POST", f"{DRIVE}/files/{sid}/copy", json={"name": None}, params={
        "fields": "id,name,parents,appProperties", "supportsAllDrives": "True"}).json()  # fmt: skip
    assert copied["name"] == "Copy of Kinerja PJ" and copied["parents"] == [drive_id]
    assert copied["appProperties"] == {"kind": "template"}
    assert api.values(copied["id"], "A1") == [["template"]]


def test_queries_combine_with_or_not_and_contains(api, drive_id):
    for name in ("Rekap Mei", "PJ Ana Mei", "PJ Budi Juni"):
        api.create(name, drive_id)
    q = "(name contains 'Mei' or name = 'PJ Budi Juni') and not name contains 'Rekap'"
    params = {"q": q, "includeItemsFromAllDrives": True, "supportsAllDrives": True,
              "orderBy": "name desc", "fields": "files(name)"}  # fmt: skip
    files = api("GET", f"{DRIVE}/files", params=params).json()["files"]
    assert files == [{"name": "PJ Budi Juni"}, {"name": "PJ Ana Mei"}]
    bad = api("GET", f"{DRIVE}/files", params={"q": "name = "})
    assert bad.status_code == 400


def test_append_writes_below_the_table(api, sid):
    api.put(sid, "A1", [["Tanggal", "Pesan"], ["2024-05-02", "pengingat"]], option="RAW")
    url = f"{SHEETS}/{sid}/values/Sheet1!A1:B1:append"
    r = api("POST", url, json={"values": [["2024-05-03", "eskalasi"]]},
            params={"valueInputOption": "RAW"}).json()  # fmt: skip
    assert r["tableRange"] == "Sheet1!A1:B2"
    assert r["updates"]["updatedRange"] == "Sheet1!A3:B3"
    assert api.values(sid, "A3:B3") == [["2024-05-03", "eskalasi"]]
