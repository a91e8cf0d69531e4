"""An answer to a tick that could not be written is not forgotten."""

from __future__ import annotations

from typing import Any

import pytest

from service.domain.roster import Role
from service.jobs.parts.signoff import LINK_ONLY
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.layout import master_layout
from service.sheets.locks import signoff_tick_cell
from service.sheets.port import SheetBackendError, WriteBatch
from tests.jobs.approved_month import PERIOD, edit_file, later, master_key

pytestmark = pytest.mark.month  # a whole demo month: not in the fast tier


class MasterWriteFailsOnce:
    """Our own backend wrapper: the first write to `key` fails like an exhausted retry."""

    def __init__(self, inner: Any, key: str) -> None:
        self.inner, self.key, self.failed = inner, key, False

    def apply(self, key: str, batch: WriteBatch) -> str | None:
        if key == self.key and not self.failed:
            self.failed = True
            raise SheetBackendError("429 setelah semua percobaan")
        return self.inner.apply(key, batch)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_an_undone_tick_that_failed_to_write_is_undone_next_cycle(month: Any) -> None:
    ctx, clock = month
    from service.jobs.withdraw import reopen_month

    reopen_month(ctx, PERIOD, "koreksi", "admin")
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    layout, key = master_layout(), master_key(ctx)
    cell = signoff_tick_cell(layout, Role.KD)
    edit_file(ctx, key, layout.signoff.tab, {cell: True})  # typed into the workbook
    real = ctx.backend
    ctx.backend = MasterWriteFailsOnce(real, key)
    later(clock)
    first = pull_and_reconcile(ctx, PERIOD)
    assert any("429" in e for e in first.errors)
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    ctx.backend = real
    (grid,) = real.read_values(key, [(layout.signoff.tab, cell)])
    assert grid == [[False]]
    assert real.read_notes(key, layout.signoff.tab)[cell] == LINK_ONLY
