"""The embedded adapter of the `SheetBackend` port: one .xlsx workbook per spreadsheet in a
folder (openpyxl), for offices without Google and for the demo.

backend (the port), workbook (creating a workbook from a spec; locks as sheet protection),
print_setup (what Excel/LibreOffice print, and the archive with them).
"""

from service.sheets.local.backend import LocalBackend

__all__ = ["LocalBackend"]
