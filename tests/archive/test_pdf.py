"""Real rendering checks of the reportlab archive PDF, read back with pypdf."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from service.archive.pdf import PdfDocument, PdfSection, render_pdf

SIGNERS = (
    ("PP", "Rina Kartikasari, S.E.", "198705122010012003"),
    ("KS", "Agus Wibowo, S.Kom.", "198001012005011004"),
    ("SK", "Drs. Bambang Sétiawan", "197203041998031002"),
    ("KD", "Dr. Hj. Siti Nurhayati, M.Si.", "196912311994032005"),
)
NAMES = tuple(f"Pejabat Nomor {i:02d}" for i in range(60))
HEADER = ("No", "Nama Pejabat", "Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Status")


def _doc(footer: str = "SHA-256 rantai pengesahan: " + "ab12" * 16) -> PdfDocument:
    rows = tuple(
        (str(i + 1), name, f"Persentase dokumen kependudukan terbit ≤ {i % 7 + 1} hari — tepat",
         "%", "100", f"{90 + i % 10}", f"{90 + i % 10}%", "Sesuai" if i % 5 else "Tidak Sesuai")
        for i, name in enumerate(NAMES)
    )
    return PdfDocument(
        office="PEMERINTAH KOTA MOJOKERTO",
        letterhead=("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "Jl. Bhayangkara No. 1, Mojokerto"),
        title="Rekapitulasi Data Kinerja Bulanan — Oktober 2026",
        subtitle_lines=("SOP/PIPD/KIP/16 — Pengumpulan Data Kinerja", "Keadaan: disahkan"),
        sections=(
            PdfSection("Rekap Kinerja", HEADER, rows),
            PdfSection("Pengesahan", ("Peran", "Nama", "NIP", "Waktu"),
                       tuple((r, n, nip, "05-11-2026 09:15") for r, n, nip in SIGNERS),
                       column_weights=(1, 4, 3, 2)),
        ),
        footer=footer,
    )


def _pages_text(data: bytes) -> list[str]:
    """Page texts with whitespace collapsed, since table cells may wrap anywhere."""
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_pdf(_doc())


def test_every_row_and_signer_is_in_the_text(rendered: bytes) -> None:
    text = " ".join(_pages_text(rendered))
    for name in NAMES:
        assert name in text
    for _, signer, nip in SIGNERS:
        assert signer in text
        assert nip in text
    assert "≤" in text and "—" in text and "é" in text


def test_pages_numbering_footer_and_repeated_header(rendered: bytes) -> None:
    pages = _pages_text(rendered)
    total = len(pages)
    assert total > 1
    for n, text in enumerate(pages, start=1):
        assert f"Halaman {n} dari {total}" in text
        assert "SHA-256 rantai pengesahan: " + "ab12" * 16 in text
    assert "PEMERINTAH KOTA MOJOKERTO" in pages[0]
    assert "PEMERINTAH KOTA MOJOKERTO" not in pages[1]  # letterhead on the first page only
    assert "Nama Pejabat" in pages[1] and "Realisasi" in pages[1]


def test_a4_portrait(rendered: bytes) -> None:
    for page in PdfReader(io.BytesIO(rendered)).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_a_landscape_section_starts_a_landscape_page_and_keeps_the_numbering() -> None:
    """A wide tab set to print landscape gets landscape pages, as it prints from Excel."""
    doc = _doc()
    wide = PdfSection("Tahun Berjalan", tuple(f"Kolom {i}" for i in range(17)),
                      tuple(tuple(f"{r}.{c}" for c in range(17)) for r in range(80)),
                      landscape=True)
    data = render_pdf(PdfDocument(doc.office, doc.letterhead, doc.title, doc.subtitle_lines,
                                  (*doc.sections, wide), doc.footer))
    pages = PdfReader(io.BytesIO(data)).pages
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    first = sizes.index((842, 595))
    assert set(sizes[:first]) == {(595, 842)} and set(sizes[first:]) == {(842, 595)}
    texts = _pages_text(data)
    assert "Tahun Berjalan" in texts[first]
    for n, text in enumerate(texts, start=1):
        assert f"Halaman {n} dari {len(texts)}" in text
    assert all("Kolom 0" in t and "Kolom 16" in t for t in texts[first:])  # header repeated


def test_same_input_gives_same_bytes(rendered: bytes) -> None:
    assert render_pdf(_doc()) == rendered
    assert render_pdf(_doc(footer="lain")) != rendered


def test_fallback_without_unicode_font_does_not_crash() -> None:
    data = render_pdf(_doc(), font_dirs=())
    text = " ".join(_pages_text(data))
    assert "Pejabat Nomor 59" in text
    assert "<= 1 hari" in text  # "≤" spelled out for Helvetica
    assert "Halaman 1 dari" in text


def test_cell_text_is_not_markup_and_rows_must_match_header() -> None:
    doc = PdfDocument("KANTOR", (), "Judul", (), (
        PdfSection("S", ("a", "b"), (("x < y & z", "<b>tebal</b>"),)),
    ))
    assert "x < y & z" in _pages_text(render_pdf(doc))[0]
    bad = PdfDocument("KANTOR", (), "Judul", (), (PdfSection("S", ("a", "b"), (("x",),)),))
    with pytest.raises(ValueError, match="row 0"):
        render_pdf(bad)


def _pgm_pixels(pgm: bytes) -> bytes:
    """Pixels of a binary PGM (P5), what ``pdftoppm -gray`` writes: a tiny, exact format."""
    magic, width, height, maxval, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    assert len(pixels) == int(width) * int(height)
    return pixels


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm (poppler-utils) not installed; cannot rasterise the PDF")
def test_first_page_renders_as_a_non_blank_image(rendered: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "rekap.pdf"
    pdf.write_bytes(rendered)
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1",
                    "-singlefile", str(pdf), str(tmp_path / "p1")], check=True, timeout=60)
    pixels = _pgm_pixels((tmp_path / "p1.pgm").read_bytes())
    dark = sum(1 for v in pixels if v < 128) / len(pixels)
    assert 0.005 < dark < 0.5, f"page 1 looks blank or black: {dark:.2%} dark pixels"
