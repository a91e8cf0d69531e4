"""Per-minute API quotas (off unless `FakeGoogle.enable_quota`), and a virtual clock.

Google counts requests per 60-second window per user and per project, separately for
Sheets reads, Sheets writes and Drive:
- Sheets: "Read requests per minute per project 300, per minute per user per project 60",
  the same for writes; over it "a 429: Too many requests HTTP status code response" and
  "After 1 minute, you can execute requests again" (Sheets "Usage limits").
- Drive: "Per 60 seconds 12,000; Per 60 seconds per user 12,000"; over it
  "403: User rate limit exceeded" (Drive "Usage limits", pre-2026 table).
A refused request is not applied. The docs.google.com export URL is not an API and has no
quota here.

The answers are Google's:
- Sheets 429 RESOURCE_EXHAUSTED "Quota exceeded for quota metric 'Read requests' and limit
  'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer
  'project_number:…'." with a google.rpc.ErrorInfo (reason RATE_LIMIT_EXCEEDED,
  quota_metric sheets.googleapis.com/read_requests, quota_limit
  ReadRequestsPerMinutePerUser), as recorded in r-lib/gargle
  tests/testthat/_snaps/response_process.md; the project limit is named 'Read requests per
  minute' (r-lib/gargle#160); its quota_limit id ReadRequestsPerMinutePerProject is
  UNVERIFIED.
- Drive 403 userRateLimitExceeded (domain usageLimits) "User Rate Limit Exceeded. Rate of
  requests for user exceed configured project quota. …" (tidyverse/googledrive#380), and
  403 rateLimitExceeded "Rate Limit Exceeded" for the project (Drive "Resolve errors").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Callable

from .errors import ApiError

PROJECT_NUMBER = "603366585132"
WINDOW = 60.0
DRIVE_QUOTAS = (
    "https://console.developers.google.com/apis/api/drive.googleapis.com/quotas"
    f"?project={PROJECT_NUMBER}"
)
SHEETS_METRIC = {"read": "Read requests", "write": "Write requests"}


class VirtualTime:
    """A clock tests own: `sleep` advances `now` at once, so a client that backs off for a
    minute costs no wall time. `datetime()` is the same instant as an aware datetime, for
    `FakeGoogle.set_clock`."""

    def __init__(self, start: float = 0.0, epoch: dt.datetime | None = None) -> None:
        self._now = float(start)
        self.epoch = epoch or dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        self.slept: list[float] = []

    def now(self) -> float:
        return self._now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self._now += max(0.0, float(seconds))

    def datetime(self) -> dt.datetime:
        return self.epoch + dt.timedelta(seconds=self._now)


def bucket(method: str, path: str) -> str | None:
    """Which quota a request spends: Sheets GET -> read, other Sheets calls (create too)
    -> write, Drive and Drive upload -> drive; anything else (docs export) none."""
    if path.startswith("/v4/"):
        return "read" if method.upper() == "GET" else "write"
    if path.startswith("/drive/v3") or path.startswith("/upload/drive/v3"):
        return "drive"
    return None


def sheets_error(kind: str, per_user: bool, limit: int) -> ApiError:
    metric = SHEETS_METRIC[kind]
    name = f"{metric} per minute per user" if per_user else f"{metric} per minute"
    limit_id = f"{kind.capitalize()}RequestsPerMinutePer" + ("User" if per_user else "Project")
    message = (
        f"Quota exceeded for quota metric '{metric}' and limit '{name}' of service "
        f"'sheets.googleapis.com' for consumer 'project_number:{PROJECT_NUMBER}'."
    )
    info = {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "RATE_LIMIT_EXCEEDED",
        "domain": "googleapis.com",
        "metadata": {
            "service": "sheets.googleapis.com",
            "consumer": f"projects/{PROJECT_NUMBER}",
            "quota_metric": f"sheets.googleapis.com/{kind}_requests",
            "quota_limit": limit_id,
            "quota_limit_value": str(limit),
            "quota_location": "global",
        },
    }
    help_ = {
        "@type": "type.googleapis.com/google.rpc.Help",
        "links": [
            {
                "description": "Request a higher quota limit.",
                "url": "https://cloud.google.com/docs/quota#requesting_higher_quota",
            }
        ],
    }
    return ApiError(429, message, details=[info, help_])


def drive_error(per_user: bool) -> ApiError:
    if per_user:
        message = (
            "User Rate Limit Exceeded. Rate of requests for user exceed configured project "
            "quota. You may consider re-evaluating expected per-user traffic to the API and "
            "adjust project quota limits accordingly. You may monitor aggregate quota usage "
            f"and adjust limits in the API Console: {DRIVE_QUOTAS}"
        )
        return ApiError(
            403,
            message,
            "userRateLimitExceeded",
            domain="usageLimits",
            item={"extendedHelp": DRIVE_QUOTAS},
        )
    return ApiError(403, "Rate Limit Exceeded", "rateLimitExceeded", domain="usageLimits")


class Quota:
    """Sliding 60-second windows per (bucket, user) and per (bucket, project).

    `requests` counts admitted requests per bucket, `refused_by` the refusals per bucket
    (`refused` in total), for tests and benchmarks.
    """

    def __init__(self, clock: Callable[[], float], limits: dict[str, tuple[int, int]]) -> None:
        self.clock = clock
        self.limits = limits  # bucket -> (per user, per project)
        self.requests: Counter[str] = Counter()
        self.refused_by: Counter[str] = Counter()
        self._seen: dict[tuple[str, str | None], deque[float]] = {}

    @property
    def refused(self) -> int:
        return sum(self.refused_by.values())

    def _window(self, key: tuple[str, str | None], now: float) -> deque[float]:
        times = self._seen.setdefault(key, deque())
        while times and times[0] <= now - WINDOW:
            times.popleft()
        return times

    def admit(self, method: str, path: str, email: str) -> ApiError | None:
        """None when the request may go on (and is counted), else Google's refusal."""
        kind = bucket(method, path)
        if kind is None or kind not in self.limits:
            return None
        per_user, per_project = self.limits[kind]
        now = float(self.clock())
        mine = self._window((kind, email.lower()), now)
        everyone = self._window((kind, None), now)
        error: ApiError | None = None
        if len(mine) >= per_user:
            error = drive_error(True) if kind == "drive" else sheets_error(kind, True, per_user)
        elif len(everyone) >= per_project:
            error = (
                drive_error(False) if kind == "drive" else sheets_error(kind, False, per_project)
            )
        if error is not None:
            self.refused_by[kind] += 1
            return error
        mine.append(now)
        everyone.append(now)
        self.requests[kind] += 1
        return None
