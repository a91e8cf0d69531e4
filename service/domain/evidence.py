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


def drive_file_id(link: object) -> str | None:
    """The Drive file id in a sharing link, or None when the link is not a Drive file."""
    if not isinstance(link, str):
        return None
    parts = urlsplit(link.strip())
    if parts.scheme not in ("http", "https") or parts.hostname not in _DRIVE_HOSTS:
        return None
    match = _PATH_ID.search(parts.path)
    if match:
        return match.group(1)
    ids = parse_qs(parts.query).get("id")
    return ids[0] if ids and re.fullmatch(r"[A-Za-z0-9_-]{10,}", ids[0]) else None


def unreachable_text(names: list[str]) -> str | None:
    """The reviewers who cannot open a file, as the note names them."""
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
