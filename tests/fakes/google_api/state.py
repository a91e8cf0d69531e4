"""The fake's in-memory world: identities, shared drives, Drive files and spreadsheets.

Access is decided here once for both APIs, so Drive (404 when hidden) and Sheets
(403 PERMISSION_DENIED) agree about who may see and edit what.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, drive_not_found

FOLDER = "application/vnd.google-apps.folder"
SPREADSHEET = "application/vnd.google-apps.spreadsheet"
ROLES = ("reader", "commenter", "writer", "fileOrganizer", "organizer", "owner")
Clock = Callable[[], dt.datetime]


def rank(role: str | None) -> int:
    """Order roles so "at least writer" is a comparison."""
    return ROLES.index(role) + 1 if role in ROLES else 0


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
    """A Drive file; `owner` is the creator (for shared-drive files, the protection owner)."""

    id: str
    name: str
    mime_type: str
    owner: str
    created: dt.datetime
    modified: dt.datetime
    last_modifier: str
    parents: list[str] = field(default_factory=list)
    drive_id: str | None = None
    app_properties: dict[str, str] = field(default_factory=dict)
    properties: dict[str, str] = field(default_factory=dict)
    permissions: list[Permission] = field(default_factory=list)
    description: str | None = None
    trashed: bool = False
    version: int = 1
    content: bytes | None = None
    spreadsheet: Spreadsheet | None = None


@dataclass
class SharedDrive:
    id: str
    name: str
    members: dict[str, str]
    created: dt.datetime


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
        self.users: dict[str, str] = {}
        self.files: dict[str, DriveFile] = {}
        self.drives: dict[str, SharedDrive] = {}
        self.roots: dict[str, str] = {}
        self.notifications: list[tuple[str, str, str]] = []
        self.clock: Clock = default_clock
        self.lock = threading.RLock()
        self._counter = 0

    # identities -----------------------------------------------------------------------
    def email_for(self, authorization: str | None) -> str:
        """Bearer token -> email; unknown or missing tokens act as the service account."""
        token = (authorization or "").strip()
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        return self.users.get(token, self.service_account)

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
        """Best role `email` holds on `f`: owner, drive membership, or a permission on it or
        on any ancestor folder."""
        if f.owner == email and f.drive_id is None:
            return "owner"
        best: str | None = None
        if f.owner == email:
            best = "organizer"
        if f.drive_id and f.drive_id in self.drives:
            member = self.drives[f.drive_id].members.get(email)
            if rank(member) > rank(best):
                best = member
        seen: set[str] = set()
        node: DriveFile | None = f
        while node is not None and node.id not in seen:
            seen.add(node.id)
            for p in node.permissions:
                if (p.type == "anyone" or (p.email or "").lower() == email.lower()) and rank(
                    p.role
                ) > rank(best):
                    best = p.role
            if node is not f and node.owner == email and node.drive_id is None:
                best = max(best or "reader", "writer", key=rank)
            node = self.files.get(node.parents[0]) if node.parents else None
        return best

    def file(self, file_id: str, email: str, min_role: str = "reader") -> DriveFile:
        """Drive lookup: hidden files are 404 like missing ones; too-weak roles are 403."""
        f = self.files.get(file_id)
        if f is None or rank(self.role(f, email)) == 0:
            raise drive_not_found(file_id)
        if rank(self.role(f, email)) < rank(min_role):
            raise ApiError(
                403,
                "The user does not have sufficient permissions for this file.",
                "insufficientFilePermissions",
            )
        return f

    def parent_drive(self, parent_id: str, email: str) -> str | None:
        """Validate a parent (folder or shared drive id) the caller may write into."""
        if parent_id in self.drives:
            if rank(self.drives[parent_id].members.get(email)) < rank("writer"):
                raise drive_not_found(parent_id)
            return parent_id
        parent = self.file(parent_id, email, "writer")
        if parent.mime_type != FOLDER:
            raise ApiError(400, "The specified parent is not a folder.", "invalidParent")
        return parent.drive_id

    def touch(self, f: DriveFile, email: str, when: dt.datetime | None = None) -> None:
        """Record a content change: modifiedTime strictly increases (a real edit takes time,
        so if the clock has not moved, bump by 1 ms) and lastModifyingUser is set."""
        now = when or self.now()
        if now <= f.modified:
            now = f.modified + dt.timedelta(milliseconds=1)
        f.modified = now
        f.last_modifier = email
        f.version += 1

    def copy_spreadsheet(self, src: Spreadsheet) -> Spreadsheet:
        return copy.deepcopy(src)

    def children(self, folder_id: str) -> list[DriveFile]:
        return [f for f in self.files.values() if folder_id in f.parents]
