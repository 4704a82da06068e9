"""Composition root of the window: data folder → database (migrated) → services → main window."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any

from mediation_desktop.paths import DataPaths, resources_dir

if TYPE_CHECKING:  # the database layer loads after the first window is painted
    from mediation_desktop.storage.database import Database

DEMO_ORG = ("330102001", "石桥村人民调解委员会", "330102")
DEMO_ADMIN, DEMO_PASSWORD = "admin", "demo1234"
DEMO_CASES = 200


def ensure_demo(db: Database) -> None:
    """Set up the demo committee and its cases when the folder is new (``--demo``)."""
    from mediation_desktop.services import demo
    from mediation_desktop.services.setup import SetupRequest, initialise

    if db.is_initialised():
        return
    code, name, parent = DEMO_ORG
    initialise(db, SetupRequest(code, name, "village", DEMO_ADMIN, DEMO_PASSWORD, parent_code=parent,
                                admin_display_name="王建国"))
    demo.generate(db, count=DEMO_CASES)


_STARTED = time.perf_counter()


def _timing(what: str) -> None:
    """With MEDIATION_DESKTOP_TIMING set, how long start-up took so far (read by bench/case_list_open.py)."""
    if os.environ.get("MEDIATION_DESKTOP_TIMING"):
        print(f"timing {what}: {time.perf_counter() - _STARTED:.3f}", file=sys.stderr, flush=True)


def _show_unexpected_errors(paths: DataPaths) -> None:
    """A window program has no console: an unexpected error is logged (logs/error.log) and told in one
    line in a message box, and the program goes on (what was being typed is in its autosaved draft)."""
    import traceback

    from PySide6.QtWidgets import QMessageBox

    from mediation_desktop.i18n import tr

    def hook(kind: type[BaseException], error: BaseException, tb: Any) -> None:
        try:
            from mediation_desktop.storage.private import create_private, private_dir

            log = private_dir(paths.root / "logs") / "error.log"
            with create_private(log, append=True) as fh:
                fh.write((time.strftime("%Y-%m-%d %H:%M:%S ")
                          + "".join(traceback.format_exception(kind, error, tb))).encode("utf-8"))
        except OSError:
            pass
        text = tr("gui.unexpected", detail=kind.__name__, log=str(paths.root / "logs"))
        try:
            from mediation_desktop.services.backups import explain_storage_error

            explained = explain_storage_error(error)  # a full disk or a failing drive, said plainly
            if explained is not None:
                text = tr(explained.key, **explained.params)
        except Exception:  # the plain message above is still shown
            pass
        QMessageBox.warning(None, "调解工作台", text)

    sys.excepthook = hook


def run_gui(paths: DataPaths, database_url: str | None, *, demo: bool = False) -> int:
    from mediation_desktop.i18n import tr

    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):  # a window nobody can see would look like a hang; say so before Qt loads
        print(tr("gui.no_display"), file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox

    from mediation_desktop.errors import MediationError
    from mediation_desktop.ui.common.fonts import install_fonts

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("调解工作台")
    app.setOrganizationName("MediationDesktop")
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in (64, 256):
        icon.addFile(str(resources_dir() / "icons" / f"mediation-desktop-{size}.png"))
    app.setWindowIcon(icon)
    _show_unexpected_errors(paths)
    install_fonts(app, resources_dir() / "fonts")
    from mediation_desktop.ui.common.wrapped_lines import keep_wrapped_lines_whole

    keep_wrapped_lines_whole(app)  # every window's wrapped hints and error lines whole, in 大字 too
    from mediation_desktop.i18n import current_language
    from mediation_desktop.ui.common.language import switch

    switch(current_language())
    from mediation_desktop.ui.start.start_window import StartWindow

    start = StartWindow()
    start.show()
    app.processEvents()  # painted before SQLAlchemy, Alembic and the services load
    _timing("first window painted")
    from sqlalchemy.exc import DBAPIError  # (importing it loads all of SQLAlchemy: after the first paint)

    try:
        from mediation_desktop.storage.database import open_database

        db = open_database(paths, database_url)
        if demo:
            ensure_demo(db)
        if not db.is_initialised():
            from mediation_desktop.ui.start.setup_dialog import SetupDialog

            dialog = SetupDialog(db)
            if dialog.exec() != SetupDialog.DialogCode.Accepted:
                return 0
            if dialog.restored is not None:  # the database file was replaced: opened (and upgraded) afresh
                db.dispose()
                db = open_database(paths, database_url)
    except MediationError as exc:
        QMessageBox.critical(None, "调解工作台", tr(exc.key, **exc.params))
        return 1
    except (OSError, DBAPIError) as exc:  # a read-only data folder, a full disk: said plainly, not as a crash
        from mediation_desktop.services.backups import explain_storage_error

        explained = explain_storage_error(exc)
        if explained is None:
            raise
        QMessageBox.critical(None, "调解工作台", tr(explained.key, **explained.params))
        return 1
    from mediation_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    window.setGeometry(start.geometry())
    window.show()
    start.close()
    _timing("main window shown")
    from PySide6.QtCore import QTimer

    from mediation_desktop.ui.common.fonts import add_shipped_fonts

    QTimer.singleShot(0, lambda: add_shipped_fonts(resources_dir() / "fonts"))
    if os.environ.get("MEDIATION_DESKTOP_SMOKE"):  # start, paint, and leave: used by the smoke test
        QTimer.singleShot(300, app.quit)
    return app.exec()
