"""人民调解协议书, read back from the PDF: fixed sentences, parties, terms, fonts, pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest

from mediation_desktop.documents import fonts
from mediation_desktop.documents.agreement import render_agreement
from mediation_desktop.documents.registry import page_count, render_document
from mediation_desktop.documents.snapshot import agreement_snapshot
from mediation_desktop.documents.wording import Wording
from mediation_desktop.errors import MediationError
from mediation_desktop.services import agreements, cases
from mediation_desktop.services.parties import PartyInput

TODAY = dt.date(2026, 11, 22)
FIXED = ["人民调解协议书", "纠纷主要事实、争议事项", "经调解，自愿达成如下协议：", "履行方式、时限",
         "当事人、人民调解委员会各持一份。", "当事人（签名盖章或按指印）", "人民调解员（签名）", "记录人（签名）",
         "（人民调解委员会印）"]


def _flat(pages: list[str]) -> str:
    return "".join("".join(p.split()) for p in pages)


def test_snapshot_is_frozen_and_complete(db, rare_case):
    snap = agreement_snapshot(db, rare_case.case_id, today=TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.copies = 1  # type: ignore[misc]
    assert [p.name for p in snap.parties] == rare_case.names
    assert snap.terms == tuple(rare_case.terms)
    assert snap.copies == len(rare_case.names) + 1
    assert snap.number == rare_case.case_no
    assert snap.committee_name == "石桥村人民调解委员会"
    org = snap.parties[-1]
    assert org.is_organisation and org.credit_code == "91350100M000100Y43" and org.age is None


def test_agreement_text_is_exact(db, rare_case, pdf_text):
    pdf = render_agreement(agreement_snapshot(db, rare_case.case_id, today=TODAY))
    text = _flat(pdf_text(pdf))
    for sentence in FIXED:
        assert sentence in text, sentence
    assert "本协议一式十份，当事人、人民调解委员会各持一份。" in text
    assert "编号：" + rare_case.case_no in text
    for name in rare_case.names:
        assert name in text, name
    for i, term in zip("一二三", rare_case.terms, strict=True):
        assert f"{i}、{term}" in text
    assert "统一社会信用代码91350100M000100Y43" in text
    assert "2026年11月22日" in text and "履行期限：2026年12月1日前履行完毕。" in text
    assert "石桥村人民调解委员会" in text


def test_fonts_embedded_subset_and_never_helvetica(db, rare_case, pdf_fonts):
    rows = pdf_fonts(render_agreement(agreement_snapshot(db, rare_case.case_id, today=TODAY)))
    assert rows, "no fonts listed"
    assert all(r["emb"] == "yes" and r["sub"] == "yes" and r["type"].startswith("TrueType") for r in rows), rows
    assert not any("Helvetica" in r["name"] or "STSong" in r["name"] for r in rows)
    assert any("HanaMinA" in r["name"] for r in rows)  # 𠮷 is in the document


def test_extension_b_is_drawn_by_the_fallback_font(db, rare_case):
    from pypdf import PdfReader

    pdf = render_agreement(agreement_snapshot(db, rare_case.case_id, today=TODAY))
    seen: list[tuple[str, str]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: seen.append((t, str((font or {}).get("/BaseFont")))))
    assert any("𠮷" in t and "HanaMinA" in f for t, f in seen), seen[:20]
    assert not any("𠮷" in t and "UMing" in f for t, f in seen)


def test_page_numbers_on_every_page(db, rare_case, pdf_text):
    pdf = render_agreement(agreement_snapshot(db, rare_case.case_id, today=TODAY))
    pages = pdf_text(pdf)
    assert len(pages) == page_count(pdf) == 3  # nine parties: blocks, terms; signature slots; mediator and seal
    for i, page in enumerate(pages, start=1):
        assert f"第{i}页共{len(pages)}页" in "".join(page.split())


def test_668_parties_flow_over_pages(db, crowd_case, pdf_text, pdf_fonts):
    pdf = render_document(db, "agreement", crowd_case.case_id, today=TODAY)
    pages = pdf_text(pdf)
    n = len(pages)
    assert n > 60
    flat = ["".join(p.split()) for p in pages]
    for i, page in enumerate(flat, start=1):
        assert f"第{i}页共{n}页" in page
    text = "".join(flat)
    for name in ("业主001", "业主334", "业主668", "杭州石桥置业有限公司"):
        assert text.count(name) >= 2, name  # its block and its signature slot
    assert "本协议一式六百七十份" in text
    assert sum("当事人（签名盖章或按指印）" in p for p in flat) > 10  # the slot table's heading repeats
    assert "（人民调解委员会印）" in flat[-1] and "人民调解员（签名）" in flat[-1]
    assert all(r["emb"] == "yes" and r["sub"] == "yes" for r in pdf_fonts(pdf))
    # every page names the agreement (a loose signature page cannot be swapped); the company signs beside the seal
    assert all(f"编号：{crowd_case.case_no}" in page for page in flat)
    assert "杭州石桥置业有限公司（盖章）" in flat[-1]


def test_township_wording_override(db, rare_case, pdf_text, tmp_path):
    (tmp_path / "agreement.json").write_text(json.dumps({"title": "人民调解协议书（样本）"}), encoding="utf-8")
    wording = Wording("agreement", override_dir=tmp_path)
    text = _flat(pdf_text(render_agreement(agreement_snapshot(db, rare_case.case_id, today=TODAY), wording)))
    assert "人民调解协议书（样本）" in text and "经调解，自愿达成如下协议：" in text


def test_no_agreement_and_unknown_case(db, director):
    import uuid

    reg = cases.register_case(db, director, cases.CaseInput("neighbour", [PartyInput("张三")]))
    with pytest.raises(MediationError) as e:
        agreement_snapshot(db, reg.case_id)
    assert e.value.key == "document.no_agreement"
    with pytest.raises(MediationError) as e:
        agreement_snapshot(db, uuid.uuid4())
    assert e.value.key == "case.not_found"


def test_correction_prints_the_new_version(db, director, rare_case, pdf_text):
    first = agreement_snapshot(db, rare_case.case_id, today=TODAY)
    aid = agreements.save_draft(db, director, rare_case.case_id, agreements.AgreementInput(["双方各让一步。"]),
                                agreement_id=None)
    agreements.sign(db, director, aid, signed_on=dt.date(2026, 11, 23))
    snap = agreement_snapshot(db, rare_case.case_id, today=TODAY)
    assert snap.version == first.version + 1 and snap.terms == ("双方各让一步。",)
    assert "2026年11月23日" in _flat(pdf_text(render_agreement(snap)))


def test_missing_glyphs_are_reported():
    assert fonts.font_set().missing("\U0010fffd") == "\U0010fffd"


def test_check_code_carries_number_and_content_hash(db, director, rare_case, pdf_text):
    from mediation_desktop.documents.qr import content_hash, payload

    snap = agreement_snapshot(db, rare_case.case_id, today=TODAY)
    assert payload(snap) == f"MDA1|{rare_case.case_no}|v1|{content_hash(snap)}"
    assert content_hash(dataclasses.replace(snap, date=dt.date(2030, 1, 1))) == content_hash(snap)  # print date
    assert content_hash(dataclasses.replace(snap, terms=(*snap.terms, "另加一条。"))) != content_hash(snap)
    assert content_hash(dataclasses.replace(snap, copies=snap.copies + 1)) != content_hash(snap)
    assert f"校验码{content_hash(snap)[:16]}" in _flat(pdf_text(render_agreement(snap)))


def test_qr_code_scans_back_to_the_payload(db, rare_case, tmp_path):
    import shutil
    import subprocess

    import windows_facts

    from mediation_desktop.documents.qr import payload

    if windows_facts.WINDOWS and not shutil.which("pdftoppm"):
        pytest.skip(windows_facts.NO_POPPLER)
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm or zbarimg (zbar-tools) missing: packaging/dev.sh installs them")
    snap = agreement_snapshot(db, rare_case.case_id, today=TODAY)
    (tmp_path / "a.pdf").write_bytes(render_agreement(snap))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-W", "450", "-H", "300",
                    str(tmp_path / "a.pdf"), str(tmp_path / "top")], check=True)
    image = next(tmp_path.glob("top*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, check=True).stdout
    assert out.decode("utf-8").strip() == payload(snap)
