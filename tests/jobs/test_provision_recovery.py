"""A provisioning killed in the middle of making a spreadsheet finishes on the rerun, on both
backends, as if it had run once cleanly; and a roster changed after the month was set up
changes nothing in that month."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from service.clock import SimulatedClock
from service.domain.period import Period
from service.domain.roster import Official, Role, Roster
from service.jobs.provision import ProvisionError, provision
from service.sheets.google.backend import GoogleBackend
from service.sheets.google.provision import SHEET_MIME
from service.sheets.local.workbook import SIDECAR_DIR, meta_rows
from service.sheets.port import READY_PROPERTY, SpreadsheetRef, WorkbookSpec
from service.sheets.roster_workbook import read_roster
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import AuditRow, SpreadsheetRow
from tests.conftest import SAMPLE_ROSTER, jakarta
from tests.google.backend_factory import SERVICE_ACCOUNT, fake_session
from tests.jobs.messy_world import World, google_world, local_world

PERIOD = Period(2026, 10)
NEWCOMER = Official("199505052020122001", "Rina Oktaviani, S.Kom.", "Analis Data",
                    "rina.oktaviani@dukcapil-mojokerto.example", "Bidang PIAK", Role.PJ)


class Killed(BaseException):  # noqa: N818  (a process killed: no `except Exception` runs)
    """The process died (SIGKILL, power cut): no error handling, no cleanup."""


class DieAfterWriting:
    """Our wrapper of the local backend: the `nth` workbook is written, then the process dies
    before provisioning hears of it (so before the database marks it created)."""

    def __init__(self, inner: Any, nth: int) -> None:
        self.inner, self.left = inner, nth

    def create_spreadsheet(self, folder: str, spec: WorkbookSpec) -> SpreadsheetRef:
        ref = self.inner.create_spreadsheet(folder, spec)
        self.left -= 1
        if self.left == 0:
            raise Killed(spec.title)
        return ref

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class DieOnGoogle:
    """Our wrapper of the HTTP session under the Google backend. It dies in the `nth`
    spreadsheet's creation: right after Drive answered files.create ("after-create", the
    file exists with only Sheet1), or just before the request that marks it ready
    ("before-ready", tabs, locks and sharing done)."""

    def __init__(self, inner: Any, nth: int, step: str) -> None:
        self.inner, self.nth, self.step = inner, nth, step
        self.seen = 0

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        path, body = urlsplit(url).path, kwargs.get("json") or {}
        marks_ready = method.upper() == "PATCH" and READY_PROPERTY in body.get("properties", {})
        if self.step == "before-ready" and marks_ready:
            self._count(path)
        response = self.inner.request(method, url, *args, **kwargs)
        creates = method.upper() == "POST" and body.get("mimeType") == SHEET_MIME
        if self.step == "after-create" and creates:
            self._count(path)
        return response

    def _count(self, path: str) -> None:
        self.seen += 1
        if self.seen == self.nth:
            raise Killed(path)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _world(kind: str, root: Path) -> World:
    clock = SimulatedClock(jakarta(2026, 10, 26))
    return (local_world if kind == "local" else google_world)(root, clock)


def _google_backend(world: World, session: Any) -> GoogleBackend:
    """A new backend, as a new process would build it (nothing cached)."""
    root = world.ctx.backend.root_folder_id  # type: ignore[attr-defined]
    return GoogleBackend(session, root, SERVICE_ACCOUNT, sleep=lambda _s: None)


def _kill_provisioning(world: World, nth: int, step: str) -> None:
    if world.fake is None:
        dying: Any = DieAfterWriting(world.ctx.backend, nth)
    else:
        dying = _google_backend(world, DieOnGoogle(fake_session(world.fake), nth, step))
    real, world.ctx.backend = world.ctx.backend, dying
    with pytest.raises(Killed):
        provision(world.ctx, PERIOD)
    world.ctx.backend = real if world.fake is None else _google_backend(
        world, fake_session(world.fake))


def _listed(world: World) -> list[SpreadsheetRef]:
    backend = world.ctx.backend
    return backend.list_spreadsheets(backend.ensure_folder([world.ctx.office, str(PERIOD)]))


def _what_people_get(world: World) -> dict[tuple, tuple]:
    """Every spreadsheet of the month, by whom it is for: title, properties, tabs, locks and
    who it is shared with, exactly as the backend keeps them."""
    backend = world.ctx.backend
    found: dict[tuple, tuple] = {}
    for ref in _listed(world):
        who = (ref.properties.get("kinerja_kind"), ref.properties.get("kinerja_nip"))
        assert who not in found, f"two spreadsheets for {who}"
        locks = sorted((p.name, p.tab, p.a1_range, p.editors)
                       for p in backend.list_protections(ref.key))
        found[who] = (ref.title, dict(ref.properties), tuple(backend.tab_titles(ref.key)),
                      tuple(locks), _shared_with(world, ref.key))
    return found


def _shared_with(world: World, key: str) -> tuple[str, ...]:
    if world.fake is None:
        path = world.ctx.backend.path_of(key)  # type: ignore[attr-defined]
        return tuple(sorted(r[1] for r in meta_rows(load_workbook(path)) if r[0] == "shared"))
    got = fake_session(world.fake).get(
        f"https://www.googleapis.com/drive/v3/files/{key}/permissions",
        params={"supportsAllDrives": "true", "fields": "permissions(emailAddress,role)"}).json()
    return tuple(sorted(f"{p['emailAddress']}:{p['role']}" for p in got["permissions"]))


def _states(world: World) -> list[tuple[str, str | None]]:
    with world.ctx.db.session() as session:
        return [(r.state, r.key) for r in session.scalars(select(SpreadsheetRow))]


def _audit(world: World, action: str) -> list[str]:
    with world.ctx.db.session() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.action == action))
        return [r.detail for r in rows]


@pytest.mark.parametrize(("kind", "nth", "step"), [
    ("local", 6, "written"),
    ("local", 13, "written"),  # the master recap, the last one made
    ("google-fake", 6, "after-create"),
    ("google-fake", 13, "after-create"),
    ("google-fake", 6, "before-ready"),
])
def test_a_spreadsheet_cut_off_while_being_made_ends_as_after_one_clean_run(
        tmp_path: Path, kind: str, nth: int, step: str) -> None:
    clean = _world(kind, tmp_path / "clean")
    provision(clean.ctx, PERIOD)
    world = _world(kind, tmp_path / "killed")
    _kill_provisioning(world, nth, step)
    assert len(_listed(world)) == nth

    result = provision(world.ctx, PERIOD)

    got = _what_people_get(world)
    assert len(got) == 13
    assert all(props[READY_PROPERTY] == "1" for _title, props, *_ in got.values())
    assert got == _what_people_get(clean)
    listed = {r.key for r in _listed(world)}
    assert sorted(_states(world)) == sorted(("created", key) for key in listed)
    if step == "written":  # a local workbook is saved whole: the finished file is adopted
        assert result.changed == 13 - nth and len(_audit(world, "lembar_ditemukan")) == 1
    else:  # a Google file cut off before it was ready is deleted and made again
        assert result.changed == 13 - nth + 1 and _audit(world, "lembar_ditemukan") == []
        assert len(_audit(world, "lembar_setengah_jadi_dihapus")) == 1
    assert result.errors == []
    assert provision(world.ctx, PERIOD).changed == 0


def test_a_local_sheet_whose_name_was_made_safe_is_adopted(tmp_path: Path) -> None:
    """Every sample name has a comma ("Drs. Bambang Setiawan, M.Si."), which a file name
    turns into "_": a rerun finds the workbook by its properties, not by its title."""
    world = _world("local", tmp_path)
    _kill_provisioning(world, 1, "written")
    (ref,) = _listed(world)
    with world.ctx.db.session() as session:
        (claim,) = session.scalars(select(SpreadsheetRow)).all()
    assert claim.state == "claimed" and "," in claim.title and ref.title != claim.title
    provision(world.ctx, PERIOD)
    assert _audit(world, "lembar_ditemukan") == [claim.title]
    with world.ctx.db.session() as session:
        sheet = months.spreadsheet(session, world.ctx.office, str(PERIOD), "pj", claim.owner)
    assert sheet is not None and sheet.key == ref.key and sheet.state == "created"


def test_a_local_workbook_saved_without_its_listing_copy_is_still_found(tmp_path: Path) -> None:
    """Killed between saving the workbook and writing its `.kinerja/` copy: the listing reads
    the properties from the workbook itself."""
    world = _world("local", tmp_path)
    _kill_provisioning(world, 3, "written")
    folder = world.ctx.settings.sheets_dir / world.ctx.office / str(PERIOD)
    for copy in (folder / SIDECAR_DIR).iterdir():
        copy.unlink()
    (folder / ".tmpk1ll3d.xlsx").write_bytes(b"PK\x03\x04 cut off")  # a save cut off too
    assert provision(world.ctx, PERIOD).changed == 10
    assert len(_listed(world)) == 13
    assert len(_audit(world, "lembar_ditemukan")) == 1


# -- the roster changes after the month was provisioned --------------------------------


def _save_roster(world: World, officials: list[Official], extra: list[Any]) -> None:
    roster, agreements = read_roster(SAMPLE_ROSTER)
    with world.ctx.db.session() as session:
        roster_repo.save_roster(session, world.ctx.office, Roster(tuple(officials)),
                                [*agreements, *extra])


def _with_newcomer(world: World) -> None:
    """Rina joins after the month was set up, listed in the middle of the roster, with an
    agreement like Agus's."""
    roster, agreements = read_roster(SAMPLE_ROSTER)
    officials = list(roster.officials)
    officials.insert(5, NEWCOMER)
    _save_roster(world, officials, [dataclasses.replace(agreements[0], nip=NEWCOMER.nip)])


