"""The fake's in-memory world: identities, shared drives, Drive files and spreadsheets.

Access is decided here once for both APIs (rules in access.py), so Drive (404 when hidden)
and Sheets (403 PERMISSION_DENIED) agree about who may see and edit what.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import access
from .access import FOLDER, ROLES, rank
from .accounts import Accounts, Identity
from .errors import ApiError, drive_not_found, insufficient_permissions

SPREADSHEET = "application/vnd.google-apps.spreadsheet"
Clock = Callable[[], dt.datetime]
__all__ = ["FOLDER", "ROLES", "SPREADSHEET", "rank"]


@dataclass
class Sheet:
    """One tab: properties, sparse cells keyed by (row, col) holding CellData dicts."""

    sheet_id: int
    title: str
    rows: int = 1000
    cols: int = 26
    frozen_rows: int = 0
    frozen_cols: int = 0
    cells: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    protected: list[dict[str, Any]] = field(default_factory=list)
    dimensions: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def grid_properties(self) -> dict[str, Any]:
        grid: dict[str, Any] = {"rowCount": self.rows, "columnCount": self.cols}
        if self.frozen_rows:
            grid["frozenRowCount"] = self.frozen_rows
        if self.frozen_cols:
            grid["frozenColumnCount"] = self.frozen_cols
        return grid


@dataclass
class Spreadsheet:
    """Spreadsheet-level properties and its ordered sheets (index = list position)."""

    locale: str = "en_US"
    time_zone: str = "Etc/GMT"
    sheets: list[Sheet] = field(default_factory=lambda: [Sheet(0, "Sheet1")])

    def sheet_by_id(self, sheet_id: int) -> Sheet | None:
        return next((s for s in self.sheets if s.sheet_id == sheet_id), None)

    def sheet_by_title(self, title: str) -> Sheet | None:
        return next((s for s in self.sheets if s.title == title), None)


@dataclass
class Permission:
    id: str
    type: str
    role: str
    email: str | None = None
    domain: str | None = None


@dataclass
class DriveFile:
    """A Drive file; `owner` is the creator (for shared-drive files, the protection owner,
    with no extra Drive rights: those follow the drive membership)."""

    id: str
    name: str
    mime_type: str
    owner: str
    created: dt.datetime
    modified: dt.datetime
    last_modifier: str
    parents: list[str] = field(default_factory=list)
    drive_id: str | None = None
    app_props: dict[str, dict[str, str]] = field(default_factory=dict)  # client -> props
    properties: dict[str, str] = field(default_factory=dict)
    permissions: list[Permission] = field(default_factory=list)
    description: str | None = None
    trashed: bool = False  # explicitly trashed (descendants of a trashed folder are too)
    version: int = 1
    content: bytes | None = None
    spreadsheet: Spreadsheet | None = None
    resource_key: str | None = None
    pending: list[tuple[dt.datetime, str]] = field(default_factory=list)  # lagged edits


@dataclass
class SharedDrive:
    id: str
    name: str
    members: dict[str, str]
    created: dt.datetime
    domain: str | None = None  # the Workspace domain the drive belongs to
    restrictions: dict[str, bool] = field(default_factory=dict)


@dataclass
class RequestContext:
    """The request being served: who, through which OAuth client, with which resource keys
    (the X-Goog-Drive-Resource-Keys header, fileId -> key)."""

    identity: Identity
    resource_keys: dict[str, str] = field(default_factory=dict)


def default_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def permission_id(email: str) -> str:
    """Google gives a person the same permission id on every file; derive one stably."""
    digest = hashlib.sha256(email.lower().encode()).hexdigest()
    return str(int(digest[:16], 16)).rjust(20, "0")[:20]


class Store:
    """Everything the fake knows; one lock serialises requests like a single backend."""

    def __init__(self, service_account: str) -> None:
        self.service_account = service_account
        self.accounts = Accounts(service_account)
        self.files: dict[str, DriveFile] = {}
        self.drives: dict[str, SharedDrive] = {}
        self.roots: dict[str, str] = {}
        self.notifications: list[tuple[str, str, str]] = []
        self.clock: Clock = default_clock
        self.lock = threading.RLock()
        self.request: RequestContext | None = None
        self.modified_lag = dt.timedelta(0)  # Sheets edits reach Drive metadata this late
        self.page_limit: int | None = None  # files.list/permissions.list answer at most this
        self.empty_first_page = False  # files.list answers [] + nextPageToken first
        self._counter = 0

    # identities -----------------------------------------------------------------------
    @property
    def users(self) -> dict[str, str]:
        """token -> email of every registered token (read-only view)."""
        return {t: i.email for t, i in self.accounts.tokens.items()}

    def email_for(self, authorization: str | None) -> str:
        """Bearer token -> email; unknown or missing tokens act as the service account."""
        return self.accounts.identity(authorization).email

    def client(self, email: str) -> str:
        """The OAuth client `email` acts through now (the request's, else their default)."""
        if self.request is not None and self.request.identity.email == email:
            return self.request.identity.client
        return self.accounts.client_of(email)

    def is_service_account(self, email: str) -> bool:
        return email == self.service_account or email.endswith("gserviceaccount.com")

    def new_id(self, prefix: str = "1", length: int = 44) -> str:
        self._counter += 1
        seed = f"{self.service_account}:{self._counter}".encode()
        body = hashlib.sha256(seed).hexdigest() + hashlib.sha1(seed).hexdigest()
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        chars = "".join(alphabet[int(body[i : i + 2], 16) % 64] for i in range(0, 2 * length, 2))
        return (prefix + chars)[:length]

    def new_sheet_id(self) -> int:
        self._counter += 1
        digest = hashlib.sha256(f"sheet:{self._counter}".encode()).hexdigest()
        return int(digest[:8], 16) % 2_000_000_000 + 1

    def now(self) -> dt.datetime:
        value = self.clock()
        if value.tzinfo is None:
            raise ValueError("the fake's clock must return an aware datetime")
        return value.astimezone(dt.UTC)

    def my_drive_root(self, email: str) -> str:
        """Each person's My Drive root folder, created on first use."""
        if email not in self.roots:
            now = self.now()
            root = DriveFile(self.new_id("0A", 19), "My Drive", FOLDER, email, now, now, email)
            self.files[root.id] = root
            self.roots[email] = root.id
        return self.roots[email]

    # access ---------------------------------------------------------------------------
    def role(self, f: DriveFile, email: str) -> str | None:
        """Best role `email` holds on `f`: ownership, drive membership, or a user, group,
        domain or anyone permission on it or on any ancestor folder."""
        return access.role(self, f, email)

    def file(self, file_id: str, email: str, min_role: str = "reader") -> DriveFile:
        """Drive lookup: hidden files (and link-only ones asked for without their resource
        key) are 404 like missing ones; too-weak roles are 403."""
        f = self.files.get(file_id)
        if f is None or rank(self.role(f, email)) == 0 or access.needs_resource_key(self, f, email):
            raise drive_not_found(file_id)
        if rank(self.role(f, email)) < rank(min_role):
            raise insufficient_permissions()
        return f

    def parent_drive(self, parent_id: str, email: str) -> str | None:
        """Validate a parent (folder or shared drive id) the caller may write into."""
        if parent_id in self.drives:
            if rank(self.role(self.files[parent_id], email)) < rank("writer"):
                raise drive_not_found(parent_id)
            return parent_id
        parent = self.file(parent_id, email, "writer")
        if parent.mime_type != FOLDER:
            raise ApiError(400, "The specified parent is not a folder.", "invalidParent")
        return parent.drive_id

    def is_trashed(self, f: DriveFile) -> bool:
        """Trashing a folder trashes everything inside it."""
        seen: set[str] = set()
        node: DriveFile | None = f
        while node is not None and node.id not in seen:
            if node.trashed:
                return True
            seen.add(node.id)
            node = self.files.get(node.parents[0]) if node.parents else None
        return False

    # modifiedTime ---------------------------------------------------------------------
    def touch(
        self, f: DriveFile, email: str, when: dt.datetime | None = None, *, via_drive: bool = False
    ) -> None:
        """Record a content change. Through Drive (a rename) it shows at once; a Sheets edit
        reaches Drive's modifiedTime/version/lastModifyingUser only `modified_lag` later
        (googleapis/google-api-go-client#444). With no lag both are immediate."""
        now = when or self.now()
        if via_drive or not self.modified_lag:
            self._apply(f, now, email)
        else:
            f.pending.append((now, email))

    def _apply(self, f: DriveFile, now: dt.datetime, email: str) -> None:
        """modifiedTime strictly increases (a real edit takes time, so if the clock has not
        moved, bump by 1 ms); lastModifyingUser is set; the version goes up."""
        if now <= f.modified:
            now = f.modified + dt.timedelta(milliseconds=1)
        f.modified = now
        f.last_modifier = email
        f.version += 1

    def settle(self, f: DriveFile) -> None:
        """Publish the lagged edits older than the lag, coalesced into one change: Drive
        shows the latest of them (its time and editor) and one version step."""
        if not f.pending:
            return
        cutoff = self.now() - self.modified_lag
        due = [p for p in f.pending if p[0] <= cutoff]
        if due:
            f.pending = [p for p in f.pending if p[0] > cutoff]
            when, email = max(due, key=lambda p: p[0])
            self._apply(f, when, email)

    def settle_all(self) -> None:
        for f in self.files.values():
            self.settle(f)

    def copy_spreadsheet(self, src: Spreadsheet) -> Spreadsheet:
        return copy.deepcopy(src)

    def children(self, folder_id: str) -> list[DriveFile]:
        return [f for f in self.files.values() if folder_id in f.parents]
