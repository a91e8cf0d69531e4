"""Engine and sessions. SQLite in the workspace by default; PostgreSQL by URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

import service.store.lease_model  # noqa: F401  (registers the lease table for create_all)
from service.store.models import Base


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            # WAL lets the web page read while a job writes; busy_timeout waits for the lock
            # instead of failing the job.
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

    Base.metadata.create_all(engine)
    add_missing_columns(engine)
    return engine


def add_missing_columns(engine: Engine) -> list[str]:
    """Bring a database made by an earlier version up to date for added columns.

    Columns are only ever added (nullable), so an ALTER TABLE ADD COLUMN is a safe, complete
    migration; anything beyond that would need a real migration tool."""
    added: list[str] = []
    inspector = inspect(engine)
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            if not inspector.has_table(table.name):
                continue
            present = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name in present:
                    continue
                kind = column.type.compile(dialect=engine.dialect)
                connection.execute(text(f'ALTER TABLE "{table.name}" ADD COLUMN '
                                        f'"{column.name}" {kind}'))
                added.append(f"{table.name}.{column.name}")
    return added


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        # close_resets_only=False: a closed session refuses reuse, so a job that touches its
        # session after the unit of work ended fails loudly instead of leaking a connection.
        self._sessions = sessionmaker(self.engine, expire_on_commit=False,
                                      close_resets_only=False)

    def ping(self) -> bool:
        """A real round trip, for health checks: an open pool proves nothing.

        Raises whatever the driver raises, so the caller can say why the database is down."""
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT 1")).scalar_one() == 1

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
