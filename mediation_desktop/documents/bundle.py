"""The whole case file (卷宗) in order: cover, contents with page numbers, then each document."""

from __future__ import annotations

import datetime as dt
import io
import uuid

from mediation_desktop.documents.casefile import ContentsRenderer, CoverRenderer, case_file_parts
from mediation_desktop.documents.registry import page_count
from mediation_desktop.documents.snapshot import agreement_snapshot, case_snapshot
from mediation_desktop.storage.database import Database


def contents_and_parts(db: Database, case_id: uuid.UUID, today: dt.date | None) -> tuple[bytes, list[bytes]]:
    """卷内目录 (its 页号 counted from the documents as rendered) and the documents after it."""
    from mediation_desktop.documents.agreement import render_agreement

    snap = case_snapshot(db, case_id, today=today)
    pages: dict[str, str] = {}
    parts: list[bytes] = []
    next_page = 1
    for key, renderer in case_file_parts(snap):
        if key == "agreement":
            pdf = render_agreement(agreement_snapshot(db, case_id, today=today))
        elif renderer is not None:
            pdf = renderer(snap).generate()
        else:
            continue  # paper only: its page number is written by hand
        n = page_count(pdf)
        pages[key] = str(next_page) if n == 1 else f"{next_page}-{next_page + n - 1}"
        next_page += n
        parts.append(pdf)
    return ContentsRenderer(snap, pages).generate(), parts


def render_case_file(db: Database, case_id: uuid.UUID, today: dt.date | None) -> bytes:
    """Cover, contents and every document of the case as one PDF (each keeps its own 第 X 页 共 Y 页)."""
    from pypdf import PdfWriter

    cover = CoverRenderer(case_snapshot(db, case_id, today=today)).generate()
    contents, parts = contents_and_parts(db, case_id, today)
    writer = PdfWriter()
    for pdf in (cover, contents, *parts):
        writer.append(io.BytesIO(pdf))
    writer.add_metadata({"/Title": "调解卷宗", "/Creator": "Mediation Desktop"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
