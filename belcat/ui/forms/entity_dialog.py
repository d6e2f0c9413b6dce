"""The common frame of the entry forms: pages of fields, a message under each
field, validation while typing, Save only while every field is valid.

A form returns values (``values()``); it never writes anything itself.
"""

from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..labels import tr

ERROR_STYLE = "color: #b00020;"


@dataclass
class FormServices:
    """What a form may ask of the catalog, as plain callables (no database handle)."""

    terms: Callable[[str], list[str]] = lambda kind: []
    extra_problems: Callable[[dict], dict] = lambda values: {}  # rules that need the catalog
    find_duplicates: Callable[[dict], list[dict]] = lambda values: []
    pick_organization: Callable[[QWidget], tuple[int, str] | None] = lambda parent: None
    programmes: list[tuple[int, str]] = field(default_factory=list)


class EntityDialog(QDialog):
    OPEN_EXISTING = 2  # result code: the user chose to open an existing record instead

    def __init__(self, title: str, problems: Callable[[dict], dict], services: FormServices, parent=None):
        super().__init__(parent)
        self.setObjectName("entityDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self.resize(760, 600)
        self.services = services
        self._problems_of = problems
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.problems: dict[str, str] = {}
        self.open_existing_id: int | None = None
        self._pages_by_field: dict[str, int] = {}

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("formTabs")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.setToolTip(tr("Save the record (Ctrl+S)", "Forms"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.summary = QLabel(self)
        self.summary.setObjectName("formSummary")
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setWordWrap(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.tabs, 1)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.revalidate)

    # --- building --------------------------------------------------------
    def add_page(self, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, title)
        return form

    def add_field(self, form: QFormLayout, name: str, label: str, widget: QWidget, tip: str = "") -> QWidget:
        widget.setObjectName(f"field_{name}")
        if tip:
            widget.setToolTip(tip)
        error = QLabel(self)
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        cell = QWidget()
        cell.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label, cell)
        self.fields[name] = widget
        self.errors[name] = error
        self._pages_by_field[name] = self.tabs.count() - 1
        widget.changed.connect(self._timer.start)
        return widget

    # --- values ----------------------------------------------------------
    def values(self) -> dict:
        return {name: widget.value() for name, widget in self.fields.items()}

    def set_values(self, values: dict) -> None:
        for name, widget in self.fields.items():
            if name in values:
                widget.set_value(values[name])
        self.revalidate()

    # --- validation ------------------------------------------------------
    def revalidate(self) -> dict[str, str]:
        """Show the problems of the current values; Save only when there are none."""
        self._timer.stop()
        values = self.values()
        problems = dict(self._problems_of(values))
        for name, message in self.services.extra_problems(values).items():
            problems.setdefault(name, message)
        self.show_problems(problems)
        self.after_change(values)
        return problems

    def show_problems(self, problems: dict[str, str]) -> None:
        self.problems = {k: v for k, v in problems.items()}
        for name, label in self.errors.items():
            message = problems.get(name)
            label.setText(tr(message, "validation") if message else "")
            label.setVisible(bool(message))
        unplaced = [f"{k}: {v}" for k, v in problems.items() if k not in self.errors]
        pages = sorted({self.tabs.tabText(self._pages_by_field[k]) for k in problems if k in self._pages_by_field})
        text = ""
        if problems:
            text = tr("Fix the marked fields to save ({0}).", "Forms").format(", ".join(pages) or "")
            if unplaced:
                text += " " + "; ".join(unplaced)
        self.summary.setText(text)
        self.save_button.setEnabled(not problems)

    def after_change(self, values: dict) -> None:
        """Forms add derived displays here (duplicates, computed dates)."""

    def accept(self) -> None:
        if self.revalidate():
            first = next(iter(self.problems))
            if first in self._pages_by_field:
                self.tabs.setCurrentIndex(self._pages_by_field[first])
                self.fields[first].setFocus()
            return
        super().accept()

    def open_existing(self, record_id: int) -> None:
        self.open_existing_id = record_id
        self.done(self.OPEN_EXISTING)
