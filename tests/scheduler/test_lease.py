"""The scheduler lease on a real SQLite database, with simulated clocks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from service.clock import SimulatedClock
from service.scheduler.lease import Lease, LeaseHeld
from service.store.db import make_engine
from tests.conftest import jakarta

START = jakarta(2026, 8, 3, 8, 0)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'kinerja.sqlite3'}")
    yield engine
    engine.dispose()


def lease(engine: Engine, holder: str, clock: SimulatedClock) -> Lease:
    return Lease(engine, holder=holder, ttl=timedelta(seconds=90), clock=clock)


def test_a_second_scheduler_is_refused_with_the_holder_and_the_expiry(engine: Engine) -> None:
    clock = SimulatedClock(START)
    first = lease(engine, "kantor-1:4242:abc", clock)
    first.acquire()
    second = lease(engine, "kantor-2:777:def", clock)
    with pytest.raises(LeaseHeld) as refused:
        second.acquire()
    message = str(refused.value)
    assert "Penjadwal lain sudah berjalan" in message
    assert "kantor-1:4242:abc" in message
    assert "2026-08-03 08:01:30 WIB" in message
    assert refused.value.holder == "kantor-1:4242:abc"
    assert first.current() == ("kantor-1:4242:abc", START + timedelta(seconds=90))


def test_renewing_keeps_the_lease_and_the_holder_may_take_it_again(engine: Engine) -> None:
    clock = SimulatedClock(START)
    first = lease(engine, "kantor-1:1:a", clock)
    first.acquire()
    clock.advance(timedelta(seconds=60))
    assert first.renew()
    clock.advance(timedelta(seconds=60))  # past the first term, within the renewed one
    with pytest.raises(LeaseHeld):
        lease(engine, "kantor-2:2:b", clock).acquire()
    first.acquire()  # a restart of the same holder id is not a second scheduler
    assert first.expires_at == clock.now() + timedelta(seconds=90)


def test_an_expired_lease_is_taken_over_and_the_old_holder_learns_it(engine: Engine) -> None:
    clock = SimulatedClock(START)
    crashed = lease(engine, "kantor-1:1:a", clock)
    crashed.acquire()
    clock.advance(timedelta(seconds=91))
    successor = lease(engine, "kantor-2:2:b", clock)
    successor.acquire()
    assert successor.current() == ("kantor-2:2:b", clock.now() + timedelta(seconds=90))
    assert not crashed.renew()  # it must stop: the row count says the lease is not its own
    crashed.release()  # and its release does not free the successor's lease
    assert successor.current() is not None


def test_release_lets_the_next_scheduler_start_at_once(engine: Engine) -> None:
    clock = SimulatedClock(START)
    first = lease(engine, "kantor-1:1:a", clock)
    first.acquire()
    first.release()
    assert first.current() is None
    second = lease(engine, "kantor-2:2:b", clock)
    second.acquire()
    assert second.current() == ("kantor-2:2:b", START + timedelta(seconds=90))


def test_the_holder_id_names_host_process_and_a_random_part(engine: Engine) -> None:
    import os

    one, two = Lease(engine), Lease(engine)
    assert one.holder.split(":")[1] == str(os.getpid())
    assert one.holder != two.holder
