"""The forms on their own: fields, messages next to them, Save only when valid."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from belcat.ui.forms.entity_dialog import FormServices
from belcat.ui.forms.organization_form import OrganizationDialog
from belcat.ui.forms.project_form import ProjectDialog


@pytest.fixture
def org_form(qtbot):
    services = FormServices(terms=lambda kind: {"sector": ["Машиностроение", "Робототехника"]}.get(kind, []),
                            find_duplicates=lambda v: [{"id": 7, "name": "Гомсельмаш", "legal_form": "ОАО",
                                                        "unp": None, "city": "Гомель", "reason": "name"}]
                            if "гомсельмаш" in (v.get("name") or "").casefold() else [])
    form = OrganizationDialog(services)
    qtbot.addWidget(form)
    form.show()
    return form


def test_object_names_and_groups(org_form):
    assert org_form.objectName() == "entityDialog"
    for name in ("name", "unp", "website", "email", "phone", "sectors", "technologies", "countries",
                 "aliases", "roles", "relations", "htp_since", "source_title", "source_url", "verified_on"):
        assert org_form.findChild(object, f"field_{name}") is not None, name
    tabs = [org_form.tabs.tabText(i) for i in range(org_form.tabs.count())]
    assert tabs == ["Names", "Legal and contact", "Activity", "HTP", "Partners", "Provenance"]


def test_messages_while_typing_and_save_disabled(org_form, qtbot):
    assert not org_form.save_button.isEnabled()  # the name is required
    assert org_form.errors["name"].text() == "The name is required."
    qtbot.keyClicks(org_form.fields["name"], "Tekhnosoft")
    qtbot.keyClicks(org_form.fields["unp"], "12345")
    qtbot.keyClicks(org_form.fields["phone"], "+7 495 1234567")
    qtbot.waitUntil(lambda: not org_form.errors["unp"].isHidden())
    assert "9 digits" in org_form.errors["unp"].text()
    assert "+375" in org_form.errors["phone"].text()
    assert org_form.errors["name"].isHidden()
    assert not org_form.save_button.isEnabled()
    assert "Legal and contact" in org_form.summary.text()
    org_form.accept()  # Ctrl+S while invalid: stays open on the first bad field
    assert org_form.result() != QDialog.DialogCode.Accepted and org_form.isVisible()
    org_form.fields["unp"].setText("400051234")
    org_form.fields["phone"].setText("+375 232 59-12-34")  # Gomel
    org_form.revalidate()
    assert org_form.save_button.isEnabled(), org_form.problems


def test_terms_with_completion_and_new_terms(org_form, qtbot):
    sectors = org_form.fields["sectors"]
    sectors.completer.setCompletionPrefix("маш")
    assert sectors.completer.currentCompletion() == "Машиностроение"
    sectors.edit.insert("машиностроение")  # QTest types ASCII only
    qtbot.keyClick(sectors.edit, Qt.Key.Key_Return)
    sectors.edit.insert("Агротех")
    qtbot.keyClick(sectors.edit, Qt.Key.Key_Return)
    assert sectors.value() == ["Машиностроение", "Агротех"]  # known spelling kept, new term added
    assert "new term" in sectors.list.item(1).toolTip()
    sectors.list.setCurrentRow(0)
    sectors.list.item(0).setSelected(True)
    qtbot.keyClick(sectors.list, Qt.Key.Key_Delete)
    assert sectors.value() == ["Агротех"]


def test_duplicate_warning_opens_existing(org_form, qtbot):
    assert org_form.duplicates.isHidden()
    org_form.fields["name"].insert("ОАО «Гомсельмаш»")
    qtbot.waitUntil(lambda: org_form.duplicates.isVisible())
    assert "Гомсельмаш" in org_form.duplicates_list.item(0).text()
    org_form.open_button.click()
    assert org_form.result() == org_form.OPEN_EXISTING and org_form.open_existing_id == 7


def test_a_record_with_the_name_of_another_is_saved_only_after_a_second_save(org_form, qtbot):
    org_form.fields["name"].insert("гомсельмаш")
    qtbot.waitUntil(org_form.save_button.isEnabled)
    org_form.save_button.click()
    assert org_form.isVisible() and org_form.result() != QDialog.DialogCode.Accepted
    assert org_form.duplicates.isVisible() and "Same name" in org_form.duplicates_label.text()
    assert "Save again" in org_form.summary.text()
    # Another name: no warning; back to the same one: warned again.
    org_form.fields["name"].setText("Технософт")
    org_form.revalidate()
    assert org_form.duplicates.isHidden() and org_form.summary.text() == ""
    org_form.fields["name"].setText("Гомсельмаш")
    org_form.revalidate()
    assert "May already be" in org_form.duplicates_label.text()
    org_form.accept()
    assert org_form.isVisible()
    org_form.accept()  # the second Save adds it anyway
    assert org_form.result() == QDialog.DialogCode.Accepted


def test_partners_through_picker(qtbot):
    services = FormServices(pick_organization=lambda parent: (3, "Технософт"))
    form = OrganizationDialog(services)
    qtbot.addWidget(form)
    form.fields["relations"].add_picked()
    form.fields["name"].setText("Гомсельмаш")
    assert form.values()["relations"] == [
        {"org_id": 3, "name": "Технософт", "kind": "adopted", "direction": "out", "product": None, "note": None}]
    form.fields["relations"].set_value([{"org_id": 4, "name": "МТЗ", "kind": "cooperation", "direction": "in",
                                         "product": "Тракторы", "note": "с 2019"}])
    assert form.values()["relations"] == [{"org_id": 4, "name": "МТЗ", "kind": "cooperation", "direction": "in",
                                           "product": "Тракторы", "note": "с 2019"}]


def test_project_form_years_amounts_and_expiry(qtbot):
    form = ProjectDialog(FormServices(programmes=[(1, "ГПИР 2021–2025")]))
    qtbot.addWidget(form)
    form.set_values({"title": "Пилот", "start_year": 2025, "end_year": 2021, "budget": "-10",
                     "single_source_listed_on": "2024-03-15", "programme_id": 1})
    assert set(form.problems) == {"end_year", "budget"}
    assert not form.save_button.isEnabled()
    assert form.findChild(QLabel, "field_single_source_expires_on").text() == "2026-03-15"
    form.fields["end_year"].setText("2026")
    form.fields["budget"].setText("1500,5")
    form.revalidate()
    assert form.save_button.isEnabled()
    values = form.values()
    assert values["budget"] == 1500.5 and values["end_year"] == 2026 and values["programme_id"] == 1
    assert values["single_source_expires_on"] == "2026-03-15"


def test_participants_table(qtbot):
    picks = [(1, "Гомсельмаш"), (2, "Технософт")]
    form = ProjectDialog(FormServices(pick_organization=lambda parent: picks.pop(0)))
    qtbot.addWidget(form)
    links = form.fields["participants"]
    links.add_picked()
    links.add_picked()
    links.table.cellWidget(1, 1).setCurrentIndex(0)  # developer
    links.table.selectRow(0)
    links.remove_selected()
    assert links.value() == [{"org_id": 2, "name": "Технософт", "role": "developer", "note": None}]


def _answer_modal(qtbot, cls, act):
    """Act on the next modal dialog of class ``cls``; reject anything still open after 5 s."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll():
        widget = QApplication.activeModalWidget()
        if isinstance(widget, cls):
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    QTimer.singleShot(5000, lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().reject())


