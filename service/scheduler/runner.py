"""`kinerja scheduler run`: APScheduler 3 with its job store in the service database.

Why it looks like this:
- One process, one scheduler: APScheduler 3 job stores must not be shared, and under a web
  server each worker would start its own scheduler and send every email N times. So the
  scheduler runs in the foreground of its own command, refuses to start inside gunicorn or
  uWSGI, and holds the database lease (`lease.py`) for as long as it runs.
- Jobs are added at every start with fixed ids and `replace_existing=True`, so a restart
  never duplicates them and a changed setting (another reminder hour) takes effect. Adding
  a job afresh would reset its next run time to the future and silently drop the runs missed
  while the scheduler was down, so an unchanged job keeps its stored next run time; APScheduler
  then sees the missed runs and, with `coalesce=True`, runs the job once for all of them,
  provided the last one is within `misfire_grace_time` (1 h for pulls, 6 h for the morning
  jobs: long enough to survive a restart or a short outage).
- Jobs run one at a time (one worker thread, `max_instances=1`), like an operator at the CLI:
  a long pull delays the reminders a little instead of racing them on the same sheets.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time as dt_time
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED, BaseScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from apscheduler.util import obj_to_ref
from sqlalchemy import Engine

from service.config import SchedulerSettings, Settings
from service.scheduler import ticks
from service.scheduler.lease import RENEW_EVERY, Lease, LeaseHeld
from service.store.db import make_engine

log = logging.getLogger("service.scheduler")

JOB_TABLE = "apscheduler_jobs"
JOB_PREFIX = "kinerja-"
HOUR = 3600

EXIT_OK, EXIT_REFUSED, EXIT_LEASE_LOST = 0, 1, 3


@dataclass(frozen=True)
class JobSpec:
    """One scheduled job: a fixed id, a `module:function` reference and when it runs.

    The id and the reference are what the job store keeps between restarts, so both must
    stay as they are: the reference is taken from the tick function itself (a misspelt name
    fails at import, not in the job store) and equals "service.scheduler.ticks:tick_...".
    """

    id: str
    func: str
    trigger: BaseTrigger
    misfire_grace_time: int


def job_specs(config: SchedulerSettings) -> list[JobSpec]:
    """One job per tick; the plan decides at each tick which month jobs have work to do."""
    tz = ZoneInfo(config.timezone)

    def cron(at: dt_time) -> CronTrigger:
        return CronTrigger(hour=at.hour, minute=at.minute, timezone=tz)

    return [
        JobSpec(f"{JOB_PREFIX}reconcile-window", obj_to_ref(ticks.tick_reconcile_window),
                IntervalTrigger(minutes=config.reconcile_window_minutes, timezone=tz), HOUR),
        JobSpec(f"{JOB_PREFIX}reconcile-hourly", obj_to_ref(ticks.tick_reconcile_hourly),
                IntervalTrigger(minutes=config.reconcile_outside_minutes, timezone=tz), HOUR),
        JobSpec(f"{JOB_PREFIX}remind", obj_to_ref(ticks.tick_remind),
                cron(config.remind_at), 6 * HOUR),
        JobSpec(f"{JOB_PREFIX}provision", obj_to_ref(ticks.tick_provision),
                cron(config.provision_at), 6 * HOUR),
        JobSpec(f"{JOB_PREFIX}tamper", obj_to_ref(ticks.tick_tamper),
                cron(config.tamper_check_at), 6 * HOUR),
    ]


class _Scheduler(BackgroundScheduler):
    """BackgroundScheduler without the job pass APScheduler 3 makes after `shutdown()`.

    Its loop wakes once more after shutdown and looks for due jobs: a job due at that moment
    gets its next run time advanced in the store, but the executor is already closed, so the
    run is lost instead of being coalesced after the restart ("cannot schedule new futures
    after shutdown", agronholm/apscheduler#285 and #985).
    """

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        return super()._process_jobs()


def build_scheduler(engine: Engine, timezone: str = "Asia/Jakarta") -> BackgroundScheduler:
    """A scheduler whose jobs live in `JOB_TABLE` of the service database."""
    return _Scheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOB_TABLE)},
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": HOUR},
        timezone=ZoneInfo(timezone),
    )


def install_jobs(scheduler: BaseScheduler, specs: list[JobSpec]) -> None:
    """Add (or replace) each job by its fixed id; the scheduler must be started (paused).

    An unchanged job keeps its stored next run time so that runs missed while the scheduler
    was down are coalesced into one run; our jobs no longer in `specs` are removed.
    """
    wanted = {spec.id for spec in specs}
    for job in scheduler.get_jobs():
        if job.id.startswith(JOB_PREFIX) and job.id not in wanted:
            log.info("job lama %s dihapus", job.id)
            scheduler.remove_job(job.id)
    for spec in specs:
        extra: dict[str, Any] = {}
        try:
            existing = scheduler.get_job(spec.id)
        except Exception:  # an unreadable pickled job is simply replaced
            log.warning("job %s di penyimpanan tidak terbaca; diganti", spec.id)
            existing = None
        if (
            existing is not None
            and existing.next_run_time is not None
            and existing.func_ref == spec.func
            and str(existing.trigger) == str(spec.trigger)
        ):
            extra["next_run_time"] = existing.next_run_time
        scheduler.add_job(
            spec.func, spec.trigger, id=spec.id, name=spec.id, replace_existing=True,
            coalesce=True, max_instances=1, misfire_grace_time=spec.misfire_grace_time,
            **extra,
        )


def inside_web_worker() -> bool:
    """True under gunicorn/uWSGI, where every worker would run its own scheduler."""
    return "gunicorn" in sys.modules or "uwsgi" in sys.modules


def run_scheduler(settings: Settings, *, stop_after: float | None = None) -> int:
    """Run the scheduler in the foreground until SIGINT/SIGTERM (or `stop_after` seconds).

    Returns 0 after a clean stop, 1 when it refused to start (another scheduler holds the
    lease, or inside a web worker), 3 when the lease was lost while running.
    """
    _ensure_logging()
    if inside_web_worker():
        print("Penjadwal tidak boleh berjalan di dalam worker web (gunicorn/uWSGI): "
              "jalankan `kinerja scheduler run` sebagai proses tersendiri.", file=sys.stderr)
        return EXIT_REFUSED
    settings.workspace.mkdir(parents=True, exist_ok=True)  # the default SQLite file lives there
    engine = make_engine(settings.db_url)
    lease = Lease(engine)
    try:
        lease.acquire()
    except LeaseHeld as held:
        print(held, file=sys.stderr)
        engine.dispose()
        return EXIT_REFUSED
    log.info("sewa penjadwal diambil oleh %s", lease.holder)
    ticks.use_settings(settings)
    scheduler = build_scheduler(engine, settings.scheduler.timezone)
    stop = threading.Event()
    restore = _on_signals(stop)
    kept = False
    try:
        scheduler.start(paused=True)
        install_jobs(scheduler, job_specs(settings.scheduler))
        scheduler.resume()
        for job in scheduler.get_jobs():
            log.info("job %s: berikutnya %s", job.id, job.next_run_time)
        kept = keep_lease(lease, stop, stop_after)
    finally:
        restore()
        if scheduler.running:
            scheduler.shutdown(wait=True)
        try:
            lease.release()
        except Exception:  # the lease simply expires
            log.exception("sewa penjadwal tidak dapat dilepas")
        ticks.use_settings(None)
        engine.dispose()
    return EXIT_OK if kept else EXIT_LEASE_LOST


def keep_lease(lease: Lease, stop: threading.Event, stop_after: float | None,
               renew_every: float = RENEW_EVERY.total_seconds()) -> bool:
    """Renew the lease until `stop` is set or `stop_after` passes; False if it was lost.

    A failing renewal (database briefly down) is retried until the lease we last wrote
    expires: after that another scheduler may hold it, so this one must stop.
    """
    deadline = None if stop_after is None else time.monotonic() + stop_after
    while True:
        wait = renew_every
        if deadline is not None:
            wait = min(wait, deadline - time.monotonic())
            if wait <= 0:
                return True
        if stop.wait(wait):
            return True
        try:
            if lease.renew():
                continue
            log.error("sewa penjadwal diambil alih penjadwal lain; berhenti")
            return False
        except Exception:
            log.exception("sewa penjadwal gagal diperpanjang")
            if lease.expires_at is None or lease.clock.now() >= lease.expires_at:
                log.error("sewa penjadwal kedaluwarsa; berhenti")
                return False


def _on_signals(stop: threading.Event) -> Callable[[], None]:
    """SIGINT/SIGTERM set `stop`; returns a function restoring the previous handlers."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda _signum, _frame: stop.set())

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def _ensure_logging() -> None:
    """The CLI configures no logging; a foreground scheduler should still say what it does."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
