"""Export and import from the window: the dialogs (columns, preset, scope;
preview, mapping, report) and the controller, driven through its dialog seam
so that no modal dialog ever waits for a person."""

import csv

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt

from belcat.services.csv_columns import default_keys
from belcat.services.csv_import import import_csv
from belcat.services.csv_preview import preview
from belcat.ui.export_dialog import ExportDialog
from belcat.ui.import_dialog import ImportDialog
from tests.services.csv_helpers import raw_dump


@pytest.fixture
def window(shown_window):
    win, ids, _ = shown_window
    return win, ids


class Answers:
    """Plays the person at every modal step."""

    def __init__(self, configure=None, path=None, open_path=None, report=None):
        self.configure = configure or (lambda dialog: True)
        self.path, self.open, self.report = path, open_path, report
        self.messages = []

    def run(self, dialog):
        dialog.show()
        return self.configure(dialog)

    def save_path(self, parent, suggested):
        self.suggested = suggested
        return str(self.path) if self.path else None

    def open_path(self, parent, folder):
        return str(self.open) if self.open else None

    def report_path(self, parent, suggested):
        return str(self.report) if self.report else None

    def message(self, parent, title, text, *, error=False):
        self.messages.append((title, text, error))


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


# --- export dialog --------------------------------------------------------------

