"""The search box, facet panel, chips and saved searches in a real window."""

import io
import json
from contextlib import redirect_stdout

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QTreeWidget

from belcat.cli import main as cli_main
from belcat.ui.saved_searches_dialog import SavedSearchesDialog


@pytest.fixture
def window(qtbot, shown_window):
    win, ids, path = shown_window
    win.view_selector.setCurrentIndex(3)  # all organizations
    qtbot.waitUntil(lambda: win.search.idle, timeout=5000)
    return win, ids, path


def names(win):
    return [win.model.index(r, 0).data() for r in range(win.model.rowCount())]


def key_text(widget, text):
    """Type ``text`` key by key (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, ch))


def type_search(qtbot, win, text):
    edit = win.findChild(QLineEdit, "searchEdit")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    key_text(edit, text)
    qtbot.waitUntil(lambda: win.search.text == text and win.search.idle, timeout=5000)


def click_value(qtbot, win, field, code):
    tree = win.findChild(QTreeWidget, "facetTree")
    item = win.search.panel.value_item(field, code)
    assert item is not None, (field, code)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle(qtbot, win)


def wait_idle(qtbot, win):
    qtbot.waitUntil(lambda: win.search.idle, timeout=5000)


def test_typing_filters_as_you_type(window, qtbot):
    win, _ids, _path = window
    type_search(qtbot, win, "гомсель")
    assert names(win) == ["Гомсельмаш", "Технософт"]  # the name first, then its partner
    type_search(qtbot, win, "mtz")
    assert names(win) == ["Минский тракторный завод"]
    type_search(qtbot, win, "ujvctkmvfi")  # wrong keyboard layout
    assert names(win)[0] == "Гомсельмаш"
    assert win.empty_label.isHidden()


def test_fast_typing_runs_only_the_last_text(window, qtbot, monkeypatch):
    win, _ids, _path = window
    seen = []
    original = win.search.runner.submit
    monkeypatch.setattr(win.search.runner, "submit", lambda *a: (seen.append(a), original(*a)))
    type_search(qtbot, win, "технософт")
    assert len(seen) <= 2  # debounced: not one query per key
    assert names(win)[0] == "Технософт"


@pytest.mark.parametrize("text", ['"', "AND (", "-", "sector:", "😀", "NEAR(", "x" * 600, "\\'; --"])
def test_any_text_shows_results_or_nothing_found(window, qtbot, text):
    win, _ids, _path = window
    win.search_edit.setText(text)  # programmatic text applies at once
    assert win.search.text == text
    if win.model.rowCount() == 0:
        assert not win.empty_label.isHidden()
        assert "Nothing found" in win.empty_label.text()


def test_escape_clears(window, qtbot):
    win, _ids, _path = window
    type_search(qtbot, win, "mtz")
    qtbot.keyClick(win.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.search_edit.text() == "" and win.search.idle and win.model.rowCount() == 3,
                    timeout=5000)


def test_newest_search_wins(window, qtbot):
    win, _ids, _path = window
    runner = win.search.runner
    delivered = []
    runner.finished.connect(lambda q, ids, f: delivered.append(ids))
    for text in ("г", "го", "гом", "гомс", "mtz"):
        win.search_edit.setText(text)
        win.search.text = text
        runner.submit(__import__("belcat.core.search", fromlist=["x"]).build_query("organizations", text), None)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert delivered and len(delivered) <= 5
    assert names(win) == ["Минский тракторный завод"]


def test_view_switch_keeps_the_search(window, qtbot):
    win, _ids, _path = window
    type_search(qtbot, win, "сварка")
    win.view_selector.setCurrentIndex(2)
    assert names(win) == ["Роботизированная сварка"]
    win.view_selector.setCurrentIndex(0)
    assert names(win) == ["Технософт"]
    assert win.search_edit.text() == "сварка"


def test_facet_clicks_cycle_include_exclude_clear(window, qtbot):
    win, _ids, _path = window
    assert not win.facet_panel.isHidden()
    click_value(qtbot, win, "region", "minsk_city")
    assert sorted(names(win)) == ["Минский тракторный завод", "Технософт"]
    chips = win.search.chips.chips()
    assert len(chips) == 1 and "Минск" in chips[0].text()
    click_value(qtbot, win, "region", "minsk_city")
    assert names(win) == ["Гомсельмаш"]
    assert "not" in win.search.chips.chips()[0].text()
    click_value(qtbot, win, "region", "minsk_city")
    assert win.model.rowCount() == 3
    assert win.search.chips.chips() == [] and win.search.chips.isHidden()


def test_facets_combine_and_chips_remove(window, qtbot):
    win, _ids, _path = window
    click_value(qtbot, win, "role", "enterprise")
    click_value(qtbot, win, "region", "gomel")
    assert names(win) == ["Гомсельмаш"]
    # OR within a facet: the other region is still offered with its count
    item = win.search.panel.value_item("region", "minsk_city")
    assert item is not None and item.text(1) == "1"
    click_value(qtbot, win, "region", "minsk_city")
    assert sorted(names(win)) == ["Гомсельмаш", "Минский тракторный завод"]
    chip = next(c for c in win.search.chips.chips() if "Enterprise" in c.text())
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, win)
    assert sorted(names(win)) == ["Гомсельмаш", "Минский тракторный завод", "Технософт"]
    win.actions_by_name["actionClearFilters"].trigger()
    wait_idle(qtbot, win)
    assert win.search.facets == {} and win.model.rowCount() == 3


def test_facet_counts_follow_the_search(window, qtbot):
    win, _ids, _path = window
    type_search(qtbot, win, "Минск")
    wait_idle(qtbot, win)
    item = win.search.panel.value_item("region", "minsk_city")
    assert item.text(1) == "2"
    assert win.search.panel.value_item("region", "gomel") is None


def test_facet_value_filter(window, qtbot):
    win, _ids, _path = window
    key_text(win.findChild(QLineEdit, "facetFilter"), "гомел")
    wait_idle(qtbot, win)
    assert win.search.panel.value_item("region", "gomel") is not None
    assert win.search.panel.value_item("region", "minsk_city") is None


def test_saved_searches(window, qtbot):
    win, _ids, _path = window
    type_search(qtbot, win, "робот")
    click_value(qtbot, win, "region", "minsk_city")
    sid = win.search.save_as("Роботы Минска", ask=False)
    assert sid
    win.search.clear_all()
    wait_idle(qtbot, win)
    assert win.model.rowCount() == 3
    dialog = win.search.saved_dialog()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, SavedSearchesDialog)
    assert dialog.list.count() == 1 and dialog.list.item(0).text().endswith(": 1")
    dialog.renameRequested.emit(sid, "Роботы")
    assert dialog.list.item(0).text().startswith("Роботы —")
    dialog.list.setCurrentRow(0)
    dialog.open_button.click()
    wait_idle(qtbot, win)
    assert win.search_edit.text() == "робот"
    assert names(win) == ["Технософт"]
    assert win.search.chips.chips()
    dialog2 = win.search.saved_dialog()
    qtbot.addWidget(dialog2)
    dialog2.confirm_delete = False
    dialog2.list.setCurrentRow(0)
    dialog2.delete_button.click()
    assert dialog2.list.count() == 0


def test_help_and_menu(window, qtbot):
    win, _ids, _path = window
    assert "sector:" in win.search_edit.toolTip()
    actions = {a.objectName() for a in win.menuBar().actions()[-1].menu().actions()}
    assert "actionSearchHelp" in actions


def test_model_stays_valid(window, qtbot, qtmodeltester):
    win, _ids, _path = window
    type_search(qtbot, win, "м")
    qtmodeltester.check(win.model)


def cli_ids(path, kind, text, facets=()):
    out = io.StringIO()
    args = ["search", "--db", str(path), "--kind", kind, "--json", "--limit", "0"]
    for f in facets:
        args += ["--facet", f]
    with redirect_stdout(out):
        assert cli_main(args + ["--", text]) == 0
    return [r["id"] for r in json.loads(out.getvalue())["records"]]


@pytest.mark.parametrize(
    "view, index, text, facets",
    [("organizations", 3, "м", []), ("organizations", 3, "робот", []),
     ("organizations", 3, "", ["region=minsk_city"]), ("organizations", 3, "-гомсельмаш", []),
     ("enterprises", 1, "завод", ["region=-gomel"]), ("projects", 2, "гомсельмаш", []),
     ("residents", 0, '"', [])],
)
def test_window_and_cli_agree(window, qtbot, view, index, text, facets):
    win, _ids, path = window
    from belcat.core.search import facets_from_args

    win.view_selector.setCurrentIndex(index)
    win.search.set_search(text, facets_from_args(facets))
    wait_idle(qtbot, win)
    assert win.model.ids() == cli_ids(path, view, text, facets)


def test_first_page_then_the_rest(window, qtbot, monkeypatch):
    from belcat.core import search as core_search
    from belcat.ui import search_worker

    win, _ids, path = window
    monkeypatch.setattr(core_search, "RANK_LIMIT", 1)
    monkeypatch.setattr(search_worker, "FIRST_PAGE", 1)
    pages = []
    win.search.runner.first_page.connect(lambda q, ids: pages.append(list(ids)))
    type_search(qtbot, win, "м")
    assert pages and len(pages[-1]) == 1
    assert win.model.ids() == cli_ids(path, "organizations", "м")
    assert win.model.rowCount() == len(win.model.ids()) > 1
    assert str(win.model.rowCount()) in win.count_label.text()
