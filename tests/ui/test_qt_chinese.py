"""Qt's own file dialog in the Chinese window speaks Chinese: the labels 查找范围 and 文件类型 and a folder's type
文件夹. Qt renamed those strings ("&Look in:") and its Chinese catalogue kept the old ones, so they showed in English
beside 文件名称 (Windows shows its own dialog; this is Qt's, as on Linux)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

from mediation_desktop.ui.common import language


def _texts(dialog: QFileDialog) -> list[str]:
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    for view in dialog.findChildren(QTreeView):
        model, root = view.model(), view.rootIndex()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
        texts += [str(model.data(model.index(r, 2, root))) for r in range(model.rowCount(root))]  # (the type)
    return texts


def test_qts_file_dialog_has_no_english_in_the_chinese_window(qtbot, tmp_path):
    (tmp_path / "旧台账").mkdir()
    language.switch(language.ZH)
    try:
        dialog = QFileDialog(None, "选择台账文件", str(tmp_path), "Excel / CSV (*.xlsx *.csv)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: any(t == "文件夹" for t in _texts(dialog)) or
                        any("Folder" in t for t in _texts(dialog)), timeout=5000)
        english = [t for t in _texts(dialog) if re.search(r"[A-Za-z]{3,}", t.replace("Excel / CSV", ""))]
        assert english == []
        assert "查找范围(&L)：" in _texts(dialog) and "文件夹" in _texts(dialog)
    finally:
        language.switch(language.ZH)
