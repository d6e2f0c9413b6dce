"""The import dialog: a preview of the file's first rows, which field each
column goes to, what to do with duplicates, and the report of a check.

The dialog returns its choices; checking and importing are done by the
function the controller gives it (``check``), so the dialog holds no
database handle.
"""

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services import csv_columns
from ..services.csv_format import MULTI_SEPARATORS
from ..services.csv_import import DUPLICATE_CHOICES, ImportOptions, ImportResult, Problem
from ..services.csv_preview import Preview
from .export_dialog import separator_combo
from .labels import tr

_DUPLICATE_LABELS = {
    "skip": "Skip them (keep what the catalog has)",
    "update": "Update them with the file's values (empty cells change nothing)",
    "add": "Add them as new records",
}


class PreviewModel(QAbstractTableModel):
    """The first rows of the file; the header shows each column's field."""

    def __init__(self, preview: Preview, parent=None):
        super().__init__(parent)
        self._header = list(preview.header)
        self._rows = [list(r) for r in preview.rows]
        self._fields = list(preview.mapping)

    def set_field(self, column: int, label: str | None) -> None:
        self._fields[column] = label
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._header)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        value = row[index.column()] if index.column() < len(row) else ""
        return value.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ") if role == Qt.ItemDataRole.DisplayRole else value

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 2)  # rows as a spreadsheet numbers them
        if not 0 <= section < len(self._header):
            return None
        target = self._fields[section]
        return f"{self._header[section]}\n→ {target}" if target else f"{self._header[section]}\n✗"