def test_export_dialog_columns_preset_scope(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog("organizations", selected=0, shown=5, total=9, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.chosen_columns() == [k for k in dialog.column_order() if k in default_keys("organizations")]
    assert not dialog.scope_buttons["selected"].isEnabled() and dialog.scope == "shown"
    assert "9" in dialog.scope_buttons["all"].text()
    dialog.set_chosen_columns(["unp", "name", "relations"])
    dialog.column_list.setCurrentRow(1)
    qtbot.mouseClick(dialog.findChild(type(dialog.button_box.buttons()[0]), "moveUpButton"), Qt.MouseButton.LeftButton)
    assert dialog.chosen_columns() == ["name", "unp", "relations"]
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("rfc4180"))
    dialog.separator_combo.setCurrentIndex(dialog.separator_combo.findData("bar"))
    dialog.set_scope("all")
    options = dialog.options()
    assert (options.columns, options.preset, options.separator, dialog.scope) == (
        ["name", "unp", "relations"], "rfc4180", " | ", "all")
    dialog._accept()
    # remembered for the next time
    again = ExportDialog("enterprises", selected=2, shown=5, total=9, settings=settings)
    qtbot.addWidget(again)
    assert again.chosen_columns() == ["name", "unp", "relations"]
    assert again.preset_combo.currentData() == "rfc4180" and again.scope == "selected"


def test_export_dialog_refuses_no_columns(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog("projects", selected=0, shown=1, total=1, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_chosen_columns([])
    dialog._accept()
    assert dialog.isVisible() and dialog.message_label.isVisible()
    dialog.findChild(type(dialog.button_box.buttons()[0]), "defaultColumnsButton").click()
    assert dialog.chosen_columns() == default_keys("projects")


# --- import dialog -------------------------------------------------------------------

def test_import_dialog_preview_mapping_report(qtbot, qtmodeltester, tmp_path, catalog):
    path = tmp_path / "in.csv"
    path.write_bytes("Название;УНП;Заметка\r\nНовая;12;\"две\r\nстроки\"\r\nЕщё;123456789;x\r\n".encode("cp1251"))
    first = preview(path, "organizations")
    before = raw_dump(catalog)
    dialog = ImportDialog("organizations", path.name, first,
                          lambda options: import_csv(catalog, path, options))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.preview_model)
    assert "Windows-1251, semicolon" in dialog.dialect_label.text()
    assert dialog.mapping() == ["name", "unp", None]
    assert dialog.preview_model.headerData(0, Qt.Orientation.Horizontal).endswith("→ Name")
    assert dialog.preview_model.index(0, 2).data() == "две ⏎ строки"
    dialog.set_mapping(2, "description")
    assert dialog.preview_model.headerData(2, Qt.Orientation.Horizontal).endswith("→ Description")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtmodeltester.check(dialog.report_model)
    assert dialog.report_model.rowCount() == 1
    assert [dialog.report_model.index(0, c).data() for c in (0, 1)] == ["2", "УНП"]  # as the file names it
    assert "nothing was changed" in dialog.summary_label.text()
    assert dialog.save_report_button.isEnabled()
    assert raw_dump(catalog) == before
    # two columns on one field: said in the dialog, not raised
    dialog.set_mapping(2, "name")
    dialog.run_check()
    assert "both mapped" in dialog.summary_label.text()


def test_import_dialog_takes_the_separator_the_file_uses(qtbot, tmp_path, catalog):
    path = tmp_path / "bar.csv"
    path.write_text("name,sectors\nА,Металлургия | Машиностроение\n", encoding="utf-8")
    dialog = ImportDialog("organizations", path.name, preview(path, "organizations"),
                          lambda options: import_csv(catalog, path, options))
    qtbot.addWidget(dialog)
    assert dialog.separator_combo.currentData() == "bar"
    assert dialog.options().separator == " | "


# --- the controller in the window ----------------------------------------------------

def test_actions_enabled_with_shortcuts(window):
    win, _ = window
    export = win.actions_by_name["actionExport"]
    assert export.isEnabled() and win.actions_by_name["actionImport"].isEnabled()
    assert export.shortcut().toString() == "Ctrl+E"
    assert export in win.results_view.actions()


def test_export_selected_shown_and_whole_list(window, tmp_path):
    win, ids = window
    win.view_selector.setCurrentIndex(3)  # all organizations
    out = tmp_path / "out.csv"

    def choose(scope):
        def configure(dialog):
            dialog.set_chosen_columns(["name", "unp"])
            dialog.set_scope(scope)
            return True
        return configure

    win.csv_controller.dialogs = Answers(choose("all"), out)
    win.actions_by_name["actionExport"].trigger()
    assert [r[0] for r in read(out)] == ["Название", "Гомсельмаш", "Минский тракторный завод", "Технософт"]
    assert "organizations" in win.csv_controller.dialogs.suggested

    selection = win.results_view.selectionModel()
    selection.clearSelection()
    for row in (2, 0):
        selection.select(win.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    win.csv_controller.dialogs = Answers(choose("selected"), out)
    win.csv_controller.export()
    assert [r[0] for r in read(out)[1:]] == ["Гомсельмаш", "Технософт"]

    query = win.new_query()
    query.clauses.append(("r.city = ?", ["Гомель"]))
    win.set_query(query)
    win.csv_controller.dialogs = Answers(choose("shown"), out)
    win.csv_controller.export()
    assert [r[0] for r in read(out)[1:]] == ["Гомсельмаш"]


def test_export_cancelled_in_the_dialog_writes_nothing(window, tmp_path):
    win, _ = window
    win.csv_controller.dialogs = answers = Answers(lambda d: False, tmp_path / "x.csv")
    assert win.csv_controller.export() is None
    assert not (tmp_path / "x.csv").exists() and not hasattr(answers, "suggested")


def test_import_from_the_window(window, tmp_path):
    win, _ = window
    win.view_selector.setCurrentIndex(0)  # residents
    rows_before = win.model.rowCount()
    path = tmp_path / "in.csv"
    path.write_text("name,city\nНовый резидент,Минск\n", encoding="utf-8")

    def configure(dialog):
        dialog.run_check()
        assert "1 added" in dialog.summary_label.text()
        return True
    win.csv_controller.dialogs = Answers(configure, open_path=path)
    win.actions_by_name["actionImport"].trigger()
    assert win.model.rowCount() == rows_before + 1
    assert "Новый резидент" in [win.model.index(r, 0).data() for r in range(win.model.rowCount())]


def test_import_errors_are_reported_and_change_nothing(window, tmp_path):
    win, _ = window
    before = raw_dump(win.catalog)
    path = tmp_path / "bad.csv"
    path.write_text("name;unp\nНовая;12\n", encoding="utf-8")
    report = tmp_path / "report.csv"

    def configure(dialog):
        dialog.run_check()
        dialog.save_report_button.click()
        return True
    win.csv_controller.dialogs = answers = Answers(configure, open_path=path, report=report)
    result = win.csv_controller.import_()
    assert result is not None and not result.applied
    title, text, error = answers.messages[-1]
    assert error and "9 digits" in text
    assert read(report)[1][:2] == ["2", "unp"]
    assert raw_dump(win.catalog) == before

    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00" * 50)
    win.csv_controller.dialogs = answers = Answers(open_path=junk)
    assert win.csv_controller.import_() is None
    assert "binary" in answers.messages[-1][1]
    assert raw_dump(win.catalog) == before


def test_cancel_in_the_progress_dialog_leaves_no_file(window, tmp_path, monkeypatch):
    win, _ = window
    monkeypatch.setattr("belcat.ui.csv_controller._Progress.cancelled", lambda self: True)
    out = tmp_path / "out.csv"
    win.csv_controller.dialogs = Answers(path=out)
    assert win.csv_controller.export() is None
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
    assert "cancelled" in win.statusBar().currentMessage()


def test_an_import_the_catalog_refuses_says_why_with_no_progress_left_behind(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QProgressDialog

    win, _ = window
    monkeypatch.setattr("belcat.services.csv_import.BULK_BYTES_PER_RECORD", 0)
    conn = win.catalog.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # a row another program left behind
    conn.execute("INSERT INTO organization_aliases (org_id, alias) VALUES (1000000000, 'ничей')")
    conn.execute("PRAGMA foreign_keys = ON")
    before = raw_dump(win.catalog)
    path = tmp_path / "in.csv"
    path.write_text("name\nНовый резидент\n", encoding="utf-8")
    progress_shown = []
    from belcat.ui import csv_controller
    report = csv_controller._Progress.__call__

    def shown_at_once(self, done, total):  # as for a file that takes a while
        self.dialog.show()
        report(self, done, total)
    monkeypatch.setattr(csv_controller._Progress, "__call__", shown_at_once)

    class Watching(Answers):
        def message(self, parent, title, text, *, error=False):
            progress_shown.append([w for w in QApplication.allWidgets()
                                   if isinstance(w, QProgressDialog) and w.isVisible()])
            super().message(parent, title, text, error=error)
    win.csv_controller.dialogs = answers = Watching(open_path=path)
    assert win.csv_controller.import_() is None
    title, text, error = answers.messages[-1]
    assert error and "organization_aliases that refers to a missing row of organizations" in text
    assert progress_shown == [[]]
    assert raw_dump(win.catalog) == before


def _drop(qtbot, widget, paths):
    """A real drag-enter and drop of local files on ``widget``; whether it was taken."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = widget.rect().center()
    enter = QDragEnterEvent(center, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(center), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_a_csv_file_dropped_on_the_window_is_imported(window, tmp_path, qtbot):
    win, _ = window
    win.view_selector.setCurrentIndex(0)  # residents
    path = tmp_path / "dropped.csv"
    path.write_text("name,city\nПеренесённый резидент,Гродно\n", encoding="utf-8")
    other = tmp_path / "picture.png"
    other.write_bytes(b"\x89PNG")
    shown = []
    win.csv_controller.dialogs = Answers(lambda dialog: shown.append(dialog.windowTitle()) or True)
    assert not _drop(qtbot, win, [other]) and not _drop(qtbot, win, [path, path])
    assert _drop(qtbot, win, [path])
    qtbot.waitUntil(lambda: "Перенесённый резидент" in
                    [win.model.index(r, 0).data() for r in range(win.model.rowCount())])
    assert len(shown) == 1  # through the import dialog, as from the menu


def test_a_report_that_cannot_be_saved_says_so(window, tmp_path):
    win, _ = window
    path = tmp_path / "bad.csv"
    path.write_text("name;unp\nНовая;12\n", encoding="utf-8")

    def configure(dialog):
        dialog.run_check()
        dialog.save_report_button.click()
        return False
    win.csv_controller.dialogs = answers = Answers(configure, open_path=path, report=tmp_path)  # a folder
    assert win.csv_controller.import_() is None
    title, text, error = answers.messages[-1]
    assert error and title == "Save report" and str(tmp_path) in text
