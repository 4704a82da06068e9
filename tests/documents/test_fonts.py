"""Every character of a name is drawn by a font that has it; fonts are embedded, never STSong-Light."""

from __future__ import annotations

from mediation_desktop.documents import fonts
from mediation_desktop.documents.numerals import chinese_number, term_label

RARE = "镕喆堃昇珺㛃䶮𠮷〇「·」＿"


def test_every_rare_character_is_covered():
    assert fonts.font_set().missing(RARE + "阿依古丽·买买提人民调解协议书（签名盖章或按指印）：，。、") == ""


def test_extension_b_goes_to_the_fallback_font():
    assert list(fonts.runs("王𠮷明")) == [(fonts.BODY, "王"), (fonts.FALLBACK, "𠮷"), (fonts.BODY, "明")]
    assert fonts.font_set().font_for("䶮") in (fonts.BODY, fonts.FALLBACK)
    assert fonts.font_set().font_for("镕") == fonts.BODY


def test_markup_escapes_and_tags_fallback_runs():
    assert fonts.markup("a<b>&𠮷") == f'a&lt;b&gt;&amp;<font name="{fonts.FALLBACK}">𠮷</font>'


def test_width_counts_every_run():
    assert fonts.text_width("王𠮷", 10) > fonts.text_width("王", 10) > 0


def test_shipped_fonts_are_truetype_files():
    names = {p.name for p in fonts.fonts_dir().iterdir()}
    assert {"arphic-uming.ttc", "fallback-HanaMinA.ttf", "LICENSES.md"} <= names
    assert "STSong-Light" not in fonts.font_set().names


def test_chinese_numerals():
    assert [chinese_number(n) for n in (1, 2, 10, 11, 20, 21, 100, 105, 110, 669, 1001)] == [
        "一", "二", "十", "十一", "二十", "二十一", "一百", "一百〇五", "一百一十", "六百六十九", "一千〇一"]
    assert term_label(3) == "三、"


def test_parsed_font_kept_in_the_cache_draws_the_same(tmp_path, monkeypatch):
    """The first PDF after a start reads the fonts' parsed tables from the user cache; the result must be
    the very same face: same glyph map and widths, and the same subset embedded."""
    from mediation_desktop.documents import fonts

    monkeypatch.setenv("MEDIATION_DESKTOP_CACHE", str(tmp_path / "cache"))
    path = fonts.fonts_dir() / "fallback-HanaMinA.ttf"
    parsed = fonts._face(path, 0)  # parsed from the file, then kept
    kept = list((tmp_path / "cache" / "fonts").glob("*.pickle"))
    assert len(kept) == 1 and not list((tmp_path / "cache" / "fonts").glob("*.partial"))
    cached = fonts._face(path, 0)
    assert cached is not parsed and cached.charToGlyph == parsed.charToGlyph
    assert cached.charWidths == parsed.charWidths and cached._pdfScale(500) == parsed._pdfScale(500)
    subset = [ord(c) for c in "𠮷䶮"]
    assert cached.makeSubset(subset) == parsed.makeSubset(subset)
    kept[0].write_bytes(b"not a pickle")  # a damaged cache: parsed again, and kept anew
    again = fonts._face(path, 0)
    assert again.charToGlyph == parsed.charToGlyph and kept[0].stat().st_size > 100
