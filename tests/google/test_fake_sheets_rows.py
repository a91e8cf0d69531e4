"""FakeGoogle moves what real Sheets moves when rows and columns are inserted or deleted,
and lets only a protection's editors change it (issue 11, reviews F5 and F10).

Raw HTTP against the fake (no gspread, nothing mocked), people acting with their own
tokens as in the Sheets UI; the public evidence for each rule is in its test's docstring.
"""

from __future__ import annotations

from typing import Any

from tests.fakes.google_api.client import DRIVE, SHEETS, grid_range
from tests.fakes.google_api.errors import PROTECTED_MESSAGE
from tests.google.test_fake_sheets_rules import ANA, BUDI, _error, _ok, _sheet


def _insert(dim: str, start: int, end: int) -> dict[str, Any]:
    rng = {"sheetId": 0, "dimension": dim, "startIndex": start, "endIndex": end}
    return {"insertDimension": {"range": rng}}


def _delete(dim: str, start: int, end: int) -> dict[str, Any]:
    rng = {"sheetId": 0, "dimension": dim, "startIndex": start, "endIndex": end}
    return {"deleteDimension": {"range": rng}}


def _protect(r0: int, r1: int, editors: list[str], c1: int = 3) -> dict[str, Any]:
    pr = {"range": grid_range(r0, r1, 0, c1), "editors": {"users": editors}}
    return {"addProtectedRange": {"protectedRange": pr}}


def _rows_of(pr: dict[str, Any]) -> tuple[int, int]:
    return pr["range"].get("startRowIndex", 0), pr["range"]["endRowIndex"]


# --- inserting and deleting rows and columns ----------------------------------------------


def test_inserted_rows_move_cells_notes_validations_and_protected_ranges(api, sid):
    """Rows inserted above data (here by Ana, a person with her own token, as in the UI)
    move everything below them: values, notes, data validation, row heights and protected
    ranges, which "move with their cells" (reviews F10; Sheets' insertDimension)."""
    api.put(sid, "A5", [["nilai"]])
    note = {"range": grid_range(4, 5, 1, 2), "rows": [{"values": [{"note": "catatan"}]}],
            "fields": "note"}  # fmt: skip
    rule = {"range": grid_range(4, 5, 2, 3), "rule": {"condition": {"type": "BOOLEAN"}}}
    height = {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 4, "endIndex": 5},
              "properties": {"pixelSize": 40}, "fields": "pixelSize"}  # fmt: skip
    _ok(api.batch(sid, {"updateCells": note}, {"setDataValidation": rule},
                  {"updateDimensionProperties": height}, _protect(4, 6, [ANA])))  # fmt: skip
    _ok(api.batch(sid, _insert("ROWS", 1, 3), token="tok-ana"))
    assert api.values(sid, "A5:A7") == [[], [], ["nilai"]]
    fields = ("sheets(properties.gridProperties,protectedRanges.range,"
              "data.rowData.values(note,dataValidation))")  # fmt: skip
    got = api("GET", f"{SHEETS}/{sid}", params={"ranges": "B7:C7", "fields": fields}).json()
    sheet = got["sheets"][0]
    assert sheet["data"][0]["rowData"][0]["values"] == [
        {"note": "catatan"}, {"dataValidation": {"condition": {"type": "BOOLEAN"}}}]  # fmt: skip
    assert _rows_of(sheet["protectedRanges"][0]) == (6, 8)
    assert sheet["properties"]["gridProperties"]["rowCount"] == 1002
    _ok(api.batch(sid, _insert("COLUMNS", 0, 1)))
    assert api.values(sid, "B7") == [["nilai"]]


def test_a_protected_range_grows_when_rows_are_inserted_inside_it(api, sid, fake):
    """An insertion point inside a protected range makes the range grow (its rows stay
    protected, the new one with them). Only its editors may do that: for anyone else the
    fake answers the protected-cell 403 (the fake's reading, UNVERIFIED); inserting above
    it is allowed for any writer and moves it down (reviews F10)."""
    _ok(api.batch(sid, _protect(2, 5, [ANA])))
    refused = api.batch(sid, _insert("ROWS", 3, 4), token="tok-budi")
    assert _error(refused, 403) == PROTECTED_MESSAGE
    _ok(api.batch(sid, _insert("ROWS", 3, 4), token="tok-ana"))
    assert _rows_of(_sheet(api, sid)["protectedRanges"][0]) == (2, 6)
    _ok(api.batch(sid, _insert("ROWS", 0, 2), token="tok-budi"))
    _ok(api.batch(sid, _insert("ROWS", 8, 9), token="tok-budi"))  # below: untouched
    assert _rows_of(_sheet(api, sid)["protectedRanges"][0]) == (4, 8)
    assert fake.user_edit("tok-budi", sid, "A5", [["no"]]) == 403  # still protected


