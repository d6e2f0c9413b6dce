"""Starting the application: the QApplication, the catalog, the window.

The window is shown first and the first query runs right after it is on
screen, so a large catalog never delays the first paint.
"""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.errors import BelcatError
from ..resources import resource
from ..services.catalog_setup import open_or_create
from .labels import tr
from .main_window import MainWindow


def build_main_window(db_path, *, load: bool = True) -> MainWindow:
    """The main window on the catalog at ``db_path`` (needs a QApplication).

    With ``load`` the first query runs before returning; otherwise the caller
    calls ``window.load()`` when it wants the data.
    """
    catalog, _created = open_or_create(Path(db_path))
    window = MainWindow(catalog)
    window.destroyed.connect(catalog.close)
    if load:
        window.load()
    return window


def _has_screen() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("belcat")
    app.setOrganizationName("belcat")
    app.setApplicationDisplayName("belcat")
    app.setWindowIcon(QIcon(str(resource("icons", "belcat.svg"))))
    app.setDesktopFileName("belcat")
    return app


def run_gui(db_path: Path, *, screenshot: str | None = None, view: str | None = None,
            search: str | None = None) -> int:
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif not _has_screen():
        print("belcat: no screen to show the window on (DISPLAY is not set). "
              "Run it in a desktop session, under xvfb-run, or use --screenshot OUT.png.",
              file=sys.stderr)
        return 2
    app = _application()
    try:
        window = build_main_window(db_path, load=False)
    except BelcatError as exc:
        print(f"belcat: {exc}", file=sys.stderr)
        if not screenshot:
            QMessageBox.critical(None, tr("belcat cannot open the catalog"), str(exc))
        return 2
    window.show()

    def start() -> None:
        window.load(view)
        if search is not None:
            window.search_edit.setText(search)
        if screenshot:
            app.processEvents()
            ok = window.grab().save(screenshot)
            if not ok:
                print(f"belcat: cannot write {screenshot}", file=sys.stderr)
            app.exit(0 if ok else 1)

    QTimer.singleShot(0, start)
    return app.exec()
