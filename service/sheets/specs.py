"""Build the `WorkbookSpec`s that provisioning hands to a backend, and the locks sign-off adds.

Protected ranges tile the service-owned area without overlapping, because on Google a cell
in two protected ranges is editable only by people listed on both; locks added later
(sign-off) overlap on purpose, to close cells that were open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from service.domain.agreement import Indicator
from service.domain.period import Period
from service.domain.roster import Official, Role
from service.domain.signoff import CHAIN, SIGNOFF_LABELS
from service.sheets.layout import MasterLayout, OfficialLayout, Table
from service.sheets.locks import signoff_tick_cell
from service.sheets.port import PrintSetup, Protection, TabSpec, WorkbookSpec

KIND_OFFICIAL = "pj"
NOT_FILLED = "Belum diisi"  # the Validasi cell of a row nobody has typed in yet
KIND_MASTER = "rekap"


def print_setup(table: Table, *wrap_cells: str) -> PrintSetup:
    """A table's print choices, from its template: orientation and the columns that wrap."""
    return PrintSetup(landscape=table.landscape, header_row=table.header_row,
                      last_col=table.last_col, wrap_columns=table.wrap_columns(),
                      wrap_cells=wrap_cells)


def official_print_setup(layout: OfficialLayout) -> PrintSetup:
    # the identity and submit labels sit in the narrow first column
    return print_setup(layout.table, f"A2:A{layout.submit_row}")


def template_print_setups(master: MasterLayout,
                          official: OfficialLayout) -> dict[str, PrintSetup]:
    """Every tab's print setup by its title, for a workbook made before tabs had one."""
    tables = (master.recap, master.signoff, master.summary, master.sla, master.ytd)
    return {**{t.tab: print_setup(t) for t in tables},
            official.table.tab: official_print_setup(official)}


def number(value: Decimal) -> int | float:
    """A Decimal as the plainest JSON/xlsx number."""
    return int(value) if value == value.to_integral_value() else float(value)


def official_title(period: Period, official: Official) -> str:
    return f"Kinerja {period} - {official.name} ({official.nip})"


def master_title(period: Period) -> str:
    return f"Rekap Kinerja {period}"


def official_spec(
    layout: OfficialLayout,
    period: Period,
    office: str,
    official: Official,
    indicators: Sequence[Indicator],
    deadline_text: str,
) -> WorkbookSpec:
    table = layout.table
    identity = {
        "period": period.label,
        "name": official.name,
        "nip": official.nip,
        "position": official.position,
        "unit": official.unit,
        "deadline": deadline_text,
    }
    rows: list[list] = [[table.title]]
    rows += [[label, identity[key]] for key, label in layout.identity_rows]
    while len(rows) < layout.submit_row - 1:
        rows.append([])
    rows.append([layout.submit_label, False, layout.submit_hint])
    while len(rows) < table.header_row - 1:
        rows.append([])
    rows.append(table.headers())
    for index, indicator in enumerate(indicators, start=1):
        values = {
            "no": index,
            "code": indicator.code,
            "indicator": indicator.name,
            "unit": indicator.unit,
            "target": number(indicator.target_for(period.month)),
            "validation": NOT_FILLED,
        }
        rows.append([values.get(c.key) for c in table.columns])
    last = table.last_data_row(len(indicators))
    first = table.first_data_row
    end_col = table.last_col
    realization = table.col("realization")
    protections = [
        Protection(
            "kepala",
            table.tab,
            f"A1:{end_col}{layout.submit_row - 1}",
            description="Identitas dan periode (diisi layanan)",
        ),
        Protection("kirim-label", table.tab, f"A{layout.submit_row}"),
        Protection(
            "kirim-keterangan", table.tab, f"C{layout.submit_row}:{end_col}{layout.submit_row}"
        ),
        Protection(
            "judul-tabel", table.tab, f"A{layout.submit_row + 1}:{end_col}{table.header_row}"
        ),
    ]
    for start, stop in _service_column_runs(layout):
        protections.append(
            Protection(
                f"kolom-{start}",
                table.tab,
                f"{start}{first}:{stop}{last}",
                description="Target dan kolom layanan dikunci",
            )
        )
    return WorkbookSpec(
        title=official_title(period, official),
        tabs=[
            TabSpec(
                title=table.tab,
                rows=rows,
                column_widths=table.widths(),
                bold_rows=(1, table.header_row),
                frozen_rows=table.header_row,
                checkboxes=(layout.submit_cell,),
                # typed realizations reach the parser as typed ("85%", "7.300", "12,5")
                text_ranges=(f"{realization}{first}:{realization}{last}",),
                print_setup=official_print_setup(layout),
            )
        ],
        protections=protections,
        properties={
            "kinerja_office": office,
            "kinerja_period": str(period),
            "kinerja_kind": KIND_OFFICIAL,
            "kinerja_nip": official.nip,
        },
        share_with=(official.email,),
    )