def test_deleted_rows_move_cells_up_and_need_the_protection_editors(api, sid):
    """deleteDimension moves what is below up; a person who may not edit a protected range
    cannot delete its rows ("You are trying to edit a protected cell or object", the
    Sheets protection message); deleting all rows of a protected range removes it, and a
    sheet cannot lose all its rows ("You can't delete all the rows on the sheet")."""
    api.put(sid, "A1", [["satu"], ["dua"], ["tiga"], ["empat"], ["lima"], ["enam"]])
    _ok(api.batch(sid, _protect(3, 5, [ANA])))
    assert _error(api.batch(sid, _delete("ROWS", 4, 6), token="tok-budi"), 403) == (
        PROTECTED_MESSAGE)  # fmt: skip
    _ok(api.batch(sid, _delete("ROWS", 0, 2), token="tok-budi"))
    assert api.values(sid, "A1:A4") == [["tiga"], ["empat"], ["lima"], ["enam"]]
    assert _rows_of(_sheet(api, sid)["protectedRanges"][0]) == (1, 3)
    _ok(api.batch(sid, _delete("ROWS", 0, 3), token="tok-ana"))  # all of it, and more
    assert "protectedRanges" not in _sheet(api, sid)
    assert api.values(sid, "A1") == [["enam"]]
    rows = _sheet(api, sid)["properties"]["gridProperties"]["rowCount"]
    assert "delete all the rows" in _error(api.batch(sid, _delete("ROWS", 0, rows)))
    _ok(api.batch(sid, _delete("COLUMNS", 0, 1)))
    assert api.values(sid, "A1") is None


# --- who may change a protection ------------------------------------------------------------


def test_only_a_protection_editor_may_change_or_delete_it(api, sid, fake):
    """A person listed in editors.users may update the protection (add or remove editors)
    or delete it; anyone else gets 403 (reviews F10: "Range editors control their own
    protection"; Apps Script Protection.addEditor/removeEditor need edit rights)."""
    pr = _ok(api.batch(sid, _protect(0, 2, [ANA])))["replies"][0]["addProtectedRange"]
    pr_id = pr["protectedRange"]["protectedRangeId"]
    widen = {"protectedRange": {"protectedRangeId": pr_id, "editors": {"users": [ANA, BUDI]}},
             "fields": "editors"}  # fmt: skip
    assert _error(api.batch(sid, {"updateProtectedRange": widen}, token="tok-budi"), 403)
    gone = {"deleteProtectedRange": {"protectedRangeId": pr_id}}
    assert _error(api.batch(sid, gone, token="tok-budi"), 403) == PROTECTED_MESSAGE
    assert fake.user_edit("tok-budi", sid, "A1", [["no"]]) == 403
    _ok(api.batch(sid, {"updateProtectedRange": widen}, token="tok-ana"))  # Ana adds Budi
    assert fake.user_edit("tok-budi", sid, "A1", [["now yes"]]) == 200
    narrow = {"protectedRange": {"protectedRangeId": pr_id, "editors": {"users": [ANA]}},
              "fields": "editors"}  # fmt: skip
    _ok(api.batch(sid, {"updateProtectedRange": narrow}, token="tok-budi"))  # Budi, removes
    assert fake.user_edit("tok-budi", sid, "A1", [["no"]]) == 403  # ...himself
    _ok(api.batch(sid, gone, token="tok-ana"))
    assert fake.user_edit("tok-budi", sid, "A1", [["free"]]) == 200


def test_the_my_drive_owner_always_edits_and_is_always_a_protection_editor(api, fake):
    """The file owner is always an editor of every protected range: the read-back lists
    the owner even when `users: []` was sent (cassette WorksheetTest.
    test_add_protected_range_normal) and the owner cannot be removed (Apps Script
    Protection: the owner "can always edit"). Shared Drive files have no owner: the fake
    gives that right to the file's creator (assumption, reviews F10 UNVERIFIED)."""
    sid = _ok(api.create("Milik Ana", token="tok-ana"))["id"]
    api("POST", f"{DRIVE}/files/{sid}/permissions", "tok-ana",
        json={"type": "user", "role": "writer", "emailAddress": BUDI})  # fmt: skip
    reply = _ok(api.batch(sid, _protect(0, 2, [BUDI]), token="tok-budi"))
    pr_id = reply["replies"][0]["addProtectedRange"]["protectedRange"]["protectedRangeId"]
    drop = {"protectedRange": {"protectedRangeId": pr_id, "editors": {"users": [BUDI]}},
            "fields": "editors"}  # fmt: skip
    _ok(api.batch(sid, {"updateProtectedRange": drop}, token="tok-budi"))
    pr = api.metadata(sid, "tok-ana")["sheets"][0]["protectedRanges"][0]
    assert set(pr["editors"]["users"]) == {ANA, BUDI} and pr["requestingUserCanEdit"]
    assert fake.user_edit("tok-ana", sid, "A1", [["owner"]]) == 200
    _ok(api.batch(sid, {"deleteProtectedRange": {"protectedRangeId": pr_id}}, token="tok-ana"))
