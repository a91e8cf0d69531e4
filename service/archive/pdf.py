"""Pure-Python PDF rendering of a workbook's content (reportlab platypus).

Used in local mode when LibreOffice is not installed or not wanted (see DESIGN.md, "Real
parts", and workbook_pdf.make_renderer). The archive hashes the PDF bytes, so the output
must be byte-for-byte deterministic for the same input: reportlab runs in ``invariant``
mode (fixed dates and document ID).
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

log = logging.getLogger(__name__)

DEFAULT_FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
_TTF_REGULAR, _TTF_BOLD = "KinerjaSans", "KinerjaSans-Bold"
_MARGIN = 15 * mm
_FOOTER_SIZE = 7.0

# Helvetica (WinAnsi) cannot show these; spell them out rather than print "?".
_ASCII_FALLBACK = {
    "≤": "<=", "≥": ">=", "≠": "!=", "→": "->", "←": "<-", "✓": "v", "✔": "v",
    "✗": "x", "✘": "x", "−": "-", "‐": "-", "‑": "-", "…": "...",
}


@dataclass(frozen=True)
class PdfSection:
    """One table of the document, e.g. the recap or the sign-off chain. A wide table is
    printed on landscape pages (`landscape`), as its tab prints from Excel or LibreOffice."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    column_weights: tuple[float, ...] | None = None
    landscape: bool = False


@dataclass(frozen=True)
class PdfDocument:
    """Everything printed; rendering is a pure function of this value."""

    office: str
    letterhead: tuple[str, ...]
    title: str
    subtitle_lines: tuple[str, ...]
    sections: tuple[PdfSection, ...]
    footer: str = ""


@dataclass(frozen=True)
class _Fonts:
    regular: str
    bold: str
    unicode: bool

    def text(self, value: str) -> str:
        """Make ``value`` printable in this font (the Helvetica fallback is WinAnsi only)."""
        if self.unicode:
            return value
        out = []
        for ch in value:
            ch = _ASCII_FALLBACK.get(ch, ch)
            try:
                ch.encode("cp1252")
            except UnicodeEncodeError:
                plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
                ch = plain or "?"
            out.append(ch)
        return "".join(out)


def _load_fonts(font_dirs: Sequence[Path]) -> _Fonts:
    """Register DejaVu Sans (covers Indonesian text, "—", "≤", "é") or fall back to Helvetica."""
    registered = pdfmetrics.getRegisteredFontNames()
    if _TTF_REGULAR in registered and _TTF_BOLD in registered and font_dirs:
        return _Fonts(_TTF_REGULAR, _TTF_BOLD, True)
    for base in font_dirs:
        regular, bold = base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            try:
                pdfmetrics.registerFont(TTFont(_TTF_REGULAR, str(regular)))
                pdfmetrics.registerFont(TTFont(_TTF_BOLD, str(bold)))
            except Exception as exc:  # a damaged font file must not stop the archive
                log.warning("cannot load %s (%s); falling back to Helvetica", regular, exc)
                continue
            return _Fonts(_TTF_REGULAR, _TTF_BOLD, True)
    if font_dirs:
        log.info("DejaVu Sans not found in %s; using Helvetica", [str(d) for d in font_dirs])
    return _Fonts("Helvetica", "Helvetica-Bold", False)


def _para(text: str, style: ParagraphStyle, fonts: _Fonts) -> Paragraph:
    """Paragraph of plain text: escaped so "<" or "&" in cell data is not read as markup."""
    return Paragraph(escape(fonts.text(text)).replace("\n", "<br/>"), style)


MIN_TABLE_FONT = 4.5
CELL_PADDING = 6.0  # left + right padding of a table cell, plus a little slack


