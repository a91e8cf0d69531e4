"""The Google adapter wired to a fresh API fake, with Ana (an official) and the Kasubag."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.sheets.google.backend import GoogleBackend
from tests.fakes.google_api import FakeGoogle
from tests.google.backend_factory import ANA, KS, make_google_fake_backend


@pytest.fixture
def world(tmp_path: Path) -> tuple[GoogleBackend, str, FakeGoogle]:
    backend, root, fake = make_google_fake_backend(tmp_path)
    fake.add_user(token="tok-ana", email=ANA)
    fake.add_user(token="tok-ks", email=KS)
    return backend, root, fake
