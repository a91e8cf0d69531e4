"""The Google adapter against the fake: the Drive side and the request budget.

Folders, listing with versions, sharing, PDF export (layout URL and its fallback), the
standalone fake server reached through `api_base`, and the request count of a pull cycle.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from service.sheets.google import GoogleBackend, build_google_backend
from service.sheets.port import SheetBackendError, WriteBatch
from tests.google.backend_factory import (
    ANA,
    KS,
    SERVICE_ACCOUNT,
    calls,
    fake_session,
    official_spec,
)


def test_list_spreadsheets_is_one_call_with_versions_and_properties(world) -> None:
    backend, root, fake = world
    a = backend.create_spreadsheet(root, official_spec("Ana"))
    b = backend.create_spreadsheet(root, official_spec("Budi"))
    backend.reset_request_count()
    listed = {r.key: r for r in backend.list_spreadsheets(root)}
    assert backend.request_count == 1
    assert listed[a.key].version == a.version and listed[b.key].version == b.version
    assert listed[a.key].properties["kinerja_official"] == "Ana"
    assert fake.user_edit("tok-ana", a.key, "'Kinerja'!D2", [[75]]) == 200
    again = {r.key: r for r in backend.list_spreadsheets(root)}
    assert again[a.key].version != a.version and again[b.key].version == b.version
    assert again[a.key].modified_by == ANA


def test_ensure_folder_finds_what_exists(world) -> None:
    backend, root, fake = world
    first = backend.ensure_folder(["2024", "01"])
    assert backend.ensure_folder(["2024", "01"]) == first
    fresh = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT)
    assert fresh.ensure_folder(["2024", "01"]) == first
    assert fresh.request_count == 2, "one files.list per level, nothing created"


def test_pull_cycle_costs_one_list_and_one_read_per_changed_sheet(world) -> None:
    backend, root, fake = world
    folder = backend.ensure_folder(["2024-01"])
    refs = [backend.create_spreadsheet(folder, official_spec(f"PJ{i:02}")) for i in range(12)]
    last = {r.key: r.version for r in backend.list_spreadsheets(folder)}
    for ref in refs[:3]:
        assert fake.user_edit("tok-ana", ref.key, "'Kinerja'!D2", [[50]]) == 200

    cycle = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT)
    before = len(fake.request_log)
    changed = [r for r in cycle.list_spreadsheets(folder) if last[r.key] != r.version]
    grids = {r.key: cycle.read_values(r.key, [("Kinerja", "A1:F4")]) for r in changed}
    made = calls(fake, before)
    print(f"\npull cycle: {cycle.request_count} requests: {made}")
    assert len(changed) == 3 and all(g[0][1][3] == 50 for g in grids.values())
    assert cycle.request_count == 4
    assert sum(c == "GET /drive/v3/files" for c in made) == 1
    assert sum(c.endswith("/values:batchGet") for c in made) == 3

    # the writes that cycle needs: a note and a value on each changed sheet
    cycle.reset_request_count()
    before = len(fake.request_log)
    for ref in changed:
        note = {("Kinerja", "D2"): "Capaian di bawah target"}
        cycle.apply(ref.key, WriteBatch(values=[("Kinerja", "F2", [["cek"]])], notes=note))
    made = calls(fake, before)
    print(f"writes: {cycle.request_count} requests: {made}")
    assert sum(c.endswith(":batchUpdate") and "/values" not in c for c in made) == 3
    assert sum(c.endswith("/values:batchUpdate") for c in made) == 3
    assert cycle.request_count == 9, "per sheet: metadata (sheet ids) + batchUpdate + values"


def test_sharing_sends_no_google_email_unless_configured(world) -> None:
    backend, root, fake = world
    backend.create_spreadsheet(root, official_spec("Ana"))
    assert fake.notifications == []
    loud = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT, send_notification_email=True)
    ref = loud.create_spreadsheet(root, official_spec("Budi"))
    assert {(f, e) for f, e, _role in fake.notifications} == {(ref.key, ANA), (ref.key, KS)}


def test_a_service_account_outside_a_shared_drive_gets_a_clear_error(world) -> None:
    backend, _root, fake = world
    my_drive_folder = fake.add_folder("Di My Drive")  # the service account's own My Drive
    with pytest.raises(SheetBackendError, match="Shared Drive"):
        backend.create_spreadsheet(my_drive_folder, official_spec())


def test_export_pdf_uses_the_layout_url(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    before = len(fake.request_log)
    pdf = backend.export_pdf(ref.key)
    assert pdf.startswith(b"%PDF")
    assert calls(fake, before) == [f"GET /spreadsheets/d/{ref.key}/export"]


def test_a_failed_export_fails_loudly_instead_of_archiving_letter_size(world) -> None:
    """Drive's files.export knows no page options: it gives Letter, not A4, and stops at
    10 MB (googleapis/google-api-python-client#1087; reviews F24). An archive must be A4,
    so there is no fallback: the archive job fails and runs again next cycle."""
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())

    class Gone(requests.adapters.HTTPAdapter):
        def send(self, request, *args, **kwargs):  # type: ignore[override]
            response = requests.Response()
            response.status_code, response._content, response.url = 404, b"", request.url
            return response

    backend.http.inner.mount("https://docs.google.com/", Gone())
    before = len(fake.request_log)
    with pytest.raises(SheetBackendError, match="Ekspor PDF gagal.*404"):
        backend.export_pdf(ref.key)
    assert calls(fake, before) == []


def test_the_export_is_a4_and_fitted_to_the_width(world) -> None:
    backend, root, fake = world
    ref = backend.create_spreadsheet(root, official_spec())
    before = len(fake.request_log)
    assert backend.export_pdf(ref.key).startswith(b"%PDF")
    (call,) = fake.request_log[before:]
    assert "size=A4" in call[1] and "fitw=true" in call[1]


def test_the_standalone_fake_server_serves_the_backend_through_api_base() -> None:
    """KINERJA_GOOGLE_API_BASE: all Google hosts rewritten to one local port. Only the
    addresses registered with --account/--token are Google accounts there, and a Shared
    Drive refuses the others (cannotShareTeamDriveWithNonGoogleAccounts): the sheet is
    made, shared with Ana, and KS is reported."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.google_api", "--port", "0", "--shared-drive", "K",
         "--account", ANA],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        drive = proc.stdout.readline().strip().split("=", 1)[1]
        base = proc.stdout.readline().strip().rsplit(" ", 1)[1]
        backend = build_google_backend(None, None, None, drive, api_base=base)
        folder = backend.ensure_folder(["2024-01"])
        ref = backend.create_spreadsheet(folder, official_spec())
        assert list(ref.unshared) == [KS] and "bukan akun Google" in ref.unshared[KS]
        assert [r.key for r in backend.list_spreadsheets(folder)] == [ref.key]
        assert backend.read_values(ref.key, [("Kinerja", "C2")]) == [[[100]]]
        assert backend.export_pdf(ref.key).startswith(b"%PDF")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
