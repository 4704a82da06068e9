"""Every message quotes a text through one rule (``domain.text.quoted_params``, applied by ``i18n.tr``): whatever
a file or a person gave, the line shows no invisible, direction-changing or control character raw, and a quoted value is at
most 40 characters and an ellipsis."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_desktop.domain.text import Label
from mediation_desktop.i18n import tr

_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp", "Cn", "Co"}
_FIXED = len(tr("ledger.row.date", column="", value=""))


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=400), column=st.text(max_size=80), path=st.text(max_size=80))
def test_a_quoted_value_is_cut_and_shows_no_hidden_character(value: str, column: str, path: str) -> None:
    for line in (tr("ledger.row.date", column=column, value=value), tr("setup.org_code", value=value),
                 tr("ledger.bad_byte", path=path, line=3), tr("sync.unsafe_file_name", path=path, name=value)):
        assert not [c for c in line if unicodedata.category(c) in _HIDDEN and c != "\n"], ascii(line)
    shown = tr("ledger.row.date", column=column, value=value)
    assert len(shown) <= _FIXED + 2 * (40 + 1) + 2 * 8 * 40  # (each hidden character takes 6–8: U+202E)


def test_the_reversing_character_is_named_not_obeyed() -> None:
    assert tr("ledger.row.date", column="受理时间", value="2024\u202e-3-5") == tr(
        "ledger.row.date", column="受理时间", value="2024U+202E-3-5")
    assert "张" * 40 + "…" in tr("setup.org_code", value="张" * 5000)
    assert "U+000A" in tr("setup.org_code", value="12\n34")  # (one line: the value's line break is named)


def test_a_field_name_and_a_path_are_not_cut() -> None:
    long_path = "/".join(["村委会资料"] * 20) + "/台账.csv"
    assert long_path in tr("ledger.bad_byte", path=long_path, line=2)
    assert tr("text.invisible", label=Label("当事人姓名", "The party's name"), char="U+202E").startswith("当事人姓名")
    assert tr("text.invisible", "en", label=Label("当事人姓名", "The party's name"), char="U+202E").startswith(
        "The party's name")


def test_names_of_a_refused_folders_files_and_of_a_forwarding_unit_are_one_line_and_visible():
    """The files a foreign data folder holds and the unit that forwarded a bundle are named in one line: a line
    break or a U+202E in a file's name is shown as its code, never raw."""
    from mediation_desktop.errors import ForeignFolder
    from mediation_desktop.i18n import tr

    err = ForeignFolder("/home/zhang/文档", ["a\nb.txt", "报告\u202etxt.exe"])
    text = tr(err.key, "zh", **err.params)
    assert "\n" not in text and "\u202e" not in text and "U+000A" in text and "U+202E" in text
    said = tr("sync.not_its_unit", "zh", path="up.zip", org_name="柳湾村", org_code="330103001",
              hub_name="石桥镇\u202e", hub_code="330102")
    assert "\u202e" not in said and "U+202E" in said
