"""FakeGoogle: the public face of the fake, plus a requests transport that calls it in-process."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.test import EnvironBuilder, run_wsgi_app

from . import sheets_values
from .errors import ApiError
from .routes import make_wsgi_app
from .state import FOLDER, DriveFile, Permission, SharedDrive, Store, permission_id

HOSTS = (
    "https://sheets.googleapis.com",
    "https://www.googleapis.com",
    "https://docs.google.com",
)


class InProcessAdapter(BaseAdapter):
    """A requests transport that hands each request to a WSGI app, no sockets involved."""

    def __init__(self, app: Callable) -> None:
        super().__init__()
        self.app = app

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
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

    def close(self) -> None:
        pass


class FakeGoogle:
    """An in-process fake of the Sheets v4 / Drive v3 subset our Google adapter uses.

    Bearer tokens registered with `add_user` act as that person; any other token acts as
    the service account (which, like a real one, has no My Drive storage).
    """

    def __init__(self, service_account: str = "kinerja@demo-project.iam.gserviceaccount.com"):
        self.store = Store(service_account)
        self.request_log: list[tuple[str, str, str]] = []
        self.wsgi_app = make_wsgi_app(self.store, self.request_log)

    @property
    def service_account(self) -> str:
        return self.store.service_account

    @property
    def notifications(self) -> list[tuple[str, str, str]]:
        """(file_id, email, role) for each permission created with sendNotificationEmail."""
        return self.store.notifications

    def add_user(self, token: str, email: str) -> None:
        """Register a person: requests with `Authorization: Bearer <token>` act as `email`."""
        self.store.users[token] = email

    def add_shared_drive(self, name: str, members: Sequence[str] = ()) -> str:
        """Create a shared drive whose members are organizers; returns its id (usable as a
        parent folder id)."""
        with self.store.lock:
            drive_id = self.store.new_id("0A", 19)
            roles = {m: "organizer" for m in members}
            now = self.store.now()
            self.store.drives[drive_id] = SharedDrive(drive_id, name, roles, now)
            # files.get(driveId) answers the drive's root folder, as on Google
            owner = next(iter(members), self.service_account)
            root = DriveFile(drive_id, name, FOLDER, owner, now, now, owner, drive_id=drive_id)
            self.store.files[drive_id] = root
            return drive_id

    def add_folder(self, name: str, parent: str | None = None, owner: str | None = None) -> str:
        """Create a folder (setup helper: skips the storage rule); returns its id."""
        with self.store.lock:
            owner = owner or self.service_account
            now = self.store.now()
            drive_id = None
            if parent in self.store.drives:
                drive_id = parent
            elif parent is not None:
                drive_id = self.store.files[parent].drive_id
            parents = [parent] if parent else [self.store.my_drive_root(owner)]
            folder = DriveFile(
                self.store.new_id("1", 33),
                name,
                FOLDER,
                owner,
                now,
                now,
                owner,
                parents=parents,
                drive_id=drive_id,
            )
            self.store.files[folder.id] = folder
            return folder.id

    def share(self, file_id: str, email: str, role: str = "writer") -> None:
        """Setup helper: grant `role` on a file or folder without going through HTTP."""
        with self.store.lock:
            f = self.store.files[file_id]
            f.permissions = [p for p in f.permissions if p.email != email]
            f.permissions.append(Permission(permission_id(email), "user", role, email))

    def mount(self, session: requests.Session) -> requests.Session:
        """Route Google's API hosts on `session` to this fake, in-process."""
        adapter = InProcessAdapter(self.wsgi_app)
        for host in HOSTS:
            session.mount(host, adapter)
        return session

    def set_clock(self, clock: Callable[[], dt.datetime]) -> None:
        """Source of createdTime/modifiedTime; must return aware datetimes."""
        self.store.clock = clock

    def user_edit(
        self, token: str, spreadsheet_id: str, a1_range: str, values: list[list[Any]]
    ) -> int:
        """Act as the person behind `token` typing `values` (USER_ENTERED) into the sheet.

        Goes through the same access and protection checks as the HTTP API; returns the HTTP
        status the edit would get: 200, 403 (protected or no edit right), 404 (no such
        spreadsheet) or 400 (bad range, or a value a strict validation refuses in the UI).
        """
        with self.store.lock:
            email = self.store.email_for(f"Bearer {token}")
            try:
                ctx = sheets_values.open_spreadsheet(self.store, spreadsheet_id, email, True)
                ctx.ui = True
                sheets_values.update(
                    ctx, a1_range, {"values": values}, {"valueInputOption": "USER_ENTERED"}
                )
            except ApiError as err:
                return err.code
            return 200
