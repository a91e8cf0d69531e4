"""The database: aware times round-trip, and a database from an earlier version is upgraded."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import StatementError

from service.clock import JAKARTA
from service.store.db import Database
from service.store.models import AuditRow


def test_times_come_back_aware_and_equal(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    moment = datetime(2026, 11, 2, 9, 30, tzinfo=JAKARTA)
    with db.session() as session:
        session.add(AuditRow(at=moment, office="o", period="2026-10", actor="a", action="x"))
    with db.session() as session:
        (row,) = session.query(AuditRow).all()
    assert row.at == moment and row.at.tzinfo is UTC


def test_a_naive_time_is_refused(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    with (pytest.raises(StatementError, match="naive datetime refused") as refused,
          db.session() as session):
        session.add(AuditRow(at=datetime(2026, 1, 1), office="o", actor="a", action="x"))
        session.flush()
    assert isinstance(refused.value.orig, ValueError)  # AwareDateTime's refusal, wrapped


def test_an_older_database_gains_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "lama.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE reminders (id INTEGER PRIMARY KEY, office VARCHAR(64), "
                    "period VARCHAR(7), nip VARCHAR(18), kind VARCHAR(20), day VARCHAR(10), "
                    "state VARCHAR(10), message_id VARCHAR(200), recipients TEXT, subject TEXT, "
                    "created_at DATETIME, sent_at DATETIME, error TEXT)")
        old.execute("INSERT INTO reminders (office, period, nip, kind, day, state, message_id, "
                    "recipients, subject) VALUES ('o', '2026-10', '1', 'sebelum', '2026-10-30', "
                    "'sent', '<m@x>', 'a@b.c', 's')")
    db = Database(f"sqlite:///{path}")
    columns = {c["name"] for c in inspect(db.engine).get_columns("reminders")}
    assert "payload" in columns
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT count(*) FROM reminders").fetchone() == (1,)
