"""Export and import from the window: enables actionExport and actionImport,
runs the dialogs, writes or reads the file with progress and Cancel.

Everything modal goes through ``CsvDialogs`` so that tests (and other
front-ends) can answer without a person: replace ``controller.dialogs``.
"""

import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QProgressDialog

from ..core import listing
from ..core.errors import BelcatError
from ..services import csv_parallel
from ..services.csv_export import ExportCancelled, export_csv
from ..services.csv_format import CsvFormatError
from ..services.csv_import import ImportOptions, import_csv
from ..services.csv_preview import preview, save_report
from .export_dialog import ExportDialog
from .import_dialog import ImportDialog
from .labels import tr

CSV_FILTER = "CSV (*.csv *.txt);;All files (*)"


class CsvDialogs:
    """The modal parts. Each method returns what a person chose."""

    def run(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def save_path(self, parent, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, tr("Export to CSV", "CsvController"),
                                              suggested, tr(CSV_FILTER, "CsvController"))
        return path or None

    def open_path(self, parent, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, tr("Import from CSV", "CsvController"),
                                              folder, tr(CSV_FILTER, "CsvController"))
        return path or None

    def report_path(self, parent, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, tr("Save the report", "CsvController"),
                                              suggested, tr(CSV_FILTER, "CsvController"))
        return path or None

    def message(self, parent, title: str, text: str, *, error: bool = False) -> None:
        if error:
            QMessageBox.warning(parent, title, text)
        else:
            QMessageBox.information(parent, title, text)


class _Progress:
    """A QProgressDialog fed by a service's progress callback."""

    def __init__(self, parent, label: str):
        self.dialog = QProgressDialog(label, tr("Cancel", "CsvController"), 0, 0, parent)
        self.dialog.setObjectName("csvProgress")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)

    def __call__(self, done: int, total: int) -> None:
        if self.dialog.maximum() != max(total, 1):
            self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        QApplication.processEvents()

    def cancelled(self) -> bool:
        return self.dialog.wasCanceled()

    def relabel(self, label: str) -> None:
        self.dialog.setLabelText(label)
        self.dialog.setValue(0)
        QApplication.processEvents()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


