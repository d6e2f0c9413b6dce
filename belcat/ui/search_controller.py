"""Search as you type, facets, filter chips and saved searches in the main window.

``install(window)`` is the one hook the main window calls. The controller
builds every query through ``belcat.core.search.build_query`` (the same
function ``belcat search`` and ``belcat export`` use), so the window shows
exactly the records the command line prints.

Typing is debounced: each key press restarts a short timer and only the text
present when it fires is searched, in a thread of its own with its own read
connection (search_worker); a newer request interrupts and replaces an older
one, so fast typing never queues queries behind stale ones and the window
stays responsive. A large result shows its first page at once and the rest
follows. Facet clicks and chips go the same way; facet counts always come
from the search thread. Text set by a program (``--search``, a saved search)
and view switches update the list at once in the window's thread.
"""

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QSplitter, QVBoxLayout, QWidget

from ..core import facets as core_facets
from ..core import saved_searches, search
from ..core.errors import BelcatError
from .facet_panel import EXCLUDE, INCLUDE, FacetPanel, FilterChips, state_of, value_label
from .labels import tr
from .search_worker import SearchRunner

DEBOUNCE_MS = 120
MORE_STEP = 50

SYNTAX_HELP = """<h3>Searching</h3>
<p>Type in the search box: the list follows as you type. Every word must match the
beginning of a word anywhere in the record: names in Russian, Belarusian or Latin
letters and aliases, descriptions, products, sectors, technologies, city and region,
and the names of linked organizations and projects. Case, ё/е and і/и do not matter;
<i>Беларуськалий</i>, <i>Беларуськалій</i> and <i>Belaruskali</i> find the same
record, and so do <i>МТЗ</i> and <i>MTZ</i>. Text typed in the wrong keyboard layout
(<i>ujvctkmvfi</i>) is tried in the other one too.</p>
<table>
<tr><td><tt>робот</tt></td><td>words starting with "робот": робототехника, роботы…</td></tr>
<tr><td><tt>"exact phrase"</tt></td><td>these words next to each other</td></tr>
<tr><td><tt>-word</tt></td><td>leave out records that contain it</td></tr>
<tr><td><tt>sector:robotics</tt></td><td>only in a field: <tt>name: sector: technology:
country: region: city: partner: programme: text: role: status: year:</tt></td></tr>
</table>
<p>Exact names come first, then names that start with your first word, then other
name matches, then matches elsewhere. When a search finds more than {limit} records
they are listed by name. A click on a column header sorts by that column instead.</p>
<h3>Facets</h3>
<p>The panel on the left counts the values of the current list: click a value to keep
only records with it (✓), click again to leave them out (✗), a third time to clear it.
Values of one facet combine with OR, different facets with AND. Active filters show as
chips above the list; click a chip to remove it, or Clear all (Ctrl+Shift+Backspace).</p>
<h3>Saved searches</h3>
<p>Search ▸ Save search… (Ctrl+Shift+S) keeps the list, text and filters under a name;
Search ▸ Saved searches… (Ctrl+Shift+O) lists them with their current counts, to open,
rename or delete. They are kept in the catalog file.</p>"""


def _tooltip() -> str:
    return tr(
        "Search every text of the list; results follow as you type.\n"
        "робот — words starting with робот\n"
        "\"exact phrase\" — words next to each other\n"
        "-word — leave out records with it\n"
        "sector:robotics, region:Гомельская, city:, name:, technology:, country:,\n"
        "partner:, programme:, role:, status:, year: — only in that field\n"
        "Esc clears. Help ▸ Search syntax for more.", "Search")


class _KeyWatcher(QObject):
    """Marks edits that come from the keyboard, which are debounced."""

    def __init__(self, controller):
        super().__init__(controller.window)
        self.controller = controller

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape and obj.text():
                obj.clear()
                return True
            self.controller._typing = True
        return False


