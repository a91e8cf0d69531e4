"""The local backend's PDF of a workbook: LibreOffice's print of it where it is installed
(the truest copy: each tab as its print setup lays it out), otherwise, or when chosen, the
service's own reportlab rendering of the same cells, tab by tab, with the office
letterhead."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import load_workbook

from service.archive.libreoffice import convert_xlsx_to_pdf
from service.archive.pdf import PdfDocument, PdfSection, render_pdf
from service.sheets.layout import master_layout, official_layout
from service.sheets.local.print_setup import add_letterhead, apply_print_setup, header_row
from service.sheets.port import SheetBackendError
from service.sheets.specs import template_print_setups

log = logging.getLogger(__name__)

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
    """Each visible tab becomes a section: its header row (the one its print setup repeats,
    else its first wide row) heads the table, the rows above it are the tab's heading
    lines. A tab set to print landscape (its print setup, sheets/local/print_setup.py) is a
    landscape section, as LibreOffice would print it."""
    workbook = load_workbook(path)  # not read-only: that mode does not read page setups
    try:
        sections: list[PdfSection] = []
        subtitle: list[str] = []
        for sheet in workbook.worksheets:
            if sheet.title.startswith(HIDDEN_TAB_PREFIX) or sheet.sheet_state != "visible":
                continue
            numbered = [(n, [_text(v) for v in row])
                        for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
            numbered = [(n, r) for n, r in numbered if any(c.strip() for c in r)]
            rows = [r for _, r in numbered]
            width = max((len(r) for r in rows), default=0)
            # the row the print setup repeats on every page, else the first wide row (a
            # ticked submit row has three cells too, but it is not the table's header)
            titled = header_row(sheet)
            header_index = next((i for i, (n, _) in enumerate(numbered) if n == titled), None)
            if header_index is None:
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
            sections.append(PdfSection(title=title, header=header, rows=body,
                                       landscape=sheet.page_setup.orientation == "landscape"))
    finally:
        workbook.close()
    return PdfDocument(
        office=office,
        letterhead=letterhead,
        title=path.stem,
        subtitle_lines=tuple(subtitle),
        sections=tuple(sections),
    )


AUTO, LIBREOFFICE, REPORTLAB = "auto", "libreoffice", "reportlab"
RENDERERS = (AUTO, LIBREOFFICE, REPORTLAB)


def make_renderer(
    office: str, letterhead: tuple[str, ...], renderer: str = AUTO
) -> Callable[[Path, str], bytes]:
    """The local backend's PDF export. "auto": LibreOffice where it is installed, else the
    reportlab rendering; "libreoffice" insists (an archive meant to be LibreOffice's print
    fails rather than silently changing renderer); "reportlab" never starts LibreOffice
    (quick, and the same bytes on every machine)."""
    if renderer not in RENDERERS:
        raise ValueError(f"pembuat PDF {renderer!r} tidak dikenal: pilih {', '.join(RENDERERS)}")

    def render(path: Path, key: str) -> bytes:
        # no print copy to prepare where LibreOffice is missing ("auto" falls back at once)
        if renderer == LIBREOFFICE or (renderer == AUTO and shutil.which("soffice")):
            with tempfile.TemporaryDirectory(prefix="kinerja-cetak-") as folder:
                converted = convert_xlsx_to_pdf(
                    print_copy(path, Path(folder), (office, *letterhead)))
            if converted is not None:
                return converted
            if renderer == LIBREOFFICE:
                raise SheetBackendError(f"LibreOffice tidak dapat membuat PDF {key} "
                                        "(soffice tidak terpasang atau gagal; lihat log)")
        return render_pdf(workbook_document(path, office, letterhead))

    return render


def print_copy(path: Path, folder: Path, letterhead: Sequence[str] = ()) -> Path:
    """The copy of the workbook that LibreOffice prints, in `folder`: the office letterhead
    above its first tab, and for a workbook made before tabs had a print setup, their
    template's (LibreOffice would print those column block by column block, text cut at
    the cell borders). The workbook itself is left as it is; `path` if openpyxl cannot
    read it (LibreOffice may)."""
    try:
        workbook = load_workbook(path)
    except Exception as error:
        log.warning("cannot prepare %s for printing: %s", path, error)
        return path
    setups = template_print_setups(master_layout(), official_layout())
    visible = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
    for sheet in visible:
        if sheet.title in setups and header_row(sheet) is None:
            apply_print_setup(sheet, setups[sheet.title])
    if visible:
        add_letterhead(visible[0], letterhead)
    copy = folder / path.name
    workbook.save(copy)
    return copy
