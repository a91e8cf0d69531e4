"""`run_scheduler` and the service's jobs in the persistent job store."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from service.clock import SimulatedClock
from service.config import SchedulerSettings, Settings
from service.scheduler import run_scheduler
from service.scheduler.lease import Lease
from service.scheduler.runner import (
    JOB_TABLE,
    build_scheduler,
    install_jobs,
    job_specs,
    keep_lease,
)
from service.store.db import make_engine
from tests.conftest import jakarta

IDS = ["kinerja-provision", "kinerja-reconcile-hourly", "kinerja-reconcile-window",
       "kinerja-remind", "kinerja-tamper"]


def stored_jobs(db_url: str) -> list[str]:
    engine = make_engine(db_url)
    try:
        if not inspect(engine).has_table(JOB_TABLE):
            return []
        with engine.connect() as connection:
            return sorted(r[0] for r in connection.execute(text(f"SELECT id FROM {JOB_TABLE}")))
    finally:
        engine.dispose()


def installed(db_url: str, config: SchedulerSettings, times: int = 1) -> dict[str, datetime]:
    """Start a scheduler paused (no job runs), add the jobs `times` times, stop it."""
    scheduler = build_scheduler(make_engine(db_url))
    scheduler.start(paused=True)
    try:
        for _ in range(times):
            install_jobs(scheduler, job_specs(config))
        return {job.id: job.next_run_time for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown()


def test_jobs_added_at_every_start_leave_one_job_each(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kinerja.sqlite3'}"
    installed(url, SchedulerSettings(), times=2)
    installed(url, SchedulerSettings())  # a restart
    assert stored_jobs(url) == IDS


def test_the_jobs_carry_coalesce_one_instance_and_a_grace_that_survives_a_restart(
    tmp_path: Path,
) -> None:
    scheduler = build_scheduler(make_engine(f"sqlite:///{tmp_path / 'k.sqlite3'}"))
    scheduler.start(paused=True)
    try:
        install_jobs(scheduler, job_specs(SchedulerSettings()))
        jobs = {job.id: job for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown()
    assert all(j.coalesce and j.max_instances == 1 for j in jobs.values())
    assert jobs["kinerja-reconcile-window"].misfire_grace_time == 3600
    assert jobs["kinerja-remind"].misfire_grace_time == 6 * 3600
    assert jobs["kinerja-remind"].func_ref == "service.scheduler.ticks:tick_remind"
    assert str(jobs["kinerja-remind"].trigger) == "cron[hour='8', minute='0']"
    assert jobs["kinerja-remind"].next_run_time.utcoffset() == timedelta(hours=7)


def test_a_restart_keeps_the_missed_run_so_it_is_coalesced_not_dropped(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'kinerja.sqlite3'}"
    installed(url, SchedulerSettings())
    missed = datetime.now(UTC) - timedelta(hours=2)  # as if the server was off for 2 hours
    scheduler = build_scheduler(make_engine(url))
    scheduler.start(paused=True)
    scheduler.modify_job("kinerja-reconcile-window", next_run_time=missed)
    scheduler.shutdown()

    after_restart = installed(url, SchedulerSettings())
    assert after_restart["kinerja-reconcile-window"] == missed
    # a changed setting is a new schedule: its next run is computed afresh
    changed = installed(url, SchedulerSettings(reconcile_window_minutes=10,
                                               remind_at=time(7, 30)))
    assert changed["kinerja-reconcile-window"] > datetime.now(UTC)
    assert (changed["kinerja-remind"].hour, changed["kinerja-remind"].minute) == (7, 30)


def test_run_scheduler_starts_installs_the_jobs_and_releases_the_lease(tmp_path: Path) -> None:
    settings = Settings.from_env(str(tmp_path / "ws"), environ={})
    assert run_scheduler(settings, stop_after=0.3) == 0
    assert stored_jobs(settings.db_url) == IDS
    assert Lease(make_engine(settings.db_url)).current() is None


def test_a_second_scheduler_refuses_to_start(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_env(str(tmp_path / "ws"), environ={})
    settings.workspace.mkdir(parents=True)
    Lease(make_engine(settings.db_url), holder="server-a:4242:0f0f").acquire()
    assert run_scheduler(settings, stop_after=0.3) == 1
    error = capsys.readouterr().err
    assert "Penjadwal lain sudah berjalan" in error and "server-a:4242:0f0f" in error
    assert stored_jobs(settings.db_url) == []  # refused before touching the job store


def test_the_scheduler_does_not_run_inside_a_web_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "gunicorn", sys.modules["sys"])
    settings = Settings.from_env(str(tmp_path / "ws"), environ={})
    assert run_scheduler(settings, stop_after=0.3) == 1
    assert "worker web" in capsys.readouterr().err


def test_a_scheduler_whose_lease_was_taken_over_stops(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kinerja.sqlite3'}")
    clock = SimulatedClock(jakarta(2026, 8, 3, 8, 0))
    mine = Lease(engine, holder="a:1:x", clock=clock)
    mine.acquire()
    clock.advance(timedelta(seconds=120))  # e.g. the process was frozen past its lease
    Lease(engine, holder="b:2:y", clock=clock).acquire()
    assert keep_lease(mine, threading.Event(), stop_after=2, renew_every=0.01) is False
    stop = threading.Event()
    stop.set()
    assert keep_lease(Lease(engine, holder="b:2:y", clock=clock), stop, None) is True
    engine.dispose()


def test_the_stored_job_ids_and_references_stay_what_existing_job_stores_hold() -> None:
    assert {spec.id: spec.func for spec in job_specs(SchedulerSettings())} == {
        "kinerja-reconcile-window": "service.scheduler.ticks:tick_reconcile_window",
        "kinerja-reconcile-hourly": "service.scheduler.ticks:tick_reconcile_hourly",
        "kinerja-remind": "service.scheduler.ticks:tick_remind",
        "kinerja-provision": "service.scheduler.ticks:tick_provision",
        "kinerja-tamper": "service.scheduler.ticks:tick_tamper",
    }