class ReportModel(QAbstractTableModel):
    """Problems found by a check: row, field, message."""

    HEADERS = ("Row", "Field", "Level", "Message")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._problems: list[Problem] = []

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        p = self._problems[index.row()]
        return (str(p.row), p.where, tr(p.level, "ImportDialog"), p.message)[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return tr(self.HEADERS[section], "ImportDialog")
        return None


class ImportDialog(QDialog):
    def __init__(self, view: str, file_name: str, preview: Preview,
                 check: Callable[[ImportOptions], ImportResult], parent=None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(tr("Import from CSV: {0}", "ImportDialog").format(file_name))
        self.view = view
        self.preview = preview
        self._check = check
        self.result: ImportResult | None = None
        self._columns = [c for c in csv_columns.columns_for(view) if c.importable]
        self._build(file_name)

    def _build(self, file_name: str) -> None:
        layout = QVBoxLayout(self)
        self.dialect_label = QLabel(tr("{0}: {1}; {2} columns", "ImportDialog").format(
            file_name, self.preview.dialect.label, len(self.preview.header)), self)
        self.dialect_label.setObjectName("dialectLabel")
        layout.addWidget(self.dialect_label)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.preview_model = PreviewModel(self.preview, self)
        self.preview_view = QTableView(splitter)
        self.preview_view.setObjectName("previewView")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setWordWrap(False)
        self.preview_view.horizontalHeader().setDefaultSectionSize(150)

        mapping_box = QGroupBox(tr("Columns → fields", "ImportDialog"), splitter)
        scroll = QScrollArea(mapping_box)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        grid = QGridLayout(inner)
        self.mapping_combos: list[QComboBox] = []
        for i, label in enumerate(self.preview.header):
            combo = QComboBox(inner)
            combo.setObjectName(f"mapping_{i}")
            combo.addItem(tr("(do not import)", "ImportDialog"), None)
            for column in self._columns:
                combo.addItem(tr(column.label, "csvColumns"), column.key)
            guess = self.preview.mapping[i]
            combo.setCurrentIndex(max(0, combo.findData(guess)) if guess else 0)
            combo.currentIndexChanged.connect(lambda _i, i=i: self._mapping_changed(i))
            grid.addWidget(QLabel(label or tr("(no name)", "ImportDialog"), inner), i // 2, (i % 2) * 2)
            grid.addWidget(combo, i // 2, (i % 2) * 2 + 1)
            self.mapping_combos.append(combo)
            self._mapping_changed(i)
        scroll.setWidget(inner)
        QVBoxLayout(mapping_box).addWidget(scroll)

        report_box = QGroupBox(tr("Report", "ImportDialog"), splitter)
        report_layout = QVBoxLayout(report_box)
        self.summary_label = QLabel(tr("Press Check to look for problems before importing.", "ImportDialog"), report_box)
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        report_layout.addWidget(self.summary_label)
        self.report_model = ReportModel(self)
        self.report_view = QTableView(report_box)
        self.report_view.setObjectName("reportView")
        self.report_view.setModel(self.report_model)
        self.report_view.horizontalHeader().setStretchLastSection(True)
        self.report_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        report_layout.addWidget(self.report_view)
        layout.addWidget(splitter, 1)

        form = QFormLayout()
        self.duplicates_combo = QComboBox(self)
        self.duplicates_combo.setObjectName("duplicatesCombo")
        for key in DUPLICATE_CHOICES:
            self.duplicates_combo.addItem(tr(_DUPLICATE_LABELS[key], "ImportDialog"), key)
        self.duplicates_combo.setToolTip(tr(
            "A duplicate is an organization with the same UNP (else the same name), or a "
            "project with the same title and programme", "ImportDialog"))
        form.addRow(tr("&Records already in the catalog:", "ImportDialog"), self.duplicates_combo)
        self.separator_combo = separator_combo(self)
        if self.preview.separator:
            self.separator_combo.setCurrentIndex(self.separator_combo.findData(self.preview.separator))
        form.addRow(tr("Several values &separated by:", "ImportDialog"), self.separator_combo)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.check_button = QPushButton(tr("&Check", "ImportDialog"), self)
        self.check_button.setObjectName("checkButton")
        self.check_button.setToolTip(tr("Read the whole file and list its problems; "
                                        "the catalog is not changed", "ImportDialog"))
        self.check_button.clicked.connect(self.run_check)
        self.save_report_button = QPushButton(tr("&Save report…", "ImportDialog"), self)
        self.save_report_button.setObjectName("saveReportButton")
        self.save_report_button.setEnabled(False)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.save_report_button)
        buttons.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(tr("&Import", "ImportDialog"))
        self.import_button.setObjectName("importButton")
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)
        buttons.addWidget(box)
        layout.addLayout(buttons)
        self.resize(980, 720)

    # --- mapping --------------------------------------------------------------
    def mapping(self) -> list[str | None]:
        return [combo.currentData() for combo in self.mapping_combos]

    def set_mapping(self, column: int, key: str | None) -> None:
        combo = self.mapping_combos[column]
        combo.setCurrentIndex(combo.findData(key) if key else 0)

    def _mapping_changed(self, column: int) -> None:
        combo = self.mapping_combos[column]
        self.preview_model.set_field(column, combo.currentText() if combo.currentData() else None)

    def options(self, *, dry_run: bool = False) -> ImportOptions:
        return ImportOptions(
            self.view, mapping=self.mapping(), duplicates=self.duplicates_combo.currentData(),
            separator=MULTI_SEPARATORS[self.separator_combo.currentData()], dry_run=dry_run)

    # --- checking ------------------------------------------------------------------
    def show_result(self, result: ImportResult) -> None:
        self.result = result
        self.report_model.set_problems(result.problems)
        self.summary_label.setText(result.summary())
        self.save_report_button.setEnabled(bool(result.problems))

    def show_error(self, message: str) -> None:
        self.result = None
        self.report_model.set_problems([])
        self.summary_label.setText(message)

    def run_check(self) -> None:
        try:
            result = self._check(self.options(dry_run=True))
        except ValueError as exc:
            self.show_error(str(exc))
            return
        if result is not None:
            self.show_result(result)

    def _accept(self) -> None:
        try:
            self.options()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.accept()