def _month_state(world: World) -> tuple:
    with world.ctx.db.session() as session:
        entries = [(e.nip, e.code, e.ordinal, e.master_row)
                   for e in months.recap_entries(session, world.ctx.office, str(PERIOD))]
        claims = [(r.kind, r.owner, r.state, r.key)
                  for r in session.scalars(select(SpreadsheetRow))]
    files = sorted((r.key, r.version) for r in _listed(world))
    return entries, claims, files


def test_an_official_added_after_the_month_was_set_up_is_refused_and_nothing_changes(
        tmp_path: Path) -> None:
    world = _world("local", tmp_path)
    provision(world.ctx, PERIOD)
    before = _month_state(world)
    _with_newcomer(world)
    with pytest.raises(ProvisionError) as refused:
        provision(world.ctx, PERIOD)
    message = str(refused.value)
    assert "Rekap induk Oktober 2026 sudah disusun" in message
    assert "Rina Oktaviani, S.Kom. (199505052020122001): DAF-01, DAF-02, DAF-03" in message
    assert "mulai penyiapan November 2026" in message
    assert _month_state(world) == before
    rows = [master_row for *_, master_row in before[0]]
    assert len(rows) == len(set(rows)), "every entry keeps its own master row"


def test_the_newcomer_is_included_from_the_next_month(tmp_path: Path) -> None:
    world = _world("local", tmp_path)
    provision(world.ctx, PERIOD)
    _with_newcomer(world)
    assert provision(world.ctx, PERIOD.next()).changed == 14
    with world.ctx.db.session() as session:
        rows = [e.master_row for e in months.recap_entries(session, world.ctx.office, "2026-11")]
        mine = months.recap_entries(session, world.ctx.office, "2026-11", NEWCOMER.nip)
    assert len(rows) == len(set(rows)) and len(mine) == 3


