"""A month's records: the month itself, its spreadsheets, recap rows, notes and history."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from service.domain.month import MonthStatus
from service.store.models import (
    AuditRow,
    MonthRow,
    NoteRow,
    RecapEntry,
    SnapshotRow,
    SpreadsheetRow,
    SubmissionRow,
)


def get_month(session: Session, office: str, period: str) -> MonthRow | None:
    return session.get(MonthRow, (office, period))


def latest_period(session: Session, office: str) -> str | None:
    """The newest month with a row; periods are `YYYY-MM`, so text order is time order."""
    return session.scalar(
        select(MonthRow.period).where(MonthRow.office == office)
        .order_by(MonthRow.period.desc()).limit(1))


def ensure_month(session: Session, office: str, period: str, folder: str,
                 now: datetime) -> MonthRow:
    month = get_month(session, office, period)
    if month is None:
        month = MonthRow(office=office, period=period, folder=folder, created_at=now,
                         status=MonthStatus.PREPARED)
        session.add(month)
        session.flush()
    return month


def set_month_status(session: Session, office: str, period: str, status: str,
                     now: datetime | None = None) -> None:
    month = session.get(MonthRow, (office, period))
    if month is not None:
        month.status = status
        if status != MonthStatus.PREPARED and month.closed_at is None:
            month.closed_at = now


def spreadsheets(session: Session, office: str, period: str,
                 kind: str | None = None) -> list[SpreadsheetRow]:
    query = select(SpreadsheetRow).where(
        SpreadsheetRow.office == office, SpreadsheetRow.period == period
    )
    if kind:
        query = query.where(SpreadsheetRow.kind == kind)
    return list(session.scalars(query.order_by(SpreadsheetRow.id)))


def spreadsheet(session: Session, office: str, period: str, kind: str,
                owner: str = "") -> SpreadsheetRow | None:
    return session.scalar(select(SpreadsheetRow).where(
        SpreadsheetRow.office == office, SpreadsheetRow.period == period,
        SpreadsheetRow.kind == kind, SpreadsheetRow.owner == owner,
    ))


def claim_spreadsheet(session: Session, office: str, period: str, kind: str, owner: str,
                      title: str) -> SpreadsheetRow:
    """Insert the claim row once; a second caller gets the same row back."""
    row = spreadsheet(session, office, period, kind, owner)
    if row is None:
        row = SpreadsheetRow(office=office, period=period, kind=kind, owner=owner,
                             title=title, state="claimed")
        session.add(row)
        session.flush()
    return row


def mark_created(session: Session, row_id: int, key: str, version: str,
                 written: dict | None = None) -> bool:
    """claimed -> created, checked by row count so two runners cannot both own it."""
    # An UPDATE gives a CursorResult (with rowcount); Session.execute is typed as the plain
    # Result it returns for a SELECT.
    result = cast("CursorResult[Any]", session.execute(
        update(SpreadsheetRow)
        .where(SpreadsheetRow.id == row_id, SpreadsheetRow.state == "claimed")
        .values(state="created", key=key, last_version=version, written=written or {})
    ))
    return result.rowcount == 1


def recap_entries(session: Session, office: str, period: str,
                  nip: str | None = None) -> list[RecapEntry]:
    query = select(RecapEntry).where(RecapEntry.office == office, RecapEntry.period == period)
    if nip:
        query = query.where(RecapEntry.nip == nip)
    return list(session.scalars(query.order_by(RecapEntry.id)))


def earlier_realizations(session: Session, office: str,
                         period: str) -> dict[tuple[str, str], dict[int, Decimal | None]]:
    """{(nip, code): {month: realization}} for the months of `period`'s year before it.

    Only months the service tracked appear; a realization that is blank, unreadable or
    negative is None, because no year-to-date or month-on-month check can use it. January
    has nothing earlier: cumulative indicators start again each year."""
    query = select(RecapEntry).where(RecapEntry.office == office,
                                     RecapEntry.period >= f"{period[:4]}-01",
                                     RecapEntry.period < period)
    found: dict[tuple[str, str], dict[int, Decimal | None]] = {}
    for entry in session.scalars(query):
        value = None if entry.realization is None else Decimal(entry.realization)
        found.setdefault((entry.nip, entry.code), {})[int(entry.period[5:7])] = (
            value if value is not None and value >= 0 else None)
    return found


def year_entries(session: Session, office: str, year: int, up_to: str) -> list[RecapEntry]:
    """Every recap row of the year up to and including period `up_to`, for the YTD view."""
    return list(session.scalars(
        select(RecapEntry).where(RecapEntry.office == office,
                                 RecapEntry.period.between(f"{year:04d}-01", up_to))
        .order_by(RecapEntry.period, RecapEntry.id)))


def submission(session: Session, office: str, period: str, nip: str) -> SubmissionRow:
    row = session.get(SubmissionRow, (office, period, nip))
    if row is None:
        row = SubmissionRow(office=office, period=period, nip=nip)
        session.add(row)
        session.flush()
    return row


def not_submitted(session: Session, office: str, period: str) -> list[str]:
    """NIPs whose sheet for the month has not been sent ("data lengkap — kirim")."""
    sent = {nip for nip, s in submissions(session, office, period).items() if s.submitted_at}
    return [s.owner for s in spreadsheets(session, office, period, "pj") if s.owner not in sent]


def submissions(session: Session, office: str, period: str) -> dict[str, SubmissionRow]:
    rows = session.scalars(select(SubmissionRow).where(
        SubmissionRow.office == office, SubmissionRow.period == period))
    return {r.nip: r for r in rows}


def notes_on(session: Session, sheet_key: str) -> dict[tuple[str, str], NoteRow]:
    rows = session.scalars(select(NoteRow).where(NoteRow.sheet_key == sheet_key))
    return {(r.tab, r.cell): r for r in rows}


def record_snapshot(session: Session, office: str, period: str, nip: str, code: str,
                    field: str, old: str | None, new: str | None, seen_at: datetime,
                    modified_at: datetime | None, modified_by: str | None) -> None:
    session.add(SnapshotRow(office=office, period=period, nip=nip, code=code, field=field,
                            old=old, new=new, seen_at=seen_at, modified_at=modified_at,
                            modified_by=modified_by))


def history(session: Session, office: str, nip: str,
            code: str | None = None) -> list[SnapshotRow]:
    query = select(SnapshotRow).where(SnapshotRow.office == office, SnapshotRow.nip == nip)
    if code:
        query = query.where(SnapshotRow.code == code)
    return list(session.scalars(query.order_by(SnapshotRow.id)))


def audit(session: Session, office: str, period: str | None, at: datetime, actor: str,
          action: str, target: str = "", detail: str = "") -> None:
    session.add(AuditRow(office=office, period=period, at=at, actor=actor, action=action,
                         target=target, detail=detail))


def audit_log(session: Session, office: str, period: str,
              action: str | None = None) -> list[AuditRow]:
    query = select(AuditRow).where(AuditRow.office == office, AuditRow.period == period)
    if action:
        query = query.where(AuditRow.action == action)
    return list(session.scalars(query.order_by(AuditRow.id)))
