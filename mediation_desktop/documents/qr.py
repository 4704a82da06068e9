"""The agreement's check code: a QR code carrying the case number and a hash of the agreement's content.

A township scans a paper copy and compares the hash with the one computed from the record, so a
copy whose terms were changed by hand (or printed from another version) is noticed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import hashlib
import json
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable

from mediation_desktop.documents.snapshot import AgreementSnapshot

PREFIX = "MDA1"  # Mediation Desktop Agreement, payload version 1


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def content_hash(s: AgreementSnapshot) -> str:
    """SHA-256 over what the parties sign (not the status or the printing date), as hex."""
    content = {
        "number": s.number, "version": s.version, "parties": [dataclasses.asdict(p) for p in s.parties],
        "facts": s.facts, "terms": list(s.terms), "performance_method": s.performance_method,
        "performance_place": s.performance_place, "performance_deadline": s.performance_deadline,
        "amount": s.amount, "copies": s.copies,
    }
    if s.term_deadlines:  # (only then: an agreement without them keeps the check code printed on it before)
        content["term_deadlines"] = list(s.term_deadlines)
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def payload(s: AgreementSnapshot) -> str:
    """What the QR code says: ``MDA1|<case number>|v<version>|<sha256 hex>``."""
    return f"{PREFIX}|{s.number}|v{s.version}|{content_hash(s)}"


class QrCode(Flowable):  # type: ignore[misc]  # ReportLab ships no types
    """A square QR code of ``size`` points, drawn as one filled path (fast, vector, no font state)."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(value)
        # A fixed mask pattern (valid per ISO/IEC 18004) instead of ReportLab's search over all eight: the
        # search costs ≈ 15 ms a code, a third of the warm PDF's budget; zbarimg reads the result at 150 dpi.
        qr.version = qr.calculate_version()
        qr.makeImpl(False, 0)
        self.modules: list[list[bool]] = qr.modules
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules) + 8  # a quiet zone of four modules all round
        unit = self.size / count
        path = self.canv.beginPath()
        for row, cells in enumerate(self.modules):
            y = self.size - (row + 5) * unit
            col = 0
            while col < len(cells):  # one rectangle per run of dark modules in a row
                if cells[col]:
                    end = col
                    while end < len(cells) and cells[end]:
                        end += 1
                    path.rect((col + 4) * unit, y, (end - col) * unit, unit)
                    col = end
                else:
                    col += 1
        self.canv.setFillGray(0)
        self.canv.drawPath(path, stroke=0, fill=1)
