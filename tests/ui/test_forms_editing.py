"""Create, edit, delete, undo and redo through the window's actions, with the
real forms filled by a script (tests/ui/forms_helpers.py) or by a timer."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTreeWidget

from belcat.core import organizations, projects
from belcat.core.errors import NotFoundError
from belcat.ui.app import build_main_window
from belcat.ui.forms.entity_dialog import EntityDialog

from forms_helpers import ScriptedDialogs  # tests/ui is on sys.path (rootdir-less test folder)


@pytest.fixture
def window(shown_window):
    win, ids, _ = shown_window
    dialogs = ScriptedDialogs(win)
    win.edit_controller.dialogs = dialogs
    return win, ids, dialogs


def _act(win, name):
    action = win.actions_by_name[name]
    assert action.isEnabled(), name
    action.trigger()


def _names(win):
    return [win.model.index(r, 0).data() for r in range(win.model.rowCount())]


def _fill(**values):
    def fill(form):
        for name, value in values.items():
            form.fields[name].set_value(value)
        form.revalidate()
        return "save"
    return fill


def test_actions_enabled_by_the_feature(window):
    win, _, _ = window
    a = win.actions_by_name
    assert a["actionNew"].isEnabled() and a["actionEdit"].isEnabled() and a["actionDelete"].isEnabled()
    assert not a["actionUndo"].isEnabled() and not a["actionRedo"].isEnabled()
    assert a["actionNew"] in win.results_view.actions()  # context menu


def test_create_selects_the_new_record_and_undo_redo(window):
    win, ids, dialogs = window
    win.view_selector.setCurrentIndex(0)  # residents
    dialogs.fills.append(_fill(name="Интеллектуальные системы", unp="191234567", sectors=["ИИ"],
                               website="https://is.by", phone="+375 17 200-00-00"))
    _act(win, "actionNew")
    new_id = win.current_record()[1]
    org = organizations.get(win.catalog, new_id)
    assert org["roles"] == ["resident"]  # the view's role is the default
    assert org["sectors"] == ["ИИ"] and org["unp"] == "191234567"
    assert "Интеллектуальные системы" in _names(win)
    assert win.detail.current == ("organization", new_id)
    assert "Интеллектуальные" in win.detail.browser.toPlainText()
    _act(win, "actionUndo")
    assert "Интеллектуальные системы" not in _names(win)
    with pytest.raises(NotFoundError):
        organizations.get(win.catalog, new_id)
    _act(win, "actionRedo")
    assert organizations.get(win.catalog, new_id)["unp"] == "191234567"
    assert win.current_record() == ("organization", new_id)


def test_invalid_form_cannot_be_saved_and_writes_nothing(window):
    win, _, dialogs = window
    seen = {}

    def fill(form):
        form.fields["name"].set_value("Новая")
        form.fields["unp"].set_value("12")
        form.fields["email"].set_value("info@")
        form.revalidate()
        seen.update(form.problems)
        assert not form.save_button.isEnabled()
        return "cancel"

    dialogs.fills.append(fill)
    before = win.catalog.scalar("SELECT count(*) FROM organizations")
    _act(win, "actionNew")
    assert set(seen) == {"unp", "email"}
    assert win.catalog.scalar("SELECT count(*) FROM organizations") == before
    assert not win.actions_by_name["actionUndo"].isEnabled()


def test_unp_taken_is_shown_in_the_form(window):
    win, ids, dialogs = window
    organizations.update(win.catalog, ids["mtz"], {"unp": "100000001"})
    seen = {}

    def fill(form):
        form.fields["name"].set_value("Другое")
        form.fields["unp"].set_value("100000001")
        form.revalidate()
        seen.update(form.problems)
        return "cancel"

    dialogs.fills.append(fill)
    _act(win, "actionNew")
    assert "Минский тракторный завод" in seen["unp"]


def test_duplicate_warning_opens_the_existing_record(window):
    win, ids, dialogs = window
    win.view_selector.setCurrentIndex(3)  # all organizations
    shown = []

    def typed(form):
        form.fields["name"].set_value("Gomselmash")
        form.revalidate()
        shown.append(form.duplicates.isVisibleTo(form))
        shown.append(form.duplicates_list.item(0).text())
        return ("open", form.duplicates_list.item(0).data(Qt.ItemDataRole.UserRole))

    edited = []
    dialogs.fills += [typed, lambda form: edited.append(form.values()["name"]) or "cancel"]
    _act(win, "actionNew")
    assert shown[0] and "Гомсельмаш" in shown[1]
    assert edited == ["Гомсельмаш"]  # the existing record's form opened instead
    assert win.current_record() == ("organization", ids["gomselmash"])


def test_edit_with_links_then_undo_and_redo(window):
    win, ids, dialogs = window
    win.view_selector.setCurrentIndex(2)  # projects
    dialogs.picks.append((ids["mtz"], "Минский тракторный завод"))

    def fill(form):
        form.fields["status"].set_value("completed")
        form.fields["end_year"].set_value("2026")
        form.fields["participants"].add_picked()
        form.fields["source_url"].set_value("https://gkntb.gov.by/")
        form.fields["verified_on"].set_value("2025-01-31")
        form.revalidate()
        return "save"

    dialogs.fills.append(fill)
    win.detail.show_record("project", ids["welding"])
    _act(win, "actionEdit")
    project = projects.get(win.catalog, ids["welding"])
    assert project["status"] == "completed" and project["end_year"] == 2026
    assert {p["org_id"] for p in project["participants"]} == {ids["gomselmash"], ids["soft"], ids["mtz"]}
    assert project["source"]["url"] == "https://gkntb.gov.by/" and project["verified_on"] == "2025-01-31"
    assert project["updated_at"] >= project["created_at"] and project["version"] == 2
    _act(win, "actionUndo")
    project = projects.get(win.catalog, ids["welding"])
    assert project["status"] == "in_progress" and project["end_year"] is None
    assert len(project["participants"]) == 2 and project["source_id"] is None
    _act(win, "actionRedo")
    assert projects.get(win.catalog, ids["welding"])["status"] == "completed"


def test_delete_lists_links_and_undo_restores_them(window):
    win, ids, dialogs = window
    win.view_selector.setCurrentIndex(3)
    win._select_record("organization", ids["gomselmash"])
    before = organizations.get(win.catalog, ids["gomselmash"])
    _act(win, "actionDelete")
    kind, name, links = dialogs.deletes[0]
    assert name == "Гомсельмаш"
    assert links["participations"] == ["Роботизированная сварка (Customer / adopter)"]
    assert links["relations"] == ["Технософт (Adopted products of)"]
    assert "Гомсельмаш" not in _names(win)
    assert projects.get(win.catalog, ids["welding"])["participants"][0]["name"] == "Технософт"
    _act(win, "actionUndo")
    after = organizations.get(win.catalog, ids["gomselmash"])
    assert after["projects"] == before["projects"] and after["relations"] == before["relations"]
    assert win.current_record() == ("organization", ids["gomselmash"])
    _act(win, "actionRedo")
    assert "Гомсельмаш" not in _names(win)


def _select_rows(win, names):
    from PySide6.QtCore import QItemSelectionModel

    view = win.results_view
    view.clearSelection()
    for row, name in enumerate(_names(win)):
        if name in names:
            view.selectionModel().select(win.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                         | QItemSelectionModel.SelectionFlag.Rows)


def test_several_records_are_deleted_and_put_back_at_once(window):
    win, ids, dialogs = window
    win.view_selector.setCurrentIndex(3)
    names = {"Гомсельмаш", "Технософт"}  # related to each other, and in one project
    _select_rows(win, names)
    before = {i: organizations.get(win.catalog, i) for i in (ids["gomselmash"], ids["soft"])}
    _act(win, "actionDelete")
    assert dialogs.deletes[0][1] == "2 records"
    assert not names & set(_names(win))
    assert win.actions_by_name["actionUndo"].text().endswith("delete «2 records»")
    _act(win, "actionUndo")
    assert names <= set(_names(win))
    for org_id, org in before.items():
        after = organizations.get(win.catalog, org_id)
        assert (after["relations"], after["projects"]) == (org["relations"], org["projects"])
    _act(win, "actionRedo")
    assert not names & set(_names(win))
    assert win.edit_controller.undo_stack.count() == 1


def test_several_records_are_deleted_all_or_none(window, monkeypatch):
    win, ids, dialogs = window
    win.view_selector.setCurrentIndex(3)
    _select_rows(win, {"Гомсельмаш", "Технософт"})
    count = win.model.rowCount()
    original = organizations.delete

    def fails_on_the_second(catalog, org_id):
        if org_id == max(ids["gomselmash"], ids["soft"]):
            raise NotFoundError(f"organization {org_id} is not in the catalog")
        return original(catalog, org_id)
    monkeypatch.setattr(organizations, "delete", fails_on_the_second)
    _act(win, "actionDelete")
    assert win.model.rowCount() == count
    assert organizations.get(win.catalog, min(ids["gomselmash"], ids["soft"]))["name"]
    title, message = dialogs.errors[-1]
    assert title == "Not deleted" and message.endswith("None of the 2 records was deleted.")
    assert not win.actions_by_name["actionUndo"].isEnabled()


def test_delete_cancelled_changes_nothing(window):
    win, ids, dialogs = window
    dialogs.confirm = False
    count = win.model.rowCount()
    _act(win, "actionDelete")
    assert win.model.rowCount() == count and not win.actions_by_name["actionUndo"].isEnabled()


def test_keyboard_opens_forms(window, qtbot):
    win, ids, dialogs = window
    opened = []
    dialogs.fills += [lambda f: opened.append(f.windowTitle()) or "cancel"] * 3
    win.results_view.setFocus()
    qtbot.keyClick(win.results_view, Qt.Key.Key_Return)
    qtbot.keyClick(win.results_view, Qt.Key.Key_F2)
    qtbot.keyClick(win.results_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Edit organization", "Edit organization", "New organization"]


def test_del_deletes_from_the_table_only(window, qtbot):
    win, ids, dialogs = window
    dialogs.confirm = False  # the question is asked and answered "no"
    win.view_selector.setCurrentIndex(3)
    win._select_record("organization", ids["gomselmash"])
    tree = win.facet_panel.findChild(QTreeWidget, "facetTree")
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert dialogs.deletes == []
    win.results_view.setFocus()
    qtbot.keyClick(win.results_view, Qt.Key.Key_Delete)
    assert [d[1] for d in dialogs.deletes] == ["Гомсельмаш"]


def test_real_modal_dialog_driven_by_a_timer(qtbot, small_catalog_path):
    """The real dialog service and exec(): a timer fills and saves the open form."""
    path, ids = small_catalog_path
    win = build_main_window(path)
    qtbot.addWidget(win)
    win.show()
    win.view_selector.setCurrentIndex(2)
    result = {}

    def act():
        form = QApplication.activeModalWidget()
        if not isinstance(form, EntityDialog):
            QTimer.singleShot(20, act)
            return
        result["title"] = form.windowTitle()
        form.fields["title"].insert("Цифровой двойник карьера")
        form.fields["start_year"].setText("2024")
        form.revalidate()
        form.save_button.click()

    QTimer.singleShot(0, act)
    QTimer.singleShot(5000, lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().reject())
    win.actions_by_name["actionNew"].trigger()
    assert result["title"] == "New project"
    assert "Цифровой двойник карьера" in _names(win)

    def confirm():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, confirm)
            return
        result["question"] = box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, confirm)
    QTimer.singleShot(5000, lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().reject())
    win.actions_by_name["actionDelete"].trigger()
    assert "Цифровой двойник карьера" in result["question"]
    assert "Цифровой двойник карьера" not in _names(win)
