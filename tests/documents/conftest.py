"""Cases with agreements made through the real services, and ways to read a PDF back."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from mediation_desktop.domain.enums import PartyKind, PartyRole
from mediation_desktop.services import agreements, cases
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.database import Database

TODAY = dt.date(2026, 11, 22)
RARE_NAMES = ["王䶮", "𠮷镕", "阿依古丽·买买提", "李喆", "张堃", "刘昇", "陈珺", "赵㛃"]
TERMS = ["重新划定菜地界限，以原石桥为准。", "王䶮于2026年12月1日前支付𠮷镕补偿款人民币2000元。",
         "双方今后不得再就此事发生争执。"]


@dataclass(frozen=True)
class MadeCase:
    case_id: uuid.UUID
    case_no: str
    names: list[str]
    terms: list[str]


def _make(db: Database, actor: Actor, parties: list[PartyInput]) -> MadeCase:
    reg = cases.register_case(db, actor, cases.CaseInput(
        "neighbour", parties, summary="双方因菜地界限发生争议，多次协商未果。", requests=["重新划定界限"],
        recorder_name="李明"), today=TODAY)
    agreements.save_draft(db, actor, reg.case_id, agreements.AgreementInput(
        TERMS, facts="双方因石桥村三组菜地界限发生争议。", performance_method="现金一次性支付",
        performance_place="石桥村村民委员会", performance_deadline=dt.date(2026, 12, 1)))
    return MadeCase(reg.case_id, reg.case_no, [p.name for p in parties], TERMS)


@pytest.fixture
def rare_case(db: Database, director: Actor) -> MadeCase:
    """Eight people with rare characters in their names, and a company."""
    people = [PartyInput(n, role=PartyRole.APPLICANT if i == 0 else PartyRole.RESPONDENT,
                         sex="male" if i % 2 == 0 else "female", ethnicity="汉族" if i != 2 else "维吾尔族",
                         age=30 + i, occupation="农民", phone=f"1380013800{i}", address=f"石桥村{i + 1}组")
              for i, n in enumerate(RARE_NAMES)]
    people.append(PartyInput("杭州石桥置业有限公司", role=PartyRole.RESPONDENT, kind=PartyKind.ORGANISATION,
                             id_number="91350100M000100Y43", representative="周〇明", representative_title="总经理"))
    return _make(db, director, people)


@pytest.fixture
def crowd_case(db: Database, director: Actor) -> MadeCase:
    """668 households against a developer (the real case of DOMAIN.md)."""
    people = [PartyInput(f"业主{i:03d}", address=f"石桥花园{i // 20 + 1}幢{i % 20 + 1}室") for i in range(1, 669)]
    people.append(PartyInput("杭州石桥置业有限公司", role=PartyRole.RESPONDENT, kind=PartyKind.ORGANISATION,
                             representative="周明"))
    return _make(db, director, people)


@pytest.fixture
def pdf_text() -> Callable[[bytes], list[str]]:
    """The text of each page, as pypdf extracts it."""
    from pypdf import PdfReader

    def read(data: bytes) -> list[str]:
        return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]

    return read


@pytest.fixture
def pdf_fonts(tmp_path) -> Callable[[bytes], list[dict[str, str]]]:  # type: ignore[no-untyped-def]
    """``pdffonts`` rows (name, type, emb, sub) of a PDF."""
    if shutil.which("pdffonts") is None:
        import windows_facts

        pytest.skip(windows_facts.NO_POPPLER if windows_facts.WINDOWS
                    else "pdffonts (poppler-utils) is not installed: packaging/dev.sh installs it")

    def read(data: bytes) -> list[dict[str, str]]:
        path = tmp_path / f"{uuid.uuid4().hex}.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = []
        for line in out.splitlines()[2:]:
            cols = line.split()
            rows.append({"name": cols[0], "type": " ".join(cols[1:-6]), "emb": cols[-5], "sub": cols[-4]})
        return rows

    return read
