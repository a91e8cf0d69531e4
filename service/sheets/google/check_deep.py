"""`kinerja google check --deep`: the few questions only the real Google can settle.

After the ordinary check passes, one probe spreadsheet is made in the configured folder
exactly as production makes its sheets (GoogleBackend.create_spreadsheet), and each of these
gets its own verdict: did Google keep the `in_ID` locale, may it be shared with a given
address, can the adapter write past row 1,000, how late Drive's modifiedTime follows a
Sheets edit, may the service list permissions, and may it trash the file. The probe is
trashed in every case (a `finally`); if even that fails the line names its id.

The lag is measured from the last write: edits made earlier while setting up the probe may
show on Drive first, so on a coalescing Drive the figure is at worst a little short.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import requests
from gspread.exceptions import APIError

from service.sheets.google.backend import GoogleBackend
from service.sheets.google.check import CheckLine
from service.sheets.google.format import LOCALE
from service.sheets.port import SheetBackendError, TabSpec, WorkbookSpec, WriteBatch

SHEET_PROPS = "https://sheets.googleapis.com/v4/spreadsheets/{id}"
DRIVE_FILE = "https://www.googleapis.com/drive/v3/files/{id}"
PROBE_TAB = "Probe"
FAR_ROW = 1005
POLL_SECONDS = 20.0
POLL_LIMIT = 240.0  # about four minutes: Drive is said to refresh "every ~3min"
Failure = (SheetBackendError, requests.RequestException, APIError, KeyError, ValueError)


def _get(backend: GoogleBackend, url: str, params: dict[str, str]) -> dict[str, Any]:
    """One GET through the backend's retrying session; a non-2xx answer raises with
    Google's own message."""
    resp = backend.http.get(url, params=params, timeout=(10, 60))
    if not resp.ok:
        try:
            message = resp.json().get("error", {}).get("message", "")
        except ValueError:
            message = resp.text[:200]
        raise SheetBackendError(f"Google menjawab {resp.status_code}: {message}")
    body = resp.json()
    return body if isinstance(body, dict) else {}


def _modified(backend: GoogleBackend, key: str) -> str:
    got = _get(backend, DRIVE_FILE.format(id=key),
               {"supportsAllDrives": "true", "fields": "modifiedTime"})
    return str(got.get("modifiedTime", ""))


def probe_spec(stamp: str) -> WorkbookSpec:
    rows: list[list[Any]] = [["kinerja probe", "nilai"], ["angka", 12.5], ["teks", "7.300"]]
    return WorkbookSpec(
        title=f"kinerja-probe-{stamp}",
        tabs=[TabSpec(PROBE_TAB, rows, bold_rows=(1,), text_ranges=("B3",))],
        properties={"kinerja_probe": "1"},
    )


def _locale(backend: GoogleBackend, key: str) -> CheckLine:
    got = _get(backend, SHEET_PROPS.format(id=key), {"fields": "properties(locale,timeZone)"})
    props = got.get("properties") or {}
    locale, zone = props.get("locale"), props.get("timeZone")
    if locale == LOCALE:
        return CheckLine(True, "Locale", f"{LOCALE} dipertahankan Google (zona waktu {zone})")
    msg = (f"Google menyimpan locale {locale!r}, bukan {LOCALE} (zona waktu {zone}); angka "
           "diketik gaya en_US: ubah LOCALE di service/sheets/google/format.py ke kode yang "
           "diterima Google, atau biarkan (kolom realisasi berformat teks)")
    return CheckLine(False, "Locale", msg)


def _share(backend: GoogleBackend, key: str, email: str | None) -> CheckLine:
    if not email:
        return CheckLine(True, "Berbagi", "dilewati (beri --share-with ALAMAT untuk mencoba)")
    refused = backend.share(key, [email])
    if email in refused:
        return CheckLine(False, "Berbagi", f"{email} ditolak: {refused[email]}")
    return CheckLine(True, "Berbagi", f"dapat dibagikan ke {email}")


