"""Write the sample roster workbook (sheet_templates/roster-contoh.xlsx) from the fictional
office in service/demo/sample_office.py. Run again after changing that office."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from service.demo.sample_office import INDICATORS, PEOPLE, email_for, monthly_targets
from service.sheets.roster_workbook import INDICATOR_COLUMNS, PEOPLE_COLUMNS

DEFAULT_TARGET = Path(__file__).resolve().parents[1] / "sheet_templates" / "roster-contoh.xlsx"


def build(year: int) -> Workbook:
    workbook = Workbook()
    people = workbook.active
    people.title = "Pegawai"
    people.append(list(PEOPLE_COLUMNS))
    for nip, name, position, unit, role in PEOPLE:
        people.append([nip, name, position, email_for(name), unit, role])
    indicators = workbook.create_sheet("Indikator")
    indicators.append(list(INDICATOR_COLUMNS))
    for nip, items in INDICATORS.items():
        for code, name, unit, polarity, cumulative, evidence, yearly, low, high in items:
            targets = monthly_targets(Decimal(yearly), cumulative)
            indicators.append([
                year, nip, code, name, unit, polarity, "ya" if cumulative else "tidak",
                "ya" if evidence else "tidak", float(yearly), float(low) if low else None,
                float(high) if high else None, *[float(t) for t in targets],
            ])
    for sheet, widths in ((people, (22, 36, 48, 44, 18, 8)),
                          (indicators, (7, 22, 9, 56, 10, 10, 10, 11, 14, 11, 11))):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(65 + index)].width = width
        sheet.freeze_panes = "A2"
    return workbook


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT_TARGET
    year = int(argv[2]) if len(argv) > 2 else 2026
    build(year).save(target)
    print(f"contoh daftar pegawai ditulis ke {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
