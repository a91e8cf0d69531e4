"""A provisioned month of the sample office on either backend, with people who can type.

Shared by the table-driven messy-input test and the rule-wiring tests: the same jobs run
against the local .xlsx backend and the Google backend (gspread over HTTP to the API fake),
and a person types through the same door they would use (Excel's protection locally, their
own Google identity on the fake).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.bootstrap import build_context
from service.clock import SimulatedClock
from service.config import Settings
from service.context import JobContext
from service.demo.desk import LocalDesk
from service.domain.period import Period
from service.jobs.provision import provision
from service.sheets.roster_workbook import read_roster
from service.store import month_repo as months
from service.store import roster_repo
from tests.conftest import SAMPLE_ROSTER

TAB = "Realisasi"
Typist = Callable[[str, str, str, dict[str, object]], None]  # who (NIP), key, tab, cells


@dataclass
class World:
    backend_name: str
    ctx: JobContext
    clock: SimulatedClock
    type_values: Typist
    fake: Any = None  # the Google API fake, when on Google

    def sheet_key(self, period: Period, nip: str = "") -> str:
        with self.ctx.db.session() as session:
            sheet = months.spreadsheet(session, self.ctx.office, str(period),
                                       "pj" if nip else "rekap", nip)
        assert sheet is not None and sheet.key
        return sheet.key

    def counts(self) -> tuple[int, ...]:
        """What a rerun must not change: (reads, writes) locally, non-GET requests on Google."""
        backend = self.ctx.backend
        if self.fake is None:
            return (backend.read_count, backend.write_count)  # type: ignore[attr-defined]
        return (sum(method != "GET" for method, _path, _who in self.fake.request_log),)

    def provision(self, *periods: Period) -> None:
        for period in periods:
            provision(self.ctx, period)


def _load_roster(ctx: JobContext) -> list[tuple[str, str]]:
    roster, agreements = read_roster(SAMPLE_ROSTER)
    with ctx.db.session() as session:
        roster_repo.save_roster(session, ctx.office, roster, agreements)
    return [(o.nip, o.email) for o in roster.officials]


def local_world(root: Path, clock: SimulatedClock) -> World:
    ctx = build_context(Settings.from_env(str(root / "ws"), environ={}), clock=clock)
    people = dict(_load_roster(ctx))
    desk = LocalDesk(ctx.settings.sheets_dir)

    def type_values(nip: str, key: str, tab: str, cells: dict[str, object]) -> None:
        desk.type_values(people[nip], key, tab, cells)

    return World("local", ctx, clock, type_values)


def google_world(root: Path, clock: SimulatedClock) -> World:
    from tests.google.backend_factory import make_google_fake_backend

    backend, _root, fake = make_google_fake_backend(root)
    fake.set_clock(clock.now)
    ctx = build_context(Settings.from_env(str(root / "ws"), environ={}), clock=clock,
                        backend=backend)
    people = _load_roster(ctx)
    for nip, email in people:
        fake.add_user(token=f"tok-{nip}", email=email)

    def type_values(nip: str, key: str, tab: str, cells: dict[str, object]) -> None:
        for a1, value in cells.items():  # "" clears a cell in the Sheets UI; None would not
            status = fake.user_edit(f"tok-{nip}", key, f"'{tab}'!{a1}",
                                    [["" if value is None else value]])
            assert status == 200, f"{nip} could not type into {tab}!{a1}: HTTP {status}"

    return World("google-fake", ctx, clock, type_values, fake)


WORLDS = {"local": local_world, "google-fake": google_world}
