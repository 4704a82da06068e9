"""Date fields that keep exactly what was typed, or refuse it where it can be seen.

Every date (and date-and-time) field of the window is one of these. What Qt's own ``QDateEdit`` does wrong
for someone typing a date:

- with the whole field selected (Ctrl+A, a double click) the typed digits are dropped one by one, silently,
  and only the month and day are taken: ``2026-12-15`` typed over ``2027-01-04`` gives ``2027-12-15``;
- with a range set, a digit that would leave it is dropped silently too (``15`` becomes ``01``).

So typing over a selection starts at the first part (the year), and the earliest/latest day allowed is not
Qt's range but a rule of the field: a day outside it stays as typed, is drawn red with the reason as its
tooltip, and :meth:`problem` gives the reason to the form, which refuses to save. A typed digit Qt cannot
take at all (a 13th month) is refused visibly too. In the calendar the days outside the rule are greyed and
cannot be chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QEvent, QObject, QSignalBlocker
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDateEdit, QDateTimeEdit, QToolTip, QWidget

from mediation_desktop.domain.china_time import china_today, in_china

INVALID_STYLE = "border: 2px solid #b00020;"
DAY_FORMAT = "yyyy-MM-dd"
MOMENT_FORMAT = "yyyy-MM-dd HH:mm"


NOT_AFTER = QT_TRANSLATE_NOOP("DateField", "日期不能晚于 %1。")
NOT_BEFORE = QT_TRANSLATE_NOOP("DateField", "日期不能早于 %1。")
NOT_AFTER_MOMENT = QT_TRANSLATE_NOOP("DateField", "时间不能晚于 %1。")
NO_SUCH_DIGIT = QT_TRANSLATE_NOOP("DateField", "这个数字放不进日期里，请按“年-月-日”输入，例如 2026-12-15。")


def china_day() -> QDate:
    """Today on China's calendar (the mediation room's), whatever the computer's time zone."""
    day = china_today()
    return QDate(day.year, day.month, day.day)


def china_moment() -> QDateTime:
    """Now on China's wall clock, to the minute."""
    import datetime as dt

    from PySide6.QtCore import QTime

    n = in_china(dt.datetime.now(dt.UTC))
    return QDateTime(QDate(n.year, n.month, n.day), QTime(n.hour, n.minute))


def _tr(text: object) -> str:
    return QApplication.translate("DateField", str(text))


class _DayRule(QObject):
    """The earliest and latest day a field takes, the calendar's look of it, and the field's red mark."""

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.earliest: QDate | None = None
        self.latest: QDate | None = None
        self.refused = ""  # a digit Qt could not take: until that part is typed again, or the day picked
        self.refused_section = QDateTimeEdit.Section.NoSection
        self.chosen = False  # typed or picked by the user (not the default the form started with)
        self.advanced = False  # the last digit filled a part and Qt moved on to the next by itself
        self._quiet = False
        edit.setCalendarPopup(True)
        calendar = edit.calendarWidget()
        calendar.installEventFilter(self)
        calendar.currentPageChanged.connect(lambda _y, _m: self.grey_outside())
        calendar.clicked.connect(lambda _day: self.accept_again())
        calendar.activated.connect(lambda _day: self.accept_again())
        edit.dateTimeChanged.connect(self._changed)

    def set_quietly(self, moment: QDateTime | QDate) -> None:
        """Set by the program (a default, a stored value): not counted as the user's choice."""
        self._quiet = True
        try:
            if isinstance(moment, QDateTime):
                self.edit.setDateTime(moment)
            else:
                self.edit.setDate(moment)
        finally:
            self._quiet = False
        self.accept_again()

    def accept_again(self) -> None:
        self.refused, self.refused_section = "", QDateTimeEdit.Section.NoSection
        self.show_state()

    def _changed(self, *_args: object) -> None:
        if not self._quiet:
            self.chosen = True
        self.show_state()

    def day_problem(self) -> str | None:
        if self.refused:
            return self.refused
        day = self.edit.date()
        if self.latest is not None and day > self.latest:
            return _tr(NOT_AFTER).replace("%1", self.latest.toString(DAY_FORMAT))
        if self.earliest is not None and day < self.earliest:
            return _tr(NOT_BEFORE).replace("%1", self.earliest.toString(DAY_FORMAT))
        return None

    def show_state(self) -> None:
        reason = self.edit.problem() or ""  # type: ignore[attr-defined]
        self.edit.setStyleSheet(f"QDateTimeEdit {{ {INVALID_STYLE} }}" if reason else "")
        self.edit.setToolTip(reason)

    def refuse(self, reason: str, section: QDateTimeEdit.Section) -> None:
        self.refused, self.refused_section = reason, section
        self.show_state()
        QToolTip.showText(self.edit.mapToGlobal(self.edit.rect().bottomLeft()), reason, self.edit)

    # ---- the calendar: only the days of the rule can be picked, the others look disabled
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QCalendarWidget) and event.type() == QEvent.Type.Show:
            with QSignalBlocker(watched):  # (a range change must not move the field's date)
                watched.setDateRange(self.earliest or QDate(1900, 1, 1), self.latest or QDate(9999, 12, 31))
            self.grey_outside()
        return False

    def grey_outside(self) -> None:
        calendar = self.edit.calendarWidget()
        calendar.setDateTextFormat(QDate(), QTextCharFormat())  # (a null date clears them all)
        grey = QTextCharFormat()
        grey.setForeground(QBrush(QColor("#b0b0b0")))
        first = QDate(calendar.yearShown(), calendar.monthShown(), 1).addDays(-14)
        for offset in range(60):
            day = first.addDays(offset)
            if (self.latest is not None and day > self.latest) or (self.earliest is not None and day < self.earliest):
                calendar.setDateTextFormat(day, grey)


