"""The print setup of the local workbooks: every tab the archive prints is A4, fitted to the
page width, with its header row on every page, wrapped text in rows tall enough for it,
a print area and page numbers; rows the service writes later are kept the same way. And
how the local backend picks its PDF renderer."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from service.archive import workbook_pdf
from service.archive.workbook_pdf import (
    LIBREOFFICE,
    REPORTLAB,
    make_renderer,
    print_copy,
    workbook_document,
)
from service.domain.period import Period
from service.domain.roster import Role
from service.sheets.layout import Table, master_layout, official_layout
from service.sheets.local import LocalBackend
from service.sheets.local.print_setup import LINE_POINTS, header_row, line_count
from service.sheets.local.workbook import build_workbook
from service.sheets.port import SheetBackendError, WriteBatch
from service.sheets.roster_workbook import read_roster
from service.sheets.specs import RecapRow, master_spec, official_spec
from tests.conftest import SAMPLE_ROSTER

PERIOD = Period(2026, 10)


def _tables() -> list[Table]:
    master = master_layout()
    return [master.recap, master.signoff, master.summary, master.sla, master.ytd,
            official_layout().table]


@pytest.fixture
def made(tmp_path: Path) -> tuple[LocalBackend, str, str]:
    """The sample office's master and one official's workbook, made by the local backend."""
    roster, agreements = read_roster(SAMPLE_ROSTER)
    rows = [RecapRow(roster.by_nip(a.nip), i) for a in agreements for i in a.indicators]
    approvers = {r: o for r in Role if (o := roster.approver(r)) is not None}
    backend = LocalBackend(tmp_path)
    folder = backend.ensure_folder(["2026-10"])
    master = backend.create_spreadsheet(folder, master_spec(
        master_layout(), PERIOD, "dukcapil", "Dinas Kependudukan", rows, approvers))
    agreement = agreements[0]
    official = backend.create_spreadsheet(folder, official_spec(
        official_layout(), PERIOD, "dukcapil", roster.by_nip(agreement.nip),
        agreement.indicators, "Senin, 2 November 2026"))
    return backend, master.key, official.key


def _sheet(backend: LocalBackend, key: str, tab: str) -> Worksheet:
    return load_workbook(backend.path_of(key))[tab]


def test_every_header_word_fits_its_column() -> None:
    """A header word wider than its column is broken mid-word in print ("Perbaika n")."""
    for table in _tables():
        for column in table.columns:
            for word in column.header.split():
                assert line_count(word, column.width, bold=True) == 1, (table.tab, word)


def test_each_tab_prints_on_a4_fitted_to_the_page_width(made: tuple) -> None:
    backend, master, official = made
    tabs = [(master, t) for t in _tables()[:-1]] + [(official, official_layout().table)]
    for key, table in tabs:
        sheet = _sheet(backend, key, table.tab)
        setup = sheet.page_setup
        assert int(setup.paperSize) == int(sheet.PAPERSIZE_A4), table.tab
        assert setup.orientation == ("landscape" if table.landscape else "portrait")
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, table.tab
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), table.tab
        assert sheet.print_title_rows == f"${table.header_row}:${table.header_row}"
        assert str(sheet.print_area).split("!")[1].startswith(f"$A$1:${table.last_col}$")
        assert sheet.oddFooter.center.text == "Halaman &P dari &N"
    assert master_layout().recap.landscape and not master_layout().summary.landscape


def test_long_text_wraps_in_rows_tall_enough_for_it(made: tuple) -> None:
    backend, master, official = made
    recap = master_layout().recap
    sheet = _sheet(backend, master, recap.tab)
    header, first = sheet[f"A{recap.header_row}"], recap.first_data_row
    assert header.alignment.wrap_text and header.font.b
    name = sheet[f"{recap.col('name')}{first}"]
    assert name.value == "Agus Salim Hidayat, S.Sos., M.AP."
    assert name.alignment.wrap_text and name.border.left.style == "thin"
    assert sheet.row_dimensions[first].height >= 2 * LINE_POINTS  # the name takes two lines
    assert not sheet[f"{recap.col('nip')}{first}"].alignment.wrap_text  # an NIP never breaks
    assert not sheet["A1"].alignment.wrap_text  # the title runs across the page
    table = official_layout().table
    own = _sheet(backend, official, table.tab)
    assert own["A7"].value == "Batas pengisian" and own["A7"].alignment.wrap_text
    assert own.row_dimensions[7].height == 2 * LINE_POINTS


def test_rows_written_later_wrap_and_the_print_area_follows_them(made: tuple) -> None:
    backend, master, _official = made
    ytd = master_layout().ytd
    row = ytd.first_data_row + 40
    note = "Capaian kumulatif dihitung ulang setelah koreksi data register SIAK bulan lalu"
    backend.apply(master, WriteBatch(values=[
        (ytd.tab, f"A{row}", [["198001012005011004", "Pejabat Baru Dengan Nama Panjang, S.H.",
                              "XYZ-01", note]]),
    ]))
    sheet = _sheet(backend, master, ytd.tab)
    indicator = sheet[f"{ytd.col('indicator')}{row}"]
    assert indicator.alignment.wrap_text and indicator.border.bottom.style == "thin"
    assert sheet.row_dimensions[row].height >= 3 * LINE_POINTS
    assert str(sheet.print_area).endswith(f"${ytd.last_col}${row}")
    bare = sheet[f"A{row - 1}"].border.bottom
    assert bare is None or bare.style is None  # the empty rows between stay bare


def test_line_count_breaks_at_spaces_and_inside_a_word_only_when_it_must() -> None:
    assert line_count("Sesuai", 9) == 1
    assert line_count("Rata-rata waktu penyelesaian layanan", 26) == 2
    assert line_count("a" * 64, 30) == 3  # a hash: broken inside the word
    assert line_count("baris satu\nbaris dua", 40) == 2


def test_the_renderer_is_chosen_by_name(made: tuple,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    backend, master, _official = made
    path = backend.path_of(master)

    def no_libreoffice(_path: Path, timeout: float = 120) -> None:
        return None

    monkeypatch.setattr(workbook_pdf, "convert_xlsx_to_pdf", no_libreoffice)
    assert make_renderer("KANTOR", (), "auto")(path, master).startswith(b"%PDF")  # falls back
    with pytest.raises(SheetBackendError, match="LibreOffice"):
        make_renderer("KANTOR", (), LIBREOFFICE)(path, master)  # insists

    def must_not_run(_path: Path, timeout: float = 120) -> bytes:
        raise AssertionError("reportlab must not start LibreOffice")

    monkeypatch.setattr(workbook_pdf, "convert_xlsx_to_pdf", must_not_run)
    assert make_renderer("KANTOR", (), REPORTLAB)(path, master).startswith(b"%PDF")
    with pytest.raises(ValueError, match="tidak dikenal"):
        make_renderer("KANTOR", (), "word")


def test_libreoffice_prints_a_copy_with_the_letterhead_and_any_missing_setup(
        made: tuple, tmp_path: Path) -> None:
    """LibreOffice prints a copy: the letterhead above the first tab, and for a month
    provisioned by an older version, each tab with its template's print setup; the
    workbook itself is untouched."""
    backend, master, _official = made
    before = backend.path_of(master).read_bytes()
    recap = master_layout().recap
    (tmp_path / "rekap").mkdir()
    copy = load_workbook(print_copy(backend.path_of(master), tmp_path / "rekap",
                                    ("PEMERINTAH KOTA MOJOKERTO", "DINAS KEPENDUDUKAN")))
    assert backend.path_of(master).read_bytes() == before
    assert [copy[recap.tab][f"A{r}"].value for r in (1, 2, 4)] == [
        "PEMERINTAH KOTA MOJOKERTO", "DINAS KEPENDUDUKAN", recap.title + " — OKTOBER 2026"]
    assert header_row(copy[recap.tab]) == recap.header_row + 3  # the letterhead above it
    assert header_row(copy[master_layout().signoff.tab]) == master_layout().signoff.header_row
    roster, agreements = read_roster(SAMPLE_ROSTER)
    spec = official_spec(official_layout(), PERIOD, "dukcapil", roster.by_nip(agreements[0].nip),
                         agreements[0].indicators, "Senin, 2 November 2026")
    spec.tabs[0].print_setup = None  # as provisioned before tabs had one
    path = tmp_path / "lama" / "pejabat.xlsx"
    path.parent.mkdir()
    build_workbook(spec, {}).save(path)
    before = path.read_bytes()
    (tmp_path / "salinan").mkdir()
    copy = print_copy(path, tmp_path / "salinan")
    assert copy != path and path.read_bytes() == before
    sheet = load_workbook(copy)[official_layout().table.tab]
    assert header_row(sheet) == official_layout().table.header_row
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)


def test_the_reportlab_rendering_heads_each_table_with_its_header_row(made: tuple) -> None:
    """Not the ticked submit row above it, which has three cells too."""
    backend, master, official = made
    table = official_layout().table
    backend.apply(official, WriteBatch(values=[(table.tab, "B8", [[True]])]))
    (section,) = workbook_document(backend.path_of(official), "KANTOR", ()).sections
    assert list(section.header) == table.headers() and section.landscape
    document = workbook_document(backend.path_of(master), "KANTOR", ())
    layout = master_layout()
    assert [list(s.header) for s in document.sections] == [
        t.headers() for t in (layout.recap, layout.signoff, layout.summary, layout.sla,
                              layout.ytd)]
    assert [s.landscape for s in document.sections] == [True, True, False, True, True]
