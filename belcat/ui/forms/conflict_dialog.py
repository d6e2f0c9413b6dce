"""When someone else saved the record after this form was opened: both
versions side by side, and the user chooses."""

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..labels import tr

KEEP_MINE, TAKE_THEIRS, EDIT_AGAIN = "mine", "theirs", "edit"


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(
            (v.get("name") or str(v.get("org_id"))) + (f" ({v.get('role') or v.get('kind')})" if isinstance(v, dict) else "")
            if isinstance(v, dict) else str(v) for v in value)
    return str(value)


class ConflictDialog(QDialog):
    def __init__(self, fields: list[tuple[str, object, object]], parent=None):
        """``fields``: (label, mine, theirs) for every field that differs."""
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(tr("The record was changed by someone else", "Forms"))
        self.resize(720, 380)
        self.choice = EDIT_AGAIN
        text = QLabel(tr("Someone saved this record after you opened it. These fields differ; "
                         "choose which version to keep.", "Forms"), self)
        text.setWordWrap(True)
        self.table = QTableWidget(len(fields), 3, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([tr("Field", "Forms"), tr("Mine", "Forms"), tr("Theirs (saved)", "Forms")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, (label, mine, theirs) in enumerate(fields):
            for col, value in enumerate((label, _show(mine), _show(theirs))):
                self.table.setItem(row, col, QTableWidgetItem(value))
        buttons = QHBoxLayout()
        for name, label, tip, choice in (
            ("keepMineButton", tr("Keep mine", "Forms"), tr("Save my version over theirs", "Forms"), KEEP_MINE),
            ("takeTheirsButton", tr("Take theirs", "Forms"), tr("Drop my changes", "Forms"), TAKE_THEIRS),
            ("editAgainButton", tr("Back to editing", "Forms"), tr("Return to the form with my values", "Forms"), EDIT_AGAIN),
        ):
            button = QPushButton(label, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
