"""Field widgets of the entry forms. Each has ``value()``, ``set_value(v)`` and
a ``changed`` signal, so a form reads and fills them all the same way.

None holds a database handle: lists of known terms and organization lookups
come in as plain lists and callables.
"""

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.csv_format import parse_date
from ..labels import tr


def _none_if_blank(text: str):
    text = text.strip()
    return text or None


class TextField(QLineEdit):
    changed = Signal()

    def __init__(self, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.textChanged.connect(self.changed)

    def value(self):
        return _none_if_blank(self.text())

    def set_value(self, value) -> None:
        self.setText("" if value is None else str(value))


class DateField(TextField):
    """A date as YYYY-MM-DD, typed or picked from a calendar (the button at
    its end, or Alt+Down / F4). A date typed as dd.mm.yyyy counts as
    YYYY-MM-DD and is written so when the field is left; anything else stays
    as typed, for the form's rules to judge."""

    def __init__(self, parent=None):
        super().__init__("YYYY-MM-DD", parent)
        self.calendar_action = QAction(tr("Pick a date", "Forms"), self)
        self.calendar_action.setObjectName("pickDate")
        self.calendar_action.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_ArrowDown))
        self.calendar_action.setToolTip(tr("Pick a date (Alt+Down)", "Forms"))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar = QCalendarWidget(self, objectName="datePopup")
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self.pick)
        self.calendar.clicked.connect(self.pick)
        self.editingFinished.connect(self.tidy)

    def keyPressEvent(self, event) -> None:
        down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        shown = QDate.fromString(self.value() or "", Qt.DateFormat.ISODate)
        self.calendar.setSelectedDate(shown if shown.isValid() else QDate.currentDate())
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def pick(self, day: QDate) -> None:
        self.calendar.hide()
        self.setText(day.toString(Qt.DateFormat.ISODate))
        self.setFocus()

    def value(self):
        """The date as YYYY-MM-DD once it is complete in either form, else as typed."""
        text = _none_if_blank(self.text())
        try:
            iso = parse_date(text) if text else None
        except ValueError:
            return text
        return iso if iso and len(iso) == 10 else text

    def tidy(self) -> None:
        value = self.value()
        if value and value != self.text():
            self.setText(value)


class LongTextField(QPlainTextEdit):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(80)
        self.textChanged.connect(self.changed)

    def value(self):
        return _none_if_blank(self.toPlainText())

    def set_value(self, value) -> None:
        self.setPlainText("" if value is None else str(value))


class ChoiceField(QComboBox):
    """A closed list of (code, label) with an empty choice first; ``editable``
    also takes text typed by the user (legal forms)."""

    changed = Signal()

    def __init__(self, choices, *, editable: bool = False, parent=None):
        super().__init__(parent)
        self.setEditable(editable)
        self.addItem("", None)
        for code, label in choices:
            self.addItem(label, code)
        self.currentIndexChanged.connect(self.changed)
        if editable:
            self.editTextChanged.connect(self.changed)

    def value(self):
        if self.isEditable():
            text = self.currentText().strip()
            index = self.findText(text)
            return self.itemData(index) if index > 0 else (text or None)
        return self.currentData()

    def set_value(self, value) -> None:
        index = self.findData(value) if value is not None else 0
        if index < 0 and self.isEditable():
            self.setEditText(str(value))
        else:
            self.setCurrentIndex(max(index, 0))


