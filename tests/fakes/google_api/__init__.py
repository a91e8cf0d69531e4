"""In-process fake of the Google Sheets v4 / Drive v3 subset used by our Google adapter.

Checked against real recorded Google traffic by tests/google/test_fake_conformance.py;
the rest of its behaviour follows the API reference and is pinned in test_fake_semantics.py.

Served paths (same in-process via `FakeGoogle.mount(session)` and in the standalone server):
- Sheets: GET/POST `/v4/spreadsheets[/{id}]`, `{id}:batchUpdate` (addSheet, deleteSheet,
  updateSheetProperties, updateSpreadsheetProperties, updateCells, repeatCell,
  setDataValidation, updateDimensionProperties, autoResizeDimensions, add/update/
  deleteProtectedRange), `values/{range}` GET/PUT, `values/{range}:clear|:append`,
  `values:batchGet|batchUpdate|batchClear`.
- Drive: `/drive/v3/files` create/list, `files/{id}` get/update/delete, `/copy`, `/export`
  (text/csv, text/tab-separated-values, application/pdf), `/comments` (always empty),
  `/permissions` create/list/delete; `/upload/drive/v3/files` (multipart or media).
- Docs: `/spreadsheets/d/{id}/export?format=pdf|csv|tsv&gid=N&portrait=&size=&gridlines=`.

Strict like Google: every request is validated against Google's discovery documents
(discovery.py, validate.py); Google's documented refusals are modelled (accounts and
sharing, Shared Drive roles and restrictions, permissions.list needing share rights,
delete vs trash, locales, grid limits, appendDimension/insertDimension/deleteDimension
moving cells and protections, per-client appProperties, resource keys); quotas
(`enable_quota`), Drive's modifiedTime lag (`set_modified_lag`), pagination and faults
(`fail_next`) are switched on per test. Cell writes never grow the grid.

Known simplifications (deliberate, documented where they live):
- grid data carries userEnteredValue, effectiveValue, formattedValue, userEnteredFormat,
  note and dataValidation, but no effectiveFormat and no row/column metadata;
- formulas: see formula.py for the supported subset (unknown functions give #NAME?);
- typed text (USER_ENTERED) is parsed as values.py documents: kept as typed in cells
  formatted as plain text (TEXT), numbers read with the spreadsheet locale's decimal mark
  (locale/timeZone set at creation or by updateSpreadsheetProperties); formatted output
  is en_US-style whatever the locale;
- strict data validation is only enforced for `FakeGoogle.user_edit` (a person in the UI);
  API writes are accepted as on Google;
- modifiedTime strictly increases per file on every content change (1 ms bump when the
  injected clock has not moved); renames bump it, appProperties/moves do not;
- comments, named ranges, filters, conditional formats and revisions are not modelled.
"""

from .app import FakeGoogle, InProcessAdapter
from .errors import ApiError

__all__ = ["ApiError", "FakeGoogle", "InProcessAdapter"]
