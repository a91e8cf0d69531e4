"""FakeGoogle: the public face of the fake — setup helpers and the knobs tests turn.

Everything Google-like happens behind HTTP (gateway.py, routes.py); what is here only sets
the world up (accounts, drives, folders, files, sharing) or switches on behaviours that
are off by default because most tests do not want them: quotas, injected faults, Drive's
modifiedTime lag, partial list pages, hidden emails.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import requests

from . import sheets_values
from .errors import ApiError
from .faults import Fault
from .gateway import Gateway
from .quota import Quota
from .routes import make_wsgi_app
from .state import FOLDER, DriveFile, Permission, SharedDrive, Store, permission_id
from .transport import InProcessAdapter

__all__ = ["FakeGoogle", "InProcessAdapter"]
HOSTS = (
    "https://sheets.googleapis.com",
    "https://www.googleapis.com",
    "https://docs.google.com",
)
DRIVE_ROLES = ("organizer", "fileOrganizer", "writer", "commenter", "reader")


class FakeGoogle:
    """An in-process fake of the Sheets v4 / Drive v3 subset our Google adapter uses.

    Bearer tokens registered with `add_user` act as that person through an OAuth client;
    any other token acts as the service account (which, like a real one, has no My Drive
    storage). Only registered addresses and service accounts are Google accounts.
    """

    def __init__(self, service_account: str = "kinerja@demo-project.iam.gserviceaccount.com"):
        self.store = Store(service_account)
        self.request_log: list[tuple[str, str, str]] = []
        self.gateway = Gateway(self.store, make_wsgi_app(self.store, self.request_log))
        self.wsgi_app = self.gateway

    @property
    def service_account(self) -> str:
        return self.store.service_account

    @property
    def notifications(self) -> list[tuple[str, str, str]]:
        """(file_id, email, role) for each permission created with sendNotificationEmail."""
        return self.store.notifications

    # who exists ---------------------------------------------------------------------
    def add_user(self, token: str, email: str, *, client: str | None = None) -> None:
        """Register a Google account: requests with `Authorization: Bearer <token>` act as
        `email` through OAuth client `client` (default: one client shared by all people;
        a service account is its own client). appProperties are private per client."""
        self.store.accounts.add_user(token, email, client)

    def add_account(self, email: str) -> None:
        """Register a Google account that never calls the API itself (no token)."""
        self.store.accounts.add_account(email)

    def add_group(self, email: str, members: Sequence[str] = ()) -> None:
        """A Google Group one may share with; its members get the group's role."""
        self.store.accounts.add_group(email, tuple(members))

    def hide_email(self, email: str) -> None:
        """Drive leaves out `email` in User resources shown to others, as for a user who
        has not made their address visible (reviews F16)."""
        self.store.accounts.hidden.add(email.lower())

    # the world ----------------------------------------------------------------------
    def add_shared_drive(
        self,
        name: str,
        members: Sequence[str] | Mapping[str, str] = (),
        *,
        domain: str | None = None,
        restrictions: Mapping[str, bool] | None = None,
    ) -> str:
        """Create a shared drive; returns its id (usable as a parent folder id).

        `members`: addresses (all organizers, "Manager") or a mapping address -> role
        (organizer, fileOrganizer "Content manager", writer "Contributor", commenter,
        reader). Members are Google accounts. `domain`: the Workspace domain it belongs to;
        `restrictions`: Drive's drives.restrictions, e.g. {"domainUsersOnly": True} or
        {"driveMembersOnly": True}.
        """
        roles = (
            dict(members) if isinstance(members, Mapping) else dict.fromkeys(members, "organizer")
        )
        bad = {r for r in roles.values() if r not in DRIVE_ROLES}
        if bad:
            raise ValueError(f"shared drive roles must be among {DRIVE_ROLES}, not {bad}")
        with self.store.lock:
            for member in roles:
                if not self.store.accounts.is_group(member):
                    self.store.accounts.add_account(member)
            drive_id = self.store.new_id("0A", 19)
            now = self.store.now()
            self.store.drives[drive_id] = SharedDrive(
                drive_id, name, roles, now, domain and domain.lower(), dict(restrictions or {})
            )
            # files.get(driveId) answers the drive's root folder, as on Google
            owner = next(iter(roles), self.service_account)
            root = DriveFile(drive_id, name, FOLDER, owner, now, now, owner, drive_id=drive_id)
            self.store.files[drive_id] = root
            return drive_id

    def add_folder(self, name: str, parent: str | None = None, owner: str | None = None) -> str:
        """Create a folder (setup helper: skips the storage rule); returns its id."""
        return self.add_file(name, parent, owner, mime_type=FOLDER, content=None)

    def add_file(
        self,
        name: str,
        parent: str | None = None,
        owner: str | None = None,
        *,
        mime_type: str = "application/pdf",
        content: bytes | None = b"%PDF-1.4 fake\n",
        resource_key: str | bool | None = None,
    ) -> str:
        """Create a file without HTTP (setup helper); returns its id. `resource_key=True`
        gives it a generated resource key (or pass the key itself), like the files Google
        keyed in its 2021 security update."""
        with self.store.lock:
            owner = owner or self.service_account
            now = self.store.now()
            drive_id = None
            if parent in self.store.drives:
                drive_id = parent
            elif parent is not None:
                drive_id = self.store.files[parent].drive_id
            parents = [parent] if parent else [self.store.my_drive_root(owner)]
            f = DriveFile(
                self.store.new_id("1", 33),
                name,
                mime_type,
                owner,
                now,
                now,
                owner,
                parents=parents,
                drive_id=drive_id,
                content=content,
            )
            self.store.files[f.id] = f
            if resource_key:
                self.set_resource_key(f.id, None if resource_key is True else resource_key)
            return f.id

    def set_resource_key(self, file_id: str, key: str | None = None) -> str:
        """Give a file a resource key: link-only callers must then send
        `X-Goog-Drive-Resource-Keys: <fileId>/<key>` or get 404."""
        with self.store.lock:
            key = key or "0-" + hashlib.sha256(file_id.encode()).hexdigest()[:22]
            self.store.files[file_id].resource_key = key
            return key

    def share(self, file_id: str, email: str, role: str = "writer") -> None:
        """Setup helper: grant `role` on a file or folder to a (now registered) account."""
        with self.store.lock:
            self.store.accounts.add_account(email)
            f = self.store.files[file_id]
            f.permissions = [p for p in f.permissions if p.email != email]
            f.permissions.append(Permission(permission_id(email), "user", role, email))

    def share_link(self, file_id: str, role: str = "reader", domain: str | None = None) -> None:
        """Setup helper: "anyone with the link" (or everyone in `domain` with the link)."""
        with self.store.lock:
            kind, pid = ("domain", f"domain:{domain.lower()}") if domain else ("anyone", "")
            pid = pid or "anyoneWithLink"
            f = self.store.files[file_id]
            f.permissions = [p for p in f.permissions if p.id != pid]
            f.permissions.append(Permission(pid, kind, role, None, domain and domain.lower()))

    # knobs --------------------------------------------------------------------------
    def mount(self, session: requests.Session) -> requests.Session:
        """Route Google's API hosts on `session` to this fake, in-process."""
        adapter = InProcessAdapter(self.wsgi_app, self.gateway.faults)
        for host in HOSTS:
            session.mount(host, adapter)
        return session

    def set_clock(self, clock: Callable[[], dt.datetime]) -> None:
        """Source of createdTime/modifiedTime; must return aware datetimes."""
        self.store.clock = clock

    def set_modified_lag(self, seconds: float) -> None:
        """Sheets edits reach Drive's modifiedTime, version and lastModifyingUser only
        `seconds` later on the fake's clock, coalesced ("only refreshed every ~3min",
        googleapis/google-api-go-client#444). Drive renames stay immediate. 0 = off."""
        self.store.modified_lag = dt.timedelta(seconds=seconds)

    def set_pagination(self, page_limit: int | None = None, empty_first_page: bool = False) -> None:
        """files.list (and permissions.list) answer at most `page_limit` items a page;
        `empty_first_page`: files.list first answers no files but a nextPageToken
        (Drive files.list: partial or empty pages happen; reviews F17)."""
        self.store.page_limit = page_limit
        self.store.empty_first_page = empty_first_page

    def fail_next(
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
        """Make the next `times` requests matching `method` ("*" for any) and `path_regex`
        (searched in the unquoted path) fail with Google's error shape (`status`, `reason`,
        `message`). `applied=True`: the request is carried out first, then the answer is
        lost. `raises="timeout"|"connection"`: the in-process client raises requests'
        ReadTimeout/ConnectionError instead of getting an answer."""
        return self.gateway.faults.add(
            method, path_regex, status, reason, message, times, applied=applied, raises=raises
        )

    @property
    def quota(self) -> Quota | None:
        return self.gateway.quota

    def enable_quota(
        self,
        clock: Callable[[], float],
        read: int = 60,
        write: int = 60,
        drive: int = 12_000,
        project_read: int = 300,
        project_write: int = 300,
        project_drive: int = 12_000,
    ) -> Quota:
        """Per-minute quotas on `clock` (seconds, monotonic; e.g. quota.VirtualTime().now),
        per user and per project: Google's defaults (Sheets and Drive "Usage limits")."""
        limits = {
            "read": (read, project_read),
            "write": (write, project_write),
            "drive": (drive, project_drive),
        }
        self.gateway.quota = Quota(clock, limits)
        return self.gateway.quota

    def disable_quota(self) -> None:
        self.gateway.quota = None

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
