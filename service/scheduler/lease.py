"""Exactly one scheduler per database: a lease row taken and renewed with conditional writes.

A process-local lock cannot see a second `kinerja scheduler run` on another host pointed at
the same PostgreSQL database, and APScheduler 3 has no guard of its own: two schedulers on
one job store each run every job. So the scheduler first takes a lease row. Every write is
conditional and its row count is checked, so two starters racing cannot both win:

- take: UPDATE ... WHERE name = :name AND (holder = :me OR expires_at < :now); if no row
  changed, INSERT; a primary-key clash on the INSERT means someone else holds it.
- renew: UPDATE ... WHERE name = :name AND holder = :me; 0 rows means the lease was lost
  (it expired and another scheduler took it over), and this scheduler must stop.
- release: DELETE ... WHERE name = :name AND holder = :me.

A holder that dies without releasing frees the lease when it expires (90 s by default).
Expiry is compared with the clocks of the hosts involved, so keep them NTP-synchronised.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from service.clock import Clock, SystemClock
from service.domain.calendar import JAKARTA
from service.store.lease_model import SchedulerLease

DEFAULT_NAME = "scheduler"
DEFAULT_TTL = timedelta(seconds=90)
RENEW_EVERY = timedelta(seconds=30)


class LeaseHeld(RuntimeError):
    """Another scheduler holds the lease; the message is meant for the operator."""

    def __init__(self, name: str, holder: str, expires_at: datetime) -> None:
        self.name, self.holder, self.expires_at = name, holder, expires_at
        local = expires_at.astimezone(JAKARTA)
        super().__init__(
            f"Penjadwal lain sudah berjalan untuk basis data ini: {holder} memegang sewa "
            f"{name!r} sampai {local:%Y-%m-%d %H:%M:%S} WIB. Hanya satu penjadwal boleh "
            "berjalan per basis data; hentikan penjadwal itu dulu, atau tunggu sewanya habis "
            "bila prosesnya sudah mati."
        )


def new_holder_id() -> str:
    """host:pid:uuid, so the operator can tell which machine and process holds the lease."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


class Lease:
    """One named lease in the service database, held by this process while it runs.

    `expires_at` is what this holder last wrote: the runner stops the scheduler if renewing
    keeps failing (e.g. the database is unreachable) until that moment passes, since from then
    on another scheduler may legitimately take over.
    """

    def __init__(
        self,
        engine: Engine,
        name: str = DEFAULT_NAME,
        holder: str | None = None,
        ttl: timedelta = DEFAULT_TTL,
        clock: Clock | None = None,
    ) -> None:
        self.engine = engine
        self.name = name
        self.holder = holder or new_holder_id()
        self.ttl = ttl
        self.clock = clock or SystemClock()
        self.expires_at: datetime | None = None

    def acquire(self) -> None:
        """Take the lease or raise `LeaseHeld` naming the holder and its expiry."""
        now = self.clock.now()
        expires = now + self.ttl
        with self.engine.begin() as connection:
            taken = connection.execute(
                update(SchedulerLease)
                .where(
                    SchedulerLease.name == self.name,
                    or_(SchedulerLease.holder == self.holder, SchedulerLease.expires_at < now),
                )
                .values(holder=self.holder, acquired_at=now, expires_at=expires)
            ).rowcount
        if taken != 1:
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        insert(SchedulerLease).values(
                            name=self.name, holder=self.holder, acquired_at=now,
                            expires_at=expires,
                        )
                    )
            except IntegrityError:
                raise self._held() from None
        self.expires_at = expires

    def renew(self) -> bool:
        """Extend the lease; False when it is no longer ours (the caller must stop)."""
        now = self.clock.now()
        expires = now + self.ttl
        with self.engine.begin() as connection:
            renewed = connection.execute(
                update(SchedulerLease)
                .where(SchedulerLease.name == self.name, SchedulerLease.holder == self.holder)
                .values(expires_at=expires)
            ).rowcount
        if renewed == 1:
            self.expires_at = expires
        return renewed == 1

    def release(self) -> None:
        """Give the lease up so the next scheduler can start at once, not after the TTL."""
        with self.engine.begin() as connection:
            connection.execute(
                delete(SchedulerLease).where(
                    SchedulerLease.name == self.name, SchedulerLease.holder == self.holder
                )
            )
        self.expires_at = None

    def current(self) -> tuple[str, datetime] | None:
        """(holder, expires_at) of whoever holds the lease row now, if anyone."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(SchedulerLease.holder, SchedulerLease.expires_at).where(
                    SchedulerLease.name == self.name
                )
            ).first()
        return None if row is None else (row[0], row[1])

    def _held(self) -> LeaseHeld:
        current = self.current()
        if current is None:  # released between our INSERT and this read: still refuse,
            # the operator can simply start again
            return LeaseHeld(self.name, "(baru saja dilepas)", self.clock.now())
        return LeaseHeld(self.name, current[0], current[1])
