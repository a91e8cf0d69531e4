"""`kinerja google check --deep` against the in-process fake: a probe made as production makes
sheets, one verdict per step, and the probe in the trash afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from service.sheets.google.backend import GoogleBackend
from service.sheets.google.check_deep import deep_checks
from tests.fakes.google_api import FakeGoogle
from tests.google.backend_factory import SERVICE_ACCOUNT, fake_session

PERSON = "ana@example.go.id"


class Time:
    """The fake's clock, moved only by the check's own sleeps."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 1, 15, 8, 0, tzinfo=dt.UTC)
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += dt.timedelta(seconds=seconds)

    def seconds(self) -> float:
        return self.now.timestamp()


@pytest.fixture
def time() -> Time:
    return Time()


@pytest.fixture
def fake(time: Time) -> FakeGoogle:
    fake = FakeGoogle(service_account=SERVICE_ACCOUNT)
    fake.set_clock(lambda: time.now)
    return fake


@pytest.fixture
def folder(fake: FakeGoogle) -> str:
    drive = fake.add_shared_drive("Kinerja", members={SERVICE_ACCOUNT: "fileOrganizer"})
    return fake.add_folder("Kinerja", parent=drive)


def run(fake: FakeGoogle, folder: str, time: Time, share_with: str | None = None):
    backend = GoogleBackend(fake_session(fake), folder, SERVICE_ACCOUNT, sleep=lambda _s: None)
    lines = deep_checks(backend, folder, share_with, time.sleep, time.seconds)
    print("\n" + "\n".join(line.render() for line in lines))
    return {line.label: line for line in lines}, lines


def probe_ids(fake: FakeGoogle) -> list[str]:
    return [k for k, f in fake.store.files.items() if f.name.startswith("kinerja-probe-")]


def test_a_good_setup_passes_every_step_and_trashes_the_probe(fake, folder, time) -> None:
    fake.add_account(PERSON)
    by_label, lines = run(fake, folder, time, share_with=PERSON)
    assert all(line.ok for line in lines), [line.render() for line in lines]
    assert "in_ID" in by_label["Locale"].message
    assert PERSON in by_label["Berbagi"].message
    assert "A1005" in by_label["Baris > 1000"].message
    (probe,) = probe_ids(fake)
    assert fake.store.files[probe].trashed
    assert probe in by_label["Tempat sampah"].message


def test_an_address_without_a_google_account_fails_the_share_with_the_reason(
        fake, folder, time) -> None:
    by_label, lines = run(fake, folder, time, share_with="tanpa-akun@example.go.id")
    share = by_label["Berbagi"]
    assert not share.ok and "tanpa-akun@example.go.id" in share.message
    assert "bukan akun Google" in share.message
    assert by_label["Tempat sampah"].ok  # the later steps still ran
    assert len(lines) == 7


def test_without_share_with_the_share_step_is_skipped(fake, folder, time) -> None:
    by_label, _ = run(fake, folder, time)
    assert by_label["Berbagi"].ok and "dilewati" in by_label["Berbagi"].message


def test_the_modified_time_lag_is_measured(fake, folder, time) -> None:
    fake.set_modified_lag(180)
    by_label, _ = run(fake, folder, time)
    line = by_label["Jeda modifiedTime"]
    assert line.ok and "±180 detik" in line.message, line.message
    assert set(time.slept) == {20.0}


def test_a_lag_beyond_the_limit_is_reported_as_not_seen(fake, folder, time) -> None:
    fake.set_modified_lag(600)
    by_label, _ = run(fake, folder, time)
    line = by_label["Jeda modifiedTime"]
    assert not line.ok and "belum terlihat setelah 240 detik" in line.message
    (probe,) = probe_ids(fake)
    assert fake.store.files[probe].trashed


def test_a_folder_the_service_cannot_write_fails_at_the_probe(fake, time) -> None:
    other = fake.add_shared_drive("Orang lain", members=("someone@example.go.id",))
    folder = fake.add_folder("Baca saja", parent=other, owner="someone@example.go.id")
    fake.share(folder, SERVICE_ACCOUNT, "reader")
    by_label, lines = run(fake, folder, time)
    assert len(lines) == 1 and not by_label["Probe"].ok
    assert probe_ids(fake) == []
