"""Where each approver's tick is, and whether its protection still proves who ticked.

On Google a tick is a signature because its cell's protected range lets only that approver
(and the service) edit it. That proof can be undone in the sheet itself: an approver may edit
their own protection (add editors, remove it), and a row inserted above the panel moves the
protected cells while a fixed address would then read an unprotected cell anyone can type
into (reviews F10). So the ticks are read where their protections are now, and a tick whose
protection is gone, widened or shared with others is not read at all: the sign-off stays as
recorded, the cell gets a note, and the write phase puts the protection back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.domain.roster import Role, Roster
from service.domain.signoff import CHAIN
from service.sheets.layout import MasterLayout
from service.sheets.locks import signoff_tick_cell
from service.sheets.port import Protection, SheetBackend
from service.sheets.specs import tick_protection

PREFIX = "centang-"  # as specs.tick_protection names them


@dataclass
class TickPlaces:
    """Cells to read per role, and the roles whose tick cannot be trusted (with why)."""

    cells: dict[Role, str] = field(default_factory=dict)
    altered: dict[Role, str] = field(default_factory=dict)
    moved: dict[Role, str] = field(default_factory=dict)


def fixed_places(layout: MasterLayout) -> TickPlaces:
    """The panel as provisioned (the local backend: its ticks prove nothing anyway)."""
    return TickPlaces(cells={role: signoff_tick_cell(layout, role) for role in CHAIN})


def tick_places(backend: SheetBackend, key: str, layout: MasterLayout,
                roster: Roster) -> TickPlaces:
    """One metadata read: each tick's protected range as it is now."""
    found = {p.name: p for p in backend.list_protections(key)}
    places = TickPlaces()
    for role in CHAIN:
        person = roster.approver(role)
        why = _broken(found.get(PREFIX + role.value), layout.signoff.tab,
                      person.email if person else None)
        if why:
            places.altered[role] = why
            continue
        cell = found[PREFIX + role.value].a1_range
        places.cells[role] = cell
        if cell != signoff_tick_cell(layout, role):
            places.moved[role] = cell
    return places


def _broken(protection: Protection | None, tab: str, approver: str | None) -> str | None:
    if protection is None:
        return "perlindungan sel centang ini dihapus"
    if protection.tab != tab or ":" in protection.a1_range or not protection.a1_range:
        return "perlindungan sel centang ini dipindah atau diperluas"
    editors = {e.lower() for e in protection.editors}
    if approver is None or editors != {approver.lower()}:
        return "daftar editor perlindungan sel centang ini diubah"
    return None


def restored(layout: MasterLayout, roster: Roster, roles: list[Role]) -> list[Protection]:
    """The tick protections as provisioned, for the roles whose protection was altered."""
    return [tick_protection(layout, role, roster.approver(role)) for role in roles]
