"""The local backend's PDF of a workbook: LibreOffice's rendering where it is installed (the
truest copy of the workbook), otherwise the service's own reportlab rendering of the same
cells, tab by tab, with the office letterhead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from service.archive.libreoffice import convert_xlsx_to_pdf
from service.archive.pdf import PdfDocument, PdfSection, render_pdf

HIDDEN_TAB_PREFIX = "_"


def _text(value: object) -> str:
    if value is None:
        return ""
    if value is True:
        return "✓"
    if value is False:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def workbook_document(path: Path, office: str, letterhead: tuple[str, ...]) -> PdfDocument:
    """Each visible tab becomes a section: its first wide row is the table header, the short
    rows above it are the tab's heading lines."""
    workbook = load_workbook(path, read_only=True)
    try:
        sections: list[PdfSection] = []
        subtitle: list[str] = []
        for sheet in workbook.worksheets:
            if sheet.title.startswith(HIDDEN_TAB_PREFIX):
                continue
            rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            rows = [r for r in rows if any(c.strip() for c in r)]
            width = max((len(r) for r in rows), default=0)
            header_index = next(
                (i for i, r in enumerate(rows) if sum(bool(c) for c in r) >= 3), None
            )
            if header_index is None:
                continue
            heading = [" ".join(c for c in r if c) for r in rows[:header_index]]
            if not subtitle:
                subtitle = heading
            header = tuple(rows[header_index] + [""] * (width - len(rows[header_index])))
            body = tuple(tuple(r + [""] * (width - len(r))) for r in rows[header_index + 1 :])
            title = (
                sheet.title
                if not heading or heading == subtitle
                else f"{sheet.title} — {heading[0]}"
            )
            sections.append(PdfSection(title=title, header=header, rows=body))
    finally:
        workbook.close()
    return PdfDocument(
        office=office,
        letterhead=letterhead,
        title=path.stem,
        subtitle_lines=tuple(subtitle),
        sections=tuple(sections),
    )


def make_renderer(
    office: str, letterhead: tuple[str, ...], prefer_libreoffice: bool = True
) -> Callable[[Path, str], bytes]:
    def render(path: Path, key: str) -> bytes:
        if prefer_libreoffice:
            converted = convert_xlsx_to_pdf(path)
            if converted is not None:
                return converted
        return render_pdf(workbook_document(path, office, letterhead))

    return render
