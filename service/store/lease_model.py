"""The scheduler lease: one row per named lease, so only one scheduler runs per database.

APScheduler 3 job stores must never be shared between schedulers (two would run every job,
and send every reminder, twice). The row says who holds the lease and until when; the
holder renews it well before it expires, so a crashed holder frees it within one lease term.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from service.store.models import Base


class SchedulerLease(Base):
    __tablename__ = "scheduler_leases"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))  # host:pid:uuid
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]
