"""What a tick proves on Google: its cell's protection, read where it is now.

An approver is an editor of their own tick protection and may widen it; any master editor
may insert a row above the panel, which moves the protected cells (reviews F10). The fake
models both (Sheets protected-range editors; insertDimension moving protected ranges).
"""

from __future__ import annotations

from pathlib import Path

from service.clock import SimulatedClock
from service.domain.period import Period
from service.domain.roster import Role
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.layout import master_layout
from service.sheets.locks import signoff_tick_cell
from service.store import month_repo as months
from tests.conftest import jakarta
from tests.fakes.google_api.client import GoogleHttp
from tests.jobs.messy_world import google_world

OCT = Period(2026, 10)
PP_TOKEN, KS_TOKEN = "tok-199002102015031005", "tok-198108142006042012"
PP, KS = "andi.prasetyo@dukcapil-mojokerto.example", "dewi.sari@dukcapil-mojokerto.example"
SIGN = master_layout().signoff


def _world(tmp_path: Path):  # type: ignore[no-untyped-def]
    world = google_world(tmp_path, SimulatedClock(jakarta(2026, 11, 3, 9)))
    world.provision(OCT)
    return world, world.sheet_key(OCT), GoogleHttp(world.fake)


def _sheet_id(http: GoogleHttp, key: str, token: str) -> tuple[int, dict]:
    meta = http.metadata(key, token)
    sheet = next(s for s in meta["sheets"] if s["properties"]["title"] == SIGN.tab)
    tick = next(pr for pr in sheet.get("protectedRanges", [])
                if pr.get("description", "").startswith("[kinerja:centang-PP]"))
    return sheet["properties"].get("sheetId", 0), tick


def test_a_tick_whose_protection_was_widened_is_not_read_and_is_protected_again(
        tmp_path: Path) -> None:
    world, key, http = _world(tmp_path)
    _, tick = _sheet_id(http, key, PP_TOKEN)
    widened = {"protectedRangeId": tick["protectedRangeId"],
               "editors": {"users": [*tick["editors"]["users"], KS]}}
    assert http.batch(key, {"updateProtectedRange": {"protectedRange": widened,
                                                     "fields": "editors"}},
                      token=PP_TOKEN).status_code == 200
    cell = f"'{SIGN.tab}'!{signoff_tick_cell(master_layout(), Role.PP)}"
    assert world.fake.user_edit(KS_TOKEN, key, cell, [[True]]) == 200  # KS ticks for PP
    result = pull_and_reconcile(world.ctx, OCT)
    assert any("centang PP: daftar editor" in e for e in result.errors)
    with world.ctx.db.session() as session:
        assert months.audit_log(session, world.ctx.office, str(OCT), "pengesahan") == []
    (restored,) = [p for p in world.ctx.backend.list_protections(key) if p.name == "centang-PP"]
    assert {e.lower() for e in restored.editors} == {PP}
    assert world.fake.user_edit(KS_TOKEN, key, cell, [[False]]) == 403


def test_a_row_inserted_above_the_panel_moves_the_tick_and_it_is_read_where_it_is(
        tmp_path: Path) -> None:
    world, key, http = _world(tmp_path)
    sheet_id, _ = _sheet_id(http, key, PP_TOKEN)
    insert = {"insertDimension": {"range": {"sheetId": sheet_id, "dimension": "ROWS",
                                            "startIndex": 0, "endIndex": 1}}}
    assert http.batch(key, insert, token=PP_TOKEN).status_code == 200
    fixed = signoff_tick_cell(master_layout(), Role.PP)
    moved = f"{fixed[0]}{int(fixed[1:]) + 1}"
    assert world.fake.user_edit(PP_TOKEN, key, f"'{SIGN.tab}'!{moved}", [[True]]) == 200
    result = pull_and_reconcile(world.ctx, OCT)
    assert any(f"centang PP bergeser ke {moved}" in e for e in result.errors)
    with world.ctx.db.session() as session:  # read, and refused: nobody has submitted yet
        refused = months.audit_log(session, world.ctx.office, str(OCT), "centang_ditolak")
    assert [r.target for r in refused] == ["PP"]
    # the undo is written where the tick is, not into the cell the row pushed it out of
    assert http.values(key, f"'{SIGN.tab}'!{moved}", render="UNFORMATTED_VALUE") == [[False]]
