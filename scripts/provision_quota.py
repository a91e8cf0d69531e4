"""Provisioning a large office under Google's quotas, against the quota-enforcing API fake.

    .venv/bin/python scripts/provision_quota.py [--officials 1000]

The fake enforces Google's per-minute quotas (60 Sheets writes a minute per user, ...) on
a virtual clock; the adapter's pacing sleeps on the same clock, so a run that takes a
quarter of an hour at Google's pace takes a minute or two here. It prints the job's own
progress lines (done/total, rate, ETA, in the office's time), then the requests per quota
bucket, the 429s (the target is zero) and the time the run would take at Google's quota.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))  # the Google fake is test code beside the package
sys.path.insert(0, str(REPOSITORY / "scripts"))

from benchmark import PERIOD, office  # noqa: E402

from service.bootstrap import build_context  # noqa: E402
from service.clock import JAKARTA  # noqa: E402
from service.config import Settings  # noqa: E402
from service.jobs.provision import provision  # noqa: E402
from service.store import roster_repo  # noqa: E402
from tests.fakes.google_api.world import google_world  # noqa: E402

START = datetime(2026, 10, 26, 8, 0, tzinfo=JAKARTA)


class VirtualClock:
    """The office's clock, moving with the virtual seconds the pacing sleeps."""

    def __init__(self, seconds) -> None:  # type: ignore[no-untyped-def]
        self.seconds = seconds
        self.origin = seconds()

    def now(self) -> datetime:
        return START + timedelta(seconds=self.seconds() - self.origin)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officials", type=int, default=1000)
    args = parser.parse_args(argv)
    roster, agreements = office(args.officials)
    with tempfile.TemporaryDirectory() as tmp:
        world = google_world(quota=True)
        assert world.time is not None
        clock = VirtualClock(world.time.now)
        world.fake.set_clock(clock.now)
        ctx = build_context(Settings.from_env(tmp, environ={}), clock=clock,
                            backend=world.backend, progress=print)
        for official in roster.officials:
            world.fake.add_account(official.email)
        with ctx.db.session() as session:
            roster_repo.save_roster(session, ctx.office, roster, agreements)
        started = time.perf_counter()
        result = provision(ctx, PERIOD)
        wall = time.perf_counter() - started
        quota = world.fake.quota
        assert quota is not None
        minutes = (clock.now() - START).total_seconds() / 60
        print(f"\n{len(agreements)} pejabat: {result.changed} spreadsheet dibuat, "
              f"{len(result.errors)} galat")
        for bucket, count in sorted(quota.requests.items()):
            print(f"  {bucket:<6} {count:>6} permintaan")
        print(f"  per pejabat: {sum(quota.requests.values()) / len(agreements):.1f} permintaan")
        print(f"  ditolak karena kuota (429/403): {quota.refused}")
        print(f"  lama pada kuota Google: {minutes:.1f} menit; di tiruan: {wall:.1f} s")
    return 0 if quota.refused == 0 and not result.errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
