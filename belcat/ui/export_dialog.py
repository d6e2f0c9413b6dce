"""The export dialog: which records, which columns in which order, which
preset. It returns its choices; the controller writes the file."""

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from ..core import listing
from ..services import csv_columns
from ..services.csv_export import ExportOptions
from ..services.csv_format import DEFAULT_MULTI, DEFAULT_PRESET, MULTI_SEPARATORS, PRESETS
from .labels import count_text, tr

SCOPES = ("selected", "shown", "all")
KEY_ROLE = Qt.ItemDataRole.UserRole
_SEPARATOR_LABELS = {"semicolon": "Semicolon ( ; )", "comma": "Comma ( , )",
                     "bar": "Vertical bar ( | )", "newline": "Line break"}


def separator_combo(parent) -> QComboBox:
    """The choice of separator between several values of one field (export and
    import offer the same ones)."""
    combo = QComboBox(parent)
    combo.setObjectName("separatorCombo")
    for key in MULTI_SEPARATORS:
        combo.addItem(tr(_SEPARATOR_LABELS[key], "ExportDialog"), key)
    combo.setCurrentIndex(combo.findData(DEFAULT_MULTI))
    return combo


class ExportDialog(QDialog):
    def __init__(self, view: str, *, selected: int, shown: int, total: int,
                 settings: QSettings, parent=None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export to CSV", "ExportDialog"))
        self.view = view
        self.settings = settings
        self._build(selected, shown, total)
        self._restore()

    # --- building ---------------------------------------------------------
    def _build(self, selected: int, shown: int, total: int) -> None:
        layout = QVBoxLayout(self)
        scope_box = QGroupBox(tr("Records", "ExportDialog"), self)
        scope_layout = QVBoxLayout(scope_box)
        self.scope_group = QButtonGroup(self)
        texts = {
            "selected": tr("Selected rows ({0})", "ExportDialog").format(count_text(selected)),
            "shown": tr("Everything the search and filters show ({0})", "ExportDialog").format(count_text(shown)),
            "all": tr("The whole list: {0} ({1})", "ExportDialog").format(
                tr(listing.VIEWS[self.view].label, "views"), count_text(total)),
        }
        self.scope_buttons = {}
        for i, scope in enumerate(SCOPES):
            button = QRadioButton(texts[scope], scope_box)
            button.setObjectName(f"scope_{scope}")
            self.scope_group.addButton(button, i)
            scope_layout.addWidget(button)
            self.scope_buttons[scope] = button
        self.scope_buttons["selected"].setEnabled(selected > 0)
        (self.scope_buttons["selected"] if selected > 1 else self.scope_buttons["shown"]).setChecked(True)
        layout.addWidget(scope_box)

        columns_box = QGroupBox(tr("Columns (tick, drag to reorder)", "ExportDialog"), self)
        columns_layout = QHBoxLayout(columns_box)
        self.column_list = QListWidget(columns_box)
        self.column_list.setObjectName("columnList")
        self.column_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.column_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.column_list.setMinimumHeight(260)
        columns_layout.addWidget(self.column_list, 1)
        buttons = QVBoxLayout()
        for name, text, slot in (
            ("moveUpButton", tr("Move &up", "ExportDialog"), lambda: self._move(-1)),
            ("moveDownButton", tr("Move &down", "ExportDialog"), lambda: self._move(1)),
            ("allColumnsButton", tr("&All", "ExportDialog"), self._check_all),
            ("defaultColumnsButton", tr("De&fault", "ExportDialog"), self._check_default),
        ):
            button = QPushButton(text, columns_box)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        columns_layout.addLayout(buttons)
        layout.addWidget(columns_box, 1)

        form = QFormLayout()
        self.preset_combo = QComboBox(self)
        self.preset_combo.setObjectName("presetCombo")
        for key, preset in PRESETS.items():
            self.preset_combo.addItem(tr(preset.label, "ExportDialog"), key)
        self.preset_combo.setToolTip(tr(
            "Excel: UTF-8 with a byte order mark, ';' between fields, dates as dd.mm.yyyy — "
            "opens correctly in Excel set to Russian or Belarusian.\n"
            "RFC 4180: UTF-8 without a mark, ',' between fields, ISO dates, field names as "
            "headers — for other programs.", "ExportDialog"))
        form.addRow(tr("&Format:", "ExportDialog"), self.preset_combo)
        self.separator_combo = separator_combo(self)
        self.separator_combo.setToolTip(tr("Between several values of one field, e.g. sectors", "ExportDialog"))
        form.addRow(tr("&Several values joined by:", "ExportDialog"), self.separator_combo)
        self.neutralise_check = QCheckBox(tr("&Protect cells that start with = + - @ from running "
                                             "as formulas", "ExportDialog"), self)
        self.neutralise_check.setObjectName("neutraliseCheck")
        self.neutralise_check.setToolTip(tr("Such cells get a leading apostrophe; belcat's import "
                                            "removes it again", "ExportDialog"))
        form.addRow(self.neutralise_check)
        layout.addLayout(form)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("messageLabel")
        self.message_label.setStyleSheet("color: #a00;")
        self.message_label.hide()
        layout.addWidget(self.message_label)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Export…", "ExportDialog"))
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)
        self.button_box = box
        layout.addWidget(box)
        self.resize(560, 620)

    def _add_column(self, column: csv_columns.CsvColumn, checked: bool) -> None:
        text = tr(column.label, "csvColumns")
        if not column.importable:
            text += " " + tr("(not read back by an import)", "ExportDialog")
        item = QListWidgetItem(text, self.column_list)
        item.setData(KEY_ROLE, column.key)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # --- remembering -----------------------------------------------------------
    def _settings_key(self, name: str) -> str:
        return f"csvExport/{csv_columns.record_kind(self.view)}/{name}"

    def _restore(self) -> None:
        columns = {c.key: c for c in csv_columns.columns_for(self.view)}
        order = [k for k in self._list_setting("order") if k in columns]
        order += [k for k in columns if k not in order]
        chosen = set(self._list_setting("columns") or csv_columns.default_keys(self.view))
        for key in order:
            self._add_column(columns[key], key in chosen)
        preset = self.settings.value("csvExport/preset", DEFAULT_PRESET)
        self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(preset)))
        separator = self.settings.value("csvExport/separator", DEFAULT_MULTI)
        self.separator_combo.setCurrentIndex(max(0, self.separator_combo.findData(separator)))
        self.neutralise_check.setChecked(self.settings.value("csvExport/neutralise", "true") in (True, "true"))

    def _list_setting(self, name: str) -> list[str]:
        value = self.settings.value(self._settings_key(name), [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in value or []]

    def save_settings(self) -> None:
        self.settings.setValue(self._settings_key("order"), self.column_order())
        self.settings.setValue(self._settings_key("columns"), self.chosen_columns())
        self.settings.setValue("csvExport/preset", self.preset_combo.currentData())
        self.settings.setValue("csvExport/separator", self.separator_combo.currentData())
        self.settings.setValue("csvExport/neutralise", "true" if self.neutralise_check.isChecked() else "false")

    # --- columns -----------------------------------------------------------------
    def _items(self) -> list[QListWidgetItem]:
        return [self.column_list.item(i) for i in range(self.column_list.count())]

    def column_order(self) -> list[str]:
        return [item.data(KEY_ROLE) for item in self._items()]

    def chosen_columns(self) -> list[str]:
        return [item.data(KEY_ROLE) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]

    def set_chosen_columns(self, keys: list[str]) -> None:
        """Tick exactly ``keys`` and put them first, in that order."""
        items = {item.data(KEY_ROLE): item for item in self._items()}
        for item in items.values():
            item.setCheckState(Qt.CheckState.Unchecked)
        for row, key in enumerate(keys):
            item = items[key]
            self.column_list.takeItem(self.column_list.row(item))
            self.column_list.insertItem(row, item)
            item.setCheckState(Qt.CheckState.Checked)

    def _move(self, step: int) -> None:
        row = self.column_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.column_list.count():
            return
        item = self.column_list.takeItem(row)
        self.column_list.insertItem(target, item)
        self.column_list.setCurrentRow(target)

    def _check_all(self) -> None:
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked)

    def _check_default(self) -> None:
        defaults = csv_columns.default_keys(self.view)
        self.set_chosen_columns(defaults)

    # --- result -----------------------------------------------------------------
    @property
    def scope(self) -> str:
        return SCOPES[max(0, self.scope_group.checkedId())]

    def set_scope(self, scope: str) -> None:
        self.scope_buttons[scope].setChecked(True)

    def options(self) -> ExportOptions:
        return ExportOptions(
            self.view,
            columns=self.chosen_columns(),
            preset=self.preset_combo.currentData(),
            separator=MULTI_SEPARATORS[self.separator_combo.currentData()],
            neutralise=self.neutralise_check.isChecked(),
        )

    def _accept(self) -> None:
        if not self.chosen_columns():
            self.column_list.setFocus()
            self.message_label.setText(tr("Tick at least one column.", "ExportDialog"))
            self.message_label.show()
            return
        self.save_settings()
        self.accept()
