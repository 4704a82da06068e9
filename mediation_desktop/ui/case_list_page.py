"""案件: the committee's case list with an instant search box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.services.queries import list_cases
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case_table_model import CaseTableModel


class CaseListPage(QWidget):
    sig_register = Signal()
    """The user asked to register a new case."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.register_button = QPushButton()
        self.register_button.clicked.connect(self.sig_register.emit)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.model = CaseTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        for col, width in enumerate((230, 260, 180, 110, 90, 100)):
            self.table.setColumnWidth(col, width)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("查找：案件编号、当事人姓名、身份证号、电话、纠纷内容"))
        self.search_label.setText(self.tr("查找"))
        self.register_button.setText(self.tr("登记新案件…"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        self.model.set_rows(list_cases(self.db, search=self.search.text()))

    def clear(self) -> None:
        """Forget what was shown (the window is locked)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_rows([])
