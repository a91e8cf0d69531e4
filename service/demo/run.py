"""`kinerja demo`: one month of the SOP, end to end, on the embedded local backend.

A simulated clock walks from provisioning to the archive; simulated people type into the
workbooks between the scheduled runs (reminders each working morning, pulls three times a
day), exactly the jobs a real deployment runs. The story: most officials submit on time,
two are late, one types a value that cannot be read and fixes it after the note, the
Secretary ticks too early and is undone, the Kasubag returns one row which is corrected,
then the four sign-offs and the archived, hashed PDF.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from service.bootstrap import build_context
from service.clock import SimulatedClock
from service.config import IDENTITY_VARIABLES, Settings
from service.context import JobContext, JobResult
from service.demo.desk import Desk, LocalDesk
from service.demo.story import Event, at, story
from service.demo.summary import print_summary
from service.domain.month import MonthStatus
from service.domain.period import Period
from service.domain.roster import Roster
from service.domain.words import singkat
from service.jobs.archive import archive
from service.jobs.provision import provision
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.remind import remind
from service.sheets.layout import TEMPLATES_DIR
from service.sheets.port import SheetBackend
from service.sheets.roster_workbook import read_roster
from service.store import month_repo as months
from service.store import roster_repo

MARKER = ".kinerja-demo"
SAMPLE_ROSTER = TEMPLATES_DIR / "roster-contoh.xlsx"
SAMPLE_LETTERHEAD = ("PEMERINTAH KOTA MOJOKERTO",
                     "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA MOJOKERTO")
PULL_TIMES = (time(10, 0), time(13, 0), time(16, 0))
REMIND_TIME = time(8, 0)

def prepare_workspace(workspace: Path) -> None:
    """Use a folder that is empty (new or existing) or was made by an earlier demo; never
    delete anything else."""
    if workspace.exists() and not workspace.is_dir():
        raise SystemExit(f"{workspace} adalah berkas, bukan folder; pilih folder untuk demo")
    if workspace.exists() and any(workspace.iterdir()):
        if not (workspace / MARKER).exists():
            raise SystemExit(f"{workspace} sudah berisi berkas lain; pilih folder kosong "
                             "untuk demo")
        shutil.rmtree(workspace)
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / MARKER).write_text("dibuat oleh `kinerja demo`; aman dihapus\n")


def demo_settings(workspace: Path, environ: Mapping[str, str]) -> Settings:
    """The demo lives in its workspace whatever the environment holds: its own SQLite file,
    the local backend (or the in-process fake), mail as .eml files in its outbox. Only the
    office's identity (name, letterhead, sender) is taken from the environment."""
    identity = {name: environ[name] for name in IDENTITY_VARIABLES if name in environ}
    settings = Settings.from_env(str(workspace), environ=identity)
    if not settings.letterhead:
        settings = replace(settings, letterhead=SAMPLE_LETTERHEAD)
    return settings


# Builds the sheets the demo month runs on and the desks its people type at, from the
# simulated clock and the sample roster; the default is the local backend.
DemoWorld = Callable[[Callable[[], datetime], Roster], tuple[SheetBackend, Desk]]


def run_demo(workspace: Path, period: Period, world: DemoWorld | None = None,
             environ: Mapping[str, str] = os.environ, database_url: str | None = None) -> int:
    """`world` swaps the local workbooks for another backend (the Google API fake, which is
    test code and so is handed in by its caller: tests/fakes/google_api/demo.py);
    `database_url` runs the demo on another database (the PostgreSQL test). Both are only
    ever given explicitly, never read from the environment."""
    workspace = workspace.resolve()
    prepare_workspace(workspace)
    deadline_day = date(period.next().year, period.next().month, 2)
    clock = SimulatedClock(at(deadline_day - timedelta(days=7), time(9, 0)))
    settings = replace(demo_settings(workspace, environ), database_url=database_url)
    roster, agreements = read_roster(SAMPLE_ROSTER)
    desk: Desk
    if world is not None:
        backend, desk = world(clock.now, roster)
        ctx = build_context(settings, clock=clock, progress=print, backend=backend)
    else:
        ctx = build_context(settings, clock=clock, progress=print)
        desk = LocalDesk(ctx.settings.sheets_dir, clock.now)
    print(f"== Demo bulan {period.label} di {workspace}")
    print(f"   backend: {ctx.backend.name}; email: {type(ctx.mailer).__name__}")
    print("   mandiri: basis data, lembar kerja dan email (.eml) hanya di folder ini; "
          "pengaturan produksi KINERJA_* tidak dipakai")
    with ctx.db.session() as session:
        roster_repo.save_roster(session, ctx.office, roster, agreements)
    print(f"   {len(roster.officials)} pegawai diimpor dari {SAMPLE_ROSTER.name}")
    deadlines = ctx.deadlines(period)
    print(f"   batas pengisian {deadlines.submission}, pengumpulan ditutup {deadlines.closing}")
    print(f"\n[{singkat(clock.now())}] penyiapan lembar")
    provision(ctx, period)
    events = story(ctx, period, desk, deadlines.submission)
    _run_timeline(ctx, clock, period, events, deadlines.submission)
    print_summary(ctx, period)
    return 0


def _run_timeline(ctx: JobContext, clock: SimulatedClock, period: Period,
                  events: list[Event], deadline: date) -> None:
    first = clock.now().date()
    last = max(e.at for e in events).date() + timedelta(days=1)
    schedule = list(events)
    day = first
    while day <= last:
        schedule.append(Event(at(day, REMIND_TIME), "pengingat", lambda: _job(ctx, remind,
                                                                              period)))
        for moment in PULL_TIMES:
            schedule.append(Event(at(day, moment), "tarik & rekonsiliasi",
                                  lambda: _job(ctx, pull_and_reconcile, period)))
        day += timedelta(days=1)
    for event in sorted(schedule, key=lambda e: e.at):
        if event.at < clock.now():
            continue
        clock.set(event.at)
        if event.label not in ("pengingat", "tarik & rekonsiliasi"):
            print(f"[{singkat(clock.now())}] {event.label}")
        event.action()
        with ctx.db.session() as session:
            month = months.get_month(session, ctx.office, str(period))
            done = month is not None and month.status == MonthStatus.APPROVED
        if done:
            clock.set(clock.now() + timedelta(minutes=10))
            print(f"[{singkat(clock.now())}] arsip")
            _job(ctx, archive, period)
            return


def _job(ctx: JobContext, job: Callable[[JobContext, Period], JobResult],
         period: Period) -> None:
    result = job(ctx, period)
    if result.changed:
        stamp = f"{singkat(ctx.clock.now())}"
        for line in result.lines:
            print(f"[{stamp}] {result.job}: {line}")
    for error in result.errors:
        print(f"  PERINGATAN: {error}")
