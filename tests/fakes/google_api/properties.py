"""File properties: public `properties` and app-private `appProperties`, with Google's limits.

- appProperties are private to the OAuth client that set them ("To add properties
  restricted to your app, use the appProperties field", Drive "Add custom file
  properties"); a request sees and changes only its own client's (reviews F12).
  `properties` are public, shared by every app.
- "Maximum of 124 bytes size limit on (key + value) string in UTF-8 encoding for a single
  property" and "Maximum of 30 private properties per app" / "30 public properties"
  (Drive v2 Properties resource). Over 124 bytes Google answers 403
  propertyLengthLimitExceeded "Properties and app properties are limited to 124 bytes in
  UTF-8 encoding, counting both the key and the value." (RichardX366/Obsidian-Google-Drive#34).
  The error for more than 30 is not documented anywhere we found: the fake answers
  403 with the same shape and reason propertyCountLimitExceeded (UNVERIFIED).
"""

from __future__ import annotations

from typing import Any

from .errors import ApiError
from .state import DriveFile, Store

MAX_BYTES = 124
MAX_PER_APP = 30
LENGTH_MESSAGE = (
    "Properties and app properties are limited to 124 bytes in UTF-8 encoding, counting "
    "both the key and the value."
)


def _checked(props: dict[str, str], kind: str) -> dict[str, str]:
    for key, value in props.items():
        if len(key.encode("utf-8")) + len(value.encode("utf-8")) > MAX_BYTES:
            raise ApiError(403, LENGTH_MESSAGE, "propertyLengthLimitExceeded")
    if len(props) > MAX_PER_APP:
        raise ApiError(
            403,
            f"A file can have at most {MAX_PER_APP} {kind} from one application.",
            "propertyCountLimitExceeded",
        )
    return props


def merged(current: dict[str, str], changes: dict[str, Any] | None, kind: str) -> dict[str, str]:
    """`current` with `changes` applied (a null value deletes the key), validated."""
    out = dict(current)
    for key, value in (changes or {}).items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = str(value)
    return _checked(out, kind) if changes else out


def app_properties(store: Store, f: DriveFile, email: str) -> dict[str, str]:
    """The appProperties `email`'s current client may see on `f`."""
    return dict(f.app_props.get(store.client(email), {}))


def set_app_properties(
    store: Store, f: DriveFile, email: str, changes: dict[str, Any] | None
) -> None:
    if changes:
        client = store.client(email)
        f.app_props[client] = merged(f.app_props.get(client, {}), changes, "app properties")


def set_properties(f: DriveFile, changes: dict[str, Any] | None) -> None:
    if changes:
        f.properties = merged(f.properties, changes, "public properties in all")
