"""Client-side pacing under Google's per-minute quotas, so a long run never meets a 429.

Sheets allows 60 read and 60 write requests a minute per user and 300 per project; Drive has
its own, larger budget (Sheets "Usage limits", Drive "Usage limits"). Google counts in a
rolling minute and answers 429 "after 1 minute you can execute requests again". Retrying
after the fact wastes the minute; pacing before sending does not. One token bucket per quota
bucket holds `burst` tokens and refills at `(limit - burst) / 60` per second, so no 60-second
window can ever hold more than `limit` requests: the bucket is the rolling minute's bound.

The clock and the sleep are injected, so tests and benchmarks run a city's provisioning in
virtual time against the quota-enforcing fake.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

SHEETS_READ, SHEETS_WRITE, DRIVE = "sheets_read", "sheets_write", "drive"
BUCKETS = (SHEETS_READ, SHEETS_WRITE, DRIVE)
# Google's defaults (per user; a deployment acts as one user per credential). Drive's
# default is 12,000 queries a minute per user and per project.
DEFAULT_LIMITS: Mapping[str, int] = {SHEETS_READ: 60, SHEETS_WRITE: 60, DRIVE: 12_000}
SAFETY = 0.95  # stay a little under the limit: clocks and Google's window are not ours


def bucket_of(method: str, url: str) -> str | None:
    """The quota a request is counted against; None for what no API quota counts (the
    docs.google.com export URL)."""
    parts = urlsplit(url)
    if parts.path.startswith("/v4/spreadsheets"):
        return SHEETS_READ if method.upper() == "GET" else SHEETS_WRITE
    if parts.path.startswith(("/drive/v3", "/upload/drive/v3")):
        return DRIVE
    return None


def parse_limits(text: str | None) -> dict[str, int]:
    """`sheets_read=60,sheets_write=60,drive=12000` (any subset) over Google's defaults."""
    limits = dict(DEFAULT_LIMITS)
    for item in (text or "").split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or name not in BUCKETS or not value.strip().isdigit() or int(value) < 1:
            raise ValueError(f"kuota tidak dikenal: {item.strip()!r} (contoh: sheets_write=60)")
        limits[name] = int(value)
    return limits


@dataclass
class TokenBucket:
    limit: int
    clock: Callable[[], float]
    tokens: float = 0.0
    stamp: float = 0.0
    burst: float = field(init=False)
    rate: float = field(init=False)

    def __post_init__(self) -> None:
        usable = max(1.0, self.limit * SAFETY)
        self.burst = max(1.0, min(5.0, usable / 10))
        self.rate = max(usable - self.burst, 1.0) / 60.0
        self.tokens, self.stamp = self.burst, self.clock()

    def wait_time(self) -> float:
        """Seconds until one token is there (0 when it is there now)."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1.0 - 1e-9 else (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


class Pacer:
    """Waits before each request until its quota bucket allows it; counts what it waited."""

    def __init__(self, limits: Mapping[str, int] | None = None, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        merged = {**DEFAULT_LIMITS, **(limits or {})}
        self.clock = clock
        self._floor = clock()
        self.buckets = {name: TokenBucket(merged[name], self.now) for name in BUCKETS}
        self.sleep = sleep
        self.waited = 0.0
        self.sent = dict.fromkeys(BUCKETS, 0)

    def now(self) -> float:
        """The clock, but never behind the time already waited: an injected sleep that does
        not move the clock (tests) still counts as time passed, instead of a busy loop."""
        return max(self.clock(), self._floor)

    def wait(self, seconds: float) -> None:
        """Sleep, and count the time as passed (for the retry layer's waits too)."""
        self._floor = self.now() + seconds
        self.sleep(seconds)

    def acquire(self, method: str, url: str) -> None:
        name = bucket_of(method, url)
        if name is None:
            return
        bucket = self.buckets[name]
        while (delay := bucket.wait_time()) > 0:
            self.waited += delay
            self.wait(delay)
        bucket.take()
        self.sent[name] += 1
