"""The HTTP layer under the Google adapter: retries, request counting and token-free logs.

Why our own layer and not gspread's `BackOffHTTPClient`: that one keeps mutable retry state on
the client and says it is not meant for production. Here every call retries independently,
with truncated exponential backoff and full jitter (AWS architecture blog, "Exponential
Backoff And Jitter"), honours `Retry-After`, and gives up after a bounded number of tries
with a `SheetBackendError` that names the spreadsheet, so a job can skip that one and go on.

Only what is safe to repeat is repeated after a failure that may have been applied (a timeout,
a dropped connection, a 5xx): reads, PUT/PATCH/DELETE, values writes and shares (Drive keeps one
permission per person). A files.create or a structure batchUpdate sent twice makes a second
folder or fails on its own `addSheet`, so those are repeated only after an answer that says
nothing was done (429, a rate-limit 403). A 429 is waited out until Google's minute is over
("after 1 minute you can execute requests again", Sheets "Usage limits"), and one call never
takes longer than `deadline` seconds in all.

A token refresh happens inside the authorized session, before the request is sent: a
transport failure there is retried like a dropped connection; a refused refresh (an OAuth
token revoked or expired, e.g. 7 days after consent while the consent screen is in
"Testing") becomes a `CredentialsError` that says to log in again.

Requests are the quota budget (60 reads and 60 writes a minute per user), so every attempt is
paced (pacing.py), counted and logged as method, host, path, status and milliseconds. The
query string and the headers are never logged: they may carry ids people consider private,
and headers carry the bearer token.
"""

from __future__ import annotations

import email.utils
import logging
import random
import re
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from google.auth.exceptions import RefreshError, TransportError
from requests.adapters import HTTPAdapter

from service.sheets.google.auth import CredentialsError
from service.sheets.google.pacing import Pacer
from service.sheets.port import SheetBackendError

log = logging.getLogger("kinerja.google.http")

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RATE_LIMIT_REASONS = frozenset(
    {"rateLimitExceeded", "userRateLimitExceeded", "sharingRateLimitExceeded"}
)
QUOTA_MINUTE = 60.0
# POSTs that do the same thing however often they arrive (anything else that is not a POST is
# a read, PUT, PATCH or DELETE, which HTTP already makes idempotent).
_IDEMPOTENT_POST = re.compile(
    r"(/values:batchUpdate|/values:batchClear|/values:batchGet|/values/[^/]+:clear"
    r"|/drive/v3/files/[^/]+/permissions)$"
)
GOOGLE_HOSTS = ("sheets.googleapis.com", "www.googleapis.com", "docs.google.com")

_ID_PATTERNS = (
    re.compile(r"/v4/spreadsheets/([^/:?]+)"),
    re.compile(r"/drive/v3/files/([^/?]+)"),
    re.compile(r"/spreadsheets/d/([^/?]+)"),
)


def resource_id(url: str) -> str | None:
    """The spreadsheet/file id in a Google URL, used to name the failing spreadsheet."""
    path = urlsplit(url).path
    for pattern in _ID_PATTERNS:
        match = pattern.search(path)
        if match:
            return match.group(1)
    return None


def is_idempotent(method: str, url: str) -> bool:
    """Whether sending the request twice has the effect of sending it once."""
    return method.upper() != "POST" or bool(_IDEMPOTENT_POST.search(urlsplit(url).path))


def is_refusal(response: requests.Response) -> bool:
    """An answer that says the request was not carried out and may be sent again later: a
    429, or a Drive 403 that is really a rate limit."""
    if response.status_code == 429:
        return True
    if response.status_code != 403:
        return False
    try:
        errors = response.json().get("error", {}).get("errors", [])
    except (ValueError, AttributeError):
        return False
    return any(e.get("reason") in RATE_LIMIT_REASONS for e in errors if isinstance(e, dict))


def is_retryable(response: requests.Response, idempotent: bool = True) -> bool:
    """Transient by status (never 400/401/404); a 5xx or 408 only for what is safe to repeat,
    since Google may have applied it before failing."""
    if is_refusal(response):
        return True
    return idempotent and response.status_code in RETRY_STATUSES


def refresh_hint(exc: Exception) -> str:
    """What to do when Google refuses to refresh the access token."""
    return (
        f"Google menolak kredensial ({exc}). Mode OAuth: jalankan `kinerja google login` "
        "lagi; bila ini terulang tiap 7 hari, layar persetujuan OAuth masih berstatus "
        "\"Testing\": terbitkan (\"Publish app\") ke \"In production\". Mode service "
        "account: kunci dicabut atau akun dinonaktifkan; buat kunci baru."
    )


