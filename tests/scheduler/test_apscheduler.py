"""Real APScheduler 3 on a temporary SQLite file, configured as `kinerja scheduler run` is.

Real time is used sparingly: a 1-second interval, one downtime of 3.5 s, and every wait is
bounded by a deadline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler

from service.scheduler.runner import build_scheduler
from service.store.db import make_engine
from tests.scheduler.counter import BUMP, count


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Poll `condition` every 50 ms for at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def scheduler_on(db: Path) -> BackgroundScheduler:
    """The production scheduler setup (job store table, one worker) on the file `db`."""
    return build_scheduler(make_engine(f"sqlite:///{db}"))


def record(scheduler: BackgroundScheduler) -> list[JobExecutionEvent]:
    events: list[JobExecutionEvent] = []
    scheduler.add_listener(events.append, EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
    return events


def test_a_job_in_the_database_store_runs_on_its_interval(tmp_path: Path) -> None:
    db = tmp_path / "kinerja.sqlite3"
    scheduler = scheduler_on(db)
    scheduler.add_job(BUMP, "interval", seconds=1, id="tick", args=[str(db), "tick"],
                      replace_existing=True)
    scheduler.start()
    try:
        assert wait_until(lambda: count(str(db), "tick") >= 2, timeout=5)
    finally:
        scheduler.shutdown()
    assert count(str(db), "tick") >= 2


def test_runs_missed_while_down_are_coalesced_into_one(tmp_path: Path) -> None:
    db = tmp_path / "kinerja.sqlite3"
    first = scheduler_on(db)
    # the same job twice: once coalesced (as the service's jobs are), once not, for contrast
    for job_id, coalesce in (("coalesced", True), ("every", False)):
        first.add_job(BUMP, "interval", seconds=1, id=job_id, args=[str(db), job_id],
                      coalesce=coalesce, misfire_grace_time=2, replace_existing=True)
    first.start()
    try:
        assert wait_until(lambda: min(count(str(db), "coalesced"),
                                      count(str(db), "every")) >= 1, timeout=3)
    finally:
        first.shutdown()
    before = count(str(db), "coalesced")

    time.sleep(3.5)  # the scheduler is down: at least three 1-second runs are missed

    second = scheduler_on(db)  # a new process would do the same: nothing is re-added
    events = record(second)
    second.start(paused=True)
    due_since = second.get_job("coalesced").next_run_time  # read back from the database
    restarted = datetime.now(UTC)
    assert (restarted - due_since).total_seconds() >= 2  # so at least 3 runs are due

    def backlog(job_id: str, code: int) -> list[JobExecutionEvent]:
        return [e for e in events
                if e.job_id == job_id and e.code == code and e.scheduled_run_time < restarted]

    second.resume()
    try:
        assert wait_until(
            lambda: backlog("coalesced", EVENT_JOB_EXECUTED)
            and len(backlog("every", EVENT_JOB_EXECUTED) + backlog("every", EVENT_JOB_MISSED))
            >= 3,
            timeout=3,
        )
        second.pause()
    finally:
        second.shutdown()

    # coalesced: the whole backlog ran exactly once, for its latest due time, none missed
    assert len(backlog("coalesced", EVENT_JOB_EXECUTED)) == 1
    assert backlog("coalesced", EVENT_JOB_MISSED) == []
    ran = [e for e in events if e.job_id == "coalesced" and e.code == EVENT_JOB_EXECUTED]
    assert count(str(db), "coalesced") - before == len(ran)
    # not coalesced: each missed time is handled on its own; those older than the 2 s
    # grace are dropped as missed, the recent ones all run
    assert len(backlog("every", EVENT_JOB_MISSED)) >= 1
    assert len(backlog("every", EVENT_JOB_EXECUTED)) >= 1