class ChecksField(QWidget):
    """Several codes chosen with check boxes (an organization's roles)."""

    changed = Signal()

    def __init__(self, choices, columns: int = 2, parent=None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for i, (code, label) in enumerate(choices):
            box = QCheckBox(label, self)
            box.setObjectName(f"check_{code}")
            box.toggled.connect(self.changed)
            layout.addWidget(box, i // columns, i % columns)
            self.boxes[code] = box

    def value(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in (value or []))


class TermsField(QWidget):
    """A list of terms: type with completion from the terms already in the
    catalog, Enter or Add puts it in; a name not in the list becomes a new term."""

    changed = Signal()

    def __init__(self, known: list[str], placeholder: str = "", *, free: bool = False, parent=None):
        """``free``: any text is a value of its own (aliases), nothing is marked new."""
        super().__init__(parent)
        self._free = free
        self.edit = QLineEdit(self)
        self.edit.setObjectName("termEdit")
        self.edit.setPlaceholderText(placeholder or tr("Type and press Enter; a new name adds a new term", "Forms"))
        self.completer = QCompleter(QStringListModel(sorted(set(known)), self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(self.completer)
        self.edit.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton(tr("Add", "Forms"), self)
        self.add_button.setToolTip(tr("Add the typed term (Enter)", "Forms"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_typed)
        self.list = QListWidget(self)
        self.list.setObjectName("termList")
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setFixedHeight(54)
        self.list.setToolTip(tr("Select a term and press Del to remove it", "Forms"))
        self.list.installEventFilter(self)
        remove = QPushButton(tr("Remove", "Forms"), self)
        remove.setAutoDefault(False)
        remove.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.edit, 1)
        top.addWidget(self.add_button)
        top.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self._known = {k.casefold(): k for k in known}

    def add_typed(self) -> None:
        text = self.edit.text().strip()
        if text:
            self.add(self._known.get(text.casefold(), text))
        self.edit.clear()

    def add(self, term: str) -> None:
        if term.casefold() in (t.casefold() for t in self.value()):
            return
        item = QListWidgetItem(term)
        if term.casefold() not in self._known and not self._free:
            item.setToolTip(tr("A new term: it is added to the catalog on saving", "Forms"))
            item.setText(term + " ✚")
            item.setData(Qt.ItemDataRole.UserRole, term)
        self.list.addItem(item)
        self.changed.emit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.list and event.type() == event.Type.KeyPress and event.key() in (
                Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected()
            return True
        return super().eventFilter(obj, event)

    def value(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [i.data(Qt.ItemDataRole.UserRole) or i.text() for i in items]

    def set_value(self, value) -> None:
        self.list.clear()
        for term in value or []:
            self.add(term)


class LinksField(QWidget):
    """Links to organizations with a kind and optional product: a project's
    participants (role) or an organization's partners (relation). Rows are
    added through a picker (``pick()`` -> (id, name) or None)."""

    changed = Signal()

    def __init__(self, kinds, pick, *, kind_key: str, directions: bool = False, parent=None):
        super().__init__(parent)
        self._kinds = list(kinds)  # (code, label)
        self._pick = pick
        self._kind_key = kind_key
        self._directions = directions
        headers = [tr("Organization", "Forms"), tr("Role", "Forms") if kind_key == "role" else tr("Relation", "Forms")]
        if directions:
            headers.append(tr("Direction", "Forms"))
        headers.append(tr("Product or note", "Forms"))
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("linksTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(len(headers) - 1, 160)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        add = QPushButton(tr("Add…", "Forms"), self)
        add.setObjectName("addLinkButton")
        add.setToolTip(tr("Choose an organization from the catalog", "Forms"))
        add.setAutoDefault(False)
        add.clicked.connect(self.add_picked)
        remove = QPushButton(tr("Remove", "Forms"), self)
        remove.setObjectName("removeLinkButton")
        remove.setAutoDefault(False)
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_picked(self) -> None:
        picked = self._pick()
        if picked:
            self.add_row({"org_id": picked[0], "name": picked[1], self._kind_key: self._kinds[0][0]})

    def add_row(self, link: dict) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(link.get("name") or str(link["org_id"]))
        name.setData(Qt.ItemDataRole.UserRole, link["org_id"])
        if self._directions:  # a relation's note is kept as it was (the cell shows the product)
            name.setData(Qt.ItemDataRole.UserRole + 1, link.get("note"))
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, name)
        kind = QComboBox(self.table)
        for code, label in self._kinds:
            kind.addItem(label, code)
        kind.setCurrentIndex(max(0, kind.findData(link.get(self._kind_key))))
        kind.currentIndexChanged.connect(self.changed)
        self.table.setCellWidget(row, 1, kind)
        column = 2
        if self._directions:
            direction = QComboBox(self.table)
            direction.addItem(tr("this → partner", "Forms"), "out")
            direction.addItem(tr("partner → this", "Forms"), "in")
            direction.setCurrentIndex(max(0, direction.findData(link.get("direction") or "out")))
            direction.currentIndexChanged.connect(self.changed)
            self.table.setCellWidget(row, column, direction)
            column += 1
        text = link.get("product") if self._directions else link.get("note")
        self.table.setItem(row, column, QTableWidgetItem(text or ""))
        self.changed.emit()

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.changed.emit()

    def value(self) -> list[dict]:
        links = []
        for row in range(self.table.rowCount()):
            link = {"org_id": self.table.item(row, 0).data(Qt.ItemDataRole.UserRole),
                    "name": self.table.item(row, 0).text(),
                    self._kind_key: self.table.cellWidget(row, 1).currentData()}
            column = 2
            if self._directions:
                link["direction"] = self.table.cellWidget(row, 2).currentData()
                column = 3
            text = self.table.item(row, column).text().strip() or None
            link["product" if self._directions else "note"] = text
            if self._directions:
                link["note"] = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole + 1)
            links.append(link)
        return links

    def set_value(self, value) -> None:
        self.table.setRowCount(0)
        for link in value or []:
            self.add_row(link)
