"""Per-indicator plausibility thresholds: optional roster columns, kept in the database."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from service.sheets.roster_workbook import (
    CEILING_COLUMN,
    FLOOR_COLUMN,
    INDICATOR_COLUMNS,
    read_roster,
)
from service.store import roster_repo
from service.store.db import Database
from tests.test_roster_workbook import (
    PJ_NIP,
    good_people,
    indicator_row,
    problems_of,
    write_roster,
)

WITH_THRESHOLDS = (*INDICATOR_COLUMNS, CEILING_COLUMN, FLOOR_COLUMN)


def test_thresholds_are_read_when_the_roster_has_them_and_kept(tmp_path: Path) -> None:
    rows = [indicator_row(PJ_NIP, "A-01", **{CEILING_COLUMN: 300, FLOOR_COLUMN: "10"}),
            indicator_row(PJ_NIP, "A-02")]
    roster, agreements = read_roster(write_roster(tmp_path / "r.xlsx", good_people(), rows,
                                                  indicator_columns=WITH_THRESHOLDS))
    first, second = agreements[0].indicators
    assert (first.ceiling, first.floor) == (D(300), D(10))
    assert (second.ceiling, second.floor) == (None, None)
    db = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with db.session() as session:
        roster_repo.save_roster(session, "kantor", roster, agreements)
    with db.session() as session:
        loaded = roster_repo.load_agreements(session, "kantor", agreements[0].year)[PJ_NIP]
    assert loaded.indicators == (first, second)


def test_a_floor_above_the_ceiling_is_refused(tmp_path: Path) -> None:
    rows = [indicator_row(PJ_NIP, "A-01", **{CEILING_COLUMN: 80, FLOOR_COLUMN: 90})]
    path = write_roster(tmp_path / "r.xlsx", good_people(), rows,
                        indicator_columns=WITH_THRESHOLDS)
    assert problems_of(path) == [
        "Indikator baris 2: Capaian Min (%) lebih besar dari Capaian Maks (%)"]


def test_a_threshold_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    rows = [indicator_row(PJ_NIP, "A-01", **{CEILING_COLUMN: "banyak"})]
    path = write_roster(tmp_path / "r.xlsx", good_people(), rows,
                        indicator_columns=WITH_THRESHOLDS)
    assert problems_of(path) == [
        "Indikator baris 2, kolom Capaian Maks (%): angka tidak valid ('banyak')"]
