"""The sign-off chain PP -> KS -> SK -> KD (SOP steps 2/5, 3, 6, 7).

Each approver vouches for what the one before them vouched for, so a tick only counts when
every earlier tick is in place; a tick out of order is refused with the missing one named,
and only the latest tick may be withdrawn (it has nobody building on it yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from service.domain.roster import Role

CHAIN: tuple[Role, ...] = (Role.PP, Role.KS, Role.SK, Role.KD)

SIGNOFF_LABELS = {
    Role.PP: "Rekap selesai (Penyusun Program)",
    Role.KS: "Diverifikasi (Kasubag Penyusunan Program)",
    Role.SK: "Diperiksa (Sekretaris)",
    Role.KD: "Disahkan (Kepala Dinas)",
}


@dataclass(frozen=True)
class Decision:
    accepted: bool
    reason: str = ""


@dataclass(frozen=True)
class SignOffState:
    """The roles that have signed, always a prefix of CHAIN."""

    signed: tuple[Role, ...] = ()

    @property
    def next_role(self) -> Role | None:
        return CHAIN[len(self.signed)] if len(self.signed) < len(CHAIN) else None

    @property
    def closed(self) -> bool:
        """After the Head's approval the month is read-only."""
        return self.next_role is None

    def can_sign(self, role: Role, blockers: tuple[str, ...] = ()) -> Decision:
        if role not in CHAIN:
            return Decision(False, f"peran {role.value} tidak menandatangani rekap")
        if self.closed:
            return Decision(False, "bulan ini sudah disahkan dan ditutup")
        if role in self.signed:
            return Decision(False, f"{role.value} sudah menandatangani")
        if role is not self.next_role:
            missing = self.next_role
            assert missing is not None
            return Decision(
                False,
                f"Centang {role.value} ditolak: menunggu {SIGNOFF_LABELS[missing]} lebih dulu.",
            )
        if blockers:
            return Decision(False, f"Centang {role.value} ditolak: " + "; ".join(blockers))
        return Decision(True)

    def sign(self, role: Role, blockers: tuple[str, ...] = ()) -> SignOffState:
        decision = self.can_sign(role, blockers)
        if not decision.accepted:
            raise ValueError(decision.reason)
        return SignOffState(self.signed + (role,))

    def can_withdraw(self, role: Role) -> Decision:
        if not self.signed or self.signed[-1] is not role:
            return Decision(
                False, f"{role.value} hanya dapat ditarik bila belum ada tanda tangan sesudahnya"
            )
        if role is Role.KD:
            return Decision(False, "bulan sudah disahkan: gunakan `kinerja month reopen`")
        return Decision(True)

    def withdraw(self, role: Role) -> SignOffState:
        decision = self.can_withdraw(role)
        if not decision.accepted:
            raise ValueError(decision.reason)
        return SignOffState(self.signed[:-1])
