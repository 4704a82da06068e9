"""CSV files as villages have them: UTF-8 (with or without Excel's byte-order mark) or GB18030, the encoding
Excel in China saves CSV in. Used by the party-list and ledger imports."""

from __future__ import annotations

import csv

ENCODINGS = ("utf-8-sig", "gb18030")


def csv_rows(raw: bytes) -> list[list[str]] | None:
    """The rows of a CSV file's bytes; None if they are in neither encoding."""
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(csv.reader(text.splitlines()))
    return None
