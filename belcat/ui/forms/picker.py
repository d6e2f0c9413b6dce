"""A searchable list of organizations to link to (participants, partners)."""

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from ..labels import tr


class OrganizationPicker(QDialog):
    """``search(text)`` -> [{"id", "name", "legal_form", "city"}]; ``chosen()`` -> (id, name)."""

    def __init__(self, search: Callable[[str], list[dict]], parent=None):
        super().__init__(parent)
        self.setObjectName("organizationPicker")
        self.setWindowTitle(tr("Choose an organization", "Forms"))
        self.resize(460, 420)
        self._search = search
        self.filter = QLineEdit(self)
        self.filter.setObjectName("pickerFilter")
        self.filter.setPlaceholderText(tr("Type part of a name, an alias or a UNP", "Forms"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("pickerList")
        self.list.itemActivated.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.refill)
        self.filter.textChanged.connect(self._timer.start)
        self.filter.returnPressed.connect(self._accept_first)
        self.refill()

    def refill(self) -> None:
        self._timer.stop()
        self.list.clear()
        for r in self._search(self.filter.text()):
            text = " ".join(x for x in (r.get("legal_form"), r["name"]) if x)
            if r.get("city"):
                text += f" — {r['city']}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (r["id"], r["name"]))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _accept_first(self) -> None:
        self.refill()
        if self.list.count():
            self.accept()

    def chosen(self) -> tuple[int, str] | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