@pytest.mark.parametrize("button,choice", [("keepMineButton", "mine"), ("takeTheirsButton", "theirs"),
                                           ("editAgainButton", "edit")])
def test_conflict_dialog_choices(qtbot, button, choice):
    from PySide6.QtWidgets import QPushButton

    from belcat.ui.forms.conflict_dialog import ConflictDialog
    from belcat.ui.forms.dialogs import DialogService

    seen = {}

    def act(dialog):
        seen["rows"] = [(dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text(),
                         dialog.table.item(r, 2).text()) for r in range(dialog.table.rowCount())]
        dialog.findChild(QPushButton, button).click()

    _answer_modal(qtbot, ConflictDialog, act)
    got = DialogService().resolve_conflict([("City", "Гомель", "Минск"), ("Sectors", ["A", "B"], ["A"])])
    assert got == choice
    assert seen["rows"] == [("City", "Гомель", "Минск"), ("Sectors", "A, B", "A")]


def test_picker_filters_and_returns_choice(qtbot):
    from belcat.ui.forms.dialogs import DialogService
    from belcat.ui.forms.picker import OrganizationPicker

    rows = [{"id": 1, "name": "Гомсельмаш", "legal_form": "ОАО", "city": "Гомель"},
            {"id": 2, "name": "Технософт", "legal_form": None, "city": None}]

    def search(text):
        return [r for r in rows if text.casefold() in r["name"].casefold()]

    def act(picker):
        picker.filter.setText("техно")
        picker.refill()
        assert picker.list.count() == 1
        picker.accept()

    _answer_modal(qtbot, OrganizationPicker, act)
    assert DialogService().pick_organization(None, search) == (2, "Технософт")


def test_dates_are_picked_from_a_calendar_or_typed_the_local_way(org_form, qtbot):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QToolButton

    since = org_form.fields["htp_since"]
    org_form.tabs.setCurrentIndex(3)  # HTP
    since.setFocus()
    qtbot.keyClick(since, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = since.findChild(object, "datePopup")
    assert calendar.isVisible() and calendar.selectedDate() == QDate.currentDate()
    calendar.setSelectedDate(QDate(2015, 3, 1))
    qtbot.keyClick(calendar.findChild(object, "qt_calendar_calendarview"), Qt.Key.Key_Return)
    assert not calendar.isVisible() and since.text() == "2015-03-01"
    button = next(b for b in since.findChildren(QToolButton) if b.defaultAction() is since.calendar_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the button at the field's end
    assert calendar.isVisible() and calendar.selectedDate() == QDate(2015, 3, 1)  # opens on the field's date
    qtbot.keyClick(calendar.findChild(object, "qt_calendar_calendarview"), Qt.Key.Key_Escape)
    assert not calendar.isVisible() and since.text() == "2015-03-01"
    since.setText("")
    qtbot.keyClicks(since, "15.03.2024")
    org_form.revalidate()
    assert "htp_since" not in org_form.problems and since.value() == "2024-03-15"  # right as typed
    qtbot.keyClick(since, Qt.Key.Key_Tab)  # leaving the field
    assert since.text() == "2024-03-15"
    since.setText("")
    qtbot.keyClicks(since, "31.02.2024")  # no such date: left as typed, for the rule to report
    qtbot.keyClick(since, Qt.Key.Key_Tab)
    org_form.revalidate()
    assert since.text() == "31.02.2024" and "YYYY-MM-DD" in org_form.problems["htp_since"]
