"""A reporting period: one calendar month, written `YYYY-MM` everywhere a person types it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"bulan harus 1-12, bukan {self.month}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse `YYYY-MM`; anything else is refused with the expected form in the message."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"periode {text!r} tidak valid: gunakan format YYYY-MM, mis. 2026-10")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def next(self) -> Period:
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def label(self) -> str:
        """Indonesian label used in sheets and emails, e.g. 'Oktober 2026'."""
        return f"{BULAN[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
