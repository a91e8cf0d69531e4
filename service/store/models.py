"""Tables of the service's own memory. Every key starts with (office, period) so one
deployment can serve several offices; values a person typed are kept as the text they typed."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from service.domain.month import MonthStatus


class AwareDateTime(TypeDecorator):
    """Stored as naive UTC, returned as aware UTC: SQLite keeps no zone, and comparing a
    naive value with the clock's aware time would fail at the worst moment."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: pass an aware time from the clock")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: AwareDateTime()}


class OfficialRow(Base):
    __tablename__ = "officials"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    nip: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(2))
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (UniqueConstraint("office", "nip"),)


class IndicatorRow(Base):
    __tablename__ = "indicators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    nip: Mapped[str] = mapped_column(String(18))
    ordinal: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(400))
    unit: Mapped[str] = mapped_column(String(40))
    polarity: Mapped[str] = mapped_column(String(10))
    cumulative: Mapped[bool]
    evidence_required: Mapped[bool]
    yearly_target: Mapped[str] = mapped_column(String(40))
    monthly_targets: Mapped[list] = mapped_column(JSON)
    range_low: Mapped[str | None] = mapped_column(String(40))
    range_high: Mapped[str | None] = mapped_column(String(40))
    ceiling: Mapped[str | None] = mapped_column(String(40))  # achievement % override
    floor: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (UniqueConstraint("office", "year", "nip", "code"),)


class MonthRow(Base):
    __tablename__ = "months"
    office: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default=MonthStatus.PREPARED.value)
    folder: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    # One pull of a month at a time (jobs/parts/pull_claim.py): who runs it and since when.
    pull_holder: Mapped[str | None] = mapped_column(String(200))
    pull_since: Mapped[datetime | None]


class SpreadsheetRow(Base):
    """One provisioned spreadsheet; `state` goes claimed -> created so a crash between the
    claim and the create is visible and a rerun can find the file instead of making two."""

    __tablename__ = "spreadsheets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(10))
    owner: Mapped[str] = mapped_column(String(18), default="")
    state: Mapped[str] = mapped_column(String(10))
    key: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(300))
    last_version: Mapped[str | None] = mapped_column(String(64))
    last_modified: Mapped[datetime | None]
    locks: Mapped[list] = mapped_column(JSON, default=list)
    written: Mapped[dict] = mapped_column(JSON, default=dict)
    __table_args__ = (UniqueConstraint("office", "period", "kind", "owner"),)


class SubmissionRow(Base):
    __tablename__ = "submissions"
    office: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), primary_key=True)
    submitted_at: Mapped[datetime | None]
    first_seen_at: Mapped[datetime | None]


class RecapEntry(Base):
    """The service's view of one official x indicator row for the month."""

    __tablename__ = "recap_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7))
    nip: Mapped[str] = mapped_column(String(18))
    code: Mapped[str] = mapped_column(String(32))
    ordinal: Mapped[int] = mapped_column(Integer)
    master_row: Mapped[int] = mapped_column(Integer)
    values: Mapped[dict] = mapped_column(JSON, default=dict)
    # {Drive file id: reviewers' names who cannot open it, or None if the service cannot see
    # it}, for the evidence link as it is now; checked once per link, not every cycle.
    evidence_access: Mapped[dict | None] = mapped_column(JSON)
    realization: Mapped[str | None] = mapped_column(Text)
    achievement: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[str | None] = mapped_column(String(40))
    findings: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="belum diisi")
    previous: Mapped[str | None] = mapped_column(Text)  # as the person typed it
    review: Mapped[str | None] = mapped_column(String(20))
    review_reason: Mapped[str | None] = mapped_column(Text)
    returned_values: Mapped[dict | None] = mapped_column(JSON)
    __table_args__ = (UniqueConstraint("office", "period", "nip", "code"),)


class SnapshotRow(Base):
    """Cell history: written only when a value the service reads has changed."""

    __tablename__ = "snapshots"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7))
    nip: Mapped[str] = mapped_column(String(18))
    code: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(20))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime]
    modified_at: Mapped[datetime | None]
    modified_by: Mapped[str | None] = mapped_column(String(200))


class NoteRow(Base):
    """Notes the service has put on a sheet, so the next cycle knows what to update or clear."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7))
    sheet_key: Mapped[str] = mapped_column(String(300))
    tab: Mapped[str] = mapped_column(String(100))
    cell: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("sheet_key", "tab", "cell"),)


class SignOffRow(Base):
    __tablename__ = "signoffs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7))
    role: Mapped[str] = mapped_column(String(2))
    signer_nip: Mapped[str | None] = mapped_column(String(18))
    signed_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
    values_hash: Mapped[str | None] = mapped_column(String(64))
    # The hash chain (domain/chain.py): what was vouched for, and the link to the sign-off
    # before it, so an owner's edit after a lock, or an edit of this table, shows.
    previous_hash: Mapped[str | None] = mapped_column(String(64))
    chain_hash: Mapped[str | None] = mapped_column(String(64))
    vouched: Mapped[dict | None] = mapped_column(JSON)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    # One standing sign-off per role: a double click on a link, or the web page racing the
    # scheduler, meets this index instead of recording the same signature twice.
    __table_args__ = (Index("uq_signoff_standing", "office", "period", "role", unique=True,
                            sqlite_where=text("withdrawn_at IS NULL"),
                            postgresql_where=text("withdrawn_at IS NULL")),)

class ReminderRow(Base):
    """The outbox: one row per (period, person, kind, day); claimed before the SMTP talk."""

    __tablename__ = "reminders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7))
    nip: Mapped[str] = mapped_column(String(18))
    kind: Mapped[str] = mapped_column(String(64))
    day: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    message_id: Mapped[str] = mapped_column(String(200))
    recipients: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)  # the whole message, to resend
    __table_args__ = (UniqueConstraint("office", "period", "nip", "kind", "day"),)


class AuditRow(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    office: Mapped[str] = mapped_column(String(64))
    period: Mapped[str | None] = mapped_column(String(7))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(300), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class ArchiveRow(Base):
    __tablename__ = "archives"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7))
    version: Mapped[int] = mapped_column(Integer)
    directory: Mapped[str] = mapped_column(String(300))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("office", "period", "version"),)
