"""One person Google will not share with costs nobody else their sheet.

In a Shared Drive, an address without a Google account is refused even with a notification
(403 cannotShareTeamDriveWithNonGoogleAccounts; googleapis/google-api-dotnet-client#1315).
The fake knows only registered addresses as Google accounts.
"""

from __future__ import annotations

from pathlib import Path

from service.bootstrap import build_context
from service.clock import SimulatedClock
from service.config import Settings
from service.domain.period import Period
from service.jobs.provision import provision
from service.sheets.layout import TEMPLATES_DIR
from service.sheets.roster_workbook import read_roster
from service.store import month_repo as months
from service.store import roster_repo
from tests.conftest import jakarta
from tests.fakes.google_api.client import GoogleHttp
from tests.fakes.google_api.world import google_world

OCT = Period(2026, 10)


def test_an_official_without_a_google_account_is_named_and_everyone_else_carries_on(
        tmp_path: Path) -> None:
    world = google_world(SimulatedClock(jakarta(2026, 10, 26)).now)
    ctx = build_context(Settings.from_env(str(tmp_path / "ws"), environ={}),
                        clock=SimulatedClock(jakarta(2026, 10, 26)), backend=world.backend)
    roster, agreements = read_roster(TEMPLATES_DIR / "roster-contoh.xlsx")
    with ctx.db.session() as session:
        roster_repo.save_roster(session, ctx.office, roster, agreements)
    outsider = roster.officials[-1]
    for official in roster.officials:
        if official is not outsider:
            world.fake.add_user(f"tok-{official.nip}", official.email)
    result = provision(ctx, OCT)
    refused = [e for e in result.errors if outsider.email in e]
    assert len(refused) == 1 and outsider.name in refused[0]
    assert "bukan akun Google" in refused[0]
    with ctx.db.session() as session:
        sheets = months.spreadsheets(session, ctx.office, str(OCT))
        assert all(s.state == "created" for s in sheets)
        assert len(sheets) == len(agreements) + 1  # every official's sheet and the master
        key = next(s.key for s in sheets if s.owner == outsider.nip)
    http = GoogleHttp(world.fake)

    def shared_with() -> set[str]:
        got = http("GET", f"https://www.googleapis.com/drive/v3/files/{key}/permissions",
                   params={"supportsAllDrives": "true",
                           "fields": "permissions(emailAddress)"}).json()
        return {p.get("emailAddress", "").lower() for p in got.get("permissions", [])}

    assert outsider.email.lower() not in shared_with()
    world.fake.add_user(f"tok-{outsider.nip}", outsider.email)  # they made a Google account
    again = provision(ctx, OCT)
    assert not [e for e in again.errors if outsider.email in e]
    assert outsider.email.lower() in shared_with()
