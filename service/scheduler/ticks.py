"""The functions APScheduler calls: build the context, ask the plan, run the month jobs.

APScheduler's SQLAlchemy job store pickles each job's callable as a `module:function`
reference and its arguments, so the ticks are module-level functions without arguments:
settings (which may hold the SMTP password) are never written into the job table. The
process that runs the scheduler sets them once with `use_settings`. The `tick_*` names are
stored too: renaming one makes existing job stores drop the old job (APScheduler cannot load
it) and `runner.install_jobs` add it afresh, losing the runs missed in between.

A tick never raises: one failing period (a Google error, an unapproved month) is logged and
the next period still runs, and APScheduler keeps its schedule.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import select

from service.bootstrap import build_context
from service.clock import Clock
from service.config import Settings
from service.context import JobContext, JobResult
from service.domain.period import Period
from service.jobs.registry import MONTH_JOBS
from service.notify.mailer import Mailer
from service.scheduler import plan
from service.sheets.port import SheetBackend
from service.store.models import MonthRow

log = logging.getLogger("service.scheduler")

_settings: Settings | None = None


def use_settings(settings: Settings | None) -> None:
    """The settings the ticks of this process use (None: read the environment each tick)."""
    global _settings
    _settings = settings


def active_settings() -> Settings:
    return _settings if _settings is not None else Settings.from_env()


@dataclass
class TickReport:
    """What one tick did: the actions planned, their results and the failures."""

    tick: str
    actions: list[plan.Action] = field(default_factory=list)
    results: list[JobResult] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def load_months(ctx: JobContext) -> dict[Period, str]:
    with ctx.db.session() as session:
        rows = session.execute(
            select(MonthRow.period, MonthRow.status).where(MonthRow.office == ctx.office)
        )
        return {Period.parse(p): status for p, status in rows}


def _run(ctx: JobContext, report: TickReport, actions: list[plan.Action]) -> None:
    for action in actions:
        report.actions.append(action)
        try:
            result = MONTH_JOBS[action.job](ctx, action.period)
        except Exception as error:  # logged; the next period must still run
            log.exception("%s gagal", action)
            report.failures.append(f"{action}: {error}")
            continue
        report.results.append(result)
        log.info("%s -> %d berubah", action, result.changed)
        for line in result.lines:
            log.info("  %s", line)
        for problem in result.errors:
            log.warning("  %s", problem)


def _plan_and_run(name: str, ctx: JobContext, report: TickReport) -> None:
    now, calendar = ctx.clock.now(), ctx.calendar
    settings = ctx.settings
    months = load_months(ctx)
    if name in ("reconcile-window", "reconcile-hourly"):
        _run(ctx, report, plan.plan_reconcile(now, months, calendar, settings.deadlines,
                                              window=name == "reconcile-window"))
        # A pull may have seen the KD's tick: archive at once instead of an hour later.
        _run(ctx, report, plan.plan_archive(load_months(ctx)))
    elif name == "remind":
        _run(ctx, report, plan.plan_remind(now, months, calendar))
    elif name == "tamper":
        _run(ctx, report, plan.plan_tamper(months))
    elif name == "provision":
        _run(ctx, report, plan.plan_provision(now, months, settings.scheduler.provision_day,
                                              calendar.timezone))
    else:
        raise ValueError(f"tick {name!r} tidak dikenal")


def run_tick(
    name: str,
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    backend: SheetBackend | None = None,
    mailer: Mailer | None = None,
) -> TickReport:
    """Run one tick now; tests pass a simulated clock and fakes, the scheduler passes none."""
    report = TickReport(name)
    try:
        ctx = build_context(settings or active_settings(), clock=clock, backend=backend,
                            mailer=mailer)
    except Exception as error:  # a broken config must not kill the scheduler
        log.exception("tick %s: konteks tidak dapat dibangun", name)
        report.failures.append(f"konteks: {error}")
        return report
    try:
        _plan_and_run(name, ctx, report)
    except Exception as error:  # e.g. the database is briefly unreachable
        log.exception("tick %s gagal", name)
        report.failures.append(str(error))
    finally:
        ctx.db.engine.dispose()
    if not report.actions:
        log.debug("tick %s: tidak ada pekerjaan", name)
    return report


def tick_reconcile_window() -> None:
    run_tick("reconcile-window")


def tick_reconcile_hourly() -> None:
    run_tick("reconcile-hourly")


def tick_remind() -> None:
    run_tick("remind")


def tick_provision() -> None:
    run_tick("provision")


def tick_tamper() -> None:
    run_tick("tamper")
