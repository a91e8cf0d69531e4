"""The roster: who takes part in the SOP and in which role.

NIP is the 18-digit civil-servant number (PP 30/2019 context); it is the stable key of a
person across months, so it is validated strictly before anything is provisioned for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    """SOP actors, in the order the SOP's columns list them."""

    PJ = "PJ"  # Pejabat Pengawas dan Administrator: data producers
    PP = "PP"  # Penyusun Program dan Kegiatan: compiler
    KS = "KS"  # Kasubag Penyusunan Program: verifies
    SK = "SK"  # Sekretaris: checks
    KD = "KD"  # Kepala Dinas: approves

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.PJ: "Pejabat Pengawas/Administrator",
    Role.PP: "Penyusun Program dan Kegiatan",
    Role.KS: "Kasubag Penyusunan Program",
    Role.SK: "Sekretaris",
    Role.KD: "Kepala Dinas",
}

_NIP = re.compile(r"\d{18}")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def nip_problem(nip: str) -> str | None:
    """Why `nip` is not a valid NIP, or None. Checks shape and the embedded birth date."""
    if not _NIP.fullmatch(nip):
        return f"NIP harus 18 digit angka, bukan {nip!r}"
    try:
        date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return f"NIP {nip} memuat tanggal lahir yang tidak valid"
    return None


def email_problem(email: str) -> str | None:
    if not _EMAIL.fullmatch(email):
        return f"alamat email {email!r} tidak valid"
    return None


@dataclass(frozen=True)
class Official:
    nip: str
    name: str
    position: str
    email: str
    unit: str
    role: Role


@dataclass(frozen=True)
class Roster:
    officials: tuple[Official, ...]

    def by_nip(self, nip: str) -> Official:
        for official in self.officials:
            if official.nip == nip:
                return official
        raise KeyError(nip)

    def with_role(self, role: Role) -> list[Official]:
        return [o for o in self.officials if o.role is role]

    def approver(self, role: Role) -> Official | None:
        """The single holder of an approver role (PP/KS/SK/KD), if the roster names one."""
        holders = self.with_role(role)
        return holders[0] if holders else None
