"""What every `SheetBackend` promises, run against each backend the service ships.

Jobs rely on exactly these behaviours; a backend that passes here can run the month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.archive.workbook_pdf import make_renderer
from service.demo.desk import LocalDesk
from service.sheets.local import LocalBackend
from service.sheets.port import (
    READY_PROPERTY,
    Protection,
    SheetBackend,
    SheetBackendError,
    TabSpec,
    WorkbookSpec,
    WriteBatch,
)

PERSON = "ana@dukcapil-mojokerto.example"


@dataclass
class Harness:
    backend: SheetBackend
    folder: str
    person_edit: Callable[[str, str, str, object], None]  # key, tab, a1, value
    # key, tab, a1 -> how the cell is stored: "formula", "text", "number", "bool" or "empty"
    stored_kind: Callable[[str, str, str], str]


def _local(tmp_path: Path) -> Harness:
    backend = LocalBackend(tmp_path / "sheets",
                           make_renderer("PEMERINTAH KOTA MOJOKERTO", ("DINAS UJI",), "reportlab"))
    desk = LocalDesk(tmp_path / "sheets")
    folder = backend.ensure_folder(["kantor", "2026-10"])

    def stored_kind(key: str, tab: str, a1: str) -> str:
        """The cell's type in the saved file: openpyxl reads a formula and a string that
        starts with "=" as the same text, only `data_type` tells them apart."""
        from openpyxl import load_workbook

        cell = load_workbook(backend.path_of(key))[tab][a1]
        if cell.value is None:
            return "empty"
        return {"f": "formula", "s": "text", "n": "number", "b": "bool"}[cell.data_type]

    return Harness(backend, folder,
                   lambda key, tab, a1, value: desk.type_values(PERSON, key, tab, {a1: value}),
                   stored_kind)


def _google(tmp_path: Path) -> Harness:
    from tests.google.backend_factory import SHEETS, fake_session, make_google_fake_backend

    backend, _root, fake = make_google_fake_backend(tmp_path)
    fake.add_user(token="tok-ana", email=PERSON)
    folder = backend.ensure_folder(["kantor", "2026-10"])

    def edit(key: str, tab: str, a1: str, value: object) -> None:
        status = fake.user_edit("tok-ana", key, f"'{tab}'!{a1}", [[value]])
        if status != 200:
            raise PermissionError(f"Google answered {status} to {PERSON} editing {tab}!{a1}")

    def stored_kind(key: str, tab: str, a1: str) -> str:
        """The cell's userEnteredValue as Google stores it (read through the API)."""
        got = fake_session(fake).get(f"{SHEETS}/{key}", params={
            "ranges": f"'{tab}'!{a1}", "includeGridData": "true",
            "fields": "sheets.data.rowData.values.userEnteredValue"}).json()
        rows = got["sheets"][0]["data"][0].get("rowData", [])
        cells = rows[0].get("values", []) if rows else []
        entered = cells[0].get("userEnteredValue", {}) if cells else {}
        if not entered:
            return "empty"
        (kind,) = entered
        return {"formulaValue": "formula", "stringValue": "text", "numberValue": "number",
                "boolValue": "bool"}[kind]

    return Harness(backend, folder, edit, stored_kind)


FACTORIES = {"local": _local, "google-fake": _google}


