"""The front door every request passes before the API handlers (routes.py).

It does what Google does before (or instead of) serving a request: it works out who is
calling through which OAuth client and with which resource keys (X-Goog-Drive-Resource-Keys:
"fileId1/resourceKey1,fileId2/resourceKey2", Drive "Access link-shared files using
resource keys"), refuses over-quota requests without applying them (quota.py), and answers
injected faults (faults.py). Kept apart from routes.py so the routing table stays a
routing table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote

from .errors import ApiError
from .faults import Faults
from .quota import Quota
from .state import RequestContext, Store

WsgiApp = Callable[[dict[str, Any], Callable], Iterable[bytes]]


def resource_keys(header: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in (header or "").split(","):
        file_id, sep, key = pair.strip().partition("/")
        if sep and file_id and key:
            out[file_id] = key
    return out


def _answer(err: ApiError, start_response: Callable) -> Iterable[bytes]:
    body = json.dumps(err.body(), ensure_ascii=False, indent=2).encode("utf-8")
    headers = [("Content-Type", "application/json; charset=UTF-8")]
    headers.append(("Content-Length", str(len(body))))
    start_response(f"{err.code} {err.status}", headers)
    return [body]


class Gateway:
    """WSGI middleware around the routed app; `quota` and `faults` are set by FakeGoogle."""

    def __init__(self, store: Store, inner: WsgiApp) -> None:
        self.store = store
        self.inner = inner
        self.quota: Quota | None = None
        self.faults = Faults()

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO")
        path = unquote(re.sub(r"^https?://[^/]+", "", raw or "/").partition("?")[0])
        store = self.store
        with store.lock:
            identity = store.accounts.identity(environ.get("HTTP_AUTHORIZATION"))
            keys = resource_keys(environ.get("HTTP_X_GOOG_DRIVE_RESOURCE_KEYS"))
            store.request = RequestContext(identity, keys)
            try:
                refusal = self.quota.admit(method, path, identity.email) if self.quota else None
                if refusal is not None:
                    return _answer(refusal, start_response)
                fault = self.faults.take(method, path, raising=False)
                if fault is None:
                    return self.inner(environ, start_response)
                if fault.applied:  # served, then the answer is lost
                    for _chunk in self.inner(environ, lambda *_a, **_k: None):
                        pass
                return _answer(fault.error(), start_response)
            finally:
                store.request = None
