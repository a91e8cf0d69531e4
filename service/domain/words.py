"""Indonesian wording shared by the emails, the sheets, the pages and the terminal: dates,
times and the approvers' titles.

Written out here because a server's locale cannot be trusted to have id_ID installed, and
strftime('%A') would silently give English.
"""

from __future__ import annotations

from datetime import date, datetime

from service.domain.calendar import HARI, JAKARTA
from service.domain.period import BULAN

# sign-off order PP -> KS -> SK -> KD: the approver's title and what their tick vouches for
ROLE_TITLES = {
    "PP": ("Penyusun Program", "penyelesaian rekap"),
    "KS": ("Kasubag Penyusunan Program", "verifikasi"),
    "SK": ("Sekretaris", "pemeriksaan"),
    "KD": ("Kepala Dinas", "pengesahan"),
}


def tanggal(value: date, weekday: bool = True) -> str:
    """'Senin, 2 November 2026' (or '2 November 2026')."""
    text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
    return f"{HARI[value.weekday()]}, {text}" if weekday else text


def singkat(value: datetime) -> str:
    """'Sen 02 Nov 09.15': a compact Indonesian stamp for progress lines and summaries."""
    if value.tzinfo is not None:
        value = value.astimezone(JAKARTA)
    return (f"{HARI[value.weekday()][:3]} {value.day:02d} {BULAN[value.month - 1][:3]} "
            f"{value.hour:02d}.{value.minute:02d}")


def waktu(value: datetime) -> str:
    """'Senin, 2 November 2026 pukul 09.15 WIB'. Aware times (the database gives UTC) are
    shown in Western Indonesian Time, the office's clock; naive ones as they are."""
    if value.tzinfo is not None:
        value = value.astimezone(JAKARTA)
    suffix = " WIB" if value.tzinfo is not None else ""
    return f"{tanggal(value.date())} pukul {value.hour:02d}.{value.minute:02d}{suffix}"