def test_an_official_removed_from_the_roster_keeps_their_sheet_and_rows(tmp_path: Path) -> None:
    world = _world("local", tmp_path)
    provision(world.ctx, PERIOD)
    before = _month_state(world)
    roster, _agreements = read_roster(SAMPLE_ROSTER)
    _save_roster(world, [o for o in roster.officials if o.nip != "198004042005012009"], [])
    assert provision(world.ctx, PERIOD).changed == 0
    assert _month_state(world) == before


def test_a_roster_changed_before_the_master_was_made_is_refused_until_restored(
        tmp_path: Path) -> None:
    """Killed after the officials' sheets, before the master: its rows are already
    numbered, so a roster with one official fewer would shift them. Refused; once the roster
    is as it was, the rerun finishes."""
    world = _world("local", tmp_path)
    _kill_provisioning(world, 13, "written")
    master = [r for r in _listed(world)
              if r.properties.get("kinerja_kind") == "rekap"]
    world.ctx.backend.discard(master[0].key)  # as if killed before the master was written
    roster, _agreements = read_roster(SAMPLE_ROSTER)
    _save_roster(world, [o for o in roster.officials if o.nip != "198004042005012009"], [])
    before = _month_state(world)
    with pytest.raises(ProvisionError, match="terhenti sebelum rekap induk dibuat"):
        provision(world.ctx, PERIOD)
    assert _month_state(world) == before
    _save_roster(world, list(roster.officials), [])
    assert provision(world.ctx, PERIOD).changed == 1
    assert len(_listed(world)) == 13
