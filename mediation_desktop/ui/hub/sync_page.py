"""交换: files to and from the USB stick — export for the level above, import what comes (with a dry run
shown before anything is applied), and the receipts that close the loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableWidgetItem, QWidget

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.domain.text import shown
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.column_widths import keep_headers_whole
from mediation_desktop.ui.common.jobs import Job, JobCancelled
from mediation_desktop.ui.forms.hub.sync_page import Ui_SyncPage
from mediation_desktop.ui.hub.sync_summary import fill_preview, outcome_line, selected_text


class SyncPage(QWidget):
    """Export above, import below; every step runs off the window's thread."""

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str | None:
        kinds = QCoreApplication.translate("SyncPage", "调解数据包 (*.zip)")
        title = QCoreApplication.translate("SyncPage", "把调解数据包保存到哪里")
        path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
        return path or None

    @classmethod
    def ask_open_paths(cls, parent: QWidget) -> list[str]:
        kinds = QCoreApplication.translate("SyncPage", "调解数据包、回执 (*.zip);;所有文件 (*)")
        from mediation_desktop.ui.common.file_places import carry_folder

        title = QCoreApplication.translate("SyncPage", "选择要导入的调解数据包或回执")
        paths, _filter = QFileDialog.getOpenFileNames(parent, title, str(carry_folder()), kinds)
        return list(paths)

    @classmethod
    def ask_folder(cls, parent: QWidget) -> str | None:
        title = QCoreApplication.translate("SyncPage", "把回执存到哪个文件夹")
        from mediation_desktop.ui.common.file_places import carry_folder

        return QFileDialog.getExistingDirectory(parent, title, str(carry_folder())) or None

    @classmethod
    def ask_reference_folder(cls, parent: QWidget) -> str | None:
        title = QCoreApplication.translate("SyncPage", "把参考数据包存到哪个文件夹")
        from mediation_desktop.ui.common.file_places import carry_folder

        return QFileDialog.getExistingDirectory(parent, title, str(carry_folder())) or None

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        return QMessageBox.question(parent, parent.window().windowTitle(), text) == QMessageBox.StandardButton.Yes

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.actor: Actor | None = None
        self.job: Job | None = None
        self._ready_to_apply = False  # a dry run has shown what 确认导入 would do
        self.files: list[str] = []
        self.trust_new = False
        self.unsent: list[Any] = []  # bundles imported whose receipt could not be written to the stick

        self.form = Ui_SyncPage()  # the layout: forms/hub/sync_page.ui
        self.form.setupUi(self)
        f = self.form
        # the names the rest of the window (and its tests) use
        self.export_box, self.import_box, self.history_box = f.exportGroup, f.importGroup, f.historyGroup
        self.full, self.plain, self.export_button = f.fullExportCheck, f.unencryptedCheck, f.exportButton
        self.reference_button, self.own_key = f.referenceButton, f.ownKeyEdit
        self.choose_button, self.apply_button = f.chooseFilesButton, f.applyImportButton
        self.preview, self.problems, self.history = f.previewTable, f.problemsEdit, f.historyTable
        keep_headers_whole(self.preview)  # 未变, 导出时间 whole in 大字 and English
        keep_headers_whole(self.history)
        self.export_result, self.import_result, self.error = f.exportResultLabel, f.importResultLabel, f.errorLabel
        self.receipt_button = f.saveReceiptsButton
        self.export_button.clicked.connect(self.export)
        self.reference_button.clicked.connect(self.export_reference)
        self.preview.itemSelectionChanged.connect(self._show_selected)
        self.reports: list[Any] = []  # the last dry run's or import's bundles, row by row
        self.receipts: dict[str, Any] = {}  # what the receipts among them say (by file)
        self.problem_lines: list[str] = []  # every bundle's problems, shown when no row is selected
        self.choose_button.clicked.connect(self.choose)
        self.apply_button.clicked.connect(self.apply)
        self.receipt_button.clicked.connect(self.save_receipts_elsewhere)
        self.retranslate()

    def retranslate(self) -> None:
        self.form.retranslateUi(self)
        above = {"village": self.tr("导出：交给上级（乡镇司法所）"),
                 "township": self.tr("导出：交给上级（县（市、区）司法局）")}
        self.export_box.setTitle(above.get(self._level(), self.tr("导出：交给上级")))
        self.reference_button.setVisible(self._level() in ("township", "county"))  # a hub hands its key down
        self.show_own_key()  # (public: shown before sign-in too, as ``keys show`` needs none)
        if self.actor is not None:
            self.refresh_history()
            self._show_selected()

    def _level(self) -> str:
        """This installation's level (village, township, county); "" before set-up."""
        from sqlalchemy import select

        from mediation_desktop.storage.models import Installation

        if not getattr(self, "_level_seen", ""):  # (read once set up)
            with self.db.read_session() as s:
                level = s.scalar(select(Installation.level).limit(1))
            self._level_seen = str(getattr(level, "value", level) or "")
        return self._level_seen

    def refresh_history(self) -> None:
        """The bundles written here, newest first, and whether their receipts came back (a quick read)."""
        from mediation_desktop.sync.history import exported_bundles

        bundles = exported_bundles(self.db)[:50]
        kinds = {"data": self.tr("数据"), "reference": self.tr("参考数据")}
        self.history.setRowCount(len(bundles))
        for row, b in enumerate(bundles):
            if b.acknowledged_at is None:
                receipt = self.tr("未收到回执")
            else:
                receipt = self.tr("已送达（%1）").replace("%1", in_china(b.acknowledged_at).strftime("%Y-%m-%d"))
                if b.rejected:
                    receipt += self.tr("，其中 %1 条被拒收").replace("%1", str(b.rejected))
            cells = [in_china(b.created_at).strftime("%Y-%m-%d %H:%M"), kinds.get(b.kind, b.kind), str(b.cases),
                     self.tr("是") if b.encrypted else self.tr("否"), receipt]
            for col, text in enumerate(cells):
                self.history.setItem(row, col, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()

    def show_own_key(self) -> None:
        """This unit's own fingerprint, to read over the phone when the other side checks it (as ``keys show``)."""
        from mediation_desktop.services.exchange import own_key

        try:
            key = own_key(self.db)
        except MediationError as exc:
            self.own_key.setText(message(exc.key, **exc.params))
            return
        self.own_key.setText(key.fingerprint)
        self.own_key.setCursorPosition(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def clear(self) -> None:
        self.files, self.trust_new = [], False
        self.preview.setRowCount(0)
        self.history.setRowCount(0)
        self.reports, self.receipts, self.problem_lines = [], {}, []
        self.problems.clear()
        for label in (self.export_result, self.import_result, self.error):
            label.clear()
        self._ready_to_apply = False
        self.apply_button.setEnabled(False)
        self._receipts_unsent([])

    # ---- running work off the window's thread
    def _run(self, text: str, work: Any, done: Any, cancelled: str) -> None:
        """Run ``work(progress)`` on a worker; 取消 stops it at its next step, before anything is written."""
        self.error.clear()
        self._busy(True)
        self.job = Job(self, text, work)
        if self.job.dialog is not None:  # the dialog goes at once; the work stops at its next step
            self.job.dialog.canceled.connect(lambda: self.error.setText(self.tr("正在取消…")))
        self.job.sig_finished.connect(lambda result, error: self._finished(result, error, done, cancelled))
        self.job.start()

    def _busy(self, busy: bool) -> None:
        """No second export or import while one runs (also after 取消, until it has stopped)."""
        self.export_button.setEnabled(not busy)
        self.reference_button.setEnabled(not busy)
        self.choose_button.setEnabled(not busy)
        self.apply_button.setEnabled(not busy and self._ready_to_apply)

    def _finished(self, result: Any, error: BaseException | None, done: Any, cancelled: str) -> None:
        self._busy(False)
        if self.actor is None:  # signed out meanwhile (the page was cleared): nothing to show the next user
            return
        self.error.clear()  # (「正在取消…」 if 取消 came too late to stop it)
        if isinstance(error, JobCancelled):
            self.error.setText(cancelled)
            return
        if error is not None:
            if isinstance(error, MediationError):
                if error.key == "sync.unknown_sender" and not self.trust_new:
                    self._offer_trust(error)
                    return
                self.error.setText(message(error.key, **error.params))
            else:
                self.error.setText(message("cli.unexpected", detail=type(error).__name__))
            return
        if result is not None:
            done(result)

    # ---- export
    def export(self) -> None:
        from mediation_desktop.sync.export import encrypts_by_default, export_bundle
        from mediation_desktop.ui.common.file_places import bundle_path

        if self.actor is None:
            return
        encrypt = False if self.plain.isChecked() else None
        if encrypt is None and not encrypts_by_default(self.db):  # asked before anything is written
            question = self.tr("还没有导入上级调委会的密钥，数据包将不加密：拿到U盘的人都能看到当事人的信息。\n"
                               "仍然导出不加密的数据包吗？")
            if not self.ask(self, question):
                return
            encrypt = False
        path = self.ask_save_path(self, str(bundle_path(self.db)))  # on the stick: 石桥村-2026-12-05.zip
        if not path:
            return
        actor, full = self.actor.username, self.full.isChecked()
        self._run(self.tr("正在导出并核对…"),
                  lambda progress: export_bundle(self.db, Path(path), actor=actor, full=full, encrypt=encrypt,
                                                 progress=progress),
                  self._exported, self.tr("已取消导出：没有写出文件。"))

    def _exported(self, result: Any) -> None:
        self.export_result.setText(
            self.tr("已写入并核对：%1（%2 件案件，%3 条记录%4）。现在可以拔下U盘。")
            .replace("%1", str(result.path)).replace("%2", str(result.cases)).replace("%3", str(result.records))
            .replace("%4", self.tr("，已加密") if result.encrypted else "")
            + ("" if not result.forwarded else "\n" + self.tr(
                "以上是本单位自己的记录；另转发下级 %1 个单位的数据包 %2 个（其中案件记录 %3 条）。")
               .replace("%1", str(result.forwarded_units)).replace("%2", str(result.forwarded))
               .replace("%3", str(result.forwarded_case_records))))
        self.refresh_history()

    def export_reference(self) -> None:
        """The reference bundle for the units below (this hub's key, roster, categories, wording): the same
        service as ``export --reference``, into a folder the user chooses."""
        from mediation_desktop.domain.china_time import china_today
        from mediation_desktop.sync.reference import export_reference

        if self.actor is None:
            return
        folder = self.ask_reference_folder(self)
        if not folder:
            return
        from mediation_desktop.services.exchange import own_key

        try:
            code = own_key(self.db).org_code
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        stem = f"参考数据包-{code}-{china_today().isoformat()}"
        path, n = Path(folder) / f"{stem}.zip", 2
        while path.exists():  # (a second one the same day beside the first, never over it)
            path, n = Path(folder) / f"{stem}-{n}.zip", n + 1
        actor = self.actor.username
        self._run(self.tr("正在导出参考数据包…"),
                  lambda progress: (path, export_reference(self.db, path, actor=actor)),
                  self._reference_written, self.tr("已取消导出：没有写出文件。"))

    def _reference_written(self, result: Any) -> None:
        path, villages = result
        self.export_result.setText(message("sync.reference_done", path=str(path), villages=villages))
        self.refresh_history()

    # ---- import: dry run first, then apply
    def choose(self) -> None:
        files = self.ask_open_paths(self)
        if files:
            self.files, self.trust_new = files, False
            self.dry_run()

    def dry_run(self) -> None:
        from mediation_desktop.sync.importer import import_files

        files, trust, actor = [Path(f) for f in self.files], self.trust_new, self._actor_name()
        self._ready_to_apply = False
        self.apply_button.setEnabled(False)
        self.preview.setRowCount(0)  # not the last selection's preview under this one's error or 取消
        self.reports, self.receipts, self.problem_lines = [], {}, []
        self.problems.clear()
        self._receipts_unsent([])
        self.import_result.clear()
        self._run(self.tr("正在核对数据包…"),
                  lambda progress: self._with_receipts(
                      import_files(self.db, files, actor=actor, dry_run=True, trust_new=trust, progress=progress),
                      trust),
                  self._previewed, self.tr("已取消核对。"))

    def _with_receipts(self, summary: Any, trust: bool) -> tuple[Any, dict[str, Any]]:
        """The import's summary, and what its receipts say (the counts the level above took in)."""
        from mediation_desktop.services.exchange import receipt_contents

        return summary, receipt_contents(self.db, summary.bundles, trust_new=trust)

    def _offer_trust(self, error: MediationError) -> None:
        p = error.params
        question = (self.tr("数据包来自尚未信任的单位：%1（%2）\n密钥指纹：%3\n\n请打电话与对方核对这个指纹。"
                            "指纹一致才信任它。要信任并继续预演吗？")
                    .replace("%1", shown(p.get("org_name", ""))).replace("%2", shown(p.get("org_code", "")))
                    .replace("%3", str(p.get("fingerprint", ""))))
        if self.ask(self, question):
            self.trust_new = True
            self.dry_run()
        else:  # (the command line's advice — keys trust, --trust-new — is not for the window)
            text = self.tr("没有信任 %1（%2）的密钥，什么也没有导入。与对方核对指纹后，再选择文件预演即可。")
            self.error.setText(text.replace("%1", shown(p.get("org_name", "")))
                               .replace("%2", shown(p.get("org_code", ""))))

    def _previewed(self, result: Any) -> None:
        summary, self.receipts = result
        self._show(summary)
        said = [outcome_line(b) for b in summary.bundles if b.kind == "data" and not b.already_imported]
        note = self.tr("以上是预演：还没有写入任何数据。核对无误后点“确认导入”。")
        self.import_result.setText("\n".join([note, *said]))
        self._ready_to_apply = bool(summary.bundles)
        self.apply_button.setEnabled(self._ready_to_apply)

    def apply(self) -> None:
        from mediation_desktop.sync.importer import import_files

        files, trust, actor = [Path(f) for f in self.files], self.trust_new, self._actor_name()
        receipts = files[0].parent if files else None
        self.apply_button.setEnabled(False)
        self._run(self.tr("正在导入…"),
                  lambda progress: self._with_receipts(
                      import_files(self.db, files, actor=actor, dry_run=False, trust_new=trust,
                                   receipts_dir=receipts, progress=progress), trust),
                  self._applied, self.tr("已取消导入：数据库没有任何改变。"))

    def _applied(self, result: Any) -> None:
        summary, self.receipts = result
        self._ready_to_apply = False
        self.apply_button.setEnabled(False)
        self._show(summary)
        receipts = [b.receipt_path for b in summary.bundles if b.receipt_path]
        text = self.tr("已导入（一次完成）。")
        if receipts:
            text += self.tr("回执已写到：%1 ——请把回执带回给对方导入。").replace("%1", "、".join(receipts))
        self.import_result.setText(text)
        self._receipts_unsent([b for b in summary.bundles if b.receipt_error])
        self.refresh_history()  # a receipt marks bundles as arrived
        parent = self.window()
        follow = getattr(parent, "_registered", None)  # the list and today show the imported cases
        if callable(follow):
            follow()

    def _receipts_unsent(self, failed: list[Any]) -> None:
        """The import stands; the receipts the stick refused are said in red, with a way to save them elsewhere."""
        self.unsent = failed
        self.receipt_button.setVisible(bool(failed))
        if failed:
            self.error.setText("\n".join(message("sync.receipt_failed", detail=b.receipt_error,
                                                  org_code=b.source_org_name or b.source_org_code) for b in failed))

    def save_receipts_elsewhere(self) -> None:
        from mediation_desktop.sync.keys import own_keys
        from mediation_desktop.sync.receipts import write_receipts

        folder = self.ask_folder(self) if self.unsent else None
        if not folder:
            return
        reports = self.unsent
        for b in reports:
            b.receipt_error = b.receipt_path = None
        try:
            write_receipts(self.db, own_keys(self.db), reports, Path(folder))
        except MediationError as exc:
            self.error.setText(message(exc.key, **exc.params))
            return
        written = [b.receipt_path for b in reports if b.receipt_path]
        if written:
            text = self.tr("回执已写到：%1 ——请把回执带回给对方导入。")
            self.import_result.setText(text.replace("%1", "、".join(written)))
        self.error.clear()
        self._receipts_unsent([b for b in reports if b.receipt_error])

    def _show(self, summary: Any) -> None:
        """A row per bundle: its outcomes as cases (and records); the panel beside it says the selected row's."""
        fill_preview(self, summary)
        self._show_selected()

    def _show_selected(self) -> None:
        """The panel beside the table: the selected bundle in words, else every problem (or how to see more)."""
        self.problems.setPlainText(selected_text(self))

    def _actor_name(self) -> str:
        return self.actor.username if self.actor is not None else "system"
