"""The one wiring of the Google adapter to the API fake: a service account working in a
folder of a Shared Drive, as in production (a service account has no My Drive storage).

The Google tests, the contract suite, the google-fake demo month and the benchmark all get
their world here, so the fake is set up one way. Production code never imports this: the
fake is test code (DESIGN.md, "Testing the Google backend without Google").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import requests

from service.demo.desk import LockedCellError
from service.domain.roster import Roster
from service.sheets.google.backend import GoogleBackend

from .app import FakeGoogle
from .quota import VirtualTime

SERVICE_ACCOUNT = "kinerja@demo-project.iam.gserviceaccount.com"
SERVICE_TOKEN = "kinerja-service"  # unknown to the fake, so it acts as the service account
DRIVE = "https://www.googleapis.com/drive/v3/files"


def fake_session(fake: FakeGoogle, token: str = SERVICE_TOKEN) -> requests.Session:
    """A plain requests session whose Google hosts are served by `fake` as `token`'s owner."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    fake.mount(session)
    return session


@dataclass
class GoogleWorld:
    fake: FakeGoogle
    backend: GoogleBackend
    root: str  # the folder the service works in
    time: VirtualTime | None = None  # the quota's clock, when quotas are on


def google_world(clock: Callable[[], datetime] | None = None, *, quota: bool = False,
                 lag: float = 0.0) -> GoogleWorld:
    """A fresh fake with the service's Shared Drive folder; retries never sleep.

    `quota`: Google's per-minute quotas enforced on a virtual clock that the backend's
    pacing and retries sleep on (a minute of waiting costs no wall time). `lag`: Sheets
    edits reach Drive's modifiedTime that many seconds (of `clock`) late."""
    fake = FakeGoogle(service_account=SERVICE_ACCOUNT)
    if clock is not None:
        fake.set_clock(clock)
    fake.set_modified_lag(lag)
    # Content manager, the role the README asks for: it may trash but not delete
    drive = fake.add_shared_drive("Kinerja Dukcapil", members={SERVICE_ACCOUNT: "fileOrganizer"})
    root = fake.add_folder("Kinerja", parent=drive)
    if not quota:
        backend = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT, sleep=lambda _s: None)
        return GoogleWorld(fake, backend, root)
    time = VirtualTime(start=1_000.0)
    fake.enable_quota(time.now)
    backend = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT, sleep=time.sleep,
                            clock=time.now)
    return GoogleWorld(fake, backend, root, time)


@dataclass
class GoogleFakeDesk:
    """People in the Google Sheets UI, played through the API fake with their own tokens."""

    fake: FakeGoogle
    tokens: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_roster(cls, fake: FakeGoogle, roster: Roster) -> GoogleFakeDesk:
        """Every official and approver gets a Google account (a token) of their own."""
        tokens = {o.email: f"tok-{o.nip}" for o in roster.officials}
        for email, token in tokens.items():
            fake.add_user(token=token, email=email)
        return cls(fake, tokens)

    def evidence_link(self, who: str, name: str, readers: Sequence[str]) -> str:
        """Upload to the official's own Drive and share it with the reviewers, as they
        would in the Drive UI (through the same HTTP API, with their own token)."""
        session = fake_session(self.fake, self.tokens[who])
        created = session.post(DRIVE, json={"name": f"Bukti {name}.pdf",
                                            "mimeType": "application/pdf"})
        created.raise_for_status()
        file_id = created.json()["id"]
        for reader in readers:
            session.post(f"{DRIVE}/{file_id}/permissions",
                         params={"sendNotificationEmail": "false"},
                         json={"type": "user", "role": "reader",
                               "emailAddress": reader}).raise_for_status()
        return f"https://drive.google.com/file/d/{file_id}/view"

    def type_values(self, who: str, key: str, tab: str, cells: dict[str, object]) -> None:
        for a1, value in cells.items():
            status = self.fake.user_edit(self.tokens[who], key, f"'{tab}'!{a1}", [[value]])
            if status != 200:
                raise LockedCellError(f"{who} tidak dapat mengubah {tab}!{a1} (HTTP {status})")


@dataclass
class DemoGoogleWorld:
    """`run_demo(world=...)` for the google-fake month, with Google's quotas enforced and
    Drive's 3-minute modifiedTime lag on; keeps the world for the caller to inspect
    afterwards (the tamper test edits as the owner)."""

    made: GoogleWorld | None = None
    quota: bool = True
    lag: float = 180.0

    def __call__(self, clock: Callable[[], datetime],
                 roster: Roster) -> tuple[GoogleBackend, GoogleFakeDesk]:
        self.made = google_world(clock, quota=self.quota, lag=self.lag)
        return self.made.backend, GoogleFakeDesk.for_roster(self.made.fake, roster)
