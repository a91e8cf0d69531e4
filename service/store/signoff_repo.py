"""The sign-offs in force for a month: a plain query shared by the jobs and the reports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.domain.signoff import CHAIN
from service.store.models import SignOffRow


def active_signoffs(session: Session, office: str, period: str) -> list[SignOffRow]:
    """The standing (not withdrawn) sign-offs, in chain order PP -> KS -> SK -> KD."""
    rows = session.scalars(select(SignOffRow).where(
        SignOffRow.office == office, SignOffRow.period == period,
        SignOffRow.withdrawn_at.is_(None)))
    by_role = {r.role: r for r in rows}
    return [by_role[r.value] for r in CHAIN if r.value in by_role]
