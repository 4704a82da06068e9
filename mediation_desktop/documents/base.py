"""The shared shape of every document (after pretix's invoice renderer): overridable steps, ``generate() -> bytes``.

Geometry, fonts, one stylesheet, a page template, the story, and a canvas that writes
「第 X 页 共 Y 页」 once the page count is known. Every canvas starts in the body font, so no
unembedded Helvetica ever appears in a PDF.
"""

from __future__ import annotations

import io
from typing import Any, ClassVar

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from mediation_desktop.documents import fonts
from mediation_desktop.documents.linebreak import ClearParagraph
from mediation_desktop.documents.wording import Wording


def _lines(markup: str) -> str:
    """Line breaks typed in a form (a follow-up's findings, an oral agreement's terms) stay breaks on paper
    (a Paragraph would join them into one run of text)."""
    return markup.replace("\r\n", "\n").replace("\n", "<br/>")


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no types
    """Keeps each page until the end, then stamps 「第 X 页 共 Y 页」 on all of them."""

    page_format = "第 {page} 页 共 {pages} 页"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _body_font_first(kwargs)
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:  # ReportLab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._stamp(pages)
            super().showPage()
        super().save()

    def _stamp(self, pages: int) -> None:
        width = self._pagesize[0]
        text = self.page_format.format(page=self._pageNumber, pages=pages)
        self.setFillGray(0)
        fonts.draw_text(self, width / 2, 12 * mm, text, 9, align="centre")


class DocumentRenderer:
    """One document. Subclasses set ``wording_name`` and build the story from their snapshot."""

    wording_name: ClassVar[str] = "common"
    pagesize = A4
    left_margin = 25 * mm
    right_margin = 22 * mm
    top_margin = 22 * mm
    bottom_margin = 22 * mm
    font_size = 12.0
    numbered = True

    def __init__(self, wording: Wording | None = None) -> None:
        self.fonts = fonts.font_set()
        self.wording = wording or Wording(self.wording_name)
        self.styles = self.stylesheet()

    # --- geometry and styles -------------------------------------------------------------------
    @property
    def frame_width(self) -> float:
        return float(self.pagesize[0] - self.left_margin - self.right_margin)

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        size = self.font_size
        body = ParagraphStyle("body", fontName=fonts.BODY, fontSize=size, leading=size * 1.6,
                              wordWrap="CJK", alignment=TA_LEFT)
        return {
            "body": body,
            "indent": ParagraphStyle("indent", parent=body, firstLineIndent=size * 2),
            "term": ParagraphStyle("term", parent=body, leftIndent=size * 2, firstLineIndent=0),
            "title": ParagraphStyle("title", parent=body, fontSize=22, leading=30, alignment=TA_CENTER,
                                    spaceBefore=6, spaceAfter=14),
            "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
            "centre": ParagraphStyle("centre", parent=body, alignment=TA_CENTER),
            "cell": ParagraphStyle("cell", parent=body, fontSize=size - 1, leading=(size - 1) * 1.35),
            "small": ParagraphStyle("small", parent=body, fontSize=size - 2, leading=(size - 2) * 1.4),
            "heading": ParagraphStyle("heading", parent=body, spaceBefore=8),
            "tiny": ParagraphStyle("tiny", parent=body, fontSize=6.5, leading=8),
        }

    # --- helpers for the story ----------------------------------------------------------------
    def para(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped, with fallback fonts per run); the line breaks typed are kept."""
        return ClearParagraph(_lines(fonts.markup(text)), self.styles[style])

    def cell(self, text: str, style: str = "cell") -> Paragraph:
        return ClearParagraph(_lines(fonts.markup(text)), self.styles[style])

    def grid(self, rows: list[list[Any]], widths: list[float], *, repeat: int = 0,
             extra: list[tuple[Any, ...]] | None = None, heights: list[float | None] | None = None,
             kind: type[Table] = Table) -> Table:
        """A ruled table (the forms are boxes) that may split between rows across pages. A row's height in
        ``heights`` is the least it has: a box whose text needs more grows to hold it (never drawn over the next)."""
        if heights is not None:
            heights = at_least(rows, widths, heights, extra or [], across=6 + 6, down=3 + 4)
        # a box whose text is longer than a page continues on the next (splitInRow), but not in a table with spanned
        # cells: ReportLab draws such a split out of place
        spans = any(command[0] == "SPAN" for command in extra or [])
        table = kind(rows, colWidths=widths, rowHeights=heights, repeatRows=repeat, hAlign="LEFT",
                     splitInRow=0 if spans else 1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.6, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            *(extra or []),
        ]))
        return table

    # --- the document --------------------------------------------------------------------------
    def title(self) -> str:
        return self.wording["title"]

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Drawn on every page before the story (subclasses add running headers)."""

    def page_templates(self) -> list[PageTemplate]:
        frame = Frame(self.left_margin, self.bottom_margin, self.frame_width,
                      self.pagesize[1] - self.top_margin - self.bottom_margin, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        return [PageTemplate(id="page", frames=[frame], onPage=self.on_page)]

    def canvasmaker(self) -> type[Canvas]:
        if not self.numbered:
            return _PlainCanvas
        page_format = self.wording.data.get("page", NumberedCanvas.page_format)
        return type("Numbered", (NumberedCanvas,), {"page_format": page_format})

    def generate(self) -> bytes:
        """The finished PDF."""
        out = io.BytesIO()
        doc = BaseDocTemplate(out, pagesize=self.pagesize, leftMargin=self.left_margin,
                              rightMargin=self.right_margin, topMargin=self.top_margin,
                              bottomMargin=self.bottom_margin, title=self.title(), author="调解工作台",
                              creator="Mediation Desktop", pageTemplates=self.page_templates(),
                              invariant=True, initialFontName=fonts.BODY, initialFontSize=12)
        doc.build(self.story(), canvasmaker=self.canvasmaker())
        return out.getvalue()


def at_least(rows: list[list[Any]], widths: list[float], heights: list[float | None],
             extra: list[tuple[Any, ...]], *, across: float, down: float) -> list[float | None]:
    """Fixed row heights raised to what each row's cells need (a cell spanning columns as wide as they are
    together; one spanning rows is left to them). ``across`` and ``down``: a cell's padding, both sides together."""
    n_rows, n_cols = len(rows), len(widths)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for command in extra:
        if command[0] == "SPAN":
            (c0, r0), (c1, r1) = command[1], command[2]
            spans[(c0 % n_cols, r0 % n_rows)] = (c1 % n_cols, r1 % n_rows)
    out: list[float | None] = []
    for r, (row, height) in enumerate(zip(rows, heights, strict=False)):
        need = 0.0
        for c, cell in enumerate(row):
            last_col, last_row = spans.get((c, r), (c, r))
            if height is None or last_row != r or not cell:
                continue
            room = sum(widths[c:last_col + 1]) - across
            parts = cell if isinstance(cell, (list, tuple)) else [cell]
            need = max(need, sum(float(f.wrap(room, 1e6)[1]) for f in parts if isinstance(f, Flowable)) + down)
        out.append(None if height is None else max(height, need))
    return out + list(heights[len(out):])


def _body_font_first(kwargs: dict[str, Any]) -> None:
    """The doc template passes ``initialFontName=None``, which would mean Helvetica: start in the body font."""
    kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.BODY
    kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 12


class _PlainCanvas(Canvas):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _body_font_first(kwargs)
        super().__init__(*args, **kwargs)
