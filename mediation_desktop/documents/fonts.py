"""The fonts every document is drawn with: embedded, subset, and a fallback per run of characters.

The body face is AR PL UMing (a Ming/Song style, TrueType, so ReportLab embeds and subsets it).
It lacks some characters people's names carry (CJK Extension B such as 𠮷, about two thousand
GBK characters, parts of Extension A), so text is split into runs and each run is drawn by the
first font that has all its characters: HanaMinA (Hanazono Mincho A, subset to what UMing lacks).
ReportLab's built-in ``STSong-Light`` is never used: it is not embedded.
"""

from __future__ import annotations

import functools
import os
import pickle
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from mediation_desktop.paths import cache_dir, resources_dir

BODY = "UMing"
FALLBACK = "HanaMinA"

_FILES: tuple[tuple[str, str, int], ...] = (
    (BODY, "arphic-uming.ttc", 0),  # face 0 of the collection: AR PL UMing CN
    (FALLBACK, "fallback-HanaMinA.ttf", 0),
)



def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@dataclass(frozen=True)
class FontSet:
    """The registered fonts in order of preference, with the characters each one covers."""

    names: tuple[str, ...]
    coverage: tuple[frozenset[int], ...]

    def font_for(self, char: str) -> str:
        """The first font that has ``char``; the body font when none does (it then draws a box)."""
        code = ord(char)
        if code < 0x80 and code in self.coverage[0]:
            return self.names[0]
        for name, covered in zip(self.names, self.coverage, strict=True):
            if code in covered:
                return name
        return self.names[0]

    def missing(self, text: str) -> str:
        """The characters of ``text`` that no font has (whitespace and controls aside)."""
        out = []
        for ch in dict.fromkeys(text):
            if ch.isspace() or ord(ch) < 0x20:
                continue
            if not any(ord(ch) in c for c in self.coverage):
                out.append(ch)
        return "".join(out)


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 surrogate pairs.

    ReportLab writes ``<%04X>`` of the code point, so 𠮷 (U+20BB7) became ``<20BB7>``, which no reader
    understands: the character vanished from copied and extracted text.
    """
    text = _reportlab_to_unicode(fontname, subset)
    for code in subset:
        if code > 0xFFFF:
            text = text.replace(f"<{code:04X}>", "<" + chr(code).encode("utf-16-be").hex().upper() + ">")
    return str(text)


_REGISTERING = threading.Lock()  # ``_Font`` swaps a ReportLab global for a moment: one at a time


class _Font(TTFont):  # type: ignore[misc]
    """A ReportLab TrueType font made from an already parsed face (see ``_face``)."""

    def __init__(self, name: str, face: ttfonts.TTFontFace) -> None:
        path = face.filename
        face_loader, ttfonts.TTFontFace = ttfonts.TTFontFace, lambda *_a, **_k: face
        try:
            super().__init__(name, path)
        finally:
            ttfonts.TTFontFace = face_loader


def _face(path: Path, index: int) -> ttfonts.TTFontFace:
    """The parsed face of a font file, from the user cache when it was parsed before.

    Parsing the 21 MB Ming collection's tables (cmap, widths) is most of the first PDF's time after a
    start; the parsed tables are kept in the cache folder, keyed by the file's size and time and
    ReportLab's version, and the font's bytes (needed for subsetting) are read from the shipped file.
    Any trouble with the cache: the file is parsed as before.
    """
    import reportlab

    stat = path.stat()
    key = f"{path.stem}-{index}-{stat.st_size}-{stat.st_mtime_ns}-rl{reportlab.Version}.pickle"
    cached = cache_dir() / "fonts" / key
    try:
        with cached.open("rb") as fh:
            state = pickle.load(fh)
        face: ttfonts.TTFontFace = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
        face.__dict__.update(state)
        face._ttf_data = path.read_bytes()
        per_em = face.unitsPerEm  # ReportLab's design-unit scale, a lambda in the face (not kept)
        face._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x: x * (1000 / per_em))
        return face
    except Exception:  # no cache yet, or an unreadable one: parse the file
        pass
    face = ttfonts.TTFontFace(str(path), subfontIndex=index)
    tmp = None
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        state = {k: v for k, v in face.__dict__.items() if k not in ("_ttf_data", "_pdfScale")}
        fd, tmp = tempfile.mkstemp(dir=cached.parent, suffix=".partial")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
    except Exception:  # a read-only or full cache folder only costs time
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return face


@functools.cache
def font_set() -> FontSet:
    """Register the fonts with ReportLab once per process (lazily) and return them."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    names: list[str] = []
    coverage: list[frozenset[int]] = []
    for name, filename, index in _FILES:
        with _REGISTERING:
            font = _Font(name, _face(fonts_dir() / filename, index))
        pdfmetrics.registerFont(font)
        names.append(name)
        coverage.append(frozenset(font.face.charToGlyph))
    return FontSet(tuple(names), tuple(coverage))


def runs(text: str) -> Iterator[tuple[str, str]]:
    """Split ``text`` into ``(font name, characters)`` runs, each drawable by that one font."""
    fonts = font_set()
    current = ""
    start = 0
    for i, ch in enumerate(text):
        name = current if ch == " " and current else fonts.font_for(ch)
        if name != current:
            if i > start:
                yield current, text[start:i]
            current, start = name, i
    if len(text) > start:
        yield current, text[start:]


def markup(text: str) -> str:
    """``text`` escaped for a ReportLab Paragraph, with ``<font>`` tags around fallback runs."""
    parts = []
    for name, chunk in runs(text):
        safe = escape(chunk)
        parts.append(safe if name == BODY else f'<font name="{name}">{safe}</font>')
    return "".join(parts)


def text_width(text: str, size: float) -> float:
    """The drawn width of ``text`` at ``size`` points, run by run."""
    return float(sum(stringWidth(chunk, name, size) for name, chunk in runs(text)))


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, *, align: str = "left") -> None:
    """Draw one line on a canvas with per-run fonts; ``align`` is left, centre or right of ``x``."""
    if align == "centre":
        x -= text_width(text, size) / 2
    elif align == "right":
        x -= text_width(text, size)
    for name, chunk in runs(text):
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, name, size)
