"""The forms in ``forms/*.ui`` compile, and what the program runs is compiled from the ``.ui`` as it is now."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_forms", ROOT / "packaging" / "build_forms.py")
assert _spec and _spec.loader
build_forms = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_forms)


def _load(module: Path) -> object:
    spec = importlib.util.spec_from_file_location(f"compiled_{module.stem}", module)
    assert spec and spec.loader
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def test_there_are_forms():
    assert len(build_forms.sources()) >= 1


@pytest.mark.skipif(sys.platform == "win32", reason="a fact of POSIX: Windows refuses to replace a file another "
                    "process holds open (the rebuild fails there instead of tearing it)")
def test_a_recompiled_form_replaces_its_module_whole(tmp_path):
    """A form compiled again gives its path a new file (written under another name, then renamed), so a program
    starting meanwhile imports the old module or the new one, never a half-written one; no partial is left."""
    ui = build_forms.sources()[0]
    module = build_forms.target(ui, build_forms.FORMS, tmp_path)
    build_forms.compile_form(ui, module)
    before, inode = module.read_text(encoding="utf-8"), module.stat().st_ino
    with module.open("rb"):  # (held open, as a reader would)
        build_forms.compile_form(ui, module)
        assert module.stat().st_ino != inode
    assert module.read_text(encoding="utf-8") == before
    assert [p.name for p in module.parent.iterdir() if p.name.endswith(".partial")] == []


def test_every_form_compiles_into_a_ui_class(tmp_path):
    """Each form's compiled module defines its ``Ui_<class>``. Where the program's own module is current (compiled
    by this build from the ``.ui`` as it is now: the content hash on its first line, as packaging/dev.sh and
    packaging/windows/test.sh leave every form just before the suite), that module is the one checked; every
    other form is compiled here afresh (compiling all of them again cost a process start a form: seconds under
    Wine)."""
    stale = build_forms.stale()
    for ui in stale:
        build_forms.compile_form(ui, build_forms.target(ui, build_forms.FORMS, tmp_path))
    for ui in build_forms.sources():
        name = ET.parse(ui).getroot().findtext("class")
        module = build_forms.target(ui, build_forms.FORMS, tmp_path) if ui in stale else build_forms.target(ui)
        assert build_forms.compiled_hash(module) == build_forms.source_hash(ui), ui.name
        assert hasattr(_load(module), f"Ui_{name}"), ui.name


def test_forms_compile_with_qts_own_uic_one_process_a_form():
    """Qt's ``uic`` from the PySide6 package, not the ``pyside6-uic`` launcher (which starts Python, which starts
    that same ``uic``: under Wine 46 s for the 39 forms instead of 6, and three chances a form for a process
    start to fail)."""
    import PySide6

    command = build_forms.uic()
    assert Path(command[0]).parent.is_relative_to(Path(PySide6.__file__).parent)
    assert Path(command[0]).stem == "uic"


def test_the_program_runs_the_forms_as_they_are_now():
    """A .ui edited after set-up (or a fresh clone without it) means packaging/build_forms.py must run."""
    assert [p.relative_to(ROOT).as_posix() for p in build_forms.stale()] == []


def test_a_changed_form_is_found_by_content_not_by_file_time(tmp_path):
    forms, out = tmp_path / "forms", tmp_path / "out"
    ui = build_forms.sources()[0]
    copy = forms / "group" / ui.name
    copy.parent.mkdir(parents=True)
    shutil.copy(ui, copy)
    build_forms.build(forms, out)
    assert build_forms.stale(forms, out) == []
    module = build_forms.target(copy, forms, out)
    assert (module.parent / "__init__.py").exists()
    copy.write_text(copy.read_text(encoding="utf-8").replace("<ui version", "<!-- moved -->\n<ui version"),
                    encoding="utf-8")
    stamp = module.stat().st_mtime_ns
    import os

    os.utime(copy, ns=(stamp - 10**9, stamp - 10**9))  # older file time, new content: still out of date
    assert build_forms.stale(forms, out) == [copy]
    module.write_text(module.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")  # hash line lost
    assert build_forms.stale(forms, out) == [copy]
    assert build_forms.build(forms, out) == [module]
    assert build_forms.stale(forms, out) == []


@pytest.mark.parametrize("broken", ["<ui version=\"4.0\"><widget class=\"QWidget\"", "not xml at all", ""])
def test_a_form_that_does_not_compile_stops_the_build(tmp_path, broken):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "broken.ui").write_text(broken, encoding="utf-8")
    with pytest.raises(SystemExit, match=r"broken\.ui"):
        build_forms.build(forms, tmp_path / "out")


def test_a_compiled_form_imports_only_the_qt_names_it_uses():
    """PySide6 creates a Python type on first import: unused ones would slow the first paint."""
    generated = '''from PySide6.QtCore import (QCoreApplication, QDate,
    QSize, Qt)
from PySide6.QtGui import (QBrush, QPainter)
from PySide6.QtWidgets import (QLabel, QWidget)

class Ui_X(object):
    def setupUi(self, X):
        self.label = QLabel(X)
        self.label.setMaximumSize(QSize(1, 2))
        self.label.setAlignment(Qt.AlignCenter)
        X.setWindowTitle(QCoreApplication.translate("X", u"QDate QPainter", None))
'''
    pruned = build_forms.only_used_imports(generated)
    assert pruned.split("\n")[:2] == ["from PySide6.QtCore import QCoreApplication, QSize, Qt",
                                      "from PySide6.QtWidgets import QLabel"]
    assert pruned.split("\n")[2:] == generated.split("\n")[4:]  # the QtGui line is gone, the rest as it was


def test_compiled_forms_import_no_unused_qt_names():
    for ui in build_forms.sources():
        module = build_forms.target(ui)
        text = module.read_text(encoding="utf-8")
        assert build_forms.only_used_imports(text) == text, ui.name


def test_a_custom_widget_is_a_promoted_placeholder_of_its_real_class(qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from mediation_desktop.ui.common.pdf_view import PdfPane

    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "preview.ui").write_text('''<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0">
 <class>Preview</class>
 <widget class="QWidget" name="Preview">
  <layout class="QVBoxLayout" name="previewLayout">
   <item><widget class="PdfPane" name="pdfPane"/></item>
  </layout>
 </widget>
 <customwidgets>
  <customwidget><class>PdfPane</class><extends>QWidget</extends><header>mediation_desktop.ui.common.pdf_view</header>
  </customwidget>
 </customwidgets>
</ui>
''', encoding="utf-8")
    module = build_forms.build(forms, tmp_path / "out")[0]
    host = QWidget()
    qtbot.addWidget(host)
    form = _load(module).Ui_Preview()
    form.setupUi(host)
    assert type(form.pdfPane) is PdfPane and form.pdfPane.parent() is host


def test_each_form_is_named_after_the_class_that_uses_it():
    """A form's texts are translated in the context of its <class>: the behaviour class's own ``self.tr()``
    context, so both share one entry in the catalogue; the top widget has the same name."""
    classes = {m.group(1): p for p in (ROOT / "mediation_desktop" / "ui").rglob("*.py")
               for m in re.finditer(r"^class (\w+)\(", p.read_text(encoding="utf-8"), re.M)}
    for ui in build_forms.sources():
        root = ET.parse(ui).getroot()
        name = root.findtext("class")
        assert name in classes, ui.name
        assert root.find("widget").get("name") == name, ui.name
        assert f"Ui_{name}()" in classes[name].read_text(encoding="utf-8"), ui.name


def test_the_window_code_keeps_behaviour_only():
    """Layouts live in forms/*.ui: no module of ui/ builds a dialog's layout by hand (a custom widget's own inner
    layout — the PDF pane's page bar, the steps bar's flow — is the widget, not a form), and none is over 400
    lines."""
    ui = ROOT / "mediation_desktop" / "ui"
    widgets_with_own_layout = {"pdf_view.py": 1, "flow_layout.py": 0}  # PdfPane's toolbar row and page view
    too_long, hand_built = [], []
    for path in ui.rglob("*.py"):
        if "forms" in path.relative_to(ui).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 400:
            too_long.append(path.name)
        made = len(re.findall(r"\bQ(?:V|H)BoxLayout\(self\)|\bQ(?:Form|Grid)Layout\(self\)", text))
        if made > widgets_with_own_layout.get(path.name, 0):
            hand_built.append(path.name)
    assert too_long == [] and hand_built == []
