"""Telling the service's own writes from a person's edit, though Drive reports both late.

Sheets edits reach Drive's modifiedTime and lastModifyingUser minutes late and coalesced
(googleapis/google-api-go-client#444: "only refreshed every ~3min"). A pull reads a sheet
whose version changed; without this, every sheet the service wrote (its notes, the master's
recap) would be read once more when Drive catches up with that write. A version whose last
modifier is the service itself (`me`), at or before the end of its last write to the sheet,
is that write: nothing a person typed is behind it, so the version is taken without a read.

What it cannot see: a person's edit in the seconds between the service's read and its write
of the same sheet, coalesced by Drive into the service's write. It is read at the next
change of that sheet.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from service.sheets.port import SpreadsheetRef
from service.store.models import SpreadsheetRow

WROTE_AT = "service_wrote_at"
# Google's clock and ours differ by the skew NTP leaves (well under a second): a version
# this close after the end of our write is still taken as our write
SKEW = timedelta(seconds=2)


def own_write(ref: SpreadsheetRef, sheet: SpreadsheetRow) -> bool:
    """Whether the listed version is only the service's own last write; if so it is
    recorded as read."""
    wrote = (sheet.written or {}).get(WROTE_AT)
    if not (ref.modified_by_service and ref.modified and wrote):
        return False
    if ref.modified > datetime.fromisoformat(wrote) + SKEW:
        return False
    sheet.last_version = ref.version
    return True
