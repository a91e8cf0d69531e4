"""The retry layer under the Google adapter, against canned HTTP responses.

A tiny requests transport adapter plays Google here (the retry layer only sees statuses,
headers and bodies); nothing of gspread is mocked: the real `GoogleBackend` and gspread's
`HTTPClient` send real `requests` through it.
"""

from __future__ import annotations

import json
import logging
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
from requests.adapters import HTTPAdapter

from service.sheets.google.backend import GoogleBackend
from service.sheets.google.http import RetryingSession, is_retryable, retry_after_seconds
from service.sheets.port import SheetBackendError

SHEET_ID = "1SheetAbcDEF"
BATCH_GET = f"https://sheets.googleapis.com/v4/spreadsheets/{SHEET_ID}/values:batchGet"
OK_VALUES = {"spreadsheetId": SHEET_ID, "valueRanges": [{"range": "Data!A1:B1", "values": [[1]]}]}


def reply(status: int, body: object = None, headers: dict[str, str] | None = None):
    return (status, body if body is not None else {}, headers or {})


def google_error(status: int, reason: str | None = None, message: str = "x") -> dict:
    error: dict = {"code": status, "message": message, "status": "X"}
    if reason:
        error["errors"] = [{"domain": "usageLimits", "reason": reason, "message": message}]
    return {"error": error}


class Canned(HTTPAdapter):
    """Answers each request with the next canned (status, json body, headers), or raises it."""

    def __init__(self, answers: list) -> None:
        super().__init__()
        self.answers = list(answers)
        self.seen: list[requests.PreparedRequest] = []

    def send(self, request, *args, **kwargs):  # type: ignore[override]
        self.seen.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, body, headers = answer
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(body).encode()
        response.headers.update({"Content-Type": "application/json", **headers})
        response.url, response.request = request.url, request
        return response


def canned_session(answers: list) -> tuple[requests.Session, Canned]:
    session, adapter = requests.Session(), Canned(answers)
    session.mount("https://", adapter)
    session.headers["Authorization"] = "Bearer ya29.SECRET-TOKEN"
    return session, adapter


def retrying(answers: list, **kw) -> tuple[RetryingSession, Canned, list[float]]:
    inner, adapter = canned_session(answers)
    slept: list[float] = []
    return RetryingSession(inner, sleep=slept.append, rng=random.Random(7), **kw), adapter, slept


def backend(answers: list) -> tuple[GoogleBackend, Canned, list[float]]:
    inner, adapter = canned_session(answers)
    slept: list[float] = []
    return (
        GoogleBackend(inner, "root", "sa@x.iam.gserviceaccount.com", sleep=slept.append),
        (adapter),
        slept,
    )


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_it_retries_transient_statuses_then_succeeds(status: int) -> None:
    session, adapter, slept = retrying([reply(status), reply(status), reply(200, {"ok": 1})])
    response = session.get(BATCH_GET)
    assert response.status_code == 200
    assert len(adapter.seen) == 3 and session.request_count == 3
    assert len(slept) == 2


@pytest.mark.parametrize("reason", ["rateLimitExceeded", "userRateLimitExceeded"])
def test_it_retries_a_drive_403_that_is_a_rate_limit(reason: str) -> None:
    session, adapter, _ = retrying([reply(403, google_error(403, reason)), reply(200)])
    assert session.get("https://www.googleapis.com/drive/v3/files").status_code == 200
    assert len(adapter.seen) == 2


@pytest.mark.parametrize(
    ("status", "reason"),
    [(400, None), (401, None), (404, None), (403, "insufficientFilePermissions"), (403, None)],
)
def test_it_never_retries_client_errors(status: int, reason: str | None) -> None:
    session, adapter, slept = retrying([reply(status, google_error(status, reason))])
    assert session.get(BATCH_GET).status_code == status
    assert len(adapter.seen) == 1 and slept == []


def test_it_honours_retry_after_seconds() -> None:
    session, _, slept = retrying([reply(429, headers={"Retry-After": "7"}), reply(200)])
    session.get(BATCH_GET)
    assert slept == [7.0]


def test_it_reads_retry_after_as_an_http_date() -> None:
    now = datetime(2024, 2, 1, 8, 0, tzinfo=UTC)
    response = requests.Response()
    response.headers["Retry-After"] = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds(response, now=now.timestamp()) == pytest.approx(30.0)


def test_backoff_is_truncated_exponential_with_full_jitter() -> None:
    session, _, slept = retrying([reply(503)] * 8, max_tries=8, base_delay=1.0, max_delay=10.0)
    with pytest.raises(SheetBackendError):
        session.get(BATCH_GET)
    assert len(slept) == 7
    for attempt, delay in enumerate(slept):
        assert 0.0 <= delay <= min(10.0, 2**attempt)
    assert len(set(slept)) == len(slept), "jitter: delays are not a fixed schedule"


def test_it_gives_up_after_bounded_tries_naming_the_spreadsheet() -> None:
    session, adapter, slept = retrying([reply(503)] * 4, max_tries=4)
    with pytest.raises(SheetBackendError, match=SHEET_ID) as error:
        session.get(BATCH_GET)
    assert "4 percobaan" in str(error.value) and "HTTP 503" in str(error.value)
    assert len(adapter.seen) == 4 and len(slept) == 3


def test_network_errors_are_retried_and_counted() -> None:
    session, adapter, _ = retrying([requests.ConnectionError("reset"), reply(200)])
    assert session.get(BATCH_GET).status_code == 200
    assert session.request_count == 2


def test_logs_name_method_host_path_status_but_never_the_token(caplog) -> None:
    session, _, _ = retrying([reply(200)])
    with caplog.at_level(logging.INFO, logger="kinerja.google.http"):
        session.get("https://www.googleapis.com/drive/v3/files", params={"q": "'abc' in parents"})
    text = caplog.text
    assert "GET www.googleapis.com/drive/v3/files -> 200" in text
    assert "SECRET-TOKEN" not in text and "Bearer" not in text and "parents" not in text


def test_an_unparseable_403_is_not_retried() -> None:
    response = requests.Response()
    response.status_code, response._content = 403, b"<html>nope</html>"
    assert not is_retryable(response)


def test_backend_read_survives_two_503s_and_counts_every_attempt() -> None:
    gb, adapter, slept = backend([reply(503), reply(503), reply(200, OK_VALUES)])
    assert gb.read_values(SHEET_ID, [("Data", "A1:B1")]) == [[[1]]]
    assert gb.request_count == 3 and len(slept) == 2
    assert "valueRenderOption=UNFORMATTED_VALUE" in adapter.seen[-1].url
    gb.reset_request_count()
    assert gb.request_count == 0


def test_backend_raises_for_that_spreadsheet_at_once_on_404() -> None:
    gb, adapter, slept = backend([reply(404, google_error(404, message="Requested entity"))])
    with pytest.raises(SheetBackendError, match=SHEET_ID):
        gb.read_values(SHEET_ID, [("Data", "A1:B1")])
    assert len(adapter.seen) == 1 and slept == []


def test_backend_gives_up_on_persistent_429_with_a_clear_error() -> None:
    gb, adapter, slept = backend([reply(429, google_error(429))] * 6)
    with pytest.raises(SheetBackendError, match=SHEET_ID):
        gb.read_values(SHEET_ID, [("Data", "A1:B1")])
    assert len(adapter.seen) == 6 and len(slept) == 5