class SearchController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.catalog = window.catalog
        self.text = ""
        self.facets: dict[str, dict[str, set]] = {}
        self.limits: dict[str, int] = {}
        self.value_filter = ""
        self._labels: dict[tuple[str, str], str] = {}
        self._typing = False
        self._base_new_query = window.new_query
        window.new_query = self.new_query  # the view switch keeps and applies the search

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_async)
        edit = window.search_edit
        edit.setToolTip(_tooltip())
        edit.textChanged.connect(self._on_text_changed)
        edit.returnPressed.connect(self.apply)
        self._watcher = _KeyWatcher(self)
        edit.installEventFilter(self._watcher)

        self._build_actions()
        self.panel = FacetPanel(window.facet_panel)
        window.facet_panel.layout().addWidget(self.panel)
        window.facet_panel.setVisible(True)
        self.panel.valueClicked.connect(self.cycle)
        self.panel.moreClicked.connect(self._more)
        self.panel.filterChanged.connect(self._on_value_filter)
        self._install_chips()
        self._setting_result = False
        window.model.modelReset.connect(self._on_model_reset)
        self.runner = SearchRunner(self.catalog.path, self)
        self.runner.finished.connect(self._on_finished)
        self.runner.first_page.connect(self._on_first_page)
        self.runner.failed.connect(self._on_failed)
        self._partial = False
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.runner.stop)

    def eventFilter(self, obj, event):
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.runner.stop()
        return False

    @property
    def idle(self) -> bool:
        """No search waiting or running (tests wait for this)."""
        return not self.timer.isActive() and not self.runner.busy

    # --- widgets -------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        specs = (
            ("actionClearFilters", "C&lear search and filters", "Ctrl+Shift+Backspace",
             "Clear the search text and every facet filter (Ctrl+Shift+Backspace)", self.clear_all),
            ("actionSaveSearch", "&Save search…", "Ctrl+Shift+S",
             "Keep this search and its filters under a name (Ctrl+Shift+S)", self.save_current),
            ("actionSavedSearches", "Saved s&earches…", "Ctrl+Shift+O",
             "Open, rename or delete saved searches (Ctrl+Shift+O)", self.show_saved),
            ("actionSearchHelp", "Search s&yntax", "", "How to search and filter", self.show_help),
        )
        self.actions = {}
        for name, text, shortcut, tip, slot in specs:
            action = QAction(tr(text, "Search"), w)
            action.setObjectName(name)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(tr(tip, "Search"))
            action.setStatusTip(tr(tip, "Search"))
            action.triggered.connect(slot)
            w.addAction(action)
            self.actions[name] = action
            w.actions_by_name[name] = action
        bar = w.menuBar()
        help_menu = next((a for a in bar.actions() if a.menu() and a.text() == tr("&Help", "MainWindow")), None)
        menu = bar.addMenu(tr("&Search", "Search"))
        menu.setObjectName("searchMenu")
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)
            help_menu.menu().insertAction(help_menu.menu().actions()[0] if help_menu.menu().actions() else None,
                                          self.actions["actionSearchHelp"])
        menu.addAction(w.actions_by_name["actionFind"])
        menu.addActions([self.actions["actionSaveSearch"], self.actions["actionSavedSearches"]])
        menu.addSeparator()
        menu.addAction(self.actions["actionClearFilters"])

    def _install_chips(self) -> None:
        w = self.window
        holder = QWidget(w)
        holder.setObjectName("resultsArea")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.chips = FilterChips(self.actions["actionClearFilters"], holder)
        layout.addWidget(self.chips)
        splitter: QSplitter = w.splitter
        index = splitter.indexOf(w.results_view)
        splitter.replaceWidget(index, holder)
        layout.addWidget(w.results_view, 1)
        self.chips.removed.connect(self.remove)

    # --- the query -----------------------------------------------------------
    def _query(self):
        """The current text and filters as a query of the current view (filters
        of facets the view lacks are dropped)."""
        base = self._base_new_query()
        view = base.view
        applicable = {f.field for f in core_facets.facets_for(view)}
        self.facets = {k: v for k, v in self.facets.items() if k in applicable}
        has_words = bool(search.parse(self.text).positive_words)
        return search.build_query(
            view, self.text, self.facets,
            sort_key=None if has_words else base.sort_key,
            descending=False if has_words else base.descending)

    def new_query(self):
        return search.plan(self.catalog, self._query())

    def apply(self) -> None:
        """Run the current text and filters now."""
        self.timer.stop()
        self.text = self.window.search_edit.text()
        self.window.set_query(self.new_query())
        self._update_chips()

    def apply_async(self) -> None:
        """Run the current text in the search thread; the newest request wins."""
        self.timer.stop()
        self.text = self.window.search_edit.text()
        query = self._query()
        self.runner.submit(query, self._facet_args(query.view))

    def _facet_args(self, view: str) -> list[dict]:
        facets = {k: {INCLUDE: set(v[INCLUDE]), EXCLUDE: set(v[EXCLUDE])} for k, v in self.facets.items()}
        # One call for every facet: facets without a filter of their own share
        # one base result instead of running the search once per facet.
        fields = [f.field for f in core_facets.facets_for(view)]
        return [{"view": view, "text": self.text, "facets": facets, "limits": dict(self.limits),
                 "value_filter": dict.fromkeys(fields, self.value_filter) if self.value_filter else None}]

    def _on_first_page(self, query, ids) -> None:
        """Show the first page at once; the rest follows (``_on_finished``)."""
        self._setting_result = True
        try:
            self.window.model.set_result(query, ids)
        finally:
            self._setting_result = False
        self._partial = True

    def _on_finished(self, query, ids, results) -> None:
        if query is None:
            self._show_facets(results)
            return
        self._setting_result = True
        try:
            if self._partial and self.window.model.query is query:
                self.window.model.extend_result(ids)
                self.window._after_reset()  # the count in the status bar
            else:
                self.window.model.set_result(query, ids)
        finally:
            self._setting_result = False
            self._partial = False
        if results is not None:
            self._show_facets(results)

    def _on_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(
            tr("The search could not run: {0}", "Search").format(message), 10000)

    def _on_model_reset(self) -> None:
        """The list changed by other means (view switch, sorting, refresh): count
        the facets in the search thread."""
        if not self._setting_result:
            self.refresh_facets()

    def _on_text_changed(self, _text: str) -> None:
        if self._typing:
            self._typing = False
            self.timer.start()
        else:
            self.apply()

    def _show_facets(self, results) -> None:
        for res in results:
            for code, label, _n in res.values:
                self._labels[(res.field, code)] = value_label(res.vocabulary, code, label)
        self.panel.set_results(results, self.facets)
        self._update_chips()

    def _update_chips(self) -> None:
        chips = []
        for facet in core_facets.facets_for(self.window.model.query.view):
            state = self.facets.get(facet.field) or {}
            for which in (INCLUDE, EXCLUDE):
                for code in sorted(state.get(which) or ()):
                    label = self._labels.get((facet.field, code), code)
                    chips.append((facet.field, code, tr(facet.label, "Facets"), label, which))
        self.chips.set_chips(chips)

    # --- facet filters -------------------------------------------------------
    def cycle(self, fld: str, code: str) -> None:
        """Include → exclude → clear, one click each."""
        state = self.facets.setdefault(fld, {INCLUDE: set(), EXCLUDE: set()})
        current = state_of(self.facets, fld, code)
        state[INCLUDE].discard(code)
        state[EXCLUDE].discard(code)
        if current is None:
            state[INCLUDE].add(code)
        elif current == INCLUDE:
            state[EXCLUDE].add(code)
        if not state[INCLUDE] and not state[EXCLUDE]:
            del self.facets[fld]
        self.apply_async()

    def remove(self, fld: str, code: str) -> None:
        state = self.facets.get(fld)
        if state:
            state[INCLUDE].discard(code)
            state[EXCLUDE].discard(code)
            if not state[INCLUDE] and not state[EXCLUDE]:
                del self.facets[fld]
        self.apply_async()

    def clear_all(self) -> None:
        self.facets.clear()
        edit = self.window.search_edit
        edit.blockSignals(True)
        edit.clear()
        edit.blockSignals(False)
        self.apply_async()

    def set_search(self, text: str, facets: dict | None = None, view: str | None = None) -> None:
        """Show ``text`` with ``facets`` in ``view`` (a saved search, a test)."""
        self.facets = {k: {INCLUDE: set(v.get(INCLUDE) or ()), EXCLUDE: set(v.get(EXCLUDE) or ())}
                       for k, v in (facets or {}).items()}
        edit = self.window.search_edit
        edit.blockSignals(True)
        edit.setText(text)
        edit.blockSignals(False)
        self.text = text
        from .main_window import VIEW_ORDER

        if view and view in VIEW_ORDER and view != self.window.current_view:
            self.window.view_selector.setCurrentIndex(VIEW_ORDER.index(view))  # applies
        else:
            self.apply()

    def _more(self, fld: str) -> None:
        self.limits[fld] = self.limits.get(fld, core_facets.DEFAULT_LIMIT) + MORE_STEP
        self.refresh_facets()

    def _on_value_filter(self, text: str) -> None:
        self.value_filter = text
        self.refresh_facets()

    def refresh_facets(self) -> None:
        """Count the facets again in the search thread."""
        self.runner.submit(None, self._facet_args(self.window.model.query.view))

    # --- saved searches --------------------------------------------------------
    def save_current(self) -> None:
        name, ok = QInputDialog.getText(self.window, tr("Save search", "Search"),
                                        tr("Name of this search:", "Search"), text=self.text.strip())
        if not ok:
            return
        self.save_as(name)

    def save_as(self, name: str, *, ask: bool = True) -> int | None:
        view = self.window.current_view
        try:
            return saved_searches.save(self.catalog, name, view, self.text, self.facets)
        except BelcatError as exc:
            if ask and "already exists" in str(exc) and QMessageBox.question(
                    self.window, tr("Save search", "Search"),
                    tr("A saved search with this name exists. Replace it?", "Search")
            ) == QMessageBox.StandardButton.Yes:
                return saved_searches.save(self.catalog, name, view, self.text, self.facets, replace=True)
            if ask:
                QMessageBox.warning(self.window, tr("Save search", "Search"), str(exc))
            return None

    def open_saved(self, saved_id: int) -> None:
        item = saved_searches.get(self.catalog, saved_id)
        self.set_search(item["text"], item["facets"], item["view"])

    def saved_dialog(self):
        from .saved_searches_dialog import SavedSearchesDialog

        dialog = SavedSearchesDialog(self.window)

        def reload():
            dialog.set_items(saved_searches.list_all(self.catalog))

        def rename(saved_id, name):
            try:
                saved_searches.rename(self.catalog, saved_id, name)
            except BelcatError as exc:
                QMessageBox.warning(dialog, tr("Rename saved search", "SavedSearches"), str(exc))
            reload()

        def delete(saved_id):
            saved_searches.delete(self.catalog, saved_id)
            reload()

        dialog.openRequested.connect(self.open_saved)
        dialog.renameRequested.connect(rename)
        dialog.deleteRequested.connect(delete)
        reload()
        return dialog

    def show_saved(self) -> None:
        self.saved_dialog().exec()

    def show_help(self) -> None:
        box = QMessageBox(self.window)
        box.setObjectName("searchHelp")
        box.setWindowTitle(tr("Search syntax", "Search"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(tr(SYNTAX_HELP, "Search").replace("{limit}", f"{search.RANK_LIMIT:,}"))
        box.exec()


def install(window) -> SearchController:
    window.search = SearchController(window)
    return window.search