def tick_protection(layout: MasterLayout, role: Role, person: Official | None) -> Protection:
    """The tick cell only its approver (and the service) may change: what makes a tick a
    signature on Google (jobs/parts/tick_places.py puts it back when someone altered it)."""
    return Protection(
        f"centang-{role.value}",
        layout.signoff.tab,
        signoff_tick_cell(layout, role),
        editors=(person.email,) if person else (),
        description=f"Centang {SIGNOFF_LABELS[role]}",
    )


def _service_column_runs(layout: OfficialLayout) -> list[tuple[str, str]]:
    """Contiguous runs of non-editable columns, e.g. [("A","E"), ("G","G"), ("K","K")]."""
    runs: list[tuple[str, str]] = []
    start: str | None = None
    previous = ""
    for column in layout.table.columns:
        if column.editable:
            if start:
                runs.append((start, previous))
            start = None
        elif start is None:
            start = column.letter
        previous = column.letter
    if start:
        runs.append((start, previous))
    return runs


@dataclass(frozen=True)
class RecapRow:
    official: Official
    indicator: Indicator


def master_spec(
    layout: MasterLayout,
    period: Period,
    office: str,
    office_name: str,
    rows: Sequence[RecapRow],
    approvers: dict[Role, Official],
) -> WorkbookSpec:
    recap = layout.recap
    sheet: list[list] = [
        [f"{recap.title} — {period.label.upper()}"],
        [office_name],
        ["Status: disiapkan"],
    ]
    while len(sheet) < recap.header_row - 1:
        sheet.append([])
    sheet.append(recap.headers())
    for index, row in enumerate(rows, start=1):
        values = {
            "no": index,
            "nip": row.official.nip,
            "name": row.official.name,
            "unit": row.official.unit,
            "code": row.indicator.code,
            "indicator": row.indicator.name,
            "unit_of_measure": row.indicator.unit,
            "target": number(row.indicator.target_for(period.month)),
            "status": "belum diisi",
        }
        sheet.append([values.get(c.key) for c in recap.columns])
    first, last = recap.first_data_row, recap.last_data_row(len(rows))
    review = recap.col("review")
    before_review = recap.col_beside("review", -1)
    ks = approvers.get(Role.KS)
    protections = [
        Protection("rekap-kepala", recap.tab, f"A1:{recap.last_col}{recap.header_row}"),
        Protection(
            "rekap-layanan",
            recap.tab,
            f"A{first}:{before_review}{last}",
            description="Rekap diisi layanan dari lembar pejabat",
        ),
        Protection(
            "rekap-reviu",
            recap.tab,
            f"{review}{first}:{recap.last_col}{last}",
            editors=(ks.email,) if ks else (),
            description="Kolom reviu Kasubag",
        ),
    ]
    sign = layout.signoff
    panel: list[list] = [[sign.title], [period.label]]
    while len(panel) < sign.header_row - 1:
        panel.append([])
    panel.append(sign.headers())
    for role in CHAIN:
        person = approvers.get(role)
        panel.append(
            [
                role.value,
                SIGNOFF_LABELS[role],
                person.name if person else "",
                person.nip if person else "",
                person.position if person else "",
                False,
            ]
        )
    top, bottom = sign.first_data_row, sign.first_data_row + len(CHAIN) - 1
    before_tick = sign.col_beside("tick", -1)
    after_tick = sign.col_beside("tick", 1)
    protections += [
        Protection("pengesahan-kepala", sign.tab, f"A1:{sign.last_col}{sign.header_row}"),
        Protection("pengesahan-data", sign.tab, f"A{top}:{before_tick}{bottom}"),
        Protection("pengesahan-waktu", sign.tab, f"{after_tick}{top}:{sign.last_col}{bottom}"),
    ]
    protections += [tick_protection(layout, role, approvers.get(role)) for role in CHAIN]
    report_tabs = []
    for name, table in (("ringkasan", layout.summary), ("sla", layout.sla),
                        ("tahun-berjalan", layout.ytd)):
        # Whole tabs the service fills from the recap; nobody types here ("" = the whole tab,
        # however many rows an office has).
        protections.append(Protection(name, table.tab, "",
                                      description=f"{table.title} (diisi layanan)"))
        report_tabs.append(TabSpec(table.tab, [[table.title], [period.label], [*table.headers()]],
                                   table.widths(), bold_rows=(1, table.header_row),
                                   frozen_rows=table.header_row,
                                   print_setup=print_setup(table)))
    return WorkbookSpec(
        title=master_title(period),
        tabs=[
            TabSpec(
                recap.tab,
                sheet,
                recap.widths(),
                bold_rows=(1, recap.header_row),
                frozen_rows=recap.header_row,
                dropdowns=((f"{review}{first}:{review}{last}", layout.review_options),),
                print_setup=print_setup(recap),
            ),
            TabSpec(
                sign.tab,
                panel,
                sign.widths(),
                bold_rows=(1, sign.header_row),
                checkboxes=tuple(signoff_tick_cell(layout, r) for r in CHAIN),
                print_setup=print_setup(sign),
            ),
            *report_tabs,
        ],
        protections=protections,
        properties={
            "kinerja_office": office,
            "kinerja_period": str(period),
            "kinerja_kind": KIND_MASTER,
        },
        share_with=tuple(sorted({p.email for p in approvers.values()})),
    )
