"""The embedded backend: `.xlsx` workbooks in a workspace folder, edited with Excel/LibreOffice.

How the port maps onto a file:
- a folder is a directory under `root`; a spreadsheet key is its path relative to `root`;
- the version is the file's mtime in nanoseconds, so an unchanged file is never opened;
- notes are cell comments, fills are solid pattern fills; text ranges get number format "@";
- properties (and who it is shared with) are rows in the hidden `_kinerja` tab, copied to
  `.kinerja/<file>.json` beside it so a listing opens no workbook;
- a protection is a row in the hidden `_kinerja` tab, and the cells it covers are locked
  under sheet protection. A file cannot tell who edits it, so a range with named editors
  stays open here; only service-only ranges are locked (Excel/LibreOffice enforce that).
- a tab's print setup (A4, fitted to the page width, header row on every page, wrapped
  text) is the workbook's own page setup, kept right after each write (`print_setup`).
Writes go to a temporary file that replaces the original only if nobody saved the workbook
in between, so a person's save is never overwritten by the service.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from service.sheets.local.print_setup import refresh_print
from service.sheets.local.workbook import (
    META_TAB,
    build_workbook,
    read_protections,
    read_sidecar,
    remove_sidecar,
    set_literal,
    workbook_properties,
    write_protections,
    write_sidecar,
)
from service.sheets.port import (
    READY_PROPERTY,
    CellValue,
    Grid,
    Protection,
    SheetBackendError,
    SpreadsheetRef,
    WorkbookSpec,
    WriteBatch,
)

NOTE_AUTHOR = "kinerja"

PdfRenderer = Callable[[Path, str], bytes]


class LocalBackend:
    """`SheetBackend` over `.xlsx` files below `root`."""

    name = "local"
    ticks_prove_identity = False

    def __init__(self, root: Path, pdf_renderer: PdfRenderer | None = None) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._pdf_renderer = pdf_renderer
        self.write_count = 0
        self.read_count = 0

    # -- folders and listing -------------------------------------------------------------
    def ensure_folder(self, path: Sequence[str]) -> str:
        folder = self.root.joinpath(*path)
        folder.mkdir(parents=True, exist_ok=True)
        return folder.relative_to(self.root).as_posix()

    def list_spreadsheets(self, folder: str) -> list[SpreadsheetRef]:
        directory = self.root / folder
        if not directory.is_dir():
            return []
        return [self._ref(path, self._listed_properties(path))
                for path in sorted(directory.glob("*.xlsx")) if not _is_scratch(path)]

    def _listed_properties(self, path: Path) -> dict[str, str]:
        """The JSON copy written at creation; the workbook itself (opened read-only) for a
        file that has none, e.g. one saved just before a crash. An unreadable file has none."""
        found = read_sidecar(path)
        if found is not None:
            return found
        try:
            workbook = load_workbook(path, read_only=True)
        except Exception:  # not a workbook the service can read: no properties, never adopted
            return {}
        try:
            return workbook_properties(workbook)
        finally:
            workbook.close()

    def path_of(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise SheetBackendError(f"kunci di luar workspace: {key}")
        return path

    def _ref(self, path: Path, properties: dict[str, str]) -> SpreadsheetRef:
        stat = path.stat()
        return SpreadsheetRef(
            key=path.relative_to(self.root).as_posix(),
            title=path.stem,
            version=str(stat.st_mtime_ns),
            modified=datetime.fromtimestamp(stat.st_mtime, UTC),
            properties=properties,
        )

    # -- provisioning --------------------------------------------------------------------
    def create_spreadsheet(self, folder: str, spec: WorkbookSpec) -> SpreadsheetRef:
        path = self.root / folder / f"{_safe_filename(spec.title)}.xlsx"
        if path.exists():
            raise SheetBackendError(f"sudah ada: {path.name}")
        properties = {**spec.properties, READY_PROPERTY: "1"}  # one atomic save: always ready
        workbook = build_workbook(spec, properties)
        self._save(workbook, path, expected_version=None)
        write_sidecar(path, properties)
        return self._ref(path, properties)

    def discard(self, key: str) -> None:
        path = self.path_of(key)
        path.unlink(missing_ok=True)
        remove_sidecar(path)

    def share(self, key: str, emails: Sequence[str]) -> dict[str, str]:
        """Nothing to share: a workbook reaches people by mail or the portal."""
        return {}

    # -- reading -------------------------------------------------------------------------
    def read_values(self, key: str, ranges: Sequence[tuple[str, str]]) -> list[Grid]:
        self.read_count += 1
        workbook = self._load(key, read_only=True)
        try:
            return [_read_range(workbook, tab, a1) for tab, a1 in ranges]
        finally:
            workbook.close()

    def read_notes(self, key: str, tab: str) -> dict[str, str]:
        sheet = self._load(key)[tab]
        return {
            cell.coordinate: cell.comment.text
            for row in sheet.iter_rows()
            for cell in row
            if cell.comment is not None
        }

    def list_protections(self, key: str) -> list[Protection]:
        return read_protections(self._load(key))

    def tab_titles(self, key: str) -> list[str]:
        workbook = self._load(key, read_only=True)
        try:
            return [t for t in workbook.sheetnames if t != META_TAB]
        finally:
            workbook.close()

    def properties(self, key: str) -> dict[str, str]:
        return workbook_properties(self._load(key))

    # -- writing -------------------------------------------------------------------------
    def apply(self, key: str, batch: WriteBatch) -> str | None:
        if batch.is_empty():
            return None
        path = self.path_of(key)
        version = str(path.stat().st_mtime_ns)
        workbook = self._load(key)
        written: dict[str, Worksheet] = {}
        for tab, a1, grid in batch.values:
            sheet = written[tab] = _sheet(workbook, tab, key)
            min_col, min_row, _, _ = range_boundaries(a1.split(":")[0])
            for r, row in enumerate(grid):
                for c, value in enumerate(row):
                    set_literal(sheet.cell(min_row + r, min_col + c), value)
        for sheet in written.values():
            refresh_print(sheet)  # new rows wrapped and bordered, rows sized, print area
        for (tab, a1), text in batch.notes.items():
            cell = _sheet(workbook, tab, key)[a1]
            cell.comment = Comment(text, NOTE_AUTHOR, width=320, height=120) if text else None
        for (tab, a1), colour in batch.fills.items():
            cell = _sheet(workbook, tab, key)[a1]
            cell.fill = (
                PatternFill("solid", fgColor=colour.lstrip("#")) if colour else PatternFill()
            )
        if batch.protect or batch.unprotect:
            current = {p.name: p for p in read_protections(workbook)}
            for name in batch.unprotect:
                current.pop(name, None)
            for protection in batch.protect:
                current[protection.name] = protection
            write_protections(workbook, list(current.values()))
        self._save(workbook, path, expected_version=version)
        self.write_count += 1
        return str(path.stat().st_mtime_ns)

    def evidence_access(self, file_ids: Sequence[str],
                        reviewers: Sequence[str]) -> dict[str, list[str] | None]:
        """A local workspace has no view of Drive sharing: nothing to report."""
        return {}

    def link(self, key: str) -> str:
        return str(self.path_of(key))

    def export_pdf(self, key: str) -> bytes:
        if self._pdf_renderer is None:
            raise SheetBackendError("tidak ada pembuat PDF untuk backend lokal")
        return self._pdf_renderer(self.path_of(key), key)

    # -- files ---------------------------------------------------------------------------
    def _load(self, key: str, read_only: bool = False) -> Workbook:
        path = self.path_of(key)
        try:
            return load_workbook(path, read_only=read_only)
        except FileNotFoundError as error:
            raise SheetBackendError(f"berkas tidak ditemukan: {key}") from error
        except Exception as error:  # a corrupt or non-xlsx file must not stop the cycle
            raise SheetBackendError(f"berkas {key} tidak dapat dibaca: {error}") from error

    def _save(self, workbook: Workbook, path: Path, expected_version: str | None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".xlsx", dir=path.parent)
        os.close(handle)
        try:
            workbook.save(temp)
            if expected_version is not None and str(path.stat().st_mtime_ns) != expected_version:
                raise SheetBackendError(
                    f"{path.name} disimpan orang lain saat layanan menulis; dicoba lagi nanti"
                )
            os.replace(temp, path)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)


def _is_scratch(path: Path) -> bool:
    """Our own half-written temporary files (".tmp*.xlsx") and Excel's "~$" owner files."""
    return path.name.startswith((".", "~$"))


def _safe_filename(title: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in " ()-_." else "_" for ch in title)
    return " ".join(keep.split())[:150]


def _sheet(workbook: Workbook, tab: str, key: str) -> Worksheet:
    if tab not in workbook.sheetnames:
        raise SheetBackendError(f"tab {tab!r} tidak ada di {key}")
    return workbook[tab]


def _read_range(workbook: Workbook, tab: str, a1: str) -> Grid:
    if tab not in workbook.sheetnames:
        return []
    sheet = workbook[tab]
    min_col, min_row, max_col, max_row = range_boundaries(a1)
    grid: Grid = []
    for row in sheet.iter_rows(
        min_row=min_row,
        max_row=max_row or sheet.max_row,
        min_col=min_col,
        max_col=max_col or sheet.max_column,
        values_only=True,
    ):
        values = [None if (isinstance(v, str) and not v.strip()) else v for v in row]
        while values and values[-1] is None:
            values.pop()
        grid.append([_plain(v) for v in values])
    while grid and not grid[-1]:
        grid.pop()
    return grid


def _plain(value: object) -> CellValue:
    """Dates stay readable as text for the parser; everything else is already a scalar (a
    time or duration, which only a cell formatted by hand can hold, reads as its text)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)
