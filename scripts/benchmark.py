"""Figures for the budget that matters: Google API requests per job, seconds, memory.

Runs a month on the local backend and on the Google backend against the in-process API
fake (real gspread HTTP), with the sample office or a larger synthetic one, and prints:
requests for provisioning, for a pull where nothing changed, for a pull where 3 officials
changed, the whole demo month's total, and wall time and peak memory of each.

    .venv/bin/python scripts/benchmark.py [--officials 60]

Google's quota is about 60 read and 60 write requests a minute for one service account,
so the request counts are the numbers to watch; seconds here are the fake's, not Google's.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from contextlib import redirect_stdout
from dataclasses import replace
from datetime import datetime
from io import StringIO
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))  # the Google fake is test code beside the package

from service.bootstrap import build_context  # noqa: E402
from service.clock import JAKARTA, SimulatedClock  # noqa: E402
from service.config import Settings  # noqa: E402
from service.demo.desk import Desk, LocalDesk  # noqa: E402
from service.demo.run import run_demo  # noqa: E402
from service.domain.agreement import Agreement  # noqa: E402
from service.domain.period import Period  # noqa: E402
from service.domain.roster import Role, Roster  # noqa: E402
from service.jobs.provision import provision  # noqa: E402
from service.jobs.reconcile import pull_and_reconcile  # noqa: E402
from service.sheets.layout import TEMPLATES_DIR, official_layout  # noqa: E402
from service.sheets.roster_workbook import read_roster  # noqa: E402
from service.store import month_repo, roster_repo  # noqa: E402
from tests.fakes.google_api.world import (  # noqa: E402
    DemoGoogleWorld,
    GoogleFakeDesk,
    google_world,
)

PERIOD = Period(2026, 10)


def office(size: int) -> tuple[Roster, list[Agreement]]:
    """The sample office, grown to `size` officials by copying officials with new NIPs."""
    roster, agreements = read_roster(TEMPLATES_DIR / "roster-contoh.xlsx")
    people, plans = list(roster.officials), list(agreements)
    base = list(agreements)
    extra = 0
    while len(plans) < size:
        source = base[extra % len(base)]
        extra += 1
        nip = f"19900101{2015 + extra // 100:04d}{extra % 100:02d}1{extra:03d}"
        person = roster.by_nip(source.nip)
        people.append(replace(person, nip=nip, name=f"{person.name} #{extra}",
                              email=f"pj{extra}@dukcapil-mojokerto.example", role=Role.PJ))
        plans.append(Agreement(nip, source.year, source.indicators))
    return Roster(tuple(people)), plans


def measure(label: str, action, counter) -> None:  # type: ignore[no-untyped-def]
    before, started = counter(), time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {label:<44} {counter() - before:>6} permintaan  {seconds:>7.2f} s  "
          f"puncak {peak:>6.0f} MB")


def cycle(backend_name: str, size: int) -> None:
    workspace = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    clock = SimulatedClock(datetime(2026, 10, 26, 9, tzinfo=JAKARTA))
    settings = Settings.from_env(str(workspace), environ={})
    fake = None
    if backend_name == "google-fake":
        world = google_world(clock.now)
        backend, fake = world.backend, world.fake
        ctx = build_context(settings, clock=clock, backend=backend)
        counter = lambda: backend.request_count  # noqa: E731
    else:
        ctx = build_context(settings, clock=clock)
        counter = lambda: ctx.backend.read_count + ctx.backend.write_count  # noqa: E731
    roster, agreements = office(size)
    with ctx.db.session() as session:
        roster_repo.save_roster(session, ctx.office, roster, agreements)
    holders = [a.nip for a in agreements]
    desk: Desk  # people with Google accounts before their sheets are shared with them
    desk = GoogleFakeDesk.for_roster(fake, roster) if fake else LocalDesk(settings.sheets_dir)
    print(f"\n{backend_name}: {len(holders)} pejabat, "
          f"{sum(len(a.indicators) for a in agreements)} indikator")
    measure("penyiapan (provision)", lambda: provision(ctx, PERIOD), counter)
    measure("tarik pertama (semua lembar baru)", lambda: pull_and_reconcile(ctx, PERIOD), counter)
    measure("tarik tanpa perubahan", lambda: pull_and_reconcile(ctx, PERIOD), counter)
    table = official_layout().table
    with ctx.db.session() as session:
        keys = {s.owner: s.key for s in month_repo.spreadsheets(session, ctx.office, str(PERIOD))}
    for nip in holders[:3]:
        email = roster.by_nip(nip).email
        desk.type_values(email, keys[nip], table.tab,
                         {f"{table.col('realization')}{table.data_row(0)}": "95"})
    measure("tarik dengan 3 lembar berubah", lambda: pull_and_reconcile(ctx, PERIOD), counter)
    measure("tarik berikutnya (tanpa perubahan)", lambda: pull_and_reconcile(ctx, PERIOD),
            counter)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officials", type=int, default=12)
    args = parser.parse_args(argv)
    for name in ("local", "google-fake"):
        cycle(name, args.officials)
    print("\nbulan demo penuh di google-fake (tarik 3x sehari, pengingat, pengesahan, arsip):")
    started, output = time.perf_counter(), StringIO()
    with redirect_stdout(output):
        run_demo(Path(tempfile.mkdtemp(prefix="kinerja-bench-demo-")) / "ws", PERIOD,
                 world=DemoGoogleWorld())
    total = next(line for line in output.getvalue().splitlines() if "permintaan API" in line)
    print(f"  {total.strip()}; waktu {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
