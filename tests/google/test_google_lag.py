"""Drive reports Sheets edits late: nothing is missed, nothing is read twice for it.

Sheets edits reach Drive's modifiedTime about 3 minutes late and coalesced
(googleapis/google-api-go-client#444); the fake lags the same way (set_modified_lag).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from service.clock import SimulatedClock
from service.domain.period import Period
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.layout import official_layout
from tests.conftest import jakarta
from tests.jobs.messy_world import TAB, google_world

OCT = Period(2026, 10)
SRI = "198004042005012009"
TABLE = official_layout().table


def test_an_edit_is_read_once_drive_shows_it_and_the_services_own_write_is_not_read(
        tmp_path: Path) -> None:
    clock = SimulatedClock(jakarta(2026, 10, 26, 9))
    world = google_world(tmp_path, clock)
    world.fake.set_modified_lag(180)
    world.provision(OCT)
    key = world.sheet_key(OCT, SRI)

    def reads() -> int:
        return sum(1 for method, path, _who in world.fake.request_log
                   if method == "GET" and key in path and "values:batchGet" in path)

    def later(minutes: int) -> None:
        clock.set(clock.now() + timedelta(minutes=minutes))

    later(5)
    before = reads()
    pull_and_reconcile(world.ctx, OCT)  # a fresh sheet: the set-up is the service's own
    assert reads() == before
    world.type_values(SRI, key, TAB, {f"{TABLE.col('realization')}{TABLE.data_row(0)}": "abc"})
    later(1)
    pull_and_reconcile(world.ctx, OCT)  # Drive does not show the edit yet
    assert reads() == before
    later(4)
    pull_and_reconcile(world.ctx, OCT)  # now it does: read once, and a note written
    assert reads() == before + 1
    realization = f"{TABLE.col('realization')}{TABLE.data_row(0)}"
    assert realization in world.ctx.backend.read_notes(key, TAB)
    later(5)
    pull_and_reconcile(world.ctx, OCT)  # Drive now shows the note: the service's own write
    assert reads() == before + 1
