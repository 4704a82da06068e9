"""案件: the committee's case list with an instant search box.

The layout is ``forms/desk/case_list_page.ui``; this class fills the list and its filters. The filters have a
row of their own, under the search box: beside it, in English and 大字, the row was wider than the laptop's
screen (1,490 pixels of 1,366)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QWidget

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.lifecycle import STATUS_LABELS_EN, STATUS_LABELS_ZH, CaseStatus
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.queries import CaseFilter, FilterChoices, filter_choices, find_case_ids, rows_for
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.column_widths import name_room
from mediation_desktop.ui.common.jobs import Job
from mediation_desktop.ui.common.language import EN, current
from mediation_desktop.ui.desk.case_table_model import NAME_COLUMNS, PARTIES_COLUMN, CaseTableModel, column_samples
from mediation_desktop.ui.forms.desk.case_list_page import Ui_CaseListPage

NAME_COLUMN = 1  # 案件名称 (当事人 and 调解员: case_table_model.NAME_COLUMNS)


class CaseListPage(QWidget):
    sig_register = Signal()
    """The user asked to register a new case."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.form = Ui_CaseListPage()
        self.form.setupUi(self)
        f = self.form  # the names the window and the tests use:
        self.search, self.search_label, self.table, self.register_button = (f.searchEdit, f.searchLabel,
                                                                            f.caseTable, f.registerButton)
        self.status_box, self.category_box, self.mediator_box, self.year_box = (f.statusBox, f.categoryBox,
                                                                                f.mediatorBox, f.yearBox)
        self.village_box = f.villageBox  # shown on a hub, where the cases of several committees are listed
        self.register_button.clicked.connect(self.sig_register.emit)
        self.viewer: Actor | None = None  # who is signed in: non-public cases of others stay out of the list
        self.model = CaseTableModel()
        self.table.setModel(self.model)
        self.model.modelReset.connect(self._widen_columns)
        self._choices = FilterChoices([], [], [])
        self._generation = 0
        self._job: Job | None = None
        self._debounce = QTimer(self)  # typing and filter changes refresh once they pause
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        # the boxes are as wide as the words of the language now (the form's AdjustToContents; not those of the
        # first showing: after English → 中文 they kept their English width and squeezed the search box to half)
        for box in (self.village_box, self.status_box, self.category_box, self.mediator_box, self.year_box):
            box.currentIndexChanged.connect(lambda _i: self._debounce.start())
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.retranslate()

    def _fill_filters(self) -> None:
        english = current() == EN
        boxes = (self.village_box, self.status_box, self.category_box, self.mediator_box, self.year_box)
        kept = [box.currentData() for box in boxes]
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        self.status_box.addItem(self.tr("全部状态"), None)
        for status in CaseStatus:
            self.status_box.addItem((STATUS_LABELS_EN if english else STATUS_LABELS_ZH)[status], status.value)
        self.category_box.addItem(self.tr("全部类型"), None)
        categories = scheme(CURRENT_SCHEME)
        for cat in categories.top_level():
            self.category_box.addItem(categories.label(cat.code, "en" if english else "zh"), cat.code)
        mediators, years = self._choices.mediators, self._choices.years
        self.village_box.addItem(self.tr("全部调委会"), None)
        for code, name in self._choices.villages:
            self.village_box.addItem(name, code)
        self.village_box.setVisible(len(self._choices.villages) > 1)
        self.model.set_committees(dict(self._choices.villages))  # (a hub: the list names each case's committee)
        self.mediator_box.addItem(self.tr("全部调解员"), None)
        for name in mediators:
            self.mediator_box.addItem(name, name)
        self.year_box.addItem(self.tr("全部年份"), None)
        for year in years:
            self.year_box.addItem(str(year), year)
        for box, data in zip(boxes, kept, strict=True):
            box.setCurrentIndex(max(0, box.findData(data)))
            box.blockSignals(False)
            # its words may be shorter now (English → 中文): Qt keeps a combo box's first minimum width until a
            # style change, so one is sent, and the search box gets its room back
            QCoreApplication.sendEvent(box, QEvent(QEvent.Type.StyleChange))
            box.updateGeometry()

    def current_filter(self) -> CaseFilter:
        status = self.status_box.currentData()
        return CaseFilter(status=CaseStatus(status) if status else None, category=self.category_box.currentData(),
                          mediator=self.mediator_box.currentData(), year=self.year_box.currentData(),
                          village=self.village_box.currentData())

    def retranslate(self) -> None:
        self.form.retranslateUi(self)  # the search box's label and hint, 登记新案件…
        self._fill_filters()
        self.model.retranslate()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Widths for the font and language now: a case number, a dispute type, a status, a date whole in 大字
        too (those of the first rows shown)."""
        from mediation_desktop.ui.common.column_widths import fit_columns

        fit_columns(self.table, column_samples(self.model))
        self._share_the_width()

    def _share_the_width(self) -> None:
        """Status, date and mediator stay in sight (in English 大字 too): when the columns are wider than the
        list, the status gives up width down to the longest of the rows read, the dispute type down to its longest
        Chinese name (so only an English one is ever cut) or the longest of the rows read, then the case's name
        down to six characters; a cut cell shows it whole as its tooltip. When that is still too wide (大字 on a
        laptop), the case's name is left out — it is the parties and the dispute type, both beside it — and the
        parties get its width back, down to the room every name column keeps (``column_widths.name_room``, as the
        待办 table's): the parties and the mediator are never narrower."""
        self.table.setColumnHidden(NAME_COLUMN, False)
        room = self.table.viewport().width()
        if room <= 0:
            return  # (not laid out yet: shared when it is)
        widths = [self.table.columnWidth(c) for c in range(self.model.columnCount())]
        header, last = self.table.horizontalHeader(), len(widths) - 1
        if header.stretchLastSection():  # the last column fills what is left: count only what it needs
            widths[last] = max(header.sectionSizeHint(last), self.table.sizeHintForColumn(last),
                               header.defaultSectionSize(), name_room(self.table) if last in NAME_COLUMNS else 0)
        over = sum(widths) - room
        metrics, categories = self.table.fontMetrics(), scheme(CURRENT_SCHEME)
        six = metrics.horizontalAdvance("纠纷案件名称") + 18  # six characters and the cell's margins
        chinese = max(metrics.horizontalAdvance(c.name_zh) for c in categories.categories) + 18
        shown = self._widest_shown(metrics)  # (the rows read: their types and statuses are what must show whole)
        # first what loses nothing shown (状态, 纠纷类型 down to the rows read), then 案件名称 down to six characters
        for column, floor in ((4, shown[4]), (3, min(chinese, shown[3])), (NAME_COLUMN, six)):
            over -= self._give(column, widths[column], floor, over)
        if over > 0 and room > 0:  # then the name altogether (the parties are worth more), then the parties
            over -= self.table.columnWidth(NAME_COLUMN)
            self.table.setColumnHidden(NAME_COLUMN, True)
        self._give(PARTIES_COLUMN, widths[PARTIES_COLUMN], max(six, name_room(self.table)), over)

    def _give(self, column: int, width: int, floor: int, over: int) -> int:
        """Column ``column`` (``width`` wide) narrowed by what is ``over``, down to ``floor``; what it gave."""
        give = max(0, min(over, width - floor))
        self.table.setColumnWidth(column, width - give)
        return give

    def _widest_shown(self, metrics: QFontMetrics, rows: int = 50) -> dict[int, int]:
        """For the dispute type and the status: the width their header and the first ``rows`` rows need."""
        from mediation_desktop.ui.common.column_widths import CELL_PADDING, header_need

        widest = {}
        for column in (3, 4):
            texts = [str(self.model.data(self.model.index(r, column)) or "") for r in
                     range(min(self.model.rowCount(), rows))]
            widest[column] = max([header_need(self.table, column),
                                  *(metrics.horizontalAdvance(t) + CELL_PADDING for t in texts)])
        return widest

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.fit_columns)  # (a wider window gives the name and parties their width back)

    def _widen_columns(self) -> None:
        """New rows (sign-in, a search): a column too narrow for them grows (大字 chosen before the rows came,
        a ledger case's old number); none gets narrower, so one the user widened stays as it is."""
        before = [self.table.columnWidth(c) for c in range(self.model.columnCount())]
        self.fit_columns()
        for column, width in enumerate(before):
            if width > self.table.columnWidth(column):
                self.table.setColumnHidden(column, False)  # (as the user left it: shown, at their width)
                self.table.setColumnWidth(column, width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # 大字
            self.fit_columns()
        super().changeEvent(event)

    def reload(self) -> None:
        """After sign-in or a new case: the list at once; the filter choices (mediators, years, committees
        — three scans of the cases) are read on a worker thread and filled in when they arrive."""
        self.refresh()
        self._generation += 1
        generation = self._generation
        job = Job(self, "", lambda _progress: filter_choices(self.db), quiet=True)
        job.sig_finished.connect(lambda choices, error: self._choices_loaded(generation, choices, error))
        self._job = job.start()

    def _choices_loaded(self, generation: int, choices: FilterChoices | None, error: BaseException | None) -> None:
        if generation != self._generation or choices is None or error is not None:
            return  # superseded, or the window was locked; a failed read leaves the boxes as they were
        self._choices = choices
        self._fill_filters()

    def is_loading(self) -> bool:
        return self._job is not None and not self._job.finished

    def refresh(self) -> None:
        """The list for the current search and filters (on each pause in typing: no other query here)."""
        self._show(find_case_ids(self.db, search=self.search.text(), where=self.current_filter(),
                                 viewer=self.viewer))

    def _show(self, ids: Any) -> None:
        self.model.set_ids(ids, lambda chunk: rows_for(self.db, chunk))

    def clear(self) -> None:
        """Forget what was shown (the window is locked)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_rows([])
        self._generation += 1
        self._choices = FilterChoices([], [], [])
        self._fill_filters()
