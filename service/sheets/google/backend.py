"""The production `SheetBackend`: Google Sheets v4 and Drive v3 through gspread's HTTPClient.

Every port method is a fixed, small number of HTTP requests, because the Sheets quota (60
reads and 60 writes a minute for one account) is the budget of a cycle: `list_spreadsheets`
is one Drive files.list, `read_values` one values:batchGet, `apply` at most one
spreadsheets:batchUpdate and one values:batchUpdate (plus one metadata read per spreadsheet
per backend instance when sheet/protection ids are needed). gspread's `HTTPClient` maps one
method to one REST call; our `RetryingSession` under it retries, counts and logs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from typing import Any

import requests
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient, ParamsType
from gspread.urls import DRIVE_FILES_API_V3_URL
from gspread.utils import absolute_range_name

from service.sheets.google import batch as gr
from service.sheets.google import evidence as google_evidence
from service.sheets.google import folders
from service.sheets.google import provision as gp
from service.sheets.google.http import RetryingSession
from service.sheets.google.pacing import Pacer
from service.sheets.google.provision import FILE_FIELDS, SHEET_MIME
from service.sheets.port import (
    Grid,
    Protection,
    SheetBackendError,
    SpreadsheetRef,
    WorkbookSpec,
    WriteBatch,
)

PDF_EXPORT_URL = (
    "https://docs.google.com/spreadsheets/d/{key}/export?format=pdf&size=A4&portrait=true"
    "&fitw=true&gridlines=false&printtitle=false&sheetnames=true"
)
META_FIELDS = ("sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount)),"
               "protectedRanges)")
ALL_DRIVES = {"supportsAllDrives": "true"}


def _error_of(resp: requests.Response) -> dict[str, Any] | None:
    try:
        body = resp.json()
    except ValueError:
        return None
    return body.get("error") if isinstance(body, dict) else None


class GoogleBackend:
    """`SheetBackend` on Google; one instance per job run (its caches live that long)."""

    name = "google"
    ticks_prove_identity = True  # each tick cell's protected range lists only its approver

    def __init__(
        self,
        session: requests.Session,
        root_folder_id: str,
        service_account_email: str,
        send_notification_email: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        quota: Mapping[str, int] | None = None,
    ) -> None:
        self.pacer = Pacer(quota, clock=clock, sleep=sleep)
        self.http = RetryingSession(session, sleep=sleep, clock=clock, pacer=self.pacer)
        self.client = HTTPClient(auth=None, session=self.http)  # type: ignore[arg-type]
        self.client.set_timeout((10, 120))  # gspread's default is no timeout: a hang forever
        self.root_folder_id = root_folder_id
        self.account = service_account_email
        self.notify = send_notification_email
        self._meta: dict[str, gr.Meta] = {}
        self._folders: dict[tuple[str, ...], str] = {}

    @property
    def request_count(self) -> int:
        """HTTP requests (every attempt, retries included) since creation or the last reset."""
        return self.http.request_count

    def reset_request_count(self) -> None:
        self.http.request_count = 0

    def forget(self) -> None:
        """Drop cached metadata (call between cycles if one instance outlives a cycle)."""
        self._meta.clear()

    @contextmanager
    def _guard(self, key: str, what: str) -> Iterator[None]:
        """Any API failure becomes a SheetBackendError naming the spreadsheet/folder."""
        try:
            yield
        except (APIError, requests.RequestException) as exc:
            why = gr.hint(getattr(exc, "error", None))
            raise SheetBackendError(f"{what} gagal untuk {key}: {exc}{why}") from exc

    def _drive(self, method: str, path: str = "", params: dict | None = None, json=None,
               headers: dict[str, str] | None = None) -> Any:
        url = DRIVE_FILES_API_V3_URL + path
        resp = self.client.request(method, url, params={**ALL_DRIVES, **(params or {})},
                                   json=json, headers=headers)
        return resp.json() if resp.content else {}

    def ensure_folder(self, path: Sequence[str]) -> str:
        parent = self.root_folder_id
        for depth in range(1, len(path) + 1):
            prefix, name = tuple(path[:depth]), path[depth - 1]
            if prefix not in self._folders:
                with self._guard(parent, "Mencari/membuat folder"):
                    self._folders[prefix] = folders.find_or_create(self._drive, parent, name)
            parent = self._folders[prefix]
        return parent

    def list_spreadsheets(self, folder: str) -> list[SpreadsheetRef]:
        params: dict[str, Any] = {
            "q": f"'{folders.q(folder)}' in parents and mimeType='{SHEET_MIME}' and trashed=false",
            "fields": f"nextPageToken,files({FILE_FIELDS})",
            "pageSize": 1000,
            "includeItemsFromAllDrives": "true",
        }
        refs: list[SpreadsheetRef] = []
        with self._guard(folder, "Daftar spreadsheet"):
            while True:
                page = self._drive("get", params=params)
                refs.extend(gp.ref_from(f) for f in page.get("files", []))
                if not page.get("nextPageToken"):
                    return sorted(refs, key=lambda r: (r.title, r.key))
                params["pageToken"] = page["nextPageToken"]

    def create_spreadsheet(self, folder: str, spec: WorkbookSpec) -> SpreadsheetRef:
        """files.create, one batchUpdate, one permission per person, then files.update marks
        it ready (see provision.py): a file cut off before that is never adopted. A person
        Google refuses to share with is reported on the ref, not a reason to drop the file."""
        unknown = {p.tab for p in spec.protections} - {t.title for t in spec.tabs}
        if not spec.tabs or unknown:
            raise SheetBackendError(f"Spesifikasi {spec.title!r} salah: tab {sorted(unknown)}")
        with self._guard(spec.title, "Membuat spreadsheet"):
            key = gp.create_file(self._drive, folder, spec)
        try:
            with self._guard(key, "Menyiapkan spreadsheet"):
                self._meta[key] = gp.set_up(self.client, key, spec, self.account)
            unshared = gp.share(self._drive, key, spec.share_with, self.notify)
            with self._guard(key, "Menandai spreadsheet siap"):
                return replace(gp.mark_ready(self._drive, key), unshared=unshared)
        except SheetBackendError:
            with suppress(SheetBackendError):  # best effort; a rerun trashes it otherwise
                self.discard(key)
            raise

    def share(self, key: str, emails: Sequence[str]) -> dict[str, str]:
        return gp.share(self._drive, key, list(emails), self.notify)

    def discard(self, key: str) -> None:
        """To the trash, not deleted: in a Shared Drive only a Manager may delete, while a
        Content manager, the role the service is asked for, may trash (Drive files.delete)."""
        self._meta.pop(key, None)
        try:
            with self._guard(key, "Membuang spreadsheet setengah jadi"):
                self._drive("patch", f"/{key}", params={"fields": "id"}, json={"trashed": True})
        except SheetBackendError as exc:
            if not isinstance(exc.__cause__, APIError) or exc.__cause__.code != 404:
                raise

    def read_values(self, key: str, ranges: Sequence[tuple[str, str]]) -> list[Grid]:
        """One values:batchGet. A missing tab reads as empty (as in the local backend)."""
        if not ranges:
            return []
        try:
            return self._batch_get(key, ranges)
        except SheetBackendError as exc:
            if not isinstance(exc.__cause__, APIError) or exc.__cause__.code != 400:
                raise
        present = set(self.tab_titles(key))  # a 400 here is almost always a renamed tab
        found = iter(self._batch_get(key, [r for r in ranges if r[0] in present]))
        return [next(found) if tab in present else [] for tab, _ in ranges]

    def _batch_get(self, key: str, ranges: Sequence[tuple[str, str]]) -> list[Grid]:
        if not ranges:
            return []
        names = [absolute_range_name(tab, a1 or None) for tab, a1 in ranges]
        params: ParamsType = {
            "valueRenderOption": "UNFORMATTED_VALUE",
            "dateTimeRenderOption": "FORMATTED_STRING",
            "majorDimension": "ROWS",
        }
        with self._guard(key, "Membaca nilai"):
            got = self.client.values_batch_get(key, names, params=params)
        return [gr.values_grid(vr.get("values", [])) for vr in got.get("valueRanges", [])]

    def read_notes(self, key: str, tab: str) -> dict[str, str]:
        params: ParamsType = {"ranges": absolute_range_name(tab),
                              "fields": "sheets.data.rowData.values.note"}
        with self._guard(key, "Membaca catatan"):
            got = self.client.spreadsheets_get(key, params=params)
        return gr.notes_from(got)

    def _fetch_meta(self, key: str) -> gr.Meta:
        with self._guard(key, "Membaca metadata"):
            got = self.client.spreadsheets_get(key, params={"fields": META_FIELDS})
            self._meta[key] = gr.Meta(got.get("sheets", []))
        return self._meta[key]

    def list_protections(self, key: str) -> list[Protection]:
        meta = self._fetch_meta(key)
        titles = {i: t for t, i in meta.ids.items()}
        found = (gr.parse_protection(pr, titles, self.account) for pr in meta.protected)
        return [p for p in found if p is not None]

    def evidence_access(self, file_ids: Sequence[str],
                        reviewers: Sequence[str]) -> dict[str, list[str] | None]:
        return google_evidence.evidence_access(self._drive, file_ids, reviewers)

    def link(self, key: str) -> str:
        """The URL a person opens (no request needed)."""
        return f"https://docs.google.com/spreadsheets/d/{key}/edit"

    def tab_titles(self, key: str) -> list[str]:
        return list(self._fetch_meta(key).titles)

    def apply(self, key: str, batch: WriteBatch) -> str | None:
        """At most one structure batchUpdate (growing the grid first where a write would
        not fit) and one values batchUpdate."""
        if batch.is_empty():
            return None
        needed = gr.extent(batch.values, [*batch.notes, *batch.fills])
        beyond_new = any(r > gr.DEFAULT_ROWS or c > gr.DEFAULT_COLS for r, c in needed.values())
        grow = (self._meta.get(key) or self._fetch_meta(key)).growth(needed) if (
            beyond_new or key in self._meta) else []
        if grow or batch.notes or batch.fills or batch.protect or batch.unprotect:
            self._apply_structure(key, batch, grow)
        if batch.values:
            self._write_values(key, batch, needed)
        return None

    def _write_values(self, key: str, batch: WriteBatch,
                      needed: Mapping[str, tuple[int, int]]) -> None:
        data = [
            {
                # anchor only: Google refuses data larger than a multi-cell range
                "range": absolute_range_name(tab, a1.split(":")[0] or None),
                "values": [["" if v is None else v for v in row] for row in grid],
            }
            for tab, a1, grid in batch.values
        ]
        body = {"valueInputOption": "RAW", "data": data}
        try:
            with self._guard(key, "Menulis nilai"):
                self.client.values_batch_update(key, body)
        except SheetBackendError as exc:
            # someone deleted rows below the default grid: grow it, then write once more
            if "grid limits" not in str(exc):
                raise
            grow = self._fetch_meta(key).growth(needed)
            if not grow:
                raise
            with self._guard(key, "Memperbesar tab"):
                self.client.batch_update(key, {"requests": grow})
            with self._guard(key, "Menulis nilai"):
                self.client.values_batch_update(key, body)

    def _apply_structure(self, key: str, batch: WriteBatch, grow: list[dict[str, Any]]) -> None:
        meta = self._meta.get(key) or self._fetch_meta(key)
        tabs = {t for t, _ in batch.notes} | {t for t, _ in batch.fills}
        tabs |= {p.tab for p in batch.protect}
        if not tabs <= meta.ids.keys():
            meta = self._fetch_meta(key)
            missing = sorted(tabs - meta.ids.keys())
            if missing:
                raise SheetBackendError(f"Tab {missing} tidak ada di spreadsheet {key}")
        drop = set(batch.unprotect) | {p.name for p in batch.protect}
        doomed = [pr for pr in meta.protected if gr.protection_name(pr) in drop]
        reqs: list[dict[str, Any]] = [
            {"deleteProtectedRange": {"protectedRangeId": pr["protectedRangeId"]}} for pr in doomed
        ]
        adds = [gr.add_protection(meta.ids[p.tab], p, self.account) for p in batch.protect]
        notes = [gr.note_request(meta.ids[t], a1, n) for (t, a1), n in batch.notes.items()]
        fills = [gr.fill_request(meta.ids[t], a1, c) for (t, a1), c in batch.fills.items()]
        try:
            with self._guard(key, "Menulis catatan/kunci"):
                replies = self.client.batch_update(
                    key, {"requests": grow + reqs + adds + notes + fills})
        except SheetBackendError:
            self._meta.pop(key, None)  # whatever happened, the next try starts from Google's
            raise
        meta.protected = [pr for pr in meta.protected if pr not in doomed]
        meta.remember(adds, replies.get("replies", [])[len(grow) + len(reqs) :])

    def export_pdf(self, key: str) -> bytes:
        """The export URL: A4, fitted to the width. There is no fallback to Drive's
        files.export, which knows no page options (Letter size, 10 MB at most): an archive
        must be A4, so a failed export fails the archive, which runs again next cycle."""
        with self._guard(key, "Ekspor PDF"):
            resp = self.http.get(PDF_EXPORT_URL.format(key=key), timeout=(10, 300))
            if resp.ok and resp.content.startswith(b"%PDF"):
                return resp.content
            raise SheetBackendError(
                f"Ekspor PDF gagal untuk {key}: Google menjawab {resp.status_code}"
                f"{gr.hint(_error_of(resp))}")
