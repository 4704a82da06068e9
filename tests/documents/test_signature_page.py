"""The seal and the mediators' signatures never stand alone on a page: whatever the number of parties, the
page with the seal also has parties' signature slots (and, when they fit, the last sentence of the agreement)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from mediation_desktop.documents.agreement import render_agreement
from mediation_desktop.documents.snapshot import AgreementSnapshot, PartySnapshot


def _snapshot(n: int) -> AgreementSnapshot:
    parties = tuple(PartySnapshot(role="applicant" if i % 2 == 0 else "respondent", is_organisation=False,
                                  name=f"村民{i + 1}号", sex="male", ethnicity="汉族", age=40, occupation="农民",
                                  phone="13800138000", address="石桥村三组", id_number="11010519491231002X")
                    for i in range(n))
    return AgreementSnapshot(
        committee_name="石桥村人民调解委员会", number="（2026）石桥村人调字第1号", version=1, status="draft",
        parties=parties, facts="双方因菜地界限发生争议。" * 3, terms=("重新划定界限。", "赔偿损失二千元。"),
        performance_method="现金", performance_place="村委会", performance_deadline=dt.date(2026, 12, 1),
        amount=None, copies=n + 1, mediator_name="王建国", recorder_name="李明", date=dt.date(2026, 11, 22))


@pytest.mark.parametrize("n", [*range(2, 17), 40, 41])
def test_seal_page_has_signatures(n):
    pages = [p.extract_text().replace(" ", "") for p in PdfReader(io.BytesIO(render_agreement(_snapshot(n)))).pages]
    seal_pages = [i for i, text in enumerate(pages) if "人民调解员（签名）" in text]
    assert len(seal_pages) == 1
    seal = pages[seal_pages[0]]
    assert f"村民{n}号" in seal  # the last party signs on the page with the seal
    if n <= 16:  # fits on a page: the whole signing part stays with the last sentence of the agreement
        assert "本协议一式" in seal and "村民1号" in seal.split("当事人（签名")[-1]
    every_name = "".join(pages)
    assert all(f"村民{i}号" in every_name for i in range(1, n + 1))

