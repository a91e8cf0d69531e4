"""The database refuses a second standing sign-off for the same role."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from service.store.db import Database
from service.store.models import SignOffRow


def test_two_standing_signoffs_of_one_role_are_refused(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    now = datetime(2026, 11, 5, 3, tzinfo=UTC)
    with db.session() as session:
        session.add(SignOffRow(office="o", period="2026-10", role="PP", signed_at=now,
                               withdrawn_at=now))  # withdrawn: does not count
        session.add(SignOffRow(office="o", period="2026-10", role="PP", signed_at=now))
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(SignOffRow(office="o", period="2026-10", role="PP", signed_at=now))
