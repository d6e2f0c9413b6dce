"""The list of saved searches: open, rename, delete. It holds no database
handle: it shows the items it is given and emits what the person asked for."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..core import listing
from .labels import count_text, tr

ID_ROLE = Qt.ItemDataRole.UserRole


def item_text(item: dict) -> str:
    view = listing.VIEWS.get(item["view"])
    view_label = tr(view.label, "views") if view else item["view"]
    count = item.get("count")
    shown = tr("?", "SavedSearches") if count is None else count_text(count)
    return tr("{0} — {1}: {2}", "SavedSearches").format(item["name"], view_label, shown)


class SavedSearchesDialog(QDialog):
    openRequested = Signal(int)
    renameRequested = Signal(int, str)
    deleteRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("savedSearchesDialog")
        self.setWindowTitle(tr("Saved searches", "SavedSearches"))
        self.resize(460, 360)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Each search with the number of records it finds now:", "SavedSearches")))
        self.list = QListWidget(self)
        self.list.setObjectName("savedSearchList")
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(tr("&Open", "SavedSearches"))
        self.open_button.setObjectName("openSavedSearch")
        self.rename_button = QPushButton(tr("&Rename…", "SavedSearches"))
        self.rename_button.setObjectName("renameSavedSearch")
        self.delete_button = QPushButton(tr("&Delete", "SavedSearches"))
        self.delete_button.setObjectName("deleteSavedSearch")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.rename_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self._open)
        self.rename_button.clicked.connect(self._rename)
        self.delete_button.clicked.connect(self._delete)
        self.list.itemActivated.connect(lambda _item: self._open())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.confirm_delete = True
        self._update_buttons()

    def set_items(self, items: list[dict]) -> None:
        current = self.current_id()
        self.list.clear()
        for it in items:
            row = QListWidgetItem(item_text(it))
            row.setData(ID_ROLE, it["id"])
            row.setToolTip(it.get("text") or "")
            self.list.addItem(row)
            if it["id"] == current:
                self.list.setCurrentItem(row)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        for b in (self.open_button, self.rename_button, self.delete_button):
            b.setEnabled(has)

    def _open(self) -> None:
        saved_id = self.current_id()
        if saved_id is not None:
            self.openRequested.emit(saved_id)
            self.accept()

    def _rename(self) -> None:
        saved_id = self.current_id()
        if saved_id is None:
            return
        old = self.list.currentItem().text().split(" — ")[0]
        name, ok = QInputDialog.getText(self, tr("Rename saved search", "SavedSearches"),
                                        tr("New name:", "SavedSearches"), text=old)
        if ok and name.strip():
            self.renameRequested.emit(saved_id, name)

    def _delete(self) -> None:
        saved_id = self.current_id()
        if saved_id is None:
            return
        if self.confirm_delete and QMessageBox.question(
                self, tr("Delete saved search", "SavedSearches"),
                tr("Delete the saved search “{0}”?", "SavedSearches").format(
                    self.list.currentItem().text().split(" — ")[0])) != QMessageBox.StandardButton.Yes:
            return
        self.deleteRequested.emit(saved_id)
