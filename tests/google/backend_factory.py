"""Builds the Google backend wired to the in-process API fake, for our tests and the contract suite.

The contract tests (tests/contract/) import `make_google_fake_backend` to run every port
behaviour over both backends; the real adapter and gspread's HTTP client send real HTTP
requests that the fake answers, so nothing of gspread is mocked.
"""

from __future__ import annotations

from pathlib import Path

import requests

from service.sheets.google import GoogleBackend
from tests.fakes.google_api import FakeGoogle

SERVICE_ACCOUNT = "kinerja@demo-project.iam.gserviceaccount.com"
SERVICE_TOKEN = "kinerja-service"  # unknown to the fake, so it acts as the service account


def fake_session(fake: FakeGoogle, token: str = SERVICE_TOKEN) -> requests.Session:
    """A plain requests session whose Google hosts are served by `fake` as `token`'s owner."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    fake.mount(session)
    return session


def make_google_fake_backend(tmp_path: Path) -> tuple[GoogleBackend, str, FakeGoogle]:
    """(backend, root folder id inside a Shared Drive, the fake).

    The root is a folder in a Shared Drive because that is where a service account must
    work in production (it has no My Drive storage). Retries never sleep in tests.
    `tmp_path` is accepted for parity with the local backend's factory.
    """
    del tmp_path
    fake = FakeGoogle(service_account=SERVICE_ACCOUNT)
    drive_id = fake.add_shared_drive("Kinerja Dukcapil", members=(SERVICE_ACCOUNT,))
    root = fake.add_folder("Kinerja", parent=drive_id)
    backend = GoogleBackend(fake_session(fake), root, SERVICE_ACCOUNT, sleep=lambda _s: None)
    return backend, root, fake
