"""The text rule refuses what a document cannot print (domain.text, domain.glyphs): a character no embedded font
draws (an emoji, ❤) would print as an empty box in a legal document and vanish from its text; a code point that is
no character (unassigned, the noncharacters U+FFFE/U+FFFF, private use) is refused whatever a font holds."""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_desktop.documents.fonts import font_set
from mediation_desktop.domain.text import UnsafeText, check_text, find_unsafe, first_unsafe, printable, shown
from mediation_desktop.i18n import tr

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("value", "key", "char"), [
    ("李😀四", "text.unprintable", "U+1F600"),
    ("张❤\ufe0f三", "text.unprintable", "U+2764"),
    ("张\ufe0f三", "text.unprintable", "U+FE0F"),
    ("™商标", "text.unprintable", "U+2122"),
    ("张\ue000三", "text.not_a_character", "U+E000"),
    ("张\U000F0000三", "text.not_a_character", "U+F0000"),
    ("张\uffff三", "text.not_a_character", "U+FFFF"),
    ("张\ufdd0三", "text.not_a_character", "U+FDD0"),
    ("张\u0378三", "text.not_a_character", "U+0378"),
    ("张\U00030000\U0003134a三", "text.unprintable_name", "U+30000"),  # (Extension G: no font of ours has it)
])
def test_a_character_no_document_can_print_is_refused_naming_it(value: str, key: str, char: str) -> None:
    with pytest.raises(UnsafeText) as err:
        check_text(value, "party.name")
    assert err.value.key == key and err.value.params["char"] == char
    line = tr(err.value.key, **err.value.params)
    assert "当事人姓名" in line and "\n" not in line
    assert char in str(err.value)  # (the code point is kept for the log)
    if key == "text.unprintable" and unicodedata.category(chr(int(char[2:], 16)))[0] == "S":
        # a visible character is shown, not numbered: the mediator reads characters, not code points
        assert f"“{chr(int(char[2:], 16))}”" in line and char not in line
    elif key == "text.unprintable":
        assert char in line  # (a mark that shows nothing alone is named by its number, all there is)


@pytest.mark.parametrize("field", ["party.name", "guardian.representative", "record.visitee", "mediator.name"])
def test_a_rare_character_in_a_persons_name_says_how_to_register_it(field: str) -> None:
    """A 生僻字 of a real name (𰻝, Extension G: no font of ours has it) cannot just be deleted: the message says what
    local practice does (the common form or a same-sounding character, the original noted in 备注 by pinyin or
    拆字), and shows the character, not its code point."""
    with pytest.raises(UnsafeText) as err:
        check_text("𰻝𰻝", field)
    assert err.value.key == "text.unprintable_name"
    for lang in ("zh", "en"):
        line = tr(err.value.key, lang, **err.value.params)
        assert "“𰻝”" in line and "U+" not in line
    zh = tr(err.value.key, "zh", **err.value.params)
    assert "通行写法" in zh and "备注" in zh and "拼音" in zh and "拆字" in zh
    with pytest.raises(UnsafeText) as other:  # (a place, a summary: delete it or write it in words, as before)
        check_text("𰻝𰻝面馆", "record.place")
    assert other.value.key == "text.unprintable"


@pytest.mark.parametrize("value", ["王䶮", "𠮷镕", "𠀀𡃁张三", "阿依古丽·买买提", "周〇明", "①②③", "3,500元（约）",
                                   "Zhang San-Li", "№12 ℃ ±5% ×2 ÷3 → ★ — … 「」《》【】￥"])
def test_what_the_fonts_print_is_accepted(value: str) -> None:
    check_text(value, "party.name")
    check_text(value + "\n第二行", "case.summary")


def test_the_emoji_is_found_after_an_extension_b_character_and_before_a_later_invisible_one() -> None:
    assert first_unsafe("𠀀张😀\u202e") == "😀"
    assert first_unsafe("𠀀张\u202e😀") == "\u202e"
    m = find_unsafe("𠀀张三😀")
    assert m is not None and m.start() == 3


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_the_rule_accepts_prints_whole(value: str) -> None:
    """Whatever passes the rule, every character of it has a glyph in some embedded font (no box in a PDF)."""
    try:
        check_text(value, "case.summary")
    except UnsafeText:
        return
    assert font_set().missing(value.replace("\n", "").replace("\t", "").replace("\r", "")) == ""


def test_every_character_allowed_is_in_a_font_and_of_no_refused_category() -> None:
    covered = set().union(*font_set().coverage)
    allowed = printable(False)
    assert allowed <= covered
    assert not {cp for cp in allowed if unicodedata.category(chr(cp)) in {"Cc", "Cf", "Cs", "Zl", "Zp", "Cn", "Co"}}


def test_the_glyph_list_is_the_fonts_own() -> None:
    """``domain.glyphs`` is written from resources/fonts; a changed font without a rebuilt list fails here."""
    spec = importlib.util.spec_from_file_location("build_glyphs", ROOT / "packaging" / "build_glyphs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


def test_shown_quotes_a_text_without_its_invisible_characters_and_cut() -> None:
    assert shown("张\u202e三") == "张U+202E三"
    assert shown("a\u200bb\x07c\ufeff") == "aU+200BbU+0007cU+FEFF"
    assert shown("张" * 5000) == "张" * 40 + "…"
    assert shown("第一行\n第二行") == "第一行U+000A第二行"
    assert shown("第一行\n第二行", None, multiline=True) == "第一行\n第二行"
    assert shown("李😀四") == "李😀四"  # (visible: shown as it is)