def _longest_words(section: PdfSection, fonts: _Fonts, size: float) -> list[float]:
    """Per column, the widest word: of the cells in the regular font, of the header in bold
    (wider, so a header such as "Realisasi" is not split either)."""
    result = []
    for i in range(len(section.header)):
        words = [(w, fonts.regular) for row in section.rows for w in row[i].split()]
        words += [(w, fonts.bold) for w in section.header[i].split()]
        result.append(max((pdfmetrics.stringWidth(w, f, size) for w, f in words), default=0.0)
                      + CELL_PADDING)
    return result


def _word_room(section: PdfSection, fonts: _Fonts, size: float) -> float:
    """Width needed so that no word in the table has to be split."""
    return sum(_longest_words(section, fonts, size))


def _column_widths(section: PdfSection, total: float, fonts: _Fonts,
                   size: float) -> list[float]:
    """Split ``total`` by the given weights; otherwise give each column room for its longest
    word (so "DAF-01" or an 18-digit NIP never breaks mid-word) and share what is left by
    how much longer its longest cell is."""
    n = len(section.header)
    if section.column_weights is not None:
        if len(section.column_weights) != n or any(w <= 0 for w in section.column_weights):
            raise ValueError(f"column_weights of {section.title!r} must be {n} positive numbers")
        scale = total / sum(section.column_weights)
        return [w * scale for w in section.column_weights]
    floors = _longest_words(section, fonts, size)
    wishes: list[float] = []
    for i in range(n):
        cells = [section.header[i]] + [row[i] for row in section.rows]
        longest = max(pdfmetrics.stringWidth(c, fonts.regular, size) for c in cells) + CELL_PADDING
        wishes.append(min(longest, total * 0.3))
    room = total - sum(floors)
    if room <= 0:
        scale = total / sum(floors)
        return [f * scale for f in floors]
    extra = [max(w - f, 0.0) for w, f in zip(wishes, floors, strict=True)]
    share = sum(extra) or 1.0
    grant = min(room, sum(extra))
    widths = [f + grant * e / share for f, e in zip(floors, extra, strict=True)]
    spare = total - sum(widths)
    return [w + spare / n for w in widths]


def _section_table(section: PdfSection, width: float, fonts: _Fonts) -> Table:
    n = len(section.header)
    if n == 0:
        raise ValueError(f"section {section.title!r} has no header")
    for i, row in enumerate(section.rows):
        if len(row) != n:
            raise ValueError(f"section {section.title!r} row {i} has {len(row)} cells, not {n}")
    size = 8.0 if n <= 6 else 7.0 if n <= 10 else 6.0
    while size > MIN_TABLE_FONT and _word_room(section, fonts, size) > width:
        size -= 0.25  # shrink rather than break an NIP or a code in the middle
    cell = ParagraphStyle("cell", fontName=fonts.regular, fontSize=size, leading=size * 1.2)
    head = ParagraphStyle("head", parent=cell, fontName=fonts.bold)
    data = [[_para(h, head, fonts) for h in section.header]]
    data += [[_para(c, cell, fonts) for c in row] for row in section.rows]
    widths = _column_widths(section, width, fonts, size)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


PORTRAIT, LANDSCAPE = "tegak", "mendatar"
PAGE_SIZES = {PORTRAIT: A4, LANDSCAPE: landscape(A4)}
_FRAME_PADDING = 6.0  # a platypus Frame's padding on each side


def _orientation(section: PdfSection | None) -> str:
    return LANDSCAPE if section is not None and section.landscape else PORTRAIT


def _table_width(orientation: str) -> float:
    """Room for a table: the frame's width less its padding (or the table would overflow)."""
    return PAGE_SIZES[orientation][0] - 2 * _MARGIN - 2 * _FRAME_PADDING


