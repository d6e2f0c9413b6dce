"""The facet panel and the chips of active filters (widgets only: the search
controller gives them values and reacts to their signals)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .labels import code_label, count_text, tr

VALUE_ROLE = Qt.ItemDataRole.UserRole
INCLUDE, EXCLUDE = "include", "exclude"
_MARK = {INCLUDE: "✓ ", EXCLUDE: "✗ ", None: ""}


def value_label(vocabulary: str | None, code: str, label: str) -> str:
    if vocabulary:
        return code_label(vocabulary, code) or code
    return label or code


def state_of(facets: dict, fld: str, code: str) -> str | None:
    state = facets.get(fld) or {}
    if code in (state.get("include") or ()):
        return INCLUDE
    if code in (state.get("exclude") or ()):
        return EXCLUDE
    return None


class FacetPanel(QWidget):
    """Facets as a tree: a heading per facet, its values with counts below.

    A click on a value emits ``valueClicked(field, code)``; "More…" emits
    ``moreClicked(field)``; typing in the filter emits ``filterChanged(text)``.
    """

    valueClicked = Signal(str, str)
    moreClicked = Signal(str)
    filterChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("facetFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(tr("Filter values…", "Facets"))
        self.filter_edit.setToolTip(tr("Show only facet values that contain this text", "Facets"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("facetTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setToolTip(tr("Click a value to keep only records with it, click again to leave "
                                "them out, a third time to clear", "Facets"))
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._on_click)
        self.tree.itemActivated.connect(self._on_click)
        self.filter_edit.textChanged.connect(self.filterChanged)
        self._collapsed: set[str] = set()
        self.tree.itemCollapsed.connect(lambda i: self._collapsed.add(i.data(0, VALUE_ROLE)[1]))
        self.tree.itemExpanded.connect(lambda i: self._collapsed.discard(i.data(0, VALUE_ROLE)[1]))

    def set_results(self, results, facets: dict) -> None:
        """Show facet counts (``facets.FacetResult`` list) with the chosen states."""
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for res in results:
            head = QTreeWidgetItem([tr(res.label, "Facets"), ""])
            head.setData(0, VALUE_ROLE, ("facet", res.field))
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            if not res.values:
                none = QTreeWidgetItem([tr("(none)", "Facets"), ""])
                none.setFlags(Qt.ItemFlag.NoItemFlags)
                head.addChild(none)
            for code, label, count in res.values:
                state = state_of(facets, res.field, code)
                text = _MARK[state] + value_label(res.vocabulary, code, label)
                item = QTreeWidgetItem([text, count_text(count)])
                item.setData(0, VALUE_ROLE, ("value", res.field, code))
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(0, text)
                if state == EXCLUDE:
                    font = QFont(self.font())
                    font.setStrikeOut(True)
                    item.setFont(0, font)
                elif state == INCLUDE:
                    item.setFont(0, bold)
                head.addChild(item)
            if res.truncated:
                more = QTreeWidgetItem([tr("More…", "Facets"), ""])
                more.setData(0, VALUE_ROLE, ("more", res.field))
                more.setToolTip(0, tr("Show more values", "Facets"))
                head.addChild(more)
            head.setExpanded(res.field not in self._collapsed)
        self.tree.setUpdatesEnabled(True)

    def value_item(self, fld: str, code: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                item = head.child(j)
                if item.data(0, VALUE_ROLE) == ("value", fld, code):
                    return item
        return None

    def _on_click(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, VALUE_ROLE)
        if not data:
            return
        if data[0] == "value":
            self.valueClicked.emit(data[1], data[2])
        elif data[0] == "more":
            self.moreClicked.emit(data[1])


class FilterChips(QWidget):
    """Active filters as removable chips above the table, and "Clear all"."""

    removed = Signal(str, str)

    def __init__(self, clear_action, parent=None):
        super().__init__(parent)
        self.setObjectName("filterChips")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(4)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setDefaultAction(clear_action)
        self._chips: list[QToolButton] = []
        self._layout.addStretch(1)
        self._layout.addWidget(self.clear_button)
        self.setVisible(False)

    def chips(self) -> list[QToolButton]:
        return list(self._chips)

    def set_chips(self, chips: list[tuple[str, str, str, str]]) -> None:
        """``chips``: (field, code, facet label, value label, state)."""
        for chip in self._chips:
            chip.deleteLater()
        self._chips = []
        for fld, code, facet_label, label, state in chips:
            prefix = "" if state == INCLUDE else tr("not ", "Facets")
            chip = QToolButton(self)
            chip.setObjectName("chip")
            chip.setText(f"{facet_label}: {prefix}{label}  ×")
            chip.setToolTip(tr("Remove this filter", "Facets"))
            chip.setAutoRaise(False)
            chip.clicked.connect(lambda _=False, f=fld, c=code: self.removed.emit(f, c))
            self._layout.insertWidget(len(self._chips), chip)
            self._chips.append(chip)
        self.setVisible(bool(chips))

