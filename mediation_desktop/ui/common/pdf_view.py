"""Looking at a document before it is printed: Qt's PDF viewer, the system print dialog, save as PDF.

The PDF bytes come from the document renderers; they are shown from memory (nothing in a shared temp
folder: the papers hold the parties' names and ID numbers).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
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

from mediation_desktop.failure_details import os_reason
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.sync.file_names import save_name

RASTER_DPI = 300


class PdfPane(QWidget):
    """A PDF shown page after page, fitted to the width, with print and save buttons."""

    sig_saved = Signal(str)

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str | None:
        """Where to write the copy: ``suggested`` (a bare name) in the user's Documents, or on the stick — never in
        the folder the program was started from (on Windows, the folder it is installed in)."""
        from mediation_desktop.ui.common.file_places import start_in

        title = QCoreApplication.translate("PdfPane", "把这份文书另存为 PDF")
        path, _filter = QFileDialog.getSaveFileName(parent, title, start_in(suggested), "PDF (*.pdf)")
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
        """Through the system print dialog, then as :meth:`send_to` says."""
        if not self.document.pageCount():
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        printer.setFromTo(1, self.document.pageCount())
        self._a4(printer, 0)
        if not self.ask_printer(self, printer):
            return False
        return self.send_to(printer)

    def print_to_queue(self, queue: str, *, raster: bool = False) -> bool:
        """Print to the named queue with its defaults, no dialog (what a test, or a script, uses);
        ``raster``: draw the pages through Qt as on Windows, even where CUPS could take the PDF."""
        if not self.document.pageCount():
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(queue)
        if not printer.isValid() or printer.printerName() != queue:
            self.status.setText(message("print.no_queue", queue=queue))
            return False
        printer.setDocName(self.suggested_name)
        self._a4(printer, 0)
        return self.send_to(printer, raster=raster)

    def send_to(self, printer: QPrinter, *, raster: bool = False) -> bool:
        """A PDF file chosen in the dialog gets the document's own bytes; a CUPS queue gets the PDF itself (vector,
        A4, text kept: :mod:`print_queue`); otherwise (Windows) each page is drawn through Qt, A4, edge to edge."""
        from mediation_desktop.ui.common.print_queue import PrintJob, cups_available, submit

        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            return self._write_copy(Path(printer.outputFileName()), printer)
        if not raster and cups_available() and printer.printerName():
            ranged = printer.printRange() == QPrinter.PrintRange.PageRange
            problem = submit(self.data, PrintJob(
                printer.printerName(), self.suggested_name, copies=printer.copyCount(),
                first_page=printer.fromPage() if ranged else 0, last_page=printer.toPage() if ranged else 0,
                two_sided=printer.duplex() not in (QPrinter.DuplexMode.DuplexNone,
                                                   QPrinter.DuplexMode.DuplexShortSide)))
            if problem is not None:
                self.status.setText(message("print.queue_refused", queue=printer.printerName(), detail=problem))
                return False
            self.status.setText(self.tr("已送到打印机"))
            return True
        return self.paint_pages(printer)

    def _write_copy(self, path: Path, printer: QPrinter) -> bool:
        """「打印到文件」: the document as it is (pages chosen in the dialog, when some were)."""
        from mediation_desktop.storage.atomic import write_atomically

        if self._kept_by_program(path):
            return False
        data = self.data
        if printer.printRange() == QPrinter.PrintRange.PageRange:
            data = _pages_of(data, printer.fromPage(), printer.toPage())
        try:
            write_atomically(path, data)
        except OSError as exc:
            self.status.setText(message("document.write_failed", path=str(path), detail=os_reason(exc.errno)))
            return False
        self.status.setText(self.tr("已送到打印机"))
        return True

    def _a4(self, printer: QPrinter, number: int) -> None:
        """The paper of page ``number``: its own size (A4, portrait or landscape), no margins added — the
        document has its own, and a queue's default paper (Letter) neither shrinks nor clips it."""
        size = self.document.pagePointSize(number)
        landscape = size.width() > size.height()
        printer.setFullPage(True)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                          QPageLayout.Orientation.Landscape if landscape
                                          else QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))

    def paint_pages(self, printer: QPrinter) -> bool:
        """Each page drawn at the printer's resolution onto A4, edge to edge (where no queue takes the PDF)."""
        ranged = printer.printRange() == QPrinter.PrintRange.PageRange
        first = (printer.fromPage() if ranged else 0) or 1
        last = (printer.toPage() if ranged else 0) or self.document.pageCount()
        self._a4(printer, first - 1)
        # 300 dpi: sharp print for forms; a queue's own 1200 dpi made a 15-page 卷宗 a job of hundreds of MB
        printer.setResolution(min(printer.resolution(), RASTER_DPI))
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(message("print.failed"))
            return False
        try:
            for number in range(first - 1, last):
                if number > first - 1:
                    self._a4(printer, number)
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

    def _kept_by_program(self, path: Path) -> bool:
        """Whether ``path`` is the program's own (database, keys …) of the window's data folder: then said, not
        written."""
        holder = self.parentWidget()
        while holder is not None and getattr(holder, "db", None) is None:
            holder = holder.parentWidget()
        paths = getattr(getattr(holder, "db", None), "paths", None)
        if paths is None or not paths.keeps(path):
            return False
        self.status.setText(message("storage.own_file", path=str(path), folder=str(paths.root)))
        return True

    def save_as(self) -> str | None:
        from mediation_desktop.storage.atomic import write_atomically

        # a name only, never a folder or drive (an attachment's name may have come from another installation)
        path = self.ask_save_path(self, save_name(self.suggested_name))
        if path is None or self._kept_by_program(Path(path)):
            return None
        try:
            write_atomically(Path(path), self.data)
        except OSError as exc:
            self.status.setText(message("document.write_failed", path=path, detail=os_reason(exc.errno)))
            return None
        self.status.setText(self.tr("已保存：%1").replace("%1", path))
        self.sig_saved.emit(path)
        return path


def _pages_of(data: bytes, first: int, last: int) -> bytes:
    """Pages ``first``..``last`` (1-based) of a PDF."""
    import io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages[max(first, 1) - 1:last or len(reader.pages)]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class PdfDialog(QDialog):
    """A document of the case in a window of its own: look, print, save."""

    def __init__(self, title: str, data: bytes, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from mediation_desktop.ui.common.screen_fit import fit_to_screen
        from mediation_desktop.ui.forms.common.pdf_dialog import Ui_PdfDialog  # (it names PdfPane: imported here)

        self.form = Ui_PdfDialog()  # the layout: forms/common/pdf_dialog.ui
        self.form.setupUi(self)
        self.setWindowTitle(title)
        fit_to_screen(self, 820, 900)  # (900 is taller than a village laptop's screen)
        self.pane, self.close_button = self.form.pdfPane, self.form.closeButton
        self.pane.show_pdf(data, suggested_name)
        self.setWindowModality(Qt.WindowModality.NonModal)
