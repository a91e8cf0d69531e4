"""The locks sign-off adds, and where the sign-off ticks are.

Each lock is a named protection so that adding it again replaces it and withdrawing a
sign-off removes exactly what it added.
"""

from __future__ import annotations

from service.domain.roster import Role
from service.domain.signoff import CHAIN, SIGNOFF_LABELS
from service.sheets.layout import MasterLayout, OfficialLayout
from service.sheets.port import Protection


def signoff_tick_cell(layout: MasterLayout, role: Role) -> str:
    row = layout.signoff.first_data_row + CHAIN.index(role)
    return f"{layout.signoff.col('tick')}{row}"


def signoff_lock(layout: MasterLayout, role: Role, recap_rows: int) -> list[Protection]:
    """What the master gains when `role` signs. PP's lock on officials' sheets is separate."""
    recap = layout.recap
    last = recap.last_data_row(recap_rows)
    review = recap.col("review")
    label = f"Dikunci setelah {SIGNOFF_LABELS[role]}"
    if role is Role.KS:
        return [
            Protection(
                "kunci-KS",
                recap.tab,
                f"{review}{recap.first_data_row}:{recap.last_col}{last}",
                description=label,
            )
        ]
    if role in (Role.SK, Role.KD):
        return [
            Protection(
                f"kunci-{role.value}", recap.tab, f"A1:{recap.last_col}{last}", description=label
            ),
            Protection(
                f"kunci-{role.value}-centang",
                layout.signoff.tab,
                signoff_tick_cell(layout, role),
                description=label,
            ),
        ]
    return []


def official_row_lock(layout: OfficialLayout, index: int) -> Protection:
    """Close one indicator row of an official's sheet; per row so one can be reopened alone."""
    table = layout.table
    editable = layout.editable_columns()
    row = table.data_row(index)
    return Protection(
        f"kunci-baris-{row}",
        table.tab,
        f"{editable[0].letter}{row}:{editable[-1].letter}{row}",
        description="Data dikunci setelah rekap selesai",
    )


def official_submit_lock(layout: OfficialLayout) -> Protection:
    return Protection(
        "kunci-kirim",
        layout.table.tab,
        layout.submit_cell,
        description="Data dikunci setelah rekap selesai",
    )
