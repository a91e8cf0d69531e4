"""The states of a reporting month, as the database and the pages spell them.

A StrEnum, so a stored "disahkan" and `MonthStatus.APPROVED` compare equal and existing
rows need no migration.
"""

from __future__ import annotations

from enum import StrEnum


class MonthStatus(StrEnum):
    PREPARED = "disiapkan"  # sheets shared, collection and review under way
    APPROVED = "disahkan"  # the Head (KD) signed; waiting for the archive
    ARCHIVED = "diarsip"  # locked, exported, hashed: read-only


OPEN_STATUSES = (MonthStatus.PREPARED, MonthStatus.APPROVED)
