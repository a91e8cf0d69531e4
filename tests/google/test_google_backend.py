"""The Google adapter against the in-process Sheets/Drive fake: what lands in a spreadsheet.

What is checked is what Google would store and answer (read back through the API, or acted
on as a person with their own token), and how many HTTP requests each port call costs.
"""

from __future__ import annotations

import pytest

from service.sheets.google.backend import GoogleBackend
from service.sheets.port import (
    Protection,
    SheetBackendError,
    TabSpec,
    WriteBatch,
)
from tests.google.backend_factory import (
    ANA,
    KS,
    SERVICE_ACCOUNT,
    SHEETS,
    calls,
    fake_session,
    official_spec,
    raw_metadata,
)


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
    assert made[-1] == f"PATCH /drive/v3/files/{ref.key}" and len(made) == 5  # ready, last
    assert dict(ref.properties) == {"kinerja_month": "2024-01", "kinerja_official": "Ana",
                                    "kinerja_ready": "1"}
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


def test_values_are_written_from_the_top_left_of_the_range(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    backend.apply(ref.key, WriteBatch(values=[("Petunjuk", "B1:B1", [["x", "y"], ["z"]])]))
    assert backend.read_values(ref.key, [("Petunjuk", "B1:C2")]) == [[["x", "y"], ["z"]]]


def test_writes_to_a_missing_tab_fail_for_that_spreadsheet_only(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    with pytest.raises(SheetBackendError, match="Hilang"):
        backend.apply(ref.key, WriteBatch(notes={("Hilang", "A1"): "x"}))


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


def test_a_new_spreadsheet_is_indonesian_and_keeps_typed_numbers_as_text(world) -> None:
    """in_ID (Sheets' code for Indonesian) / Asia/Jakarta and the plain-text cells come in
    the one creation batchUpdate."""
    backend, root, fake = world
    spec = official_spec()
    spec.tabs[0].text_ranges = ("D2:D3",)  # the realization cells
    before = len(fake.request_log)
    ref = backend.create_spreadsheet(root, spec)
    assert sum(":batchUpdate" in c for c in calls(fake, before)) == 1
    props = raw_metadata(fake, ref.key)["properties"]
    assert (props["locale"], props["timeZone"]) == ("in_ID", "Asia/Jakarta")
    fields = "sheets.data.rowData.values.userEnteredFormat.numberFormat"
    got = (
        fake_session(fake)
        .get(f"{SHEETS}/{ref.key}", params={"ranges": "'Kinerja'!D1:D4", "fields": fields})
        .json()
    )
    formats = [
        (r.get("values") or [{}])[0].get("userEnteredFormat", {}).get("numberFormat")
        for r in got["sheets"][0]["data"][0]["rowData"]
    ]
    assert formats[:3] == [None, {"type": "TEXT", "pattern": "@"}, {"type": "TEXT", "pattern": "@"}]
    assert fake.user_edit("tok-ana", ref.key, "'Kinerja'!D2", [["85%"]]) == 200
    assert fake.user_edit("tok-ana", ref.key, "'Kinerja'!D3", [["7.300"]]) == 200
    # outside the text cells the spreadsheet itself reads what is typed, the id_ID way
    assert fake.user_edit("tok-ana", ref.key, "'Petunjuk'!B1", [["12,5"]]) == 200
    assert fake.user_edit("tok-ana", ref.key, "'Petunjuk'!B2", [["7.300"]]) == 200
    assert backend.read_values(ref.key, [("Kinerja", "D2:D3"), ("Petunjuk", "B1:B2")]) == [
        [["85%"], ["7.300"]],
        [[12.5], [7300]],
    ]


def test_a_write_past_row_1000_grows_the_tab_first(world) -> None:
    """Google refuses a write past the grid ("exceeds grid limits. Max rows: 1000";
    jroehl/gsheet.action#611), it does not grow the sheet: the master's year-to-date tab has
    a row per official and indicator. The growth goes in the structure batch."""
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    rows = [[f"baris {i}"] for i in range(1, 1201)]
    backend.apply(ref.key, WriteBatch(values=[("Kinerja", "A2", rows)]))
    assert backend.read_values(ref.key, [("Kinerja", "A1201")]) == [[["baris 1200"]]]
    fresh = type(backend)(fake_session(fake), root, backend.account, sleep=lambda _s: None)
    fresh.apply(ref.key, WriteBatch(values=[("Kinerja", "A1400", [["lagi"]])]))  # no cache
    assert fresh.read_values(ref.key, [("Kinerja", "A1400")]) == [[["lagi"]]]
