"""The main window: the committee's case list with a search box."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.services.queries import list_cases
from mediation_desktop.services.setup import installation
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case_table_model import CaseTableModel
from mediation_desktop.ui.today_view import TodayView


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        inst = installation(db)
        org = inst.org_name if inst else ""
        self.setWindowTitle(self.tr("调解工作台") + (f" — {org}" if org else ""))
        self.resize(1100, 680)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找：案件编号、当事人姓名、身份证号、电话、纠纷内容"))
        self.search.setClearButtonEnabled(True)
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
        self.count_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("案件")))
        top.addWidget(self.search, 1)
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        cases_page = QWidget()
        cases_page.setLayout(layout)
        self.today = TodayView(db)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.today, self.tr("待办"))
        self.tabs.addTab(cases_page, self.tr("案件"))
        self.setCentralWidget(self.tabs)
        self.statusBar().addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.refresh()
        for col, width in enumerate((230, 260, 180, 110, 90, 100)):
            self.table.setColumnWidth(col, width)

    def refresh(self) -> None:
        rows = list_cases(self.db, search=self.search.text())
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("共 %n 件案件", "", len(rows)))
