"""The Google adapter end to end against the in-process Sheets/Drive fake.

What is checked is what Google would store and answer (read back through the API, or acted
on as a person with their own token), and how many HTTP requests each port call costs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from service.sheets.google import GoogleBackend, build_google_backend
from service.sheets.port import (
    Formula,
    Protection,
    SheetBackendError,
    TabSpec,
    WorkbookSpec,
    WriteBatch,
)
from tests.fakes.google_api import FakeGoogle
from tests.google.backend_factory import SERVICE_ACCOUNT, fake_session, make_google_fake_backend

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"
ANA, KS = "ana@example.go.id", "ks@example.go.id"


def official_spec(name: str = "Ana", month: str = "2024-01") -> WorkbookSpec:
    rows: list[list] = [
        ["Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Kendala"],
        ["Dokumen terbit", "dokumen", 100, None, Formula('=IF(D2="","",D2/C2*100)'), None],
        ["Layanan 1 hari", "%", 95.5, None, Formula('=IF(D3="","",D3/C3*100)'), None],
        ["Data lengkap", False],
    ]
    return WorkbookSpec(
        title=f"Kinerja {month} - {name}",
        tabs=[
            TabSpec(
                "Kinerja",
                rows,
                column_widths={"A": 40, "F": 30},
                bold_rows=(1,),
                frozen_rows=1,
                checkboxes=("B4",),
                dropdowns=(("F2:F3", ("Tidak ada", "SDM", "Sistem")),),
            ),
            TabSpec("Petunjuk", [["Isi kolom Realisasi"], ["=teks biasa, bukan rumus"]]),
        ],
        protections=[
            Protection("target", "Kinerja", "A1:C3", description="Target terkunci"),
            Protection("capaian", "Kinerja", "E1:E3"),
            Protection("tanda-ks", "Kinerja", "H1", editors=(KS,), description="Centang KS"),
        ],
        properties={"kinerja_month": month, "kinerja_official": name},
        share_with=(ANA, KS),
    )


@pytest.fixture
def world(tmp_path: Path) -> tuple[GoogleBackend, str, FakeGoogle]:
    backend, root, fake = make_google_fake_backend(tmp_path)
    fake.add_user(token="tok-ana", email=ANA)
    fake.add_user(token="tok-ks", email=KS)
    return backend, root, fake


def raw_metadata(fake: FakeGoogle, key: str) -> dict:
    """What Google itself stores, read as the service account (not through the adapter)."""
    return fake_session(fake).get(f"{SHEETS}/{key}", params={"includeGridData": "false"}).json()


def calls(fake: FakeGoogle, since: int = 0) -> list[str]:
    """The fake's request log as "METHOD path" lines (query dropped)."""
    return [f"{m} {p.split('?')[0]}" for m, p, _who in fake.request_log[since:]]


def test_it_provisions_a_spreadsheet_in_one_batch_update(world) -> None:
    backend, root, fake = world
    folder = backend.ensure_folder(["2024-01"])
    before = len(fake.request_log)
    ref = backend.create_spreadsheet(folder, official_spec())
    made = calls(fake, before)
    print("\nprovision requests:", made)
    assert sum(":batchUpdate" in c for c in made) == 1
    assert sum(c == "POST /drive/v3/files" for c in made) == 1
    assert sum(c.endswith("/permissions") for c in made) == 2
    assert ref.title == "Kinerja 2024-01 - Ana" and ref.version
    assert dict(ref.properties) == {"kinerja_month": "2024-01", "kinerja_official": "Ana"}
    assert backend.tab_titles(ref.key) == ["Kinerja", "Petunjuk"]
    meta = raw_metadata(fake, ref.key)
    grid = meta["sheets"][0]["properties"]["gridProperties"]
    assert grid["frozenRowCount"] == 1