def _far_row(backend: GoogleBackend, key: str) -> CheckLine:
    value = f"baris-{FAR_ROW}"
    a1 = f"A{FAR_ROW}"
    backend.apply(key, WriteBatch(values=[(PROBE_TAB, a1, [[value]])]))
    grid = backend.read_values(key, [(PROBE_TAB, a1)])
    got = grid[0][0][0] if grid and grid[0] and grid[0][0] else None
    if got == value:
        return CheckLine(True, "Baris > 1000", f"menulis dan membaca {a1} berhasil")
    return CheckLine(False, "Baris > 1000", f"{a1} terbaca {got!r}, bukan {value!r}")


def _lag(backend: GoogleBackend, key: str, sleep: Callable[[float], None],
         clock: Callable[[], float], limit: float, every: float) -> CheckLine:
    before = _modified(backend, key)
    backend.apply(key, WriteBatch(values=[(PROBE_TAB, "C1", [[f"ubah {clock():.0f}"]])]))
    start = clock()
    waited = 0.0
    while True:
        if _modified(backend, key) != before:
            lag = max(clock() - start, 0.0)
            return CheckLine(True, "Jeda modifiedTime",
                             f"Drive menunjukkan perubahan setelah ±{lag:.0f} detik")
        if waited >= limit:
            msg = (f"belum terlihat setelah {waited:.0f} detik; tarik data lebih jarang, "
                   "atau jangan andalkan modifiedTime untuk melewati pembacaan")
            return CheckLine(False, "Jeda modifiedTime", msg)
        step = min(every, limit - waited)
        sleep(step)
        waited += step


def _permissions(backend: GoogleBackend, key: str) -> CheckLine:
    got = _get(backend, DRIVE_FILE.format(id=key) + "/permissions",
               {"supportsAllDrives": "true", "fields": "permissions(id,role,emailAddress)"})
    count = len(got.get("permissions") or [])
    return CheckLine(True, "Daftar izin", f"permissions.list berhasil ({count} izin)")


def _discard(backend: GoogleBackend, key: str) -> CheckLine:
    try:
        backend.discard(key)
    except Failure as exc:
        msg = f"gagal membuang probe ({exc}); hapus berkas {key} secara manual"
        return CheckLine(False, "Tempat sampah", msg)
    return CheckLine(True, "Tempat sampah", f"probe {key} dibuang ke tempat sampah")


def _step(label: str, run: Callable[[], CheckLine]) -> CheckLine:
    try:
        return run()
    except Failure as exc:
        return CheckLine(False, label, f"gagal: {exc}")


def deep_checks(
    backend: GoogleBackend,
    folder_id: str,
    share_with: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    *,
    poll_limit: float = POLL_LIMIT,
    poll_every: float = POLL_SECONDS,
) -> list[CheckLine]:
    """One verdict per probe step, in order; the probe spreadsheet is always trashed."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        ref = backend.create_spreadsheet(folder_id, probe_spec(stamp))
    except Failure as exc:
        return [CheckLine(False, "Probe", f"spreadsheet probe tidak dapat dibuat: {exc}")]
    key = ref.key
    lines = [CheckLine(True, "Probe", f"{ref.title} dibuat ({key})")]
    try:
        lines.append(_step("Locale", lambda: _locale(backend, key)))
        lines.append(_step("Berbagi", lambda: _share(backend, key, share_with)))
        lines.append(_step("Baris > 1000", lambda: _far_row(backend, key)))
        lines.append(_step("Jeda modifiedTime",
                           lambda: _lag(backend, key, sleep, clock, poll_limit, poll_every)))
        lines.append(_step("Daftar izin", lambda: _permissions(backend, key)))
    finally:
        lines.append(_discard(backend, key))
    return lines


def run_deep_checks(backend: GoogleBackend, folder_id: str,
                    share_with: str | None) -> tuple[bool, list[str]]:
    """For the CLI: (everything passed, the lines to print)."""
    lines = deep_checks(backend, folder_id, share_with)
    return all(line.ok for line in lines), [line.render() for line in lines]
