"""Looking at a document before it is printed: Qt's PDF viewer, the system print dialog, save as PDF.

The PDF bytes come from the document renderers; they are shown from memory (nothing in a shared temp
folder: the papers hold the parties' names and ID numbers).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)


class PdfPane(QWidget):
    """A PDF shown page after page, fitted to the width, with print and save buttons."""

    sig_saved = Signal(str)

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(parent, parent.windowTitle(), suggested, "PDF (*.pdf)")
        return path or None

    @classmethod
    def ask_printer(cls, parent: QWidget, printer: QPrinter) -> bool:
        """The system print dialog (patched in tests: no one is there to click it)."""
        dialog = QPrintDialog(printer, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = b""
        self.suggested_name = "document.pdf"
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setShortcut("Ctrl+P")
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        bar = QHBoxLayout()
        bar.addWidget(self.pages)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.print_button.setEnabled(on)
        self.save_button.setEnabled(on)

    def show_pdf(self, data: bytes, suggested_name: str = "document.pdf") -> None:
        """Show ``data`` (keeping the page the reader was on, so a live preview does not jump)."""
        navigator = self.view.pageNavigator()
        page = navigator.currentPage() if self.document.pageCount() else 0
        self.data, self.suggested_name = data, suggested_name
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.close()
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        count = self.document.pageCount()
        self.pages.setText(self.tr("共 %1 页").replace("%1", str(count)))
        if count:
            navigator.jump(min(page, count - 1), QPointF(), navigator.currentZoom())
        self._enable(count > 0)

    def page_count(self) -> int:
        return self.document.pageCount()

    def print_document(self) -> bool:
        """Through the system print dialog; each page drawn at the printer's resolution."""
        if not self.document.pageCount():
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        printer.setFromTo(1, self.document.pageCount())
        if not self.ask_printer(self, printer):
            return False
        return self.paint_pages(printer)

    def paint_pages(self, printer: QPrinter) -> bool:
        first, last = printer.fromPage() or 1, printer.toPage() or self.document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(message("print.failed"))
            return False
        try:
            for number in range(first - 1, last):
                if number > first - 1:
                    printer.newPage()
                target: QRect = painter.viewport()
                size = self.document.pagePointSize(number)
                scale = min(target.width() / size.width(), target.height() / size.height())
                pixels = QSize(int(size.width() * scale), int(size.height() * scale))
                image: QImage = self.document.render(number, pixels)
                painter.drawImage(QRect(target.x(), target.y(), pixels.width(), pixels.height()), image)
        finally:
            painter.end()
        self.status.setText(self.tr("已送到打印机"))
        return True

    def save_as(self) -> str | None:
        from mediation_desktop.storage.atomic import write_atomically

        path = self.ask_save_path(self, self.suggested_name)
        if path is None:
            return None
        try:
            write_atomically(Path(path), self.data)
        except OSError as exc:
            self.status.setText(message("document.write_failed", path=path, detail=exc.strerror or ""))
            return None
        self.status.setText(self.tr("已保存：%1").replace("%1", path))
        self.sig_saved.emit(path)
        return path


class PdfDialog(QDialog):
    """A document of the case in a window of its own: look, print, save."""

    def __init__(self, title: str, data: bytes, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        from mediation_desktop.ui.screen_fit import fit_to_screen

        fit_to_screen(self, 820, 900)  # (900 is taller than a village laptop's screen)
        self.pane = PdfPane(self)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.pane.show_pdf(data, suggested_name)
        self.setWindowModality(Qt.WindowModality.NonModal)
