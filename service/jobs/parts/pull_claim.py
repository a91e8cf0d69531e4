"""One pull of a month at a time.

Two pulls of the same month at once (the scheduler's and an operator's) each record every
edit in the value history and each overwrite the other's memory of what a sheet shows. The
month row carries who is pulling it and since when; a pull claims it with a conditional
UPDATE (the claim rule of DESIGN.md) and releases it at the end. A claim left behind by a
killed process is taken over at once when that process is known dead (same host, its pid
gone), and after `HOLD` otherwise (another machine, or a pid reused); a running pull renews
its claim while it works, so a long cycle is not mistaken for a dead one.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session

from service.store.models import MonthRow

HOLD = timedelta(minutes=15)


def holder_id() -> str:
    """Who this pull is: host and pid say whether it still runs, the suffix tells two pulls
    of one process (threads) apart."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claim(session: Session, office: str, period: str, me: str, now: datetime) -> str | None:
    """Take the month's pull for `me`; returns None when taken, else who holds it."""
    month = session.get(MonthRow, (office, period))
    if month is None:
        return None
    current, since = month.pull_holder, month.pull_since
    if current and not _stale(current, since, now):
        return current
    held = (MonthRow.pull_holder.is_(None) if current is None
            else MonthRow.pull_holder == current)
    result = cast("CursorResult[Any]", session.execute(
        update(MonthRow).where(MonthRow.office == office, MonthRow.period == period, held)
        .values(pull_holder=me, pull_since=now)))
    if result.rowcount != 1:
        return "proses lain"
    session.expire(month)
    return None


def renew(session: Session, office: str, period: str, me: str, now: datetime) -> bool:
    """Still ours? (False: taken over as stale; the caller stops before writing.)"""
    result = cast("CursorResult[Any]", session.execute(
        update(MonthRow).where(MonthRow.office == office, MonthRow.period == period,
                               MonthRow.pull_holder == me)
        .values(pull_since=now)))
    return result.rowcount == 1


def release(session: Session, office: str, period: str, me: str) -> None:
    session.execute(
        update(MonthRow).where(MonthRow.office == office, MonthRow.period == period,
                               MonthRow.pull_holder == me)
        .values(pull_holder=None, pull_since=None))


def describe(holder: str) -> str:
    host, pid, *_ = [*holder.split(":"), "", ""]
    return f"proses {pid} di {host}" if pid else holder


def _stale(holder: str, since: datetime | None, now: datetime) -> bool:
    if since is None or now - since > HOLD:
        return True
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    return not _alive(int(pid_text))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
