"""Fixtures of the Google tests: the adapter wired to a fresh API fake (`world`, with Ana, an
official, and the Kasubag), and the bare fake spoken to over raw HTTP (`fake`, `api`, `sid`,
with Ana and Budi), which the fake's own tests use."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.sheets.google.backend import GoogleBackend
from tests.fakes.google_api import FakeGoogle
from tests.fakes.google_api.client import GoogleHttp
from tests.fakes.google_api.world import SERVICE_ACCOUNT
from tests.google.backend_factory import ANA, KS, make_google_fake_backend

BUDI = "budi@example.go.id"


@pytest.fixture
def world(tmp_path: Path) -> tuple[GoogleBackend, str, FakeGoogle]:
    backend, root, fake = make_google_fake_backend(tmp_path)
    fake.add_user(token="tok-ana", email=ANA)
    fake.add_user(token="tok-ks", email=KS)
    return backend, root, fake


@pytest.fixture
def fake() -> FakeGoogle:
    fake = FakeGoogle(service_account=SERVICE_ACCOUNT)
    fake.add_user("tok-ana", ANA)
    fake.add_user("tok-budi", BUDI)
    return fake


@pytest.fixture
def api(fake: FakeGoogle) -> GoogleHttp:
    return GoogleHttp(fake)


@pytest.fixture
def sid(api: GoogleHttp, fake: FakeGoogle) -> str:
    """A spreadsheet the service account made in its Shared Drive, shared with Ana and Budi."""
    drive = fake.add_shared_drive("Kinerja", members=(SERVICE_ACCOUNT,))
    sid = api.create("Kinerja PJ", drive).json()["id"]
    fake.share(sid, ANA)
    fake.share(sid, BUDI)
    return sid
