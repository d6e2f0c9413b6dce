"""Two connections on one catalog: a save over someone else's change is caught
and the user chooses; other windows show changes without a restart."""

import pytest
from forms_helpers import ScriptedDialogs  # tests/ui is on sys.path

from belcat.core import organizations
from belcat.core.catalog import open_catalog
from belcat.ui.app import build_main_window


@pytest.fixture
def setup(shown_window):
    win, ids, path = shown_window
    win.view_selector.setCurrentIndex(3)
    win._select_record("organization", ids["gomselmash"])
    dialogs = ScriptedDialogs(win)
    win.edit_controller.dialogs = dialogs
    other = open_catalog(path)
    yield win, ids, dialogs, other
    other.close()


def _meanwhile(other, org_id, **values):
    """A form fill that lets another connection save first, then saves mine."""
    def fill(form):
        organizations.update(other, org_id, values)
        form.fields["city"].set_value("Гомель (мой)")
        form.revalidate()
        return "save"
    return fill


def test_keep_mine(setup):
    win, ids, dialogs, other = setup
    dialogs.fills.append(_meanwhile(other, ids["gomselmash"], city="Гомель (их)"))
    dialogs.conflict_choices.append("mine")
    win.actions_by_name["actionEdit"].trigger()
    fields = dialogs.conflicts[0]
    assert fields == [("City", "Гомель (мой)", "Гомель (их)")]
    org = organizations.get(other, ids["gomselmash"])
    assert org["city"] == "Гомель (мой)" and org["version"] == 3
    # Undo puts back what was saved before mine: their version.
    win.actions_by_name["actionUndo"].trigger()
    assert organizations.get(other, ids["gomselmash"])["city"] == "Гомель (их)"


def test_take_theirs(setup):
    win, ids, dialogs, other = setup
    dialogs.fills.append(_meanwhile(other, ids["gomselmash"], city="Гомель (их)"))
    dialogs.conflict_choices.append("theirs")
    win.actions_by_name["actionEdit"].trigger()
    assert organizations.get(other, ids["gomselmash"])["city"] == "Гомель (их)"
    assert "Гомель (их)" in win.detail.browser.toPlainText()
    assert not win.actions_by_name["actionUndo"].isEnabled()


def test_back_to_editing_keeps_my_values(setup):
    win, ids, dialogs, other = setup
    reopened = []

    def second(form):
        reopened.append(form.values()["city"])
        return "save"

    dialogs.fills += [_meanwhile(other, ids["gomselmash"], city="Гомель (их)", address="ул. Шоссейная, 41"), second]
    dialogs.conflict_choices.append("edit")
    win.actions_by_name["actionEdit"].trigger()
    assert reopened == ["Гомель (мой)"]
    org = organizations.get(other, ids["gomselmash"])
    assert org["city"] == "Гомель (мой)" and org["version"] == 3


def test_record_deleted_meanwhile(setup):
    win, ids, dialogs, other = setup

    def fill(form):
        organizations.delete(other, ids["gomselmash"])
        return "save"

    dialogs.fills.append(fill)
    win.actions_by_name["actionEdit"].trigger()
    assert "deleted" in dialogs.errors[0][1]
    assert win.catalog.scalar("SELECT count(*) FROM organizations WHERE id = ?", [ids["gomselmash"]]) == 0


def test_other_window_shows_the_change_without_restart(qtbot, setup, small_catalog_path):
    win, ids, dialogs, other = setup
    path, _ = small_catalog_path
    second = build_main_window(path)
    qtbot.addWidget(second)
    second.view_selector.setCurrentIndex(3)
    second._select_record("organization", ids["mtz"])
    second.edit_controller.dialogs = ScriptedDialogs(second)
    second.edit_controller.timer.setInterval(50)
    win.edit_controller.dialogs.fills.append(lambda form: form.fields["name"].set_value("Гомсельмаш-Холдинг") or "save")
    win.actions_by_name["actionEdit"].trigger()
    names = lambda: [second.model.index(r, 0).data() for r in range(second.model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: "Гомсельмаш-Холдинг" in names(), timeout=3000)
    assert second.current_record() == ("organization", ids["mtz"])  # selection kept
    # And from another process-like connection: the detail pane follows too.
    organizations.update(other, ids["mtz"], {"city": "Минск-Сити"})
    qtbot.waitUntil(lambda: "Минск-Сити" in second.detail.browser.toPlainText(), timeout=3000)


def test_undo_refuses_to_overwrite_a_later_change(setup):
    win, ids, dialogs, other = setup
    dialogs.fills.append(lambda form: form.fields["city"].set_value("Гомель-2") or "save")
    win.actions_by_name["actionEdit"].trigger()
    organizations.update(other, ids["gomselmash"], {"address": "ул. Шоссейная, 41"})
    win.actions_by_name["actionUndo"].trigger()
    assert "changed by someone else" in dialogs.errors[0][1]
    org = organizations.get(other, ids["gomselmash"])
    assert org["city"] == "Гомель-2" and org["address"] == "ул. Шоссейная, 41"
    assert not win.actions_by_name["actionUndo"].isEnabled()  # the step was dropped