@pytest.fixture(params=sorted(FACTORIES))
def harness(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    yield FACTORIES[request.param](tmp_path)


def _spec(title: str = "Kinerja Uji") -> WorkbookSpec:
    return WorkbookSpec(
        title=title,
        tabs=[
            TabSpec("Realisasi", [["Judul"], [], ["Kode", "Target", "Realisasi", "Kirim"],
                                  ["A-01", 10, None, False], ["A-02", 5, None, False]],
                    column_widths={"A": 10}, bold_rows=(1, 3), frozen_rows=3,
                    checkboxes=("D4", "D5"), text_ranges=("C4:C5",)),
            TabSpec("Catatan", [["x"]]),
        ],
        protections=[Protection("kepala", "Realisasi", "A1:D3", description="kepala"),
                     Protection("target", "Realisasi", "A4:B5")],
        properties={"kinerja_kind": "pj", "kinerja_nip": "198004042005012009"},
        share_with=(PERSON,),
    )


def test_a_created_spreadsheet_is_listed_with_a_version(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    listed = harness.backend.list_spreadsheets(harness.folder)
    assert [r.key for r in listed] == [ref.key]
    assert listed[0].title == "Kinerja Uji"
    assert listed[0].version
    assert harness.backend.tab_titles(ref.key) == ["Realisasi", "Catatan"]
    assert harness.backend.link(ref.key)


def test_a_listing_carries_the_properties_and_the_ready_mark_set_last(harness: Harness) -> None:
    """Provisioning finds a spreadsheet by its properties, and adopts it only when ready."""
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    expected = {**_spec().properties, READY_PROPERTY: "1"}
    assert dict(ref.properties) == expected
    (listed,) = harness.backend.list_spreadsheets(harness.folder)
    assert dict(listed.properties) == expected


def test_a_discarded_spreadsheet_is_gone_and_discarding_again_is_harmless(
        harness: Harness) -> None:
    """Gone from the folder; on Google it is in the trash (a Content manager may trash but
    not delete in a Shared Drive), so it is not required to be unreadable by id."""
    kept = harness.backend.create_spreadsheet(harness.folder, _spec("Tetap"))
    doomed = harness.backend.create_spreadsheet(harness.folder, _spec())
    harness.backend.discard(doomed.key)
    assert [r.key for r in harness.backend.list_spreadsheets(harness.folder)] == [kept.key]
    harness.backend.discard(doomed.key)
    assert [r.key for r in harness.backend.list_spreadsheets(harness.folder)] == [kept.key]


def test_read_values_trims_trailing_blanks_and_keeps_types(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    header, rows = harness.backend.read_values(
        ref.key, [("Realisasi", "A3:D3"), ("Realisasi", "A4:E5")])
    assert header == [["Kode", "Target", "Realisasi", "Kirim"]]
    assert rows == [["A-01", 10, None, False], ["A-02", 5, None, False]]


def test_a_person_edit_changes_the_version_and_is_read_back(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    harness.person_edit(ref.key, "Realisasi", "C4", "12,5")
    harness.person_edit(ref.key, "Realisasi", "D4", True)
    (after,) = harness.backend.list_spreadsheets(harness.folder)
    assert after.version != ref.version
    (rows,) = harness.backend.read_values(ref.key, [("Realisasi", "A4:D4")])
    assert rows == [["A-01", 10, "12,5", True]]


@pytest.mark.parametrize("typed", ["85%", "7.300", "12,5", "=1+1", "TRUE", "5/10/2026"])
def test_text_ranges_keep_what_a_person_typed(harness: Harness, typed: str) -> None:
    """No spreadsheet reading of percent, thousands, decimal comma, formula or date: the
    service's parser sees the typed text (on Google whatever the spreadsheet's locale)."""
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    harness.person_edit(ref.key, "Realisasi", "C5", typed)
    (rows,) = harness.backend.read_values(ref.key, [("Realisasi", "C5")])
    assert rows == [[typed]]


def test_local_text_ranges_are_text_cells_for_excel(tmp_path: Path) -> None:
    """The workbook side of text_ranges: Excel/LibreOffice keep typing there as text."""
    from openpyxl import load_workbook

    harness = _local(tmp_path)
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    sheet = load_workbook(harness.backend.path_of(ref.key))["Realisasi"]  # type: ignore[attr-defined]
    assert [sheet[a1].number_format for a1 in ("C4", "C5", "B4", "C6")] == [
        "@", "@", "General", "General"]


def test_a_person_cannot_edit_a_service_only_range(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    with pytest.raises(PermissionError):
        harness.person_edit(ref.key, "Realisasi", "B4", 999)
    (rows,) = harness.backend.read_values(ref.key, [("Realisasi", "B4")])
    assert rows == [[10]]


def test_notes_are_set_updated_and_cleared(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    harness.backend.apply(ref.key, WriteBatch(notes={("Realisasi", "C4"): "bukan angka"}))
    assert harness.backend.read_notes(ref.key, "Realisasi") == {"C4": "bukan angka"}
    harness.backend.apply(ref.key, WriteBatch(notes={("Realisasi", "C4"): "sudah benar?",
                                                     ("Realisasi", "C5"): "kosong"}))
    assert harness.backend.read_notes(ref.key, "Realisasi") == {
        "C4": "sudah benar?", "C5": "kosong"}
    harness.backend.apply(ref.key, WriteBatch(notes={("Realisasi", "C4"): None}))
    assert harness.backend.read_notes(ref.key, "Realisasi") == {"C5": "kosong"}


def test_values_are_written_as_literals_never_formulas(harness: Harness) -> None:
    """Reading back is not enough: a formula "=1+1" and the text "=1+1" read the same in
    openpyxl, so the stored cell's type is checked too."""
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    harness.backend.apply(ref.key, WriteBatch(values=[("Catatan", "A2", [["=1+1", "12,5", 7]])]))
    (rows,) = harness.backend.read_values(ref.key, [("Catatan", "A2:C2")])
    assert rows == [["=1+1", "12,5", 7]]
    kinds = [harness.stored_kind(ref.key, "Catatan", a1) for a1 in ("A2", "B2", "C2")]
    assert kinds == ["text", "text", "number"]


def test_locks_are_added_and_removed_by_name_and_bind_people(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    lock = Protection("kunci-baris-4", "Realisasi", "C4:D4", description="dikunci")
    harness.backend.apply(ref.key, WriteBatch(protect=[lock]))
    names = {p.name for p in harness.backend.list_protections(ref.key)}
    assert names == {"kepala", "target", "kunci-baris-4"}
    with pytest.raises(PermissionError):
        harness.person_edit(ref.key, "Realisasi", "C4", 1)
    harness.person_edit(ref.key, "Realisasi", "C5", 2)  # the next row stays open
    harness.backend.apply(ref.key, WriteBatch(unprotect=["kunci-baris-4"]))
    assert {p.name for p in harness.backend.list_protections(ref.key)} == {"kepala", "target"}
    harness.person_edit(ref.key, "Realisasi", "C4", 3)
    (rows,) = harness.backend.read_values(ref.key, [("Realisasi", "C4:C5")])
    assert rows == [[3], [2]]


def test_adding_a_lock_twice_keeps_one(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    lock = Protection("kunci", "Realisasi", "C4:D5")
    harness.backend.apply(ref.key, WriteBatch(protect=[lock]))
    harness.backend.apply(ref.key, WriteBatch(protect=[lock]))
    assert [p.name for p in harness.backend.list_protections(ref.key)].count("kunci") == 1


def test_an_empty_batch_changes_nothing(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    assert harness.backend.apply(ref.key, WriteBatch()) is None
    (after,) = harness.backend.list_spreadsheets(harness.folder)
    assert after.version == ref.version


def test_a_tick_can_be_undone_by_the_service(harness: Harness) -> None:
    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    harness.person_edit(ref.key, "Realisasi", "D5", True)
    harness.backend.apply(ref.key, WriteBatch(values=[("Realisasi", "D5", [[False]])]))
    (rows,) = harness.backend.read_values(ref.key, [("Realisasi", "D5")])
    assert rows == [[False]]


def test_export_gives_a_pdf_with_the_cells_text(harness: Harness) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    ref = harness.backend.create_spreadsheet(harness.folder, _spec())
    pdf = harness.backend.export_pdf(ref.key)
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "A-01" in text and "A-02" in text


def test_an_unknown_spreadsheet_is_a_backend_error(harness: Harness) -> None:
    with pytest.raises(SheetBackendError):
        harness.backend.read_values("tidak-ada", [("Realisasi", "A1")])


def test_template_text_that_looks_like_a_formula_stays_text(harness: Harness) -> None:
    """Roster text (a name, a unit, an indicator) is a literal at provisioning: `=`, `+`,
    `-`, `@` at its start must never make a formula (issue 12, local mode)."""
    spec = _spec()
    spec.tabs[1] = TabSpec("Catatan", [["=1+1", "+62 812", "@rapat", '=HYPERLINK("x")']])
    ref = harness.backend.create_spreadsheet(harness.folder, spec)
    (grid,) = harness.backend.read_values(ref.key, [("Catatan", "A1:D1")])
    assert grid == [["=1+1", "+62 812", "@rapat", '=HYPERLINK("x")']]
    assert {harness.stored_kind(ref.key, "Catatan", a1) for a1 in ("A1", "B1", "C1", "D1")} == {
        "text"}
