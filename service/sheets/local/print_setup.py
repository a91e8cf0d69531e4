"""The print setup of a local workbook's tab, kept right as the service writes to it.

A government report is read on paper: A4, each table fitted to the page width so pages run
top to bottom (never a table continued sideways on another page), its header row repeated
on every page, and no text cut at a cell border. Excel and LibreOffice print a tab from
its page setup, and the local archive is LibreOffice's print of the workbook, so the setup
lives in the workbook itself: what a person gets from Print is what the archive holds.

The setup is stored where a spreadsheet keeps it (page setup, print titles, print area,
column styles), so later writes need no spec: after each write the table's cells get
their borders and their column's wrapping (rows appended since included), the print area
grows to the last row, and each row is made as tall as its wrapped text. Rows are sized
here because LibreOffice does not recompute row heights when it opens an .xlsx: a wrapped
cell in a row of default height would still be cut off.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.pdfbase.pdfmetrics import stringWidth

from service.sheets.port import PrintSetup

FONT = "Calibri"  # openpyxl's default; LibreOffice maps it to the metric-compatible Carlito
WRAP = Alignment(wrap_text=True, vertical="top")
PLAIN = Alignment(vertical="top")
HEADER = Alignment(wrap_text=True, horizontal="center", vertical="center")
_SIDE = Side(style="thin", color="808080")
GRID = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters
LINE_POINTS = 15.0  # one line of 11 pt text: Excel's default row height
# Text is measured in widths of the digit "0", the unit of an .xlsx column width, so the
# estimate holds whichever font stands in for Calibri (Carlito, DejaVu Sans). Counted so,
# Helvetica is a little wider than either (its line breaks matched LibreOffice's with
# DejaVu Sans), which keeps the estimate on the safe side: a line too many leaves a little
# space, a line too few would hide text. Bold gets some more room.
_BOLD_SLACK = 1.05


def apply_print_setup(sheet: Worksheet, setup: PrintSetup) -> None:
    """When the tab is created (or, for a tab made before print setups, on the archive's
    print copy)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if setup.landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7,
                                     header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.center.text = setup.footer
    if setup.header_row:
        sheet.print_title_rows = f"{setup.header_row}:{setup.header_row}"
    for letter in setup.wrap_columns:
        sheet.column_dimensions[letter].alignment = WRAP
    # Titles and labels above the table get a style of their own: LibreOffice would give a
    # cell without one its column's wrapping, and a title would wrap in a narrow column.
    for row in sheet.iter_rows(max_row=setup.header_row - 1) if setup.header_row > 1 else ():
        for cell in row:
            if cell.value is not None:
                cell.alignment = PLAIN
    for a1 in setup.wrap_cells:
        for row in sheet[a1] if ":" in a1 else ((sheet[a1],),):
            for cell in row:
                cell.alignment = WRAP
    sheet.print_area = f"A1:{setup.last_col}{max(sheet.max_row, setup.header_row, 1)}"
    refresh_print(sheet)


def refresh_print(sheet: Worksheet) -> None:
    """After a write: style the table, extend the print area, size the rows. A tab without
    print titles was not made with a print setup and is left as it is."""
    header = header_row(sheet)
    if header is None:
        return
    last_col = _print_last_col(sheet)
    width = column_index_from_string(last_col)
    wrapped = _wrapped_columns(sheet)
    last_row = header
    for row in sheet.iter_rows(min_row=header, max_col=width):
        filled = any(_text(c.value) for c in row)
        if filled:
            last_row = row[0].row
        for cell in row:
            if cell.row == header:
                cell.alignment, cell.border, cell.fill = HEADER, GRID, HEADER_FILL
            else:
                cell.alignment = WRAP if cell.column in wrapped else PLAIN
                cell.border = GRID if filled else Border()
    sheet.print_area = f"A1:{last_col}{last_row}"
    fit_row_heights(sheet, width)


