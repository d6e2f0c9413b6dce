import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QUrl

from belcat.core.errors import ForeignDatabaseError, NewerCatalogError, NotSQLiteError
from belcat.ui.app import build_main_window
from belcat.ui.results_model import ID_ROLE


@pytest.fixture
def window(shown_window):
    win, ids, _ = shown_window
    return win, ids


def _names(win):
    model = win.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_contract_object_names(window):
    win, _ = window
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

    assert isinstance(win.findChild(QLineEdit, "searchEdit"), QLineEdit)
    assert isinstance(win.findChild(QTableView, "resultsView"), QTableView)
    for name in ("facetPanel", "detailView", "viewSelector"):
        assert win.findChild(QWidget, name) is not None, name
    for name in ("actionNew", "actionEdit", "actionDelete", "actionExport", "actionImport",
                 "actionUndo", "actionRedo"):
        assert win.findChild(QAction, name) is not None, name


def test_switching_views(window, qtbot):
    win, _ = window
    selector = win.view_selector
    assert win.current_view == "residents"
    assert _names(win) == ["Технософт"]
    selector.setCurrentIndex(1)
    assert _names(win) == ["Гомсельмаш", "Минский тракторный завод"]
    selector.setCurrentIndex(2)
    assert _names(win) == ["Роботизированная сварка"]
    assert win.model.headerData(0, Qt.Orientation.Horizontal) == "Title"
    selector.setCurrentIndex(3)
    assert win.model.rowCount() == 3
    assert "3" in win.count_label.text()


def test_sorting_by_clicking_a_header(window, qtbot):
    win, _ = window
    win.view_selector.setCurrentIndex(3)
    header = win.results_view.horizontalHeader()
    city = [c.key for c in win.model.view.columns].index("city")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _section_center(header, city))
    assert win.model.query.sort_key == "city"
    cities = [win.model.index(r, city).data() for r in range(3)]
    assert cities[:2] in (["Гомель", "Минск"], ["Минск", "Гомель"]) and cities[2] == ""
    first = cities[0]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _section_center(header, city))
    assert win.model.index(0, city).data() != first


def _section_center(header, logical):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(logical) + header.sectionSize(logical) // 2
    return QPoint(x, header.height() // 2)


def test_selecting_shows_details_and_links_go_back_and_forth(window, qtbot):
    win, ids = window
    win.view_selector.setCurrentIndex(1)
    row = win.model.row_of(ids["gomselmash"])
    win.results_view.selectRow(row)
    text = win.detail.browser.toPlainText()
    assert "ОАО «Гомсельмаш»" in text and "Gomselmash" in text and "Гомельская область" in text
    assert "Роботизированная сварка" in text and "Сварочный робот" in text

    win.detail.browser.anchorClicked.emit(QUrl(f"belcat:project/{ids['welding']}"))
    text = win.detail.browser.toPlainText()
    assert "Роботизированная сварка" in text and "Технософт" in text
    assert win.detail.back_action.isEnabled()

    win.detail.browser.anchorClicked.emit(QUrl(f"belcat:organization/{ids['soft']}"))
    assert "Технософт" in win.detail.browser.toPlainText()

    win.detail.back_action.trigger()
    assert "Participants" in win.detail.browser.toPlainText()
    win.detail.back_action.trigger()
    assert "ОАО «Гомсельмаш»" in win.detail.browser.toPlainText()
    # the table follows the pane to the record it shows again
    assert win.results_view.currentIndex().data(ID_ROLE) == ids["gomselmash"]
    win.detail.forward_action.trigger()
    assert "Роботизированная сварка" in win.detail.browser.toPlainText()
    assert win.detail.forward_action.isEnabled()


def test_view_and_columns_are_remembered(qtbot, small_catalog_path):
    path, _ = small_catalog_path
    win = build_main_window(path)
    qtbot.addWidget(win)
    win.view_selector.setCurrentIndex(1)
    win.results_view.horizontalHeader().resizeSection(0, 333)
    win.close()
    again = build_main_window(path)
    qtbot.addWidget(again)
    assert again.current_view == "enterprises"
    assert again.results_view.horizontalHeader().sectionSize(0) == 333


def test_wrong_files_are_refused(tmp_path, qtbot):
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("just text")
    with pytest.raises(NotSQLiteError):
        build_main_window(text_file)

    import sqlite3

    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ForeignDatabaseError):
        build_main_window(foreign)

    from belcat.core import schema
    from belcat.core.catalog import open_catalog

    newer = tmp_path / "newer.sqlite"
    with open_catalog(newer) as cat:
        cat.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    with pytest.raises(NewerCatalogError):
        build_main_window(newer)


def test_command_line_refuses_wrong_file_with_a_message(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00junk" * 50)
    out = subprocess.run(
        [sys.executable, "-m", "belcat", "--db", str(junk), "--screenshot", str(tmp_path / "s.png")],
        capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 2
    assert "not an SQLite database" in out.stderr
    assert not (tmp_path / "s.png").exists()
    assert junk.read_bytes() == b"\x00junk" * 50


def test_programme_link_shows_its_projects_and_figures(window):
    win, ids = window
    win.detail.show_record("project", ids["welding"])
    win.detail.browser.anchorClicked.emit(QUrl(f"belcat:programme/{ids['programme']}"))
    text = win.detail.browser.toPlainText()
    assert "ГПИР 2021–2025" in text and "Роботизированная сварка" in text
    assert "Новые рабочие места" in text and "700" in text


def test_unknown_or_deleted_links_do_not_break_the_pane(window):
    win, _ = window
    win.detail.browser.anchorClicked.emit(QUrl("belcat:organization/999999"))
    assert "no longer exists" in win.detail.browser.toPlainText()
    win.detail.browser.anchorClicked.emit(QUrl("belcat:nonsense/abc"))
    assert "no longer exists" in win.detail.browser.toPlainText()


def test_ctrl_click_adds_rows_to_the_selection(window, qtbot):
    win, _ = window
    win.view_selector.setCurrentIndex(3)  # three organizations
    view = win.results_view

    def click(row, modifier=Qt.KeyboardModifier.NoModifier):
        rect = view.visualRect(win.model.index(row, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    def selected():
        return sorted(i.row() for i in view.selectionModel().selectedRows())
    click(0)
    assert selected() == [0]
    click(2, Qt.KeyboardModifier.ControlModifier)
    assert selected() == [0, 2]
    assert win.current_record()[1] == win.model.record_id(2)  # the detail pane follows the click
    click(0, Qt.KeyboardModifier.ControlModifier)
    assert selected() == [2]
    click(1)
    assert selected() == [1]