def _story(doc: PdfDocument, fonts: _Fonts) -> list[Flowable]:
    """The letterhead, then each section; a section printed the other way round starts a
    new page in its orientation."""
    office = ParagraphStyle("office", fontName=fonts.bold, fontSize=12, leading=15,
                            alignment=TA_CENTER)
    line = ParagraphStyle("line", fontName=fonts.regular, fontSize=9, leading=11,
                          alignment=TA_CENTER)
    title = ParagraphStyle("title", parent=office, fontSize=11.5, leading=14)
    heading = ParagraphStyle("heading", fontName=fonts.bold, fontSize=10, leading=13,
                             spaceBefore=8, spaceAfter=4)
    story: list[Flowable] = [_para(doc.office, office, fonts)]
    story += [_para(text, line, fonts) for text in doc.letterhead]
    story.append(HRFlowable(width="100%", thickness=1.5, color=colors.black,
                            spaceBefore=4, spaceAfter=8))
    story.append(_para(doc.title, title, fonts))
    story += [_para(text, line, fonts) for text in doc.subtitle_lines]
    story.append(Spacer(1, 4 * mm))
    current = _orientation(doc.sections[0] if doc.sections else None)
    for section in doc.sections:
        if _orientation(section) != current:
            current = _orientation(section)
            story += [NextPageTemplate(current), PageBreak()]
        story.append(_para(section.title, heading, fonts))
        story.append(_section_table(section, _table_width(current), fonts))
    return story


def _page_decorator(
    doc: PdfDocument, fonts: _Fonts, total: int | None
) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Footer text (left, may wrap) and "Halaman N dari M" (right) on every page."""
    footer = fonts.text(doc.footer)

    def draw(canvas: Canvas, template: BaseDocTemplate) -> None:
        page_w = template.pageTemplate.pagesize[0]
        canvas.saveState()
        canvas.setFont(fonts.regular, _FOOTER_SIZE)
        number = f"Halaman {template.page} dari {total if total is not None else '?'}"
        canvas.drawRightString(page_w - _MARGIN, 12 * mm, number)
        room = page_w - 2 * _MARGIN - canvas.stringWidth(number) - 6 * mm
        y = 12 * mm
        for text in simpleSplit(footer, fonts.regular, _FOOTER_SIZE, room)[:3]:
            canvas.drawString(_MARGIN, y, text)
            y -= _FOOTER_SIZE * 1.2
        canvas.restoreState()

    return draw


def _build(doc: PdfDocument, fonts: _Fonts, total: int | None) -> tuple[bytes, int]:
    buf = io.BytesIO()
    first = _orientation(doc.sections[0] if doc.sections else None)
    template = BaseDocTemplate(
        buf, pagesize=PAGE_SIZES[first], title=fonts.text(doc.title),
        author=fonts.text(doc.office), creator="kinerja-sheets", invariant=1,
    )
    decorate = _page_decorator(doc, fonts, total)
    bottom = _MARGIN + 4 * mm
    pages = []
    for name in sorted(PAGE_SIZES, key=lambda n: n != first):  # the first page's first
        width, height = PAGE_SIZES[name]
        frame = Frame(_MARGIN, bottom, width - 2 * _MARGIN, height - _MARGIN - bottom,
                      leftPadding=_FRAME_PADDING, rightPadding=_FRAME_PADDING, id=name)
        pages.append(PageTemplate(id=name, frames=[frame], onPage=decorate,
                                  pagesize=(width, height)))
    template.addPageTemplates(pages)
    template.build(_story(doc, fonts))
    return buf.getvalue(), template.page


def render_pdf(doc: PdfDocument, *, font_dirs: Sequence[Path] = DEFAULT_FONT_DIRS) -> bytes:
    """Render ``doc`` as an A4 PDF (portrait, landscape pages for landscape sections);
    same input gives the same bytes.

    Laid out twice: the first pass only counts pages so every page can say "dari M".
    ``font_dirs=()`` forces the Helvetica fallback (used by tests).
    """
    fonts = _load_fonts(font_dirs)
    _, total = _build(doc, fonts, None)
    data, pages = _build(doc, fonts, total)
    if pages != total:  # cannot happen: the decoration never changes the frame layout
        raise RuntimeError(f"page count changed between passes ({total} -> {pages})")
    return data
