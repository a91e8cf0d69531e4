"""Exports: CSV/TSV of one sheet and a real PDF of the cell text (reportlab).

The PDF is built with reportlab's `invariant` mode, so the same content always gives the
same bytes (archive hashing in tests stays stable). Layout is a plain table per sheet, not
Google's rendering: only the text is meant to be compared.
"""

from __future__ import annotations

import csv
import io

from .a1 import Bounds
from .grid import read_values
from .state import Sheet, Spreadsheet


def _rows(ss: Spreadsheet, sheet: Sheet) -> list[list[str]]:
    rows = read_values(ss, sheet, Bounds(0, sheet.rows, 0, sheet.cols), "FORMATTED_VALUE", "ROWS")
    return [[str(x) for x in row] for row in rows]


def delimited(ss: Spreadsheet, sheet: Sheet, delimiter: str = ",") -> bytes:
    """Google's CSV: rows joined by CRLF, no trailing newline, quoted only when needed."""
    rows = _rows(ss, sheet)
    width = max((len(r) for r in rows), default=0)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)))
    return buf.getvalue().removesuffix("\r\n").encode("utf-8")


def pdf(
    ss: Spreadsheet,
    sheets: list[Sheet],
    title: str,
    *,
    landscape: bool = False,
    size: str = "A4",
    gridlines: bool = True,
) -> bytes:
    """Render the sheets' formatted values as a multi-page PDF."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors, pagesizes
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table
    from reportlab.platypus.tables import TableStyle

    page = pagesizes.letter if size.lower() == "letter" else pagesizes.A4
    if landscape:
        page = pagesizes.landscape(page)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=page,
        title=title,
        invariant=1,
        leftMargin=28,
        rightMargin=28,
        topMargin=28,
        bottomMargin=28,
    )
    styles = getSampleStyleSheet()
    cell_style = styles["BodyText"].clone("cell", fontSize=7, leading=8.5)
    story: list = []
    for n, sheet in enumerate(sheets):
        if n:
            story.append(PageBreak())
        story.append(Paragraph(escape(sheet.title), styles["Heading3"]))
        story.append(Spacer(1, 4))
        rows = _rows(ss, sheet)
        width = max((len(r) for r in rows), default=0)
        if not width:
            continue
        data = [
            [Paragraph(escape(x), cell_style) for x in r + [""] * (width - len(r))] for r in rows
        ]
        table = Table(data, colWidths=[doc.width / width] * width, repeatRows=0)
        if gridlines:
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]))
        story.append(table)
    if not story:
        story.append(Paragraph(escape(title), styles["Heading3"]))
    doc.build(story)
    return buf.getvalue()
