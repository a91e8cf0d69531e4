"""The ticks run the CLI's job functions for the periods the plan picks, and never raise.

A simulated clock walks period 2026-07 on the local backend: provisioning on Saturday 25
July, pulls in and after the collection window, and the morning reminders, which rest on
Independence Day (Monday 17 August).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from service.bootstrap import build_context
from service.clock import SimulatedClock
from service.config import Settings
from service.scheduler.ticks import TickReport, run_tick
from tests.conftest import jakarta, make_context


def tick(name: str, settings: Settings, now: datetime) -> TickReport:
    return run_tick(name, settings, clock=SimulatedClock(now))


def summary(report: TickReport) -> list[str]:
    return [f"{a.job} {a.period}" for a in report.actions]


def test_a_month_of_ticks_runs_the_same_jobs_as_the_cli(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    make_context(workspace, SimulatedClock(jakarta(2026, 7, 20))).db.engine.dispose()
    settings = Settings.from_env(str(workspace), environ={})

    assert summary(tick("provision", settings, jakarta(2026, 7, 24, 7))) == []
    provisioned = tick("provision", settings, jakarta(2026, 7, 25, 7))
    assert summary(provisioned) == ["provision 2026-07"]
    assert provisioned.failures == [] and provisioned.results[0].changed > 0
    again = tick("provision", settings, jakarta(2026, 7, 26, 7))
    assert again.results[0].changed == 0  # idempotent: nothing made twice

    assert summary(tick("reconcile-window", settings, jakarta(2026, 7, 28, 10))) == []
    pulled = tick("reconcile-window", settings, jakarta(2026, 8, 1, 10))
    assert summary(pulled) == ["pull 2026-07"] and pulled.failures == []
    assert summary(tick("reconcile-hourly", settings, jakarta(2026, 8, 1, 10))) == []
    assert summary(tick("reconcile-hourly", settings, jakarta(2026, 8, 6, 10))) == [
        "pull 2026-07"
    ]

    assert summary(tick("remind", settings, jakarta(2026, 8, 17, 8))) == []  # holiday
    reminded = tick("remind", settings, jakarta(2026, 8, 18, 8))
    assert summary(reminded) == ["remind 2026-07"] and reminded.failures == []
    assert reminded.results[0].changed > 0  # overdue notices to everyone (nobody filled in)


def test_a_failing_job_is_reported_and_the_tick_does_not_raise(tmp_path: Path) -> None:
    settings = Settings.from_env(str(tmp_path / "ws"), environ={})
    build_context(settings).db.engine.dispose()  # an empty office: no roster imported
    report = tick("provision", settings, jakarta(2026, 7, 25, 7))
    assert summary(report) == ["provision 2026-07"]
    assert report.results == []
    assert len(report.failures) == 1 and "daftar pegawai kosong" in report.failures[0]


def test_an_unknown_tick_is_reported_not_raised(tmp_path: Path) -> None:
    settings = Settings.from_env(str(tmp_path / "ws"), environ={})
    report = tick("backup", settings, jakarta(2026, 7, 25, 7))
    assert report.failures == ["tick 'backup' tidak dikenal"]
