"""Safe retries, the quota minute, auth failures and pacing, against canned HTTP answers.

The canned transport (from test_google_retry) plays Google: the retry layer only sees
statuses, bodies and exceptions. Pacing runs in virtual time: the injected sleep moves the
injected clock, so a minute of quota costs nothing.
"""

from __future__ import annotations

import random

import pytest
import requests
from google.auth.exceptions import RefreshError, TransportError

from service.sheets.google.auth import CredentialsError
from service.sheets.google.http import RetryingSession, is_idempotent
from service.sheets.google.pacing import (
    DRIVE,
    SHEETS_READ,
    SHEETS_WRITE,
    Pacer,
    bucket_of,
    parse_limits,
)
from service.sheets.port import SheetBackendError
from tests.google.test_google_retry import BATCH_GET, canned_session, google_error, reply

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets/1Sheet"
DRIVE_FILES = "https://www.googleapis.com/drive/v3/files"


class Virtual:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


def session_for(answers: list, **kw) -> tuple[RetryingSession, list, Virtual]:
    inner, adapter = canned_session(answers)
    clock = Virtual()
    retrying = RetryingSession(inner, sleep=clock.sleep, clock=clock.now,
                               rng=random.Random(3), **kw)
    return retrying, adapter.seen, clock


@pytest.mark.parametrize("method,url,safe", [
    ("GET", BATCH_GET, True),
    ("PUT", f"{SHEETS}/values/A1", True),
    ("POST", f"{SHEETS}/values:batchUpdate", True),
    ("POST", f"{DRIVE_FILES}/abc/permissions", True),
    ("PATCH", f"{DRIVE_FILES}/abc", True),
    ("POST", f"{SHEETS}:batchUpdate", False),
    ("POST", DRIVE_FILES, False),
    ("POST", f"{SHEETS}/values/A1:append", False),
])
def test_what_is_safe_to_repeat(method: str, url: str, safe: bool) -> None:
    assert is_idempotent(method, url) is safe


def test_a_create_is_not_sent_again_after_a_timeout() -> None:
    """A files.create that timed out may have been applied: a second one would make a
    duplicate folder (reviews F8), so the caller gets the error instead."""
    session, seen, _ = session_for([requests.ReadTimeout("slow"), reply(200, {"id": "x"})])
    with pytest.raises(SheetBackendError, match="tidak diulang"):
        session.post(DRIVE_FILES, json={"name": "2026-10"})
    assert len(seen) == 1


def test_a_structure_batch_is_not_repeated_after_a_503_but_a_read_is() -> None:
    session, seen, _ = session_for([reply(503), reply(200)])
    assert session.post(f"{SHEETS}:batchUpdate", json={}).status_code == 503
    assert len(seen) == 1
    session, seen, _ = session_for([reply(503), reply(200)])
    assert session.get(BATCH_GET).status_code == 200
    assert len(seen) == 2


def test_a_create_refused_by_429_is_sent_again_once_the_minute_is_over() -> None:
    """429 means nothing was done, and Google says "after 1 minute you can execute
    requests again" (Sheets "Usage limits"): the wait covers that minute."""
    session, seen, clock = session_for([reply(429, google_error(429)), reply(200, {"id": "x"})])
    assert session.post(DRIVE_FILES, json={}).json() == {"id": "x"}
    assert len(seen) == 2 and clock.slept[0] >= 60.0
    assert session.refused == 1


def test_sharing_rate_limit_is_retried() -> None:
    """Drive answers 403 sharingRateLimitExceeded when too many shares go out at once."""
    session, seen, _ = session_for([
        reply(403, google_error(403, "sharingRateLimitExceeded")), reply(200, {"id": "p"})])
    assert session.post(f"{DRIVE_FILES}/f/permissions", json={}).status_code == 200
    assert len(seen) == 2


def test_one_call_never_outlasts_its_deadline() -> None:
    session, seen, clock = session_for([reply(429, google_error(429))] * 9, deadline=64,
                                       max_tries=9)
    with pytest.raises(SheetBackendError, match="HTTP 429"):
        session.get(BATCH_GET)
    assert clock.slept[0] >= 60 and sum(clock.slept) <= 64 and len(seen) < 9


def test_a_refused_token_refresh_says_to_log_in_again() -> None:
    """An OAuth app in "Testing" status gets refresh tokens that expire after 7 days
    (Google, "Configure OAuth for your application"): invalid_grant must say what to do,
    not escape as a traceback (reviews F3)."""
    session, _, _ = session_for([RefreshError("invalid_grant: Token has been expired")])
    with pytest.raises(CredentialsError, match="kinerja google login.*In production"):
        session.get(BATCH_GET)


def test_a_transport_failure_during_refresh_is_retried_for_any_method() -> None:
    """The refresh happens before the request is sent, so even a create is safe to send."""
    session, seen, _ = session_for([TransportError("dns"), reply(200, {"id": "x"})])
    assert session.post(DRIVE_FILES, json={}).status_code == 200
    assert len(seen) == 2


def test_requests_are_counted_per_quota_bucket() -> None:
    assert bucket_of("GET", BATCH_GET) == SHEETS_READ
    assert bucket_of("POST", f"{SHEETS}:batchUpdate") == SHEETS_WRITE
    assert bucket_of("PATCH", f"{DRIVE_FILES}/x") == DRIVE
    assert bucket_of("GET", "https://docs.google.com/spreadsheets/d/x/export") is None


def test_pacing_keeps_every_minute_under_the_limit() -> None:
    """200 writes at a 60-a-minute quota: no rolling 60 seconds holds more than 60."""
    clock = Virtual()
    pacer = Pacer({SHEETS_WRITE: 60}, clock=clock.now, sleep=clock.sleep)
    sent: list[float] = []
    for _ in range(200):
        pacer.acquire("POST", f"{SHEETS}:batchUpdate")
        sent.append(clock.now())
    worst = max(sum(1 for t in sent if start <= t < start + 60) for start in sent)
    assert worst <= 60
    assert 60 * 200 / 60 * 0.9 < sent[-1] - sent[0] < 60 * 200 / 60 * 1.2  # not overcautious
    assert pacer.sent[SHEETS_WRITE] == 200 and pacer.waited > 0


def test_buckets_do_not_wait_for_each_other() -> None:
    clock = Virtual()
    pacer = Pacer({SHEETS_WRITE: 60}, clock=clock.now, sleep=clock.sleep)
    for _ in range(100):
        pacer.acquire("POST", f"{SHEETS}:batchUpdate")
    before = clock.now()
    for _ in range(5):  # Drive's own bucket is full, whatever the writes waited for
        pacer.acquire("GET", f"{DRIVE_FILES}/x")
    assert clock.now() == before


def test_limits_come_from_settings_over_googles_defaults() -> None:
    assert parse_limits("sheets_write=30")[SHEETS_WRITE] == 30
    assert parse_limits(None)[SHEETS_READ] == 60
    with pytest.raises(ValueError, match="kuota tidak dikenal"):
        parse_limits("sheets_writes=30")
