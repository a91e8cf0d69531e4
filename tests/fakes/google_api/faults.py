"""Injected transient failures: `FakeGoogle.fail_next(...)`.

Real Google sometimes refuses a request that would succeed a moment later (403
sharingRateLimitExceeded, 429, 500 backendError, 503), and sometimes the network fails
*after* the server applied the request. Clients must retry the former and must not blindly
retry non-idempotent calls after the latter, or they create duplicates (reviews F8). A
fault either answers Google's error shape instead of running the request, or (`applied`)
runs it and then answers the error or raises a timeout/connection error in the client.

Default messages are Google's where known: "Rate limit exceeded. User message: \"Sorry, you
have exceeded your sharing quota.\"" (sharingRateLimitExceeded, public code quoting live
HttpErrors), "Backend Error" (Drive "Resolve errors", backendError), "The service is
currently unavailable." (503 UNAVAILABLE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ApiError

RAISES = ("timeout", "connection")
REASON_MESSAGES = {
    "sharingRateLimitExceeded": (
        'Rate limit exceeded. User message: "Sorry, you have exceeded your sharing quota."'
    ),
    "userRateLimitExceeded": "User Rate Limit Exceeded",
    "rateLimitExceeded": "Rate Limit Exceeded",
    "backendError": "Backend Error",
    "internalError": "Internal Error",
}
STATUS_MESSAGES = {
    429: "Resource has been exhausted (e.g. check quota).",
    500: "Internal error encountered.",
    502: "Bad Gateway",
    503: "The service is currently unavailable.",
    504: "Deadline exceeded.",
}
USAGE_LIMITS = {"userRateLimitExceeded", "rateLimitExceeded", "dailyLimitExceeded"}


@dataclass
class Fault:
    """One armed failure for requests whose method and unquoted path match."""

    method: str
    pattern: re.Pattern[str]
    status: int
    reason: str | None
    message: str | None
    times: int
    applied: bool = False
    raises: str | None = None
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (
            self.times > 0
            and self.method in ("*", method.upper())
            and bool(self.pattern.search(path))
        )

    def error(self) -> ApiError:
        message = (
            self.message
            or REASON_MESSAGES.get(self.reason or "")
            or STATUS_MESSAGES.get(self.status, "Error")
        )
        domain = "usageLimits" if self.reason in USAGE_LIMITS else "global"
        return ApiError(self.status, message, self.reason, domain=domain)


@dataclass
class Faults:
    armed: list[Fault] = field(default_factory=list)

    def add(
        self,
        method: str,
        path_regex: str,
        status: int = 503,
        reason: str | None = None,
        message: str | None = None,
        times: int = 1,
        *,
        applied: bool = False,
        raises: str | None = None,
    ) -> Fault:
        if raises is not None and raises not in RAISES:
            raise ValueError(f"raises must be one of {RAISES}, not {raises!r}")
        fault = Fault(
            method.upper(), re.compile(path_regex), status, reason, message, times, applied, raises
        )
        self.armed.append(fault)
        return fault

    def take(self, method: str, path: str, raising: bool) -> Fault | None:
        """The first armed fault for this request (answered by the server when `raising`
        is False, raised in the in-process client when True), spending one of its times."""
        for fault in self.armed:
            if (fault.raises is not None) == raising and fault.matches(method, path):
                fault.times -= 1
                fault.hits += 1
                return fault
        return None
