"""The archive read as its reader reads it, whichever renderer printed it.

An approved month is archived again through a chosen renderer (KD's approval withdrawn
and given again, then the archive job, as `kinerja month reopen` does), and its PDFs are
checked with the same assertions for LibreOffice and the built-in reportlab rendering:
every official, approver and indicator is in the text, so are both hashes and the
letterhead, and pages run
top to bottom: each page carries the whole header row of its table (a table continued
sideways would show only part of it) and its page number out of the total.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from service.archive.workbook_pdf import LIBREOFFICE, REPORTLAB
from service.bootstrap import build_backend
from service.clock import SimulatedClock
from service.context import JobContext
from service.domain.roster import Role
from service.jobs.archive import CHAIN_LABEL, archive
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.withdraw import reopen_month
from service.sheets.layout import master_layout, official_layout
from service.sheets.roster_workbook import read_roster
from tests.conftest import SAMPLE_ROSTER
from tests.jobs.approved_month import PERIOD, later, tick

NO_SOFFICE = "LibreOffice (soffice) tidak terpasang: hanya arsip reportlab yang diperiksa"
RENDERERS = (
    pytest.param(REPORTLAB, id=REPORTLAB),
    pytest.param(LIBREOFFICE, id=LIBREOFFICE,
                 marks=pytest.mark.skipif(shutil.which("soffice") is None, reason=NO_SOFFICE)),
)
MAX_MASTER_PAGES = 8  # 37 recap rows and four short tabs; a sideways cut made it 20
MAX_OFFICIAL_PAGES = 2


def page_texts(pdf: Path | bytes) -> list[str]:
    """Each page's text with whitespace collapsed (a cell may wrap anywhere)."""
    data = pdf if isinstance(pdf, bytes) else pdf.read_bytes()
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


def squeezed(text: str) -> str:
    """Without any whitespace, for a hash that wrapped inside its cell."""
    return re.sub(r"\s+", "", text)


def archive_again(ctx: JobContext, clock: SimulatedClock, renderer: str) -> Path:
    """Reopen the approved month, let KD approve it again, and archive it through a local
    backend that prints with `renderer`: the new version's directory."""
    ctx = replace(ctx, backend=build_backend(ctx.settings, renderer))
    reopen_month(ctx, PERIOD, f"cetak ulang arsip ({renderer})", "admin")
    later(clock)
    tick(ctx, Role.KD)
    pull_and_reconcile(ctx, PERIOD)
    later(clock, 10)
    result = archive(ctx, PERIOD)
    assert result.changed == 13, result.lines
    period_dir = ctx.settings.archive_dir / ctx.office / str(PERIOD)
    return max(period_dir.glob("v*"), key=lambda p: int(p.name[1:]))


def assert_each_page_heads_its_table(pages: list[str], headers: list[list[str]],
                                     limit: int) -> None:
    """Few pages, numbered "Halaman n dari m", each showing the complete header row of a
    table: a table printed column block by column block fails here."""
    assert 0 < len(pages) <= limit, f"{len(pages)} halaman"
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text, (number, text[-200:])
        whole = [h for h in headers if all(label in text for label in h)]
        assert whole, f"halaman {number}: tidak ada baris judul tabel yang utuh: {text[:300]}"


def assert_archive_reads_as_a_report(directory: Path, chain_hash: str, values_hash: str,
                                     letterhead: str) -> None:
    """`letterhead`: the office's first letterhead line, on the first page of each PDF."""
    roster, agreements = read_roster(SAMPLE_ROSTER)
    master = master_layout()
    pages = page_texts(directory / "rekap-induk.pdf")
    text = " ".join(pages)
    assert letterhead in pages[0]
    for official in roster.officials:  # every official and approver
        assert official.name in text, official.name
    for agreement in agreements:  # every indicator row
        for indicator in agreement.indicators:
            assert indicator.code in text, indicator.code
    assert chain_hash in squeezed(text) and values_hash in squeezed(text)
    assert CHAIN_LABEL in text
    tables = (master.recap, master.signoff, master.summary, master.sla, master.ytd)
    assert_each_page_heads_its_table(pages, [t.headers() for t in tables], MAX_MASTER_PAGES)
    own_header = [official_layout().table.headers()]
    for agreement in agreements:
        own = page_texts(directory / "pj" / f"{agreement.nip}.pdf")
        own_text = " ".join(own)
        official = roster.by_nip(agreement.nip)
        assert official.name in own_text and official.nip in own_text, official.name
        assert letterhead in own[0], official.name
        assert all(i.code in own_text for i in agreement.indicators), official.name
        assert_each_page_heads_its_table(own, own_header, MAX_OFFICIAL_PAGES)
