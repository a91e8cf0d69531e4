"""Local mode with officials who use LibreOffice Calc, not Excel: a workbook they save keeps
their tick as the formula `=TRUE()`, and the service must still see the submission."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from service.clock import SimulatedClock
from service.context import JobContext
from service.demo.desk import LocalDesk
from service.domain.period import Period
from service.jobs.provision import provision
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.layout import is_ticked, official_layout
from service.store import month_repo as months
from tests.conftest import jakarta

PERIOD = Period(2026, 10)
NIP = "198004042005012009"


def saved_by_libreoffice(path: Path, scratch: Path) -> None:
    """Open and save `path` in LibreOffice Calc (headless), as a person would."""
    out = scratch / "out"
    subprocess.run(["soffice", f"-env:UserInstallation={(scratch / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", str(out),
                    str(path)], check=True, capture_output=True, timeout=120)
    shutil.copyfile(out / path.name, path)


def test_a_formula_true_is_a_tick() -> None:
    assert is_ticked("=TRUE()") and is_ticked(" =true() ") and is_ticked("=TRUE")
    assert not is_ticked("=FALSE()") and not is_ticked("=1+1")


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) tidak terpasang: apt-get install "
                           "libreoffice-calc-nogui")
def test_a_submission_saved_by_libreoffice_counts(
        context_at: Callable[[datetime], tuple[JobContext, SimulatedClock]],
        tmp_path: Path) -> None:
    ctx, clock = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    with ctx.db.session() as session:
        sheet = months.spreadsheet(session, ctx.office, str(PERIOD), "pj", NIP)
    assert sheet is not None and sheet.key
    layout = official_layout()
    LocalDesk(ctx.settings.sheets_dir).type_values("sri", sheet.key, layout.table.tab, {
        f"{layout.table.col('realization')}{layout.table.data_row(0)}": "7.650",
        layout.submit_cell: True})
    saved_by_libreoffice(ctx.settings.sheets_dir / sheet.key, tmp_path)
    clock.set(jakarta(2026, 10, 27))
    pull_and_reconcile(ctx, PERIOD)
    with ctx.db.session() as session:
        record = months.submissions(session, ctx.office, str(PERIOD))[NIP]
        entry = months.recap_entries(session, ctx.office, str(PERIOD), NIP)[0]
    assert record.submitted_at == jakarta(2026, 10, 27)
    assert entry.realization == "7650"
