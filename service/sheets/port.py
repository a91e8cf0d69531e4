"""The `SheetBackend` port: what jobs need from a spreadsheet service, and nothing more.

Jobs speak only this protocol, so the same job runs on Google Sheets and on local `.xlsx`
files. The shape follows the Google quota: every method is one round trip (or one batch) per
spreadsheet, so a job's request count can be read off its calls.

Cells are addressed as (tab title, A1 reference). Values are what a person typed, as plain
Python scalars: `str`, `int`, `float`, `bool` (checkbox) or `None` (blank).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

CellValue = str | int | float | bool | None
Grid = list[list[CellValue]]

# Written last when a spreadsheet is created, after its tabs, protections and sharing: a
# listed spreadsheet without it is a leftover of a creation that was cut off half-way.
READY_PROPERTY = "kinerja_ready"


@dataclass(frozen=True)
class Formula:
    """A formula authored by the service's template (never built from a person's text)."""

    text: str


TemplateValue = CellValue | Formula


@dataclass(frozen=True)
class Protection:
    """A named protected range.

    `editors` are the people (emails) allowed to edit besides the service itself; an empty
    tuple means only the service may edit. The name is the service's handle for idempotent
    add/remove; the description is shown to people (Indonesian).
    """

    name: str
    tab: str
    a1_range: str
    editors: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class PrintSetup:
    """How a tab prints, for whoever presses Print in Excel or LibreOffice and for the local
    archive's PDF: A4 in the tab's orientation, every column fitted to the page width (pages
    run top to bottom only), the table's header row repeated on every page, long text
    wrapped instead of cut at the cell border, and "Halaman n dari m" in the footer.

    `wrap_columns` wrap from the header row down, rows the service appends later included;
    `wrap_cells` (A1 ranges) are labels above the table that sit in a narrow column. Google
    exports PDFs with its own print options, so that backend ignores this.
    """

    landscape: bool = False
    header_row: int = 0
    last_col: str = "A"
    wrap_columns: tuple[str, ...] = ()
    wrap_cells: tuple[str, ...] = ()
    footer: str = "Halaman &P dari &N"


@dataclass
class TabSpec:
    """One tab of a workbook to provision; `rows` start at A1.

    `text_ranges` (A1 ranges) are formatted as plain text ("@"), for the cells where people
    type numbers: a spreadsheet would otherwise parse what was typed in its own locale
    ("85%" -> 0.85, "7.300" -> 7.3 in en_US, "=1+1" -> 2) before the service ever reads it.
    As text, the cell keeps exactly what the person typed, and the service's own parser
    (Indonesian first, `domain.parsing`) decides what it means and notes what it cannot read.
    """

    title: str
    rows: list[list[TemplateValue]]
    column_widths: dict[str, float] = field(default_factory=dict)
    bold_rows: tuple[int, ...] = ()
    frozen_rows: int = 0
    checkboxes: tuple[str, ...] = ()
    dropdowns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    text_ranges: tuple[str, ...] = ()
    print_setup: PrintSetup | None = None


@dataclass
class WorkbookSpec:
    """Everything needed to create one spreadsheet, independent of the backend."""

    title: str
    tabs: list[TabSpec]
    protections: list[Protection] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    share_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpreadsheetRef:
    """A spreadsheet as the backend lists it.

    `version` is opaque (Drive modifiedTime, file mtime in ns): equal versions mean unchanged
    content, which lets a pull skip the read entirely.
    """

    key: str
    title: str
    version: str
    modified: datetime | None = None
    modified_by: str | None = None
    properties: Mapping[str, str] = field(default_factory=dict)
    # the people a new spreadsheet could not be shared with, and why (in Indonesian): one
    # refused address must not cost everyone else their sheet
    unshared: Mapping[str, str] = field(default_factory=dict)
    modified_by_service: bool = False  # the last change is the service's own write


@dataclass
class WriteBatch:
    """All writes for one spreadsheet in one cycle, applied as one batch.

    Values are written as literals (RAW): a person's text that looks like a formula stays
    text. `notes`/`fills` map (tab, cell) to the new note/colour, `None` clearing it.
    """

    values: list[tuple[str, str, Grid]] = field(default_factory=list)
    notes: dict[tuple[str, str], str | None] = field(default_factory=dict)
    fills: dict[tuple[str, str], str | None] = field(default_factory=dict)
    protect: list[Protection] = field(default_factory=list)
    unprotect: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.values or self.notes or self.fills or self.protect or self.unprotect)


class SheetBackendError(RuntimeError):
    """A spreadsheet operation failed for one spreadsheet; the job carries on with the rest."""


@runtime_checkable
class SheetBackend(Protocol):
    """The port. Implementations: `sheets.local.LocalBackend`, `sheets.google.GoogleBackend`."""

    name: str
    # True when only the approver (and the service) can change their tick cell, so a tick
    # read from the sheet proves who made it (Google protected ranges). A local workbook
    # cannot tell who typed, so there a sign-off goes through a personal link instead.
    ticks_prove_identity: bool

    def ensure_folder(self, path: Sequence[str]) -> str:
        """Return the id of the folder at `path` below the backend's root, creating it once."""
        ...

    def create_spreadsheet(self, folder: str, spec: WorkbookSpec) -> SpreadsheetRef:
        """Create and share a spreadsheet from `spec`; the caller has checked it does not exist.

        Its properties are `spec.properties` plus `READY_PROPERTY`, set as the very last step."""
        ...

    def list_spreadsheets(self, folder: str) -> list[SpreadsheetRef]:
        """Every spreadsheet in `folder` with its version and properties, in one listing call."""
        ...

    def discard(self, key: str) -> None:
        """Remove (on Google: trash) a spreadsheet the service made but never finished; a
        missing one is fine."""
        ...

    def share(self, key: str, emails: Sequence[str]) -> dict[str, str]:
        """Give each person edit access; returns {email: why not} for those refused."""
        ...

    def read_values(self, key: str, ranges: Sequence[tuple[str, str]]) -> list[Grid]:
        """Values of several (tab, A1 range) in one request; trailing blanks are trimmed."""
        ...

    def read_notes(self, key: str, tab: str) -> dict[str, str]:
        """Notes on a tab as {A1 cell: text}."""
        ...

    def list_protections(self, key: str) -> list[Protection]:
        """The named protections currently on the spreadsheet."""
        ...

    def apply(self, key: str, batch: WriteBatch) -> str | None:
        """Apply one batch. Returns the new version when the backend knows it cheaply."""
        ...

    def export_pdf(self, key: str) -> bytes:
        """The whole spreadsheet as a PDF (A4, fitted to the page width)."""
        ...

    def evidence_access(self, file_ids: Sequence[str],
                        reviewers: Sequence[str]) -> dict[str, list[str] | None]:
        """For Drive evidence files: the reviewers (emails) who cannot open each one, None
        for a file whose sharing the service cannot read (not checkable, never a block);
        files a backend cannot check are left out."""
        ...

    def link(self, key: str) -> str:
        """Where a person opens the spreadsheet (a URL, or a file path in local mode)."""
        ...

    def tab_titles(self, key: str) -> list[str]:
        """The titles of the tabs as they are now (people may rename or delete tabs)."""
        ...
