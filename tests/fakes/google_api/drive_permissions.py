"""Drive v3 permissions: create, list, delete (sharing a sheet with an official).

Who may be shared with is decided in sharing.py. Listing permissions needs share rights:
a reader or commenter — also one who only has the link — gets 403
insufficientFilePermissions (elastic/connectors#1979 and #1478, prasmussen/gdrive#171;
reviews F2), which File.capabilities.canShare announces.
"""

from __future__ import annotations

from typing import Any

from . import fields, sharing
from .drive_api import Reply, truthy
from .errors import ApiError, bad_request, insufficient_permissions
from .state import ROLES, Permission, Store, permission_id, rank

DEFAULT = "kind,id,type,role"
LIST_DEFAULT = "kind,nextPageToken,permissions(kind,id,type,role)"


def permission_json(p: Permission, inherited: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "drive#permission", "id": p.id, "type": p.type, "role": p.role}
    if p.email:
        out.update(
            emailAddress=p.email,
            displayName=p.email.split("@")[0],
            deleted=False,
            pendingOwner=False,
        )
    if p.domain:
        out["domain"] = p.domain
    if p.type == "anyone":
        out["allowFileDiscovery"] = False
    if inherited:
        out["permissionDetails"] = [{"permissionType": "file", "role": p.role, "inherited": True}]
    return out


def create(
    store: Store, email: str, file_id: str, params: dict[str, Any], body: dict[str, Any]
) -> Reply:
    """Grant a role; granting again to the same person changes the role, like Google."""
    f = store.file(file_id, email, "writer")
    kind, role = body.get("type"), body.get("role")
    if kind not in ("user", "group", "domain", "anyone"):
        raise bad_request("The permission type field is required and must be valid.")
    if role not in ROLES or role == "owner":
        raise bad_request(f"The permission role '{role}' is not supported by the fake.")
    address = body.get("emailAddress")
    if kind in ("user", "group") and not address:
        raise bad_request("The permission emailAddress field is required.")
    if kind == "domain" and not body.get("domain"):
        raise bad_request("The domain field is required for permissions of type 'domain'.")
    domain = (body.get("domain") or "").lower() or None
    notify = truthy(params.get("sendNotificationEmail", "true"))
    sharing.check(store, f, kind, address, domain, notify)
    pid = {"anyone": "anyoneWithLink", "domain": f"domain:{domain}"}.get(
        kind, permission_id(address or "")
    )
    perm = next((p for p in f.permissions if p.id == pid), None)
    if perm is None:
        perm = Permission(pid, kind, role, address, domain)
        f.permissions.append(perm)
    perm.role = role
    if notify and kind in ("user", "group"):
        store.notifications.append((file_id, address or "", role))
    tree = fields.parse(params.get("fields") or DEFAULT)
    return 200, fields.apply(permission_json(perm), tree), {}


def _all(store: Store, file_id: str, email: str) -> list[dict[str, Any]]:
    f = store.file(file_id, email, "writer")  # canShare
    out: list[dict[str, Any]] = []
    if f.drive_id is None:
        owner = Permission(permission_id(f.owner), "user", "owner", f.owner)
        out.append(permission_json(owner))
    elif f.drive_id in store.drives:
        for member, role in store.drives[f.drive_id].members.items():
            kind = "group" if store.accounts.is_group(member) else "user"
            out.append(
                permission_json(
                    Permission(permission_id(member), kind, role, member), inherited=True
                )
            )
    out.extend(permission_json(p) for p in f.permissions)
    return out


def list_permissions(store: Store, email: str, file_id: str, params: dict[str, Any]) -> Reply:
    perms = _all(store, file_id, email)
    size = min(int(params.get("pageSize") or 100), 100, store.page_limit or 100)
    start = int(params.get("pageToken") or 0)
    body: dict[str, Any] = {
        "kind": "drive#permissionList",
        "permissions": perms[start : start + size],
    }
    if start + size < len(perms):
        body["nextPageToken"] = str(start + size)
    return 200, fields.apply(body, fields.parse(params.get("fields") or LIST_DEFAULT)), {}


def delete(store: Store, email: str, file_id: str, perm_id: str) -> Reply:
    f = store.file(file_id, email)
    if rank(store.role(f, email)) < rank("writer"):
        raise insufficient_permissions()
    perm = next((p for p in f.permissions if p.id == perm_id), None)
    if perm is None:
        if f.drive_id is None and perm_id == permission_id(f.owner):
            raise ApiError(403, "The owner of a file cannot be removed.", "cannotRemoveOwner")
        raise ApiError(404, f"Permission not found: {perm_id}.", "notFound")
    f.permissions.remove(perm)
    return 204, b"", {}
