"""A requests transport that calls the fake's WSGI app in-process, no sockets involved.

It is also where a network failure can be injected (faults.py, `raises=`): a requests
ReadTimeout or ConnectionError, optionally after the server applied the request, which a
standalone server cannot model.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.test import EnvironBuilder, run_wsgi_app

from .faults import Faults


class InProcessAdapter(BaseAdapter):
    """A requests transport that hands each request to a WSGI app."""

    def __init__(self, app: Callable, faults: Faults | None = None) -> None:
        super().__init__()
        self.app = app
        self.faults = faults

    def _run(self, request: requests.PreparedRequest) -> requests.Response:
        parts = urlsplit(request.url or "")
        body = request.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif body is not None and not isinstance(body, bytes):
            body = b"".join(body)  # a generator body (streamed upload)
        raw = parts.path + (f"?{parts.query}" if parts.query else "")
        builder = EnvironBuilder(
            path=parts.path,
            base_url=f"{parts.scheme}://{parts.netloc}",
            query_string=parts.query,
            method=request.method,
            headers=dict(request.headers),
            data=body or b"",
        )
        environ = builder.get_environ()
        environ["RAW_URI"] = environ["REQUEST_URI"] = raw
        app_iter, status, headers = run_wsgi_app(self.app, environ, buffered=True)
        content = b"".join(app_iter)
        response = requests.Response()
        response.status_code = int(status.split(" ", 1)[0])
        response.reason = HTTP_STATUS_CODES.get(response.status_code, "")
        response.headers = CaseInsensitiveDict(dict(headers.items()))
        response._content = content
        response.raw = io.BytesIO(content)
        response.url = request.url or ""
        response.request = request
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        response.connection = self
        return response

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        fault = None
        if self.faults is not None:
            path = unquote(urlsplit(request.url or "").path)
            fault = self.faults.take(request.method or "GET", path, raising=True)
        if fault is None:
            return self._run(request)
        if fault.applied:
            self._run(request)  # the server did it; the client never hears back
        if fault.raises == "timeout":
            raise requests.exceptions.ReadTimeout("fake: read timed out", request=request)
        raise requests.exceptions.ConnectionError("fake: connection reset", request=request)

    def close(self) -> None:
        pass