class CsvController(QObject):
    def __init__(self, window, dialogs: CsvDialogs | None = None):
        super().__init__(window)
        self.window = window
        self.dialogs = dialogs or CsvDialogs()
        self.last_export: Path | None = None
        actions = window.actions_by_name
        self.export_action = actions["actionExport"]
        self.import_action = actions["actionImport"]
        self.export_action.triggered.connect(self.export)
        self.import_action.triggered.connect(self.import_)
        self.export_action.setEnabled(True)
        self.import_action.setEnabled(True)

    @property
    def settings(self):
        return self.window.settings

    def _folder(self) -> str:
        return str(self.settings.value("csv/folder", str(Path.home())))

    # --- export -----------------------------------------------------------------
    def export(self) -> Path | None:
        window = self.window
        query = window.model.query
        view = query.view
        whole = listing.ListQuery(view=view, sort_key=query.sort_key, descending=query.descending)
        selected = window.selected_ids()
        csv_parallel.get_ready()  # while the dialog is open
        dialog = ExportDialog(view, selected=len(selected), shown=window.model.rowCount(),
                              total=listing.count(window.catalog, whole),
                              settings=self.settings, parent=window)
        try:
            if not self.dialogs.run(dialog):
                return None
            options, scope = dialog.options(), dialog.scope
        finally:
            dialog.deleteLater()
        stamp = datetime.date.today().isoformat()
        suggested = str(Path(self._folder()) / f"belcat-{view}-{stamp}.csv")
        path = self.dialogs.save_path(window, suggested)
        if not path:
            return None
        self.settings.setValue("csv/folder", str(Path(path).parent))
        progress = _Progress(window, tr("Writing {0}…", "CsvController").format(Path(path).name))
        try:
            count = export_csv(
                window.catalog, path, options,
                ids=selected if scope == "selected" else None,
                query=query if scope == "shown" else whole,
                progress=progress, cancelled=progress.cancelled)
        except ExportCancelled:
            window.statusBar().showMessage(tr("Export cancelled; no file was written.", "CsvController"), 8000)
            return None
        except (OSError, ValueError, BelcatError) as exc:
            self.dialogs.message(window, tr("Export failed", "CsvController"),
                                 tr("{0} was not written: {1}", "CsvController").format(
                                     path, getattr(exc, "strerror", None) or exc), error=True)
            return None
        finally:
            progress.close()
        window.statusBar().showMessage(
            tr("{0} records written to {1}", "CsvController").format(count, path), 8000)
        self.last_export = Path(path)
        return self.last_export

    # --- import -----------------------------------------------------------------
    def import_(self):
        path = self.dialogs.open_path(self.window, self._folder())
        return self.import_file(path) if path else None

    def import_file(self, path: str):
        """The import dialog for ``path``, then the import; the result, or None."""
        window = self.window
        self.settings.setValue("csv/folder", str(Path(path).parent))
        view = window.model.query.view
        title = tr("Import from CSV", "CsvController")
        try:
            first = preview(path, view)
        except (CsvFormatError, OSError) as exc:
            self.dialogs.message(window, title, tr("{0} cannot be imported: {1}", "CsvController").format(
                Path(path).name, getattr(exc, "strerror", None) or exc), error=True)
            return None

        def check(options: ImportOptions):
            return self._run_import(path, options, dialog)

        dialog = ImportDialog(view, Path(path).name, first, check, parent=window)
        dialog.save_report_button.clicked.connect(lambda: self._save_report(dialog, path))
        try:
            if not self.dialogs.run(dialog):
                return None
            options = dialog.options()
            result = self._run_import(path, options, dialog)
        finally:
            dialog.deleteLater()
        if result is None:
            return None
        if result.applied:
            window.refresh()
            window.statusBar().showMessage(result.summary(), 10000)
        else:
            text = result.summary()
            if result.errors:
                text += "\n\n" + "\n".join(
                    f"{tr('row', 'CsvController')} {p.row}, {p.where or '—'}: {p.message}"
                    for p in result.errors[:10])
            self.dialogs.message(window, title, text, error=bool(result.errors))
        return result

    def _run_import(self, path: str, options: ImportOptions, dialog: ImportDialog):
        progress = _Progress(dialog, tr("Reading {0}…", "CsvController").format(Path(path).name))
        try:
            try:
                return import_csv(self.window.catalog, path, options,
                                  progress=progress, cancelled=progress.cancelled,
                                  stage=lambda _stage: progress.relabel(
                                      tr("Updating the search index…", "CsvController")))
            finally:
                progress.close()  # before any message, so that none shows behind it
        except (CsvFormatError, OSError, ValueError, BelcatError) as exc:
            dialog.show_error(tr("{0} cannot be imported: {1}", "CsvController").format(
                Path(path).name, getattr(exc, "strerror", None) or exc))
            self.dialogs.message(self.window, tr("Import from CSV", "CsvController"),
                                 dialog.summary_label.text(), error=True)
            return None

    def _save_report(self, dialog: ImportDialog, path: str) -> None:
        suggested = str(Path(path).with_name(Path(path).stem + "-report.csv"))
        target = self.dialogs.report_path(dialog, suggested)
        if not target:
            return
        try:
            save_report(dialog.report_model.problems, target, self.window.catalog.path)
        except OSError as exc:
            self.dialogs.message(dialog, tr("Save report", "CsvController"),
                                 tr("{0} was not written: {1}", "CsvController").format(
                                     target, exc.strerror or exc), error=True)


class _FileDrops(QObject):
    """A CSV file dropped on the window opens the import dialog for it."""

    SUFFIXES = (".csv", ".txt")

    def __init__(self, controller: "CsvController"):
        super().__init__(controller)
        self.controller = controller

    @classmethod
    def dropped_file(cls, mime) -> str | None:
        urls = mime.urls() if mime.hasUrls() else []
        if len(urls) == 1 and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(cls.SUFFIXES):
            return urls[0].toLocalFile()
        return None

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and self.dropped_file(event.mimeData()):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop and (path := self.dropped_file(event.mimeData())):
            event.acceptProposedAction()
            # After the drop has ended: the import dialog is modal.
            QTimer.singleShot(0, lambda: self.controller.import_file(path))
            return True
        return False


def install(window) -> CsvController:
    """Wire CSV export and import into the main window (a CSV file dropped on
    it is imported too)."""
    window.csv_controller = CsvController(window)
    window.setAcceptDrops(True)
    window.installEventFilter(_FileDrops(window.csv_controller))
    return window.csv_controller

