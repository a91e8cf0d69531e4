"""The same month on PostgreSQL (the production database by URL) as on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from service.archive.manifest import verify_manifest
from service.bootstrap import build_context
from service.config import Settings
from service.demo.run import run_demo
from service.domain.period import Period
from service.scheduler.lease import Lease, LeaseHeld
from service.store.db import Database, add_missing_columns, make_engine
from service.store.models import ArchiveRow, SignOffRow
from tests.postgres_server import binaries, postgres_cluster

pytestmark = [pytest.mark.month, pytest.mark.skipif(binaries() is None,
                                reason="PostgreSQL not installed (apt-get install postgresql)")]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


def test_a_whole_month_runs_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    assert run_demo(tmp_path / "ws", Period(2026, 10), database_url=postgres_url) == 0
    ctx = build_context(Settings.from_env(str(tmp_path / "ws"),
                                          environ={"KINERJA_DATABASE_URL": postgres_url}))
    assert ctx.db.engine.dialect.name == "postgresql"
    with ctx.db.session() as session:
        roles = [s.role for s in session.scalars(select(SignOffRow).order_by(SignOffRow.id))]
        (archive,) = session.scalars(select(ArchiveRow)).all()
    assert roles == ["PP", "KS", "SK", "KD"]
    assert verify_manifest(Path(archive.directory)) == []
    assert add_missing_columns(ctx.db.engine) == []  # the schema is complete


def test_the_scheduler_lease_is_exclusive_on_postgresql(postgres_url: str) -> None:
    Database(postgres_url)
    first = Lease(make_engine(postgres_url), holder="server-a:1:aaaa")
    second = Lease(make_engine(postgres_url), holder="server-b:2:bbbb")
    first.acquire()
    try:
        with pytest.raises(LeaseHeld, match="server-a"):
            second.acquire()
    finally:
        first.release()
    second.acquire()
    second.release()
