"""Roster and performance agreements in the database, converted to and from the domain."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.domain.agreement import Agreement, Indicator, Polarity
from service.domain.roster import Official, Role, Roster
from service.store.models import IndicatorRow, OfficialRow


def save_roster(
    session: Session, office: str, roster: Roster, agreements: list[Agreement]
) -> tuple[int, int]:
    """Replace the office's roster and the agreements of the years given. Returns counts."""
    session.execute(delete(OfficialRow).where(OfficialRow.office == office))
    for ordinal, o in enumerate(roster.officials):
        session.add(OfficialRow(office=office, nip=o.nip, name=o.name, position=o.position,
                                email=o.email, unit=o.unit, role=o.role.value, ordinal=ordinal))
    years = {a.year for a in agreements}
    session.execute(
        delete(IndicatorRow).where(IndicatorRow.office == office, IndicatorRow.year.in_(years))
    )
    count = 0
    for agreement in agreements:
        for ordinal, i in enumerate(agreement.indicators):
            session.add(IndicatorRow(
                office=office, year=agreement.year, nip=agreement.nip, ordinal=ordinal,
                code=i.code, name=i.name, unit=i.unit, polarity=i.polarity.value,
                cumulative=i.cumulative, evidence_required=i.evidence_required,
                yearly_target=str(i.yearly_target),
                monthly_targets=[str(t) for t in i.monthly_targets],
                range_low=None if i.range_low is None else str(i.range_low),
                range_high=None if i.range_high is None else str(i.range_high),
                ceiling=None if i.ceiling is None else str(i.ceiling),
                floor=None if i.floor is None else str(i.floor),
            ))
            count += 1
    return len(roster.officials), count


def load_roster(session: Session, office: str) -> Roster:
    rows = session.scalars(
        select(OfficialRow).where(OfficialRow.office == office).order_by(OfficialRow.ordinal)
    )
    return Roster(tuple(
        Official(r.nip, r.name, r.position, r.email, r.unit, Role(r.role)) for r in rows
    ))


def load_agreements(session: Session, office: str, year: int) -> dict[str, Agreement]:
    rows = session.scalars(
        select(IndicatorRow)
        .where(IndicatorRow.office == office, IndicatorRow.year == year)
        .order_by(IndicatorRow.nip, IndicatorRow.ordinal)
    )
    grouped: dict[str, list[Indicator]] = {}
    for r in rows:
        grouped.setdefault(r.nip, []).append(Indicator(
            code=r.code, name=r.name, unit=r.unit, polarity=Polarity(r.polarity),
            cumulative=r.cumulative, yearly_target=Decimal(r.yearly_target),
            monthly_targets=tuple(Decimal(t) for t in r.monthly_targets),
            evidence_required=r.evidence_required,
            range_low=None if r.range_low is None else Decimal(r.range_low),
            range_high=None if r.range_high is None else Decimal(r.range_high),
            ceiling=None if r.ceiling is None else Decimal(r.ceiling),
            floor=None if r.floor is None else Decimal(r.floor),
        ))
    return {nip: Agreement(nip, year, tuple(items)) for nip, items in grouped.items()}
