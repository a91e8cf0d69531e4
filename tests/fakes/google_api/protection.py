"""Protected ranges: storing them the way Google reports them, and refusing edits.

Google semantics kept here:
- the file owner (for a shared-drive file: its creator) may always edit;
- a non-warningOnly range blocks everyone not in `editors.users`;
- on add, the requester and the owner are added to `editors.users` (read-back shows them
  even when `users: []` or no editors were sent); the add reply echoes `editors: {}`;
- `editors` is only shown to callers who may edit the range;
- changing a protection (updateProtectedRange, so also adding or removing its editors) or
  deleting it needs a listed editor; the owner always is one (re-added on every change),
  everyone else gets the protected-cell 403 (reviews F10: range editors control their own
  protection; tests/google/test_fake_sheets_rules.py);
- rows/columns moving under a protection are handled in dimensions.py;
- default-valued fields (`sheetId: 0`, `warningOnly: false`) are left out.
"""

from __future__ import annotations

import copy
from typing import Any

from .a1 import Bounds, contains, grid_range_to_bounds
from .errors import bad_request, protected
from .fields import copy_path, parse, paths
from .state import DriveFile, Sheet, Spreadsheet


def _clean_range(gr: dict[str, Any] | None) -> dict[str, Any]:
    return {
        k: x for k, x in (gr or {}).items() if x is not None and not (k == "sheetId" and x == 0)
    }


def _users(editors: dict[str, Any] | None) -> list[str]:
    return list((editors or {}).get("users") or [])


def may_edit(f: DriveFile, pr: dict[str, Any], email: str) -> bool:
    if pr.get("warningOnly") or email.lower() == f.owner.lower():
        return True
    return email.lower() in {u.lower() for u in _users(pr.get("editors"))}


def render(f: DriveFile, pr: dict[str, Any], email: str) -> dict[str, Any]:
    """A protected range as spreadsheets.get shows it to `email`."""
    out = {k: copy.deepcopy(x) for k, x in pr.items() if k != "editors"}
    out["range"] = _clean_range(out.get("range"))
    can = may_edit(f, pr, email)
    out["requestingUserCanEdit"] = can
    if can:
        editors = {k: list(x) for k, x in (pr.get("editors") or {}).items() if x}
        out["editors"] = editors
    return out


def check_edit(f: DriveFile, sheet: Sheet, b: Bounds, email: str) -> None:
    """Refuse an edit of bounds `b` (resolved) that touches a range `email` may not edit."""
    assert b.r0 is not None and b.r1 is not None and b.c0 is not None and b.c1 is not None
    if b.r0 >= b.r1 or b.c0 >= b.c1:
        return
    for pr in sheet.protected:
        if may_edit(f, pr, email):
            continue
        area = grid_range_to_bounds(pr.get("range", {})).resolve(sheet.rows, sheet.cols)
        assert area.r0 is not None and area.r1 is not None
        assert area.c0 is not None and area.c1 is not None
        r0, r1 = max(area.r0, b.r0), min(area.r1, b.r1)
        c0, c1 = max(area.c0, b.c0), min(area.c1, b.c1)
        if r0 >= r1 or c0 >= c1:
            continue
        holes = [grid_range_to_bounds(u) for u in pr.get("unprotectedRanges") or []]
        if not holes:
            raise protected()
        for r in range(r0, r1):
            for c in range(c0, c1):
                if not any(contains(h, r, c) for h in holes):
                    raise protected()


def _require_editor(f: DriveFile, pr: dict[str, Any], email: str) -> None:
    """Changing a protection itself needs the owner or a listed editor, even if warningOnly."""
    if email.lower() == f.owner.lower():
        return
    if email.lower() not in {u.lower() for u in _users(pr.get("editors"))}:
        raise protected()


def _find(ss: Spreadsheet, pr_id: Any) -> tuple[Sheet, dict[str, Any]]:
    for sheet in ss.sheets:
        for pr in sheet.protected:
            if pr["protectedRangeId"] == pr_id:
                return sheet, pr
    raise bad_request(f"No protected range with id: {pr_id}")


def add(ss: Spreadsheet, f: DriveFile, body: dict[str, Any], email: str, new_id: int) -> dict:
    req = {k: x for k, x in (body.get("protectedRange") or {}).items() if x is not None}
    gr = req.get("range") or {}
    if req.get("namedRangeId"):
        raise bad_request("Named ranges are not supported by the fake.")
    sheet = ss.sheet_by_id(gr.get("sheetId", 0) or 0)
    if sheet is None:
        raise bad_request(f"No grid with id: {gr.get('sheetId')}")
    if req.get("warningOnly") and _users(req.get("editors")):
        raise bad_request("Invalid requests[0].addProtectedRange: warningOnly with editors.")
    pr_id = req.get("protectedRangeId") or new_id
    stored: dict[str, Any] = {"protectedRangeId": pr_id, "range": dict(gr)}
    for key in ("description", "unprotectedRanges"):
        if req.get(key):
            stored[key] = copy.deepcopy(req[key])
    if req.get("warningOnly"):
        stored["warningOnly"] = True
    sent_editors = {k: list(x) for k, x in (req.get("editors") or {}).items() if x}
    users = _users(sent_editors)
    for extra in (email, f.owner):
        if extra.lower() not in {u.lower() for u in users}:
            users.append(extra)
    stored["editors"] = {**sent_editors, "users": users}
    sheet.protected.append(stored)
    reply = {k: copy.deepcopy(x) for k, x in stored.items() if k != "editors"}
    reply["range"] = _clean_range(reply["range"])
    reply["requestingUserCanEdit"] = True
    reply["editors"] = sent_editors
    return {"addProtectedRange": {"protectedRange": reply}}


def update(ss: Spreadsheet, f: DriveFile, body: dict[str, Any], email: str) -> dict:
    req = body.get("protectedRange") or {}
    sheet, pr = _find(ss, req.get("protectedRangeId"))
    _require_editor(f, pr, email)
    mask = body.get("fields")
    if not mask:
        raise bad_request("Invalid requests[0].updateProtectedRange: fields is required.")
    clean = {k: x for k, x in req.items() if x is not None}
    for path in paths(parse(mask)):
        copy_path(clean, pr, path)
    pr["protectedRangeId"] = req.get("protectedRangeId")
    if "editors" in pr or any(p[:1] == ("editors",) for p in paths(parse(mask))):
        users = _users(pr.get("editors"))
        if f.owner.lower() not in {u.lower() for u in users}:
            users.append(f.owner)
        pr["editors"] = {**(pr.get("editors") or {}), "users": users}
    if not pr.get("warningOnly"):
        pr.pop("warningOnly", None)
    if pr.get("range", {}).get("sheetId", sheet.sheet_id) != sheet.sheet_id:
        target = ss.sheet_by_id(pr["range"]["sheetId"])
        if target is None:
            raise bad_request(f"No grid with id: {pr['range']['sheetId']}")
        sheet.protected.remove(pr)
        target.protected.append(pr)
    return {}


def delete(ss: Spreadsheet, f: DriveFile, body: dict[str, Any], email: str) -> dict:
    sheet, pr = _find(ss, body.get("protectedRangeId"))
    _require_editor(f, pr, email)
    sheet.protected.remove(pr)
    return {}
