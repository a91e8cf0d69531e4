"""Which evidence links live in Google Drive, so their sharing can be checked.

Reviewers (KS, SK, KD) must be able to open the evidence the official links; on Google the
service can read a Drive file's permissions and say who cannot, before the review stalls.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

_PATH_ID = re.compile(r"/(?:file|document|spreadsheets|presentation|forms|drawings)/d/"
                      r"([A-Za-z0-9_-]{10,})")
_DRIVE_HOSTS = {"drive.google.com", "docs.google.com"}


_KEY = re.compile(r"[A-Za-z0-9_-]{1,100}")


def drive_file_id(link: object) -> str | None:
    """The Drive file in a sharing link, or None when the link is not a Drive file: its id,
    or `id/resourceKey` when the link carries one (older link-shared files cannot be opened
    through the API without it; the form is that of Drive's resource-key header)."""
    if not isinstance(link, str):
        return None
    parts = urlsplit(link.strip())
    if parts.scheme not in ("http", "https") or parts.hostname not in _DRIVE_HOSTS:
        return None
    query = parse_qs(parts.query)
    match = _PATH_ID.search(parts.path)
    ids = query.get("id")
    if match:
        file_id = match.group(1)
    elif ids and re.fullmatch(r"[A-Za-z0-9_-]{10,}", ids[0]):
        file_id = ids[0]
    else:
        return None
    keys = query.get("resourcekey") or query.get("resourceKey")
    return f"{file_id}/{keys[0]}" if keys and _KEY.fullmatch(keys[0]) else file_id


def unreachable_text(names: list[str]) -> str | None:
    """The reviewers who cannot open a file, as the note names them."""
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