def retry_after_seconds(response: requests.Response, now: float | None = None) -> float | None:
    """`Retry-After` as seconds: either delta-seconds or an HTTP date (RFC 9110 10.2.3)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


class RetryingSession(requests.Session):
    """A `requests.Session` that delegates to an authorized session and retries for it.

    gspread's `HTTPClient` only ever calls `session.request(...)`, so handing it this object
    puts retries, counting and logging under every gspread call and under our raw calls
    (export URL) alike. The inner session does the auth (google-auth `AuthorizedSession`
    refreshes tokens itself) or is routed to a fake in tests.
    """

    def __init__(
        self,
        inner: requests.Session,
        *,
        sleep: Callable[[float], None] = time.sleep,
        max_tries: int = 6,
        base_delay: float = 1.0,
        max_delay: float = 64.0,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
        pacer: Pacer | None = None,
        deadline: float = 150.0,
    ) -> None:
        super().__init__()
        self.inner = inner
        self.sleep = sleep
        self.max_tries = max(1, max_tries)
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.rng = rng or random.Random()
        self.clock = pacer.now if pacer is not None else clock  # one time for both
        self.pacer = pacer
        self.deadline = deadline
        self.request_count = 0
        self.refused = 0  # 429s and rate-limit 403s seen (0 when pacing works)
        self.sleeps: list[float] = []

    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**attempt)]."""
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        return self.rng.uniform(0.0, ceiling)

    def request(self, method: str | bytes, url: str | bytes, *args: Any,
                **kwargs: Any) -> requests.Response:
        """Send with retries; return the final response (errors are judged by the caller)."""
        method_s = method.decode() if isinstance(method, bytes) else str(method)
        url_s = url.decode() if isinstance(url, bytes) else str(url)
        idempotent = is_idempotent(method_s, url_s)
        begun = self.clock()
        spent = 0.0  # slept in this call (an injected sleep may not move the clock)
        first_refusal: float | None = None
        last_problem = ""
        for attempt in range(self.max_tries):
            if self.pacer is not None:
                self.pacer.acquire(method_s, url_s)
            started = self.clock()
            try:
                response = self.inner.request(method_s, url_s, *args, **kwargs)
            except RefreshError as exc:
                self._log(method_s, url_s, None, started)
                raise CredentialsError(refresh_hint(exc)) from exc
            except (requests.ConnectionError, requests.Timeout, TransportError) as exc:
                self._log(method_s, url_s, None, started)
                last_problem = type(exc).__name__
                # a failed token refresh never sent the request; anything else may have
                sent = not isinstance(exc, TransportError)
                if sent and not idempotent:
                    raise self._gave_up(method_s, url_s, attempt + 1, last_problem,
                                        "mungkin sudah diterapkan, tidak diulang") from exc
                delay = self.backoff(attempt)
            else:
                self._log(method_s, url_s, response.status_code, started)
                if not is_retryable(response, idempotent):
                    return response
                last_problem = f"HTTP {response.status_code}"
                delay = self._delay(response, attempt)
                now = max(self.clock(), begun + spent)
                if is_refusal(response):
                    self.refused += 1
                    first_refusal = now if first_refusal is None else first_refusal
                    if retry_after_seconds(response) is None:
                        # Google's quota is a minute: wait until that minute is over
                        delay = max(delay, QUOTA_MINUTE - (now - first_refusal)
                                    + self.rng.uniform(0.0, 2.0))
            elapsed = max(self.clock() - begun, spent)
            if attempt + 1 >= self.max_tries or elapsed + delay > self.deadline:
                break
            spent += delay
            self.sleeps.append(delay)
            if self.pacer is not None:
                self.pacer.wait(delay)
            else:
                self.sleep(delay)
        raise self._gave_up(method_s, url_s, self.max_tries, last_problem)

    def _delay(self, response: requests.Response, attempt: int) -> float:
        hinted = retry_after_seconds(response)
        return min(hinted, self.max_delay) if hinted is not None else self.backoff(attempt)

    def _gave_up(self, method: str, url: str, tries: int, problem: str,
                 why: str = "") -> SheetBackendError:
        target = resource_id(url) or urlsplit(url).path
        parts = urlsplit(url)
        return SheetBackendError(
            f"Google API tetap gagal untuk spreadsheet/berkas {target} setelah {tries} "
            f"percobaan ({problem}{'; ' + why if why else ''}); {method.upper()} "
            f"{parts.netloc}{parts.path}"
        )

    def _log(self, method: str, url: str, status: int | None, started: float) -> None:
        self.request_count += 1
        parts = urlsplit(url)
        elapsed_ms = (self.clock() - started) * 1000.0
        log.info(
            "google %s %s%s -> %s in %.0f ms",
            method.upper(),
            parts.netloc,
            parts.path,
            status if status is not None else "network error",
            elapsed_ms,
        )

    def close(self) -> None:
        self.inner.close()
        super().close()


class RewritingAdapter(HTTPAdapter):
    """Sends requests for Google's hosts to one other base URL (a local fake server).

    Mounted on the Google prefixes of a plain session (KINERJA_GOOGLE_API_BASE), it lets the
    real adapter run, unchanged, against the standalone `python -m tests.fakes.google_api`.
    """

    def __init__(self, api_base: str) -> None:
        super().__init__()
        base = urlsplit(api_base)
        self._scheme, self._netloc = base.scheme, base.netloc
        self._prefix = base.path.rstrip("/")

    def send(self, request: requests.PreparedRequest, *args: Any,
             **kwargs: Any) -> requests.Response:
        parts = urlsplit(request.url or "")
        original_host = parts.netloc
        request.url = urlunsplit(
            (self._scheme, self._netloc, self._prefix + parts.path, parts.query, parts.fragment)
        )
        request.headers["X-Original-Host"] = original_host
        return super().send(request, *args, **kwargs)


def mount_rewriting(
    session: requests.Session, api_base: str, hosts: Iterable[str] = GOOGLE_HOSTS
) -> requests.Session:
    """Route every Google host of `session` to `api_base`; returns the same session."""
    adapter = RewritingAdapter(api_base)
    for host in hosts:
        session.mount(f"https://{host}/", adapter)
    return session
