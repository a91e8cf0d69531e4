"""Who may do what with a Drive file: roles, link access, resource keys, capabilities.

A role comes either *directly* (ownership, shared-drive membership, a user or group
permission on the file or an ancestor folder) or only *through a link* (an "anyone" or
"domain" permission). The difference matters twice on Google:
- a link-only caller must send the file's resource key, else the file is not found
  (Drive "Access link-shared files using resource keys": "Requests from users that only
  have access to these link-shared files using a type=domain or type=anyone permission
  might require a resource key");
- the creator of a shared-drive file gets nothing from having created it: what a member
  may do follows the member's role (Drive files.delete: "If the file belongs to a shared
  drive, the user must be an organizer on the parent folder").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .accounts import domain_of

if TYPE_CHECKING:
    from .state import DriveFile, Store

ROLES = ("reader", "commenter", "writer", "fileOrganizer", "organizer", "owner")
FOLDER = "application/vnd.google-apps.folder"


def rank(role: str | None) -> int:
    """Order roles so "at least writer" is a comparison."""
    return ROLES.index(role) + 1 if role in ROLES else 0


def _best(a: str | None, b: str | None) -> str | None:
    return b if rank(b) > rank(a) else a


def grants(store: Store, f: DriveFile, email: str) -> tuple[str | None, str | None]:
    """(direct role, link-only role) `email` holds on `f`."""
    direct: str | None = "owner" if f.owner == email and f.drive_id is None else None
    link: str | None = None
    if f.drive_id and f.drive_id in store.drives:
        for member, role in store.drives[f.drive_id].members.items():
            if store.accounts.matches(member, email):
                direct = _best(direct, role)
    seen: set[str] = set()
    node: DriveFile | None = f
    while node is not None and node.id not in seen:
        seen.add(node.id)
        for p in node.permissions:
            if p.type in ("user", "group") and store.accounts.matches(p.email, email):
                direct = _best(direct, p.role)
            elif p.type == "anyone" or (p.type == "domain" and p.domain == domain_of(email)):
                link = _best(link, p.role)
        if node is not f and node.owner == email and node.drive_id is None:
            direct = _best(direct, "writer")
        node = store.files.get(node.parents[0]) if node.parents else None
    return direct, link


def role(store: Store, f: DriveFile, email: str) -> str | None:
    direct, link = grants(store, f, email)
    return _best(direct, link)


def needs_resource_key(store: Store, f: DriveFile, email: str) -> bool:
    """True when the caller reaches `f` only through a link and did not send its key."""
    if not f.resource_key:
        return False
    direct, link = grants(store, f, email)
    if direct is not None or link is None:
        return False
    sent = store.request.resource_keys if store.request else {}
    return sent.get(f.id) != f.resource_key


def can_trash(store: Store, f: DriveFile, email: str) -> bool:
    """Shared drive: Content manager (fileOrganizer) or Manager; My Drive: the owner."""
    r = role(store, f, email)
    return rank(r) >= rank("fileOrganizer") if f.drive_id else r == "owner"


def can_delete(store: Store, f: DriveFile, email: str) -> bool:
    """Shared drive: Manager (organizer) only; My Drive: the owner (files.delete)."""
    r = role(store, f, email)
    return r == "organizer" if f.drive_id else r == "owner"


def capabilities(store: Store, f: DriveFile, email: str) -> dict[str, bool]:
    """File.capabilities, consistent with what the fake then allows.

    canShare is what permissions.list needs (reviews F2: a reader or commenter, including
    a caller who only has the link, is refused).
    """
    r = rank(role(store, f, email))
    folder = f.mime_type == FOLDER
    trash, delete = can_trash(store, f, email), can_delete(store, f, email)
    out: dict[str, Any] = {
        "canEdit": r >= rank("writer"),
        "canModifyContent": r >= rank("writer"),
        "canRename": r >= rank("writer"),
        "canComment": r >= rank("commenter"),
        "canCopy": r >= rank("reader") and not folder,
        "canDownload": r >= rank("reader"),
        "canShare": r >= rank("writer"),
        "canTrash": trash,
        "canUntrash": trash,
        "canDelete": delete,
        "canListChildren": folder and r >= rank("reader"),
        "canAddChildren": folder and r >= rank("writer"),
        "canTrashChildren": folder and trash,
        "canDeleteChildren": folder and delete,
        "canReadRevisions": r >= rank("writer"),
    }
    return out
