"""A job for the real-APScheduler tests: counts its runs in the scheduler's own database.

It lives in its own module because the SQLAlchemy job store pickles a job's callable as a
`module:function` reference, exactly as it does for the service's ticks.
"""

from __future__ import annotations

import sqlite3

BUMP = "tests.scheduler.counter:bump"


def _open(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=10)
    connection.execute("CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, n INT)")
    return connection


def bump(path: str, name: str) -> None:
    """Add one to counter `name` in the SQLite file at `path`."""
    connection = _open(path)
    try:
        with connection:
            connection.execute(
                "INSERT INTO counters VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET n = n + 1",
                (name,),
            )
    finally:
        connection.close()


def count(path: str, name: str) -> int:
    connection = _open(path)
    try:
        row = connection.execute("SELECT n FROM counters WHERE name = ?", (name,)).fetchone()
    finally:
        connection.close()
    return 0 if row is None else int(row[0])