def _start_at_first_section(edit: QDateTimeEdit, rule: _DayRule, event: QKeyEvent) -> None:
    """Typing over a selection of more than one part: the selection becomes the first part (the year), and
    the whole date is typed anew."""
    line = edit.lineEdit()
    if event.text().isdigit() and line.hasSelectedText() and len(line.selectedText()) > 4:
        edit.setSelectedSection(edit.sectionAt(0))
        rule.accept_again()


def _typed(edit: QDateTimeEdit, rule: _DayRule, event: QKeyEvent, press: object) -> None:
    """One key typed into ``edit``: a separator right after Qt moved on by itself (a full year, a two-digit
    month) is the one the user meant, not a second step on; a digit Qt drops is refused visibly."""
    text = event.text()
    if rule.advanced and text and not text.isdigit() and text in "-/. :":
        rule.advanced = False
        event.accept()
        return
    current = edit.currentSection()
    zero = edit.sectionText(current).strip("0") == "" and edit.sectionText(current) != ""
    if text and text in "-/. " and zero and current in (edit.Section.MonthSection, edit.Section.DaySection):
        rule.refuse(_tr(NO_SUCH_DIGIT), current)  # month 0, day 00
    _start_at_first_section(edit, rule, event)
    section = edit.currentSection()
    press(event)  # type: ignore[operator]
    rule.advanced = text.isdigit() and edit.currentSection() != section
    if text.isdigit() and not edit.sectionText(section).endswith(text):
        rule.refuse(_tr(NO_SUCH_DIGIT), section)
    elif text.isdigit() and section == rule.refused_section:
        rule.accept_again()


class DateField(QDateEdit):
    """A day, typed as 年-月-日 or picked in the calendar; ``earliest``/``latest``: the days it takes."""

    def __init__(self, day: QDate | QWidget | None = None, *, earliest: QDate | None = None,
                 latest: QDate | None = None, parent: QWidget | None = None) -> None:
        if not isinstance(day, QDate):  # a form's promoted placeholder: its parent only, starting today
            parent = parent if day is None else day
        super().__init__(parent)
        self.setDisplayFormat(DAY_FORMAT)
        self.rule = _DayRule(self)
        self.set_limits(earliest, latest)
        self.rule.set_quietly(day if isinstance(day, QDate) else china_day())

    def set_limits(self, earliest: QDate | None, latest: QDate | None) -> None:
        self.rule.earliest, self.rule.latest = earliest, latest
        self.rule.show_state()

    def set_day(self, day: QDate) -> None:
        """A day set by the program (not the user's choice)."""
        self.rule.set_quietly(day)

    @property
    def chosen(self) -> bool:
        return self.rule.chosen

    def problem(self) -> str | None:
        return self.rule.day_problem()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        _typed(self, self.rule, event, super().keyPressEvent)


class MomentField(QDateTimeEdit):
    """A day and a time of day (年-月-日 时:分); ``latest``: the last moment it takes (a record is of
    something that has happened, so usually now)."""

    def __init__(self, moment: QDateTime | QWidget | None = None, *, latest: QDateTime | None = None,
                 parent: QWidget | None = None) -> None:
        if not isinstance(moment, QDateTime):  # a form's promoted placeholder: its parent only, starting now
            parent = parent if moment is None else moment
        super().__init__(parent)
        self.setDisplayFormat(MOMENT_FORMAT)
        self.rule = _DayRule(self)
        self.set_latest(latest)
        self.rule.set_quietly(moment if isinstance(moment, QDateTime) else china_moment())

    def set_latest(self, latest: QDateTime | None) -> None:
        self.latest_moment = latest
        self.rule.latest = None if latest is None else latest.date()
        self.rule.show_state()

    def set_moment(self, moment: QDateTime) -> None:
        self.rule.set_quietly(moment)

    @property
    def chosen(self) -> bool:
        return self.rule.chosen

    def problem(self) -> str | None:
        if self.latest_moment is not None and self.dateTime() > self.latest_moment.addSecs(59):
            return _tr(NOT_AFTER_MOMENT).replace("%1", self.latest_moment.toString(MOMENT_FORMAT))
        return self.rule.day_problem()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        _typed(self, self.rule, event, super().keyPressEvent)


def date_problem(widget: QWidget) -> str | None:
    """The reason a date field's value is refused, if it is (any other widget: None)."""
    if isinstance(widget, DateField | MomentField):
        return widget.problem()
    return None
