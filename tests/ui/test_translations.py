"""One translation system (Qt Linguist): every window string has English, and switching needs no restart."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QTabWidget, QWidget

from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.ui.common import language
from mediation_desktop.ui.main_window import MainWindow
from mediation_desktop.ui.start.setup_dialog import SetupDialog

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_translations", ROOT / "packaging" / "build_translations.py")
assert _spec and _spec.loader
build_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_translations)
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef（）：，。]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module", autouse=True)
def _compiled() -> None:
    build_translations.build()


@pytest.fixture(autouse=True)
def _back_to_chinese(qapp):
    yield
    language.switch(language.ZH)


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def test_every_source_string_has_a_finished_translation():
    messages = _messages(build_translations.TS)
    assert len(messages) > 30
    for m in messages:
        source = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None and tr.get("type") is None, source
        texts = [n.text or "" for n in tr.iter("numerusform")] or [tr.text or ""]
        for text in texts:
            assert text.strip() and not CJK.search(text), source
            assert set(re.findall(r"%\d|%n", text)) == set(re.findall(r"%\d|%n", source)), source


def test_no_window_string_is_left_out_of_the_catalogue(tmp_path):
    ts = tmp_path / "check.ts"
    shutil.copy(build_translations.TS, ts)
    build_translations.update(ts)
    unfinished = [m.findtext("source") for m in _messages(ts)
                  if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")]
    assert unfinished == []


def _chrome(widget: QWidget) -> list[str]:
    """Every piece of text the window itself shows (not the users' data in the tables)."""
    texts = [widget.windowTitle().split(" — ")[0]]
    for w in widget.findChildren(QWidget):
        if isinstance(w, QLabel) and w is not getattr(widget, "count_label", None):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QTabWidget):
            texts.extend(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QComboBox) and w.objectName() != "language":
            texts.extend(w.itemText(i) for i in range(w.count()))
    for view_model in (getattr(widget, "model", None), getattr(getattr(widget, "today", None), "model", None)):
        if view_model is not None:
            texts.extend(str(view_model.headerData(c, _horizontal())) for c in range(view_model.columnCount()))
    data = ("石桥村人民调解委员会", "王建国")  # the users' own words, shown as they are in any language
    for word in data:
        texts = [t.replace(word, "") for t in texts]
    return [t for t in texts if t.strip(" :")]


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_main_window_switches_language_without_restart(qtbot, db, director):
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.cases.is_loading() and not window.today.is_loading())  # worker threads
    chinese = _chrome(window)
    assert all(not LATIN_WORD.search(t) for t in chinese), chinese  # no English leaking
    window.language.setCurrentIndex(window.language.findData(language.EN))
    english = _chrome(window)
    assert [t for t in english if CJK.search(t)] == []
    assert "To do" in english and "Case number" in english
    assert window.model.data(window.model.index(0, 4)) == "Accepted"  # labels from the domain follow
    assert "1 case" in window.count_label.text()
    window.language.setCurrentIndex(window.language.findData(language.ZH))
    assert _chrome(window) == chinese


def test_setup_dialog_in_both_languages(qtbot, empty_db):
    dialog = SetupDialog(empty_db)
    qtbot.addWidget(dialog)
    assert all(not LATIN_WORD.search(t) for t in _chrome(dialog))
    language.switch(language.EN)
    assert [t for t in _chrome(dialog) if CJK.search(t)] == []
