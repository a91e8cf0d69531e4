"""The mail outbox: one row per (office, period, person, kind, day), claimed before sending.

SMTP has no idempotency key, so the row is the memory: pending -> sending (claimed by a
conditional UPDATE whose row count is checked) -> sent | failed. A row left in "sending" by a
crash is never resent automatically; the operator sees it and decides.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.notify.mailer import OutgoingMail
from service.store.models import ReminderRow


def enqueue(session: Session, office: str, period: str, nip: str, kind: str, day: str,
            mail: OutgoingMail, now: datetime) -> ReminderRow | None:
    """Insert the row unless the same reminder exists; returns the new row or None.

    The whole message is kept so an operator can resend exactly what was meant to go."""
    existing = session.scalar(select(ReminderRow).where(
        ReminderRow.office == office, ReminderRow.period == period, ReminderRow.nip == nip,
        ReminderRow.kind == kind, ReminderRow.day == day))
    if existing is not None:
        return None
    row = ReminderRow(office=office, period=period, nip=nip, kind=kind, day=day,
                      state="pending", message_id=mail.message_id,
                      recipients=", ".join(mail.recipients), subject=mail.subject,
                      created_at=now, payload=asdict(mail))
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return None
    return row


def claim(session: Session, row_id: int, from_states: tuple[str, ...] = ("pending",)) -> bool:
    """pending -> sending; only the caller whose UPDATE changed the row may talk to SMTP."""
    # An UPDATE gives a CursorResult (with rowcount); Session.execute is typed as the plain
    # Result it returns for a SELECT.
    result = cast("CursorResult[Any]", session.execute(
        update(ReminderRow)
        .where(ReminderRow.id == row_id, ReminderRow.state.in_(from_states))
        .values(state="sending")
    ))
    return result.rowcount == 1


def message_of(row: ReminderRow) -> OutgoingMail:
    data = dict(row.payload)
    return OutgoingMail(**{**data, "to": tuple(data["to"]), "cc": tuple(data.get("cc", ()))})


def needing_attention(session: Session, office: str,
                      period: str | None = None) -> list[ReminderRow]:
    """Rows an operator must look at: stuck in "sending" (a crash or an answer lost after
    the message was handed over: it may have arrived) or "failed" (refused)."""
    query = select(ReminderRow).where(ReminderRow.office == office,
                                      ReminderRow.state.in_(("sending", "failed")))
    if period:
        query = query.where(ReminderRow.period == period)
    return list(session.scalars(query.order_by(ReminderRow.id)))


def finish(session: Session, row_id: int, state: str, now: datetime,
           error: str | None = None) -> None:
    session.execute(
        update(ReminderRow).where(ReminderRow.id == row_id)
        .values(state=state, sent_at=now if state == "sent" else None, error=error)
    )


def pending(session: Session, office: str, period: str | None = None) -> list[ReminderRow]:
    query = select(ReminderRow).where(ReminderRow.office == office,
                                      ReminderRow.state == "pending")
    if period:
        query = query.where(ReminderRow.period == period)
    return list(session.scalars(query.order_by(ReminderRow.id)))


def listing(session: Session, office: str, period: str) -> list[ReminderRow]:
    return list(session.scalars(
        select(ReminderRow).where(ReminderRow.office == office, ReminderRow.period == period)
        .order_by(ReminderRow.id)))