def add_letterhead(sheet: Worksheet, lines: Sequence[str]) -> None:
    """For a print copy only (the archive's): the office's letterhead as centred rows above
    the tab, ruled off below, as the reportlab rendering prints it on its first page."""
    header = header_row(sheet)
    if header is None or not lines:
        return
    last_col = _print_last_col(sheet)
    count = len(lines) + 1  # and a blank row below the rule
    sheet.insert_rows(1, count)
    sheet.print_title_rows = f"{header + count}:{header + count}"
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row, 1, line)
        cell.font = Font(name=FONT, bold=True, sz=14 if row == 1 else 12)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.merge_cells(f"A{row}:{last_col}{row}")
    rule = Border(bottom=Side(style="medium"))
    for column in range(1, column_index_from_string(last_col) + 1):
        sheet.cell(len(lines), column).border = rule
    refresh_print(sheet)  # rows moved down: size them again
    for row in range(1, len(lines) + 1):
        sheet.row_dimensions[row].height = 21.0 if row == 1 else 18.0


def header_row(sheet: Worksheet) -> int | None:
    """The repeated header row ("$5:$5" -> 5), or None without print titles."""
    found = re.search(r"\$?(\d+):\$?\d+", sheet.print_title_rows or "")
    return int(found.group(1)) if found else None


def _print_last_col(sheet: Worksheet) -> str:
    found = re.search(r":\$?([A-Z]+)\$?\d+$", str(sheet.print_area or ""))
    return found.group(1) if found else get_column_letter(max(sheet.max_column, 1))


def _wrapped_columns(sheet: Worksheet) -> set[int]:
    """Column indexes whose column style wraps (a saved file may group columns: A:C)."""
    wrapped: set[int] = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.alignment is not None and dimension.alignment.wrap_text:
            low = dimension.min or column_index_from_string(dimension.index)
            wrapped.update(range(low, (dimension.max or low) + 1))
    return wrapped


def _column_widths(sheet: Worksheet, count: int) -> dict[int, float]:
    widths = dict.fromkeys(range(1, count + 1), DEFAULT_WIDTH)
    for dimension in sheet.column_dimensions.values():
        if dimension.width:
            low = dimension.min or column_index_from_string(dimension.index)
            for index in range(low, (dimension.max or low) + 1):
                widths[index] = dimension.width
    return widths


def fit_row_heights(sheet: Worksheet, count: int) -> None:
    """Each row as tall as its most wrapped cell; rows of one line keep the default."""
    widths = _column_widths(sheet, count)
    for row in sheet.iter_rows(max_col=count):
        tallest = 0.0
        for cell in row:
            text = _text(cell.value)
            if not text or not (cell.alignment is not None and cell.alignment.wrap_text):
                continue
            size = float(cell.font.sz or 11) if cell.font is not None else 11.0
            bold = bool(cell.font is not None and cell.font.b)
            lines = line_count(text, widths[cell.column], size, bold)
            tallest = max(tallest, lines * LINE_POINTS * size / 11)
        dimension = sheet.row_dimensions[row[0].row]
        dimension.height = tallest if tallest > LINE_POINTS else None


def _units(text: str, size: float, bold: bool) -> float:
    """Width of `text` in digit widths of 11 pt text (an .xlsx column is counted in those)."""
    font = "Helvetica-Bold" if bold else "Helvetica"
    width = stringWidth(text, font, size) / stringWidth("0", "Helvetica", 11)
    return width * _BOLD_SLACK if bold else width


def line_count(text: str, column_width: float, size: float = 11, bold: bool = False) -> int:
    """Lines `text` takes in a wrapped cell `column_width` characters wide, broken at spaces
    as a spreadsheet does, and inside a word only when the word alone is too wide."""
    room = max(column_width - 0.5, 1.0)  # less the cell's padding
    space = _units(" ", size, bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            size_of = _units(word, size, bold)
            if used and used + space + size_of > room:
                lines += 1
                used = 0.0
            if not used and size_of > room:
                extra = math.ceil(size_of / room) - 1
                lines += extra
                size_of -= extra * room
            used += (space if used else 0.0) + size_of
    return lines


def _text(value: object) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "TRUE" if value else "FALSE"
    return str(value).strip()
