"""What an attachment (附件) may be: a PDF, a JPEG, a PNG, a TIFF or a BMP — told by its content, not its label.

An attachment is shown, printed into the case file (卷宗), handed on up the tree and saved under its name on
another computer, so what it says it is must be what it is: a file whose leading bytes (its "magic") are not
those of the type its name or its declared media type says, or of no type accepted here, is refused; a PDF must
also open, with at least one page (pypdf: the reader the case file uses for attached PDFs). Nothing here reads a
file: the callers bound the size first (``MAX_BYTES``) and pass the bytes.

:func:`content_problem` says what is wrong in English (a message's ``detail``; ``failure_details`` says it in
Chinese), or None when the file is what it says.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

MAX_BYTES = 50 * 1024 * 1024  # an attachment's file, at most (a scanned agreement of many pages at 300 dpi)


@dataclass(frozen=True)
class FileType:
    label: str  # as the user is told it: "PDF"
    media_type: str
    suffixes: tuple[str, ...]
    magic: tuple[bytes, ...]  # the content begins with one of these


TYPES = (
    FileType("PDF", "application/pdf", (".pdf",), (b"%PDF-",)),
    FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    FileType("PNG", "image/png", (".png",), (b"\x89PNG\r\n\x1a\n",)),
    FileType("TIFF", "image/tiff", (".tif", ".tiff"), (b"II*\x00", b"MM\x00*")),
    FileType("BMP", "image/bmp", (".bmp",), (b"BM",)),
)
SUFFIXES = tuple(s for t in TYPES for s in t.suffixes)
#: media types other systems' tables give the same files (an attachment's type was once guessed from its name by
#: the system's table: Windows' registry may say image/x-png): each means the type it names
ALIASES = {"image/pjpeg": "image/jpeg", "image/x-png": "image/png", "image/x-ms-bmp": "image/bmp",
           "image/x-bmp": "image/bmp", "image/x-tiff": "image/tiff", "application/x-pdf": "application/pdf"}
# a BMP's second header's size: the kinds of BMP there are ("BM" alone is two letters any text may begin with)
_BMP_INFO_SIZES = (12, 16, 40, 52, 56, 64, 108, 124)


def type_of_name(name: str) -> FileType | None:
    """The accepted type a file name's extension says (any case), or None."""
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    return next((t for t in TYPES if suffix in t.suffixes), None)


def type_of_media(media_type: str) -> FileType | None:
    """The accepted type a declared media type names, or None."""
    media = ALIASES.get(media_type.lower(), media_type.lower())
    return next((t for t in TYPES if t.media_type == media), None)


def type_of_content(data: bytes) -> FileType | None:
    """The accepted type the content's leading bytes are, or None."""
    for t in TYPES:
        if data.startswith(t.magic):
            if t.label == "BMP" and int.from_bytes(data[14:18], "little") not in _BMP_INFO_SIZES:
                continue
            return t
    return None


# photo formats phones and WeChat make that are not accepted, by extension and by content: an iPhone's (and some
# Android phones') HEIC/HEIF photo is an ISO-BMFF file whose "ftyp" box names a HEIF brand; WeChat saves WebP
PHONE_FORMATS = {"HEIC": (".heic", ".heif", ".hif"), "WEBP": (".webp",), "GIF": (".gif",)}
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"mif2")


def phone_format(data: bytes | None, name: str) -> str | None:
    """"HEIC", "WEBP" or "GIF" when ``name``'s extension or ``data``'s content is such a phone or chat picture (not
    accepted: said with how to get a JPEG or PNG), else None."""
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    if data is not None:
        if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
            return "HEIC"
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return "WEBP"
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return "GIF"
        if type_of_content(data) is not None:
            return None
    return next((label for label, suffixes in PHONE_FORMATS.items() if suffix in suffixes), None)


def renamed(data: bytes, name: str) -> FileType | None:
    """The accepted type ``data`` really is when ``name``'s extension says another accepted type (WeChat saves a
    PNG screenshot as .jpg): renaming it to this type's extension makes it what it says. None otherwise (a
    forged file of no accepted type is no renamed one)."""
    by_name, found = type_of_name(name), type_of_content(data)
    return found if by_name is not None and found is not None and found != by_name else None


def content_problem(data: bytes | None, name: str, media_type: str | None = None) -> str | None:
    """What makes ``data`` not the file ``name`` (and ``media_type``, when one is declared) says it is, in English:
    a type not accepted here, a media type that is not the name's, content of another type (or of none), a PDF
    that does not open or has no page. None: it is what it says (``data`` None: the name and type agree)."""
    by_name = type_of_name(name)
    if by_name is None:
        return "name: not an accepted type"
    if media_type is not None and type_of_media(media_type) != by_name:
        return f"declared {media_type[:40]}, named {by_name.label}"
    if data is None:
        return None
    found = type_of_content(data)
    if found is None:
        return f"content of no accepted type, named {by_name.label}"
    if found != by_name:
        return f"content {found.label}, named {by_name.label}"
    if found.label == "PDF":
        return _pdf_problem(data)
    return None


def _pdf_problem(data: bytes) -> str | None:
    """A PDF that pypdf cannot open (cut short, damaged, locked by a password) or that has no page."""
    from pypdf import PdfReader

    pypdf_log = logging.getLogger("pypdf")
    was = pypdf_log.disabled
    pypdf_log.disabled = True  # (its warnings about a damaged file are English, and the refusal says it)
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception as exc:  # (a hostile file may make the parser raise anything)
        return f"PDF does not open: {type(exc).__name__}"
    finally:
        pypdf_log.disabled = was
    return None if pages else "PDF has no pages"