def test_template_formulas_compute_and_person_text_stays_literal(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    backend.apply(ref.key, WriteBatch(values=[("Kinerja", "D2", [[80]])]))
    grids = backend.read_values(ref.key, [("Kinerja", "A1:F4"), ("Petunjuk", "A1:A2")])
    assert grids[0][1] == ["Dokumen terbit", "dokumen", 100, 80, 80, None][:5]
    assert grids[0][3] == ["Data lengkap", False]
    assert grids[1] == [["Isi kolom Realisasi"], ["=teks biasa, bukan rumus"]]
    backend.apply(ref.key, WriteBatch(values=[("Kinerja", "F2", [["=1+1"]])]))
    assert backend.read_values(ref.key, [("Kinerja", "F2")]) == [[["=1+1"]]]


def test_read_values_types_blanks_and_trimming(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    backend.apply(
        ref.key,
        WriteBatch(values=[("Kinerja", "A6", [["teks", 2, 2.5, True, None, ""], [], [None]])]),
    )
    before = len(fake.request_log)
    got = backend.read_values(ref.key, [("Kinerja", "A6:F9"), ("Hilang", "A1:B2")])
    assert got == [[["teks", 2, 2.5, True]], []]
    assert backend.read_values(ref.key, []) == []
    assert calls(fake, before)[0].endswith("/values:batchGet")


def test_list_spreadsheets_is_one_call_with_versions_and_properties(world) -> None:
    backend, root, fake = world
    a = backend.create_spreadsheet(root, official_spec("Ana"))
    b = backend.create_spreadsheet(root, official_spec("Budi"))
    backend.reset_request_count()
    listed = {r.key: r for r in backend.list_spreadsheets(root)}
    assert backend.request_count == 1
    assert listed[a.key].version == a.version and listed[b.key].version == b.version
    assert listed[a.key].properties["kinerja_official"] == "Ana"
    assert fake.user_edit("tok-ana", a.key, "'Kinerja'!D2", [[75]]) == 200
    again = {r.key: r for r in backend.list_spreadsheets(root)}
    assert again[a.key].version != a.version and again[b.key].version == b.version
    assert again[a.key].modified_by == ANA


def test_notes_are_set_and_cleared_in_one_batch_update(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    fresh = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT, sleep=lambda _s: None)
    notes = {("Kinerja", "D2"): "Realisasi wajib diisi", ("Kinerja", "F3"): "Isi kendala"}
    fresh.apply(ref.key, WriteBatch(notes=notes, fills={("Kinerja", "D2"): "#FFF2CC"}))
    assert fresh.request_count == 2, "one metadata read (sheet ids) + one batchUpdate"
    assert fresh.read_notes(ref.key, "Kinerja") == {
        "D2": "Realisasi wajib diisi",
        "F3": "Isi kendala",
    }
    fresh.reset_request_count()
    fresh.apply(ref.key, WriteBatch(notes={("Kinerja", "D2"): None}))
    assert fresh.request_count == 1, "sheet ids are cached for the rest of the cycle"
    assert fresh.read_notes(ref.key, "Kinerja") == {"F3": "Isi kendala"}


def test_an_empty_batch_makes_no_request(world) -> None:
    backend, root, _ = world
    ref = backend.create_spreadsheet(root, official_spec())
    backend.reset_request_count()
    assert backend.apply(ref.key, WriteBatch()) is None
    assert backend.request_count == 0


def test_protections_have_exactly_the_service_account_and_listed_editors(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    found = {p.name: p for p in backend.list_protections(ref.key)}
    assert set(found) == {"target", "capaian", "tanda-ks"}
    assert found["target"] == Protection("target", "Kinerja", "A1:C3", (), "Target terkunci")
    assert found["tanda-ks"].editors == (KS,) and found["tanda-ks"].a1_range == "H1"
    for pr in (
        p for s in raw_metadata(fake, ref.key)["sheets"] for p in s.get("protectedRanges", [])
    ):
        expected = [SERVICE_ACCOUNT, KS] if "tanda-ks" in pr["description"] else [SERVICE_ACCOUNT]
        assert pr["editors"]["users"] == expected
        assert pr["description"].startswith("[kinerja:")


def test_unprotect_and_reprotect_by_name_without_duplicates(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    backend.apply(ref.key, WriteBatch(unprotect=["capaian", "tidak-ada"]))
    assert {p.name for p in backend.list_protections(ref.key)} == {"target", "tanda-ks"}
    moved = Protection("target", "Kinerja", "A1:D3", editors=(ANA,), description="Dibuka")
    backend.apply(ref.key, WriteBatch(protect=[moved]))
    backend.apply(ref.key, WriteBatch(protect=[moved]))
    mine = [p for p in backend.list_protections(ref.key) if p.name == "target"]
    assert mine == [moved]


def test_a_person_is_blocked_on_a_protected_cell_and_allowed_on_an_editable_one(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    assert fake.user_edit("tok-ana", ref.key, "'Kinerja'!D2", [[90]]) == 200
    assert fake.user_edit("tok-ana", ref.key, "'Kinerja'!C2", [[1]]) == 403
    assert fake.user_edit("tok-ana", ref.key, "'Kinerja'!H1", [[True]]) == 403
    assert fake.user_edit("tok-ks", ref.key, "'Kinerja'!H1", [[True]]) == 200
    assert backend.read_values(ref.key, [("Kinerja", "C2:D2"), ("Kinerja", "H1")]) == [
        [[100, 90]],
        [[True]],
    ]


def test_export_pdf_uses_the_layout_url(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    before = len(fake.request_log)
    pdf = backend.export_pdf(ref.key)
    assert pdf.startswith(b"%PDF")
    assert calls(fake, before) == [f"GET /spreadsheets/d/{ref.key}/export"]


def test_export_pdf_falls_back_to_drive_export(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())

    class Gone(requests.adapters.HTTPAdapter):
        def send(self, request, *args, **kwargs):  # type: ignore[override]
            response = requests.Response()
            response.status_code, response._content, response.url = 404, b"", request.url
            return response

    backend.http.inner.mount("https://docs.google.com/", Gone())
    before = len(fake.request_log)
    assert backend.export_pdf(ref.key).startswith(b"%PDF")
    assert calls(fake, before) == [f"GET /drive/v3/files/{ref.key}/export"]


def test_ensure_folder_finds_what_exists(world) -> None:
    backend, root, fake = world
    first = backend.ensure_folder(["2024", "01"])
    assert backend.ensure_folder(["2024", "01"]) == first
    fresh = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT)
    assert fresh.ensure_folder(["2024", "01"]) == first
    assert fresh.request_count == 2, "one files.list per level, nothing created"


def test_pull_cycle_costs_one_list_and_one_read_per_changed_sheet(world) -> None:
    backend, root, fake = world
    folder = backend.ensure_folder(["2024-01"])
    refs = [backend.create_spreadsheet(folder, official_spec(f"PJ{i:02}")) for i in range(12)]
    last = {r.key: r.version for r in backend.list_spreadsheets(folder)}
    for ref in refs[:3]:
        assert fake.user_edit("tok-ana", ref.key, "'Kinerja'!D2", [[50]]) == 200

    cycle = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT)
    before = len(fake.request_log)
    changed = [r for r in cycle.list_spreadsheets(folder) if last[r.key] != r.version]
    grids = {r.key: cycle.read_values(r.key, [("Kinerja", "A1:F4")]) for r in changed}
    made = calls(fake, before)
    print(f"\npull cycle: {cycle.request_count} requests: {made}")
    assert len(changed) == 3 and all(g[0][1][3] == 50 for g in grids.values())
    assert cycle.request_count == 4
    assert sum(c == "GET /drive/v3/files" for c in made) == 1
    assert sum(c.endswith("/values:batchGet") for c in made) == 3

    # the writes that cycle needs: a note and a value on each changed sheet
    cycle.reset_request_count()
    before = len(fake.request_log)
    for ref in changed:
        note = {("Kinerja", "D2"): "Capaian di bawah target"}
        cycle.apply(ref.key, WriteBatch(values=[("Kinerja", "F2", [["cek"]])], notes=note))
    made = calls(fake, before)
    print(f"writes: {cycle.request_count} requests: {made}")
    assert sum(c.endswith(":batchUpdate") and "/values" not in c for c in made) == 3
    assert sum(c.endswith("/values:batchUpdate") for c in made) == 3
    assert cycle.request_count == 9, "per sheet: metadata (sheet ids) + batchUpdate + values"


def test_checkboxes_dropdowns_bold_and_fills_are_stored(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    backend.apply(ref.key, WriteBatch(fills={("Kinerja", "D2"): "#FFF2CC"}))
    fields = (
        "sheets.data.rowData.values.dataValidation,sheets.data.rowData.values.userEnteredFormat"
    )
    got = (
        fake_session(fake)
        .get(f"{SHEETS}/{ref.key}", params={"ranges": "'Kinerja'!A1:F4", "fields": fields})
        .json()
    )
    rows = [r.get("values", []) for r in got["sheets"][0]["data"][0]["rowData"]]
    assert all(c["userEnteredFormat"]["textFormat"]["bold"] for c in rows[0])
    assert rows[3][1]["dataValidation"]["condition"] == {"type": "BOOLEAN"}
    dropdown = rows[1][5]["dataValidation"]
    assert dropdown["strict"] is True and dropdown["condition"]["type"] == "ONE_OF_LIST"
    background = rows[1][3]["userEnteredFormat"]["backgroundColor"]
    assert background == pytest.approx({"red": 1.0, "green": 242 / 255, "blue": 204 / 255})
    backend.apply(ref.key, WriteBatch(fills={("Kinerja", "D2"): None}))


def test_a_failed_provisioning_leaves_no_half_made_spreadsheet(world) -> None:
    backend, root, fake = world
    spec = official_spec()
    spec.tabs.append(TabSpec("Kinerja", [["duplikat"]]))  # Google refuses a duplicate title
    with pytest.raises(SheetBackendError):
        backend.create_spreadsheet(root, spec)
    assert backend.list_spreadsheets(root) == []


def test_writes_to_a_missing_tab_fail_for_that_spreadsheet_only(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    with pytest.raises(SheetBackendError, match="Hilang"):
        backend.apply(ref.key, WriteBatch(notes={("Hilang", "A1"): "x"}))


def test_the_standalone_fake_server_serves_the_backend_through_api_base() -> None:
    """`kinerja demo --backend google-fake`: all Google hosts rewritten to one local port."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.google_api", "--port", "0", "--shared-drive", "K"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        drive = proc.stdout.readline().strip().split("=", 1)[1]
        base = proc.stdout.readline().strip().rsplit(" ", 1)[1]
        backend = build_google_backend(None, None, None, drive, api_base=base)
        folder = backend.ensure_folder(["2024-01"])
        ref = backend.create_spreadsheet(folder, official_spec())
        assert [r.key for r in backend.list_spreadsheets(folder)] == [ref.key]
        assert backend.read_values(ref.key, [("Kinerja", "C2")]) == [[[100]]]
        assert backend.export_pdf(ref.key).startswith(b"%PDF")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_values_are_written_from_the_top_left_of_the_range(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    backend.apply(ref.key, WriteBatch(values=[("Petunjuk", "B1:B1", [["x", "y"], ["z"]])]))
    assert backend.read_values(ref.key, [("Petunjuk", "B1:C2")]) == [[["x", "y"], ["z"]]]


def test_a_service_account_outside_a_shared_drive_gets_a_clear_error(world) -> None:
    backend, _root, fake = world
    my_drive_folder = fake.add_folder("Di My Drive")  # the service account's own My Drive
    with pytest.raises(SheetBackendError, match="Shared Drive"):
        backend.create_spreadsheet(my_drive_folder, official_spec())


def test_sharing_sends_no_google_email_unless_configured(world) -> None:
    backend, root, fake = world
    backend.create_spreadsheet(root, official_spec("Ana"))
    assert fake.notifications == []
    loud = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT, send_notification_email=True)
    ref = loud.create_spreadsheet(root, official_spec("Budi"))
    assert {(f, e) for f, e, _role in fake.notifications} == {(ref.key, ANA), (ref.key, KS)}
