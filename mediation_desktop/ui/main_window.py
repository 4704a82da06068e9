"""The main window: the committee's case list with a search box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from mediation_desktop.ui.language import EN, ZH, current, switch
from mediation_desktop.ui.today_view import TodayView


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        inst = installation(db)
        self.org = inst.org_name if inst else ""
        self.resize(1100, 680)

        self.search = QLineEdit()
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
        self.search_label = QLabel()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        cases_page = QWidget()
        cases_page.setLayout(layout)
        self.today = TodayView(db)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.today, "")
        self.tabs.addTab(cases_page, "")
        self.setCentralWidget(self.tabs)
        self.statusBar().addWidget(self.count_label, 1)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文", ZH)
        self.language.addItem("English", EN)
        self.language.setCurrentIndex(self.language.findData(current()))
        self.language.currentIndexChanged.connect(lambda _i: switch(str(self.language.currentData())))
        self.statusBar().addPermanentWidget(self.language)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.refresh()
        for col, width in enumerate((230, 260, 180, 110, 90, 100)):
            self.table.setColumnWidth(col, width)

        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("调解工作台") + (f" — {self.org}" if self.org else ""))
        self.search.setPlaceholderText(self.tr("查找：案件编号、当事人姓名、身份证号、电话、纠纷内容"))
        self.search_label.setText(self.tr("查找"))
        self.tabs.setTabText(0, self.tr("待办"))
        self.tabs.setTabText(1, self.tr("案件"))
        self.count_label.setText(self.tr("共 %n 件案件", "", self.model.total()))
        self.language.setToolTip(self.tr("界面语言"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        rows = list_cases(self.db, search=self.search.text())
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("共 %n 件案件", "", len(rows)))
