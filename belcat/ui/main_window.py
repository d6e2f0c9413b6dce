"""The main window: view selector, search box, facet panel, results table,
detail pane and status bar. Features (search, forms, CSV) attach to it through
its widgets and named actions; it holds no SQL."""

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core import listing
from ..core.catalog import Catalog
from .actions import create_actions
from .csv_controller import install as install_csv
from .demo_marker import install_demo_marker
from .detail_pane import DetailPane
from .forms.edit_controller import install_editing
from .labels import count_text, tr
from .results_model import ResultsModel
from .search_controller import install as install_search
from .settings import app_settings

VIEW_ORDER = ("residents", "enterprises", "projects", "organizations")
ROW_HEIGHT = 24

_EMPTY_TEXT = {
    "residents": "No HTP residents in this catalog yet.\nThe starter catalog holds only what its "
                 "sources name; add residents with Ctrl+N or import them from CSV.",
    "enterprises": "No enterprises in this catalog yet.",
    "projects": "No projects in this catalog yet.",
    "organizations": "No organizations in this catalog yet.",
}


class MainWindow(QMainWindow):
    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.settings = app_settings()
        self.setObjectName("mainWindow")
        self.setWindowTitle(tr("belcat — {0}", "MainWindow").format(catalog.path.name))
        self.actions_by_name = create_actions(self)
        self.model = ResultsModel(catalog, self)
        self._build_widgets()
        self._build_menus()
        self._connect()
        self._restore_window()
        install_search(self)
        install_demo_marker(self)
        install_editing(self)  # New/Edit/Delete/Undo/Redo: belcat/ui/forms/
        install_csv(self)  # Import/Export: belcat/ui/csv_controller.py

    # --- construction ----------------------------------------------------
    def _build_widgets(self) -> None:
        self.view_selector = QTabBar(self)
        self.view_selector.setObjectName("viewSelector")
        self.view_selector.setExpanding(False)
        self.view_selector.setDocumentMode(True)
        for i, key in enumerate(VIEW_ORDER):
            self.view_selector.addTab(tr(listing.VIEWS[key].label, "views"))
            self.view_selector.setTabToolTip(i, tr("Show {0} (Ctrl+{1})", "MainWindow").format(
                tr(listing.VIEWS[key].label, "views"), i + 1))

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(tr("Search names, products, sectors, cities… (Ctrl+F)", "MainWindow"))
        self.search_edit.setMinimumWidth(320)

        self.facet_panel = QWidget(self)
        self.facet_panel.setObjectName("facetPanel")
        QVBoxLayout(self.facet_panel).setContentsMargins(4, 4, 4, 4)
        self.facet_panel.setVisible(False)  # shown once a feature fills it

        self.results_view = QTableView(self)
        self.results_view.setObjectName("resultsView")
        self.results_view.setModel(self.model)
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results_view.setAlternatingRowColors(True)
        self.results_view.setWordWrap(False)
        # Long names and titles share their start ("Внедрение системы …", "Минский …"):
        # keep both ends visible.
        self.results_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.results_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        vertical = self.results_view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setVisible(False)
        header = self.results_view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self._restoring_columns = False
        self._loaded = False

        self.empty_label = QLabel(self.results_view.viewport())
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #666; font-size: 11pt; padding: 24px;")
        self.empty_label.hide()

        self.detail = DetailPane(self.catalog, self)

        top = QWidget(self)
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(6, 4, 6, 4)
        top_layout.addWidget(self.view_selector)
        top_layout.addStretch(1)
        top_layout.addWidget(self.search_edit, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.facet_panel)
        self.splitter.addWidget(self.results_view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 760, 420])

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.statusBar().addPermanentWidget(self.count_label)

    def _build_menus(self) -> None:
        a = self.actions_by_name
        menu = self.menuBar().addMenu(tr("&File", "MainWindow"))
        menu.addActions([a["actionImport"], a["actionExport"]])
        menu.addSeparator()
        menu.addAction(a["actionQuit"])
        menu = self.menuBar().addMenu(tr("&Edit", "MainWindow"))
        menu.addActions([a["actionUndo"], a["actionRedo"]])
        menu.addSeparator()
        menu.addActions([a["actionNew"], a["actionEdit"], a["actionDelete"]])
        menu.addSeparator()
        menu.addAction(a["actionFind"])
        self.view_menu = self.menuBar().addMenu(tr("&View", "MainWindow"))
        for i, key in enumerate(VIEW_ORDER):
            action = self.view_menu.addAction(tr(listing.VIEWS[key].label, "views"))
            action.setShortcut(f"Ctrl+{i + 1}")
            action.triggered.connect(lambda _=False, i=i: self.view_selector.setCurrentIndex(i))
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.detail.back_action, self.detail.forward_action, a["actionRefresh"]])
        menu = self.menuBar().addMenu(tr("&Help", "MainWindow"))
        menu.addAction(a["actionAbout"])

        toolbar = QToolBar(tr("Main toolbar", "MainWindow"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([a["actionNew"], a["actionEdit"], a["actionDelete"]])
        toolbar.addSeparator()
        toolbar.addActions([a["actionUndo"], a["actionRedo"]])
        toolbar.addSeparator()
        toolbar.addActions([a["actionImport"], a["actionExport"]])
        self.addToolBar(toolbar)

        self.results_view.addActions([a["actionEdit"], a["actionDelete"], a["actionExport"]])

    def _connect(self) -> None:
        a = self.actions_by_name
        a["actionQuit"].triggered.connect(self.close)
        a["actionRefresh"].triggered.connect(self.refresh)
        a["actionFind"].triggered.connect(self._focus_search)
        a["actionAbout"].triggered.connect(self._about)
        self.view_selector.currentChanged.connect(self._on_view_changed)
        self.results_view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.detail.opened.connect(self._select_record)
        self.model.modelReset.connect(self._after_reset)
        self.results_view.horizontalHeader().sortIndicatorChanged.connect(self._on_sort)

    # --- state ---------------------------------------------------------------
    @property
    def current_view(self) -> str:
        return VIEW_ORDER[max(0, self.view_selector.currentIndex())]

    def load(self, view: str | None = None) -> None:
        """Run the first query; called once the window is on screen."""
        view = view or self.settings.value("window/view", listing.DEFAULT_VIEW)
        if view not in VIEW_ORDER:
            view = listing.DEFAULT_VIEW
        index = VIEW_ORDER.index(view)
        if self.view_selector.currentIndex() == index:
            self._on_view_changed(index)
        else:
            self.view_selector.setCurrentIndex(index)

    def set_query(self, query: listing.ListQuery) -> None:
        """Show the result of ``query`` (features call this with their clauses)."""
        self.model.set_query(query)

    def new_query(self) -> listing.ListQuery:
        """A query for the current view with the sort order the user chose for it."""
        view = self.current_view
        query = listing.ListQuery(view=view)
        sort = str(self.settings.value(f"sort/{view}", "") or "")
        key, _, direction = sort.partition(" ")
        if key in {c.key for c in listing.VIEWS[view].columns if c.sortable}:
            query.sort_key, query.descending = key, direction == "desc"
        return query

    def refresh(self) -> None:
        self.model.refresh()
        self.detail.reload()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.results_view.selectionModel().selectedRows()})
        return [self.model.record_id(r) for r in rows]

    def current_record(self) -> tuple[str, int] | None:
        record_id = self.model.record_id(self.results_view.currentIndex().row())
        return (self.model.view.kind, record_id) if record_id is not None else None

    # --- slots ---------------------------------------------------------------
    def _on_view_changed(self, index: int) -> None:
        if self._loaded:
            self._save_columns(self.model.query.view)
        self._loaded = True
        query = self.new_query()
        self.set_query(query)
        self._restore_columns(query)
        self.settings.setValue("window/view", self.current_view)

    def _on_sort(self, section: int, order: Qt.SortOrder) -> None:
        if self._restoring_columns:
            return
        self.model.sort(section, order)
        query = self.model.query
        if query.sort_key:
            direction = "desc" if query.descending else "asc"
            self.settings.setValue(f"sort/{query.view}", f"{query.sort_key} {direction}")

    def _after_reset(self) -> None:
        count = self.model.rowCount()
        view = self.model.view
        self.count_label.setText(tr("{0}: {1}", "MainWindow").format(
            tr(view.label, "views"), count_text(count)))
        self.empty_label.setText(tr(_EMPTY_TEXT[view.key], "MainWindow") if not self.model.query.clauses
                                 else tr("Nothing found. Try fewer words or clear the filters.", "MainWindow"))
        self.empty_label.setVisible(count == 0)
        self._place_empty_label()
        current = self.detail.current
        if current and current[0] == view.kind and self.model.row_of(current[1]) is not None:
            self._select_record(*current)
        elif count:
            self._select_record(view.kind, self.model.record_id(0))

    def _on_current_row(self, current, _previous) -> None:
        record_id = self.model.record_id(current.row())
        if record_id is not None and self.detail.current != (self.model.view.kind, record_id):
            self.detail.show_record(self.model.view.kind, record_id)

    def _select_record(self, kind: str, record_id: int) -> None:
        """Keep the table's current row on the record the detail pane shows."""
        if kind != self.model.view.kind:
            return
        row = self.model.row_of(record_id)
        if row is None:
            self.results_view.clearSelection()
            return
        if self.results_view.currentIndex().row() == row:
            return  # the table's own row (a click, Ctrl+click included): its selection stays
        index = self.model.index(row, 0)
        self.results_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.results_view.scrollTo(index)

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _about(self) -> None:
        QMessageBox.about(self, tr("About belcat", "MainWindow"), tr(
            "<b>belcat {0}</b><p>A catalog of the Belarus Hi-Tech Park: its residents, the "
            "enterprises that adopt their products and the projects that connect them.</p>"
            "<p>Catalog file: {1}</p>", "MainWindow").format(__version__, self.catalog.path))

    # --- remembering -------------------------------------------------------
    def _save_columns(self, view: str) -> None:
        state = self.results_view.horizontalHeader().saveState()
        self.settings.setValue(f"columns/{view}", state)

    def _restore_columns(self, query: listing.ListQuery) -> None:
        """Widths and order of the view's columns, and its sort indicator."""
        header = self.results_view.horizontalHeader()
        self._restoring_columns = True
        try:
            state = self.settings.value(f"columns/{query.view}")
            if not (isinstance(state, QByteArray) and header.restoreState(state)):
                for i, column in enumerate(query.spec.columns):
                    header.resizeSection(i, column.width)
            keys = [c.key for c in query.spec.columns]
            section = keys.index(query.sort_key) if query.sort_key in keys else 0
            order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(section, order)
        finally:
            self._restoring_columns = False

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 820)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:
        if self._loaded:
            self._save_columns(self.current_view)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.results_view.viewport().rect())
