"""Every message exists in Chinese and English with the same named placeholders."""

from __future__ import annotations

import re
import string

from mediation_desktop.i18n import EN, MESSAGES, ZH, tr


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_both_languages_and_same_placeholders():
    for key, (zh, en) in MESSAGES.items():
        assert zh and en, key
        assert _fields(zh) == _fields(en), key
        assert all(re.fullmatch(r"[a-z_0-9]+", f) for f in _fields(zh)), f"{key}: named placeholders only"
        assert re.search(r"[\u4e00-\u9fff]", zh), f"{key}: the Chinese text has no Chinese"


def test_every_key_used_in_code_exists():
    import pathlib

    root = pathlib.Path(__file__).resolve().parent.parent / "mediation_desktop"
    used = set()
    for path in root.rglob("*.py"):
        used |= set(re.findall(r'MediationError\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
        used |= set(re.findall(r'\btr\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "the scan found nothing: the pattern is broken"
    assert sorted(used - MESSAGES.keys()) == []


def test_tr_fills_parameters():
    assert tr("case.not_found", ZH, value="X") == "找不到案件“X”。"
    assert tr("case.not_found", EN, value="X") == "No case 'X'."


def test_every_message_takes_its_own_placeholders_whatever_their_names():
    """Every message is filled from a problem's or an error's params as they are (``tr(p.key, **p.params)``): a
    placeholder may be named like ``tr``'s own arguments (a record's ``{key}``), and no message is left unfilled."""
    for key, (zh, _en) in MESSAGES.items():
        params = {f: f"<{f}>" for f in _fields(zh)}
        for lang in (ZH, EN):
            out = tr(key, lang, **params)
            said = [f for f in params if not (f == "detail" and lang == ZH)]  # (a detail is said in Chinese)
            assert all(f"<{f}>" in out for f in said), (key, lang, out)
