"""The editing controller: New/Edit/Delete/Undo/Redo on the main window.

It asks the dialog service for values, calls the core (one transaction per
change), pushes an undo command, and announces the change: the results and
the detail pane are read again and the changed record selected. A timer
watches the catalog file for commits of other windows and processes.
"""

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ...core import duplicates, editing, projects, taxonomy
from ...core.errors import BelcatError, ConflictError, NotFoundError, ValidationError
from ...core.validation import catalog_problems
from ..labels import tr
from .conflict_dialog import KEEP_MINE, TAKE_THEIRS
from .dialogs import DialogService, field_label
from .entity_dialog import FormServices
from .undo_commands import CreateCommand, DeleteCommand, UpdateCommand

POLL_MS = 1000
_DEFAULT_ROLE = {"residents": "resident", "enterprises": "enterprise"}


class EditController(QObject):
    changed = Signal(str, int)  # kind, id: a record was written (or deleted) here
    external_change = Signal()  # another connection committed to the catalog

    def __init__(self, window, dialogs: DialogService | None = None, poll_ms: int = POLL_MS):
        super().__init__(window)
        self.window = window
        self.catalog = window.catalog
        self.dialogs = dialogs or DialogService(window)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        a = window.actions_by_name
        a["actionNew"].triggered.connect(self.new_record)
        a["actionEdit"].triggered.connect(self.edit_current)
        a["actionDelete"].triggered.connect(self.delete_selected)
        a["actionUndo"].triggered.connect(self.undo_stack.undo)
        a["actionRedo"].triggered.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(a["actionUndo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(a["actionRedo"].setEnabled)
        self.undo_stack.undoTextChanged.connect(self._undo_text)
        self.undo_stack.redoTextChanged.connect(self._redo_text)
        a["actionNew"].setEnabled(True)
        window.results_view.insertAction(a["actionEdit"], a["actionNew"])
        window.results_view.activated.connect(lambda _index: self.edit_current())
        window.results_view.selectionModel().selectionChanged.connect(self._update_actions)
        window.model.modelReset.connect(self._update_actions)
        self._update_actions()

        self._data_version = self.catalog.data_version()
        self.timer = QTimer(self)
        self.timer.setObjectName("catalogWatch")
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    # --- services handed to the forms -------------------------------------
    def form_services(self, kind: str, record_id: int | None) -> FormServices:
        catalog = self.catalog

        def terms(term_kind):
            return [t["name_ru"] for t in taxonomy.terms_of_kind(catalog, term_kind)]

        def search(text):
            return editing.search_organizations(catalog, text, exclude_id=record_id if kind == "organization" else None)

        return FormServices(
            terms=terms,
            extra_problems=lambda values: catalog_problems(catalog, kind, values, record_id),
            find_duplicates=(lambda values: duplicates.find(catalog, values, exclude_id=record_id))
            if kind == "organization" else (lambda values: []),
            pick_organization=lambda parent: self.dialogs.pick_organization(parent, search),
            programmes=[(p["id"], p["name"]) for p in projects.programmes(catalog)]
            if kind == "project" else [],
        )

    # --- the operations ----------------------------------------------------
    def new_record(self, kind: str | None = None, values: dict | None = None) -> int | None:
        view = self.window.model.view
        kind = kind or view.kind
        if values is None:
            values = {"roles": [_DEFAULT_ROLE[view.key]]} if view.key in _DEFAULT_ROLE and kind == "organization" else {}
        services = self.form_services(kind, None)
        problems = None
        while True:
            result = self.dialogs.edit(kind, values, services, problems=problems)
            if result is None:
                return None
            if result.open_id is not None:
                self.announce("organization", result.open_id)
                return self.edit("organization", result.open_id)
            values = result.values
            try:
                record_id = editing.create(self.catalog, kind, values)
            except ValidationError as exc:
                problems = exc.problems
                continue
            except BelcatError as exc:
                self.report_error(tr("Not saved", "Forms"), str(exc))
                problems = None
                continue
            name = values.get("name") or values.get("title")
            self.undo_stack.push(CreateCommand(self, kind, record_id, tr("add «{0}»", "Forms").format(name)))
            self.announce(kind, record_id)
            return record_id

    def edit_current(self) -> int | None:
        current = self.window.current_record()
        return self.edit(*current) if current else None

    def edit(self, kind: str, record_id: int) -> int | None:
        try:
            record = editing.snapshot(self.catalog, kind, record_id)
        except NotFoundError as exc:
            self.report_error(tr("Cannot edit", "Forms"), str(exc))
            self.window.refresh()
            return None
        before = editing.form_values(record, kind)
        version = record["version"]
        values, problems = before, None
        services = self.form_services(kind, record_id)
        while True:
            result = self.dialogs.edit(kind, values, services, record_id=record_id, problems=problems)
            if result is None:
                return None
            if result.open_id is not None:
                return self.edit("organization", result.open_id)
            values, problems = result.values, None
            try:
                new_version = editing.update(self.catalog, kind, record_id, values, version)
            except ConflictError:
                theirs_record = editing.snapshot(self.catalog, kind, record_id)
                theirs = editing.form_values(theirs_record, kind)
                fields = [(field_label(f), values.get(f), theirs.get(f))
                          for f in editing.changed_fields(kind, values, theirs)]
                choice = self.dialogs.resolve_conflict(fields)
                if choice == TAKE_THEIRS:
                    self.announce(kind, record_id)
                    return record_id
                before, version = theirs, theirs_record["version"]
                if choice != KEEP_MINE:
                    continue  # back to the form with my values, now over theirs
                try:
                    new_version = editing.update(self.catalog, kind, record_id, values, version)
                except BelcatError as exc:
                    self.report_error(tr("Not saved", "Forms"), str(exc))
                    continue
            except ValidationError as exc:
                problems = exc.problems
                continue
            except NotFoundError as exc:
                self.report_error(tr("Not saved", "Forms"),
                                  tr("Someone deleted this record meanwhile.", "Forms") + f"\n{exc}")
                self.window.refresh()
                return None
            except BelcatError as exc:
                self.report_error(tr("Not saved", "Forms"), str(exc))
                continue
            name = values.get("name") or values.get("title")
            self.undo_stack.push(UpdateCommand(self, kind, record_id, before, values, new_version,
                                               tr("edit «{0}»", "Forms").format(name)))
            self.announce(kind, record_id)
            return record_id

    def delete_selected(self) -> bool:
        kind = self.window.model.view.kind
        ids = self.window.selected_ids() or [r[1] for r in [self.window.current_record()] if r]
        if not ids:
            return False
        try:
            records = [editing.snapshot(self.catalog, kind, i) for i in ids]
            links = {"participations": [], "relations": []}
            for i in ids:
                for key, lines in editing.links_of(self.catalog, kind, i).items():
                    links[key] += lines
        except NotFoundError:
            self.window.refresh()
            return False
        names = [r.get("name") or r.get("title") for r in records]
        name = names[0] if len(names) == 1 else tr("{0} records", "Forms").format(len(names))
        if not self.dialogs.confirm_delete(kind, name, links):
            return False
        try:
            records = editing.delete_many(self.catalog, kind, ids)
        except BelcatError as exc:
            message = str(exc) if len(ids) == 1 else tr(
                "{0}\n\nNone of the {1} records was deleted.", "Forms").format(exc, len(ids))
            self.report_error(tr("Not deleted", "Forms"), message)
            self.window.refresh()
            return False
        self.undo_stack.push(DeleteCommand(self, kind, ids, records, tr("delete «{0}»", "Forms").format(name)))
        self.announce(kind, ids[0], deleted=True)
        return True

    # --- announcing ----------------------------------------------------------
    def announce(self, kind: str, record_id: int, deleted: bool = False) -> None:
        """Show the catalog as it now is, with the changed record selected."""
        self._data_version = self.catalog.data_version()
        window = self.window
        window.model.refresh()
        if deleted:
            if window.detail.current == (kind, record_id):
                window.detail.reload()
        else:
            window.detail.show_record(kind, record_id)
            window._select_record(kind, record_id)
        self._update_actions()
        self.changed.emit(kind, record_id)

    def report_error(self, title: str, message: str) -> None:
        self.dialogs.error(title, message)

    def poll(self) -> None:
        """Read the catalog again when another connection committed to it."""
        try:
            version = self.catalog.data_version()
        except Exception:  # noqa: BLE001 - a closed catalog while the window closes
            self.timer.stop()
            return
        if version == self._data_version:
            return
        self._data_version = version
        window = self.window
        selected = window.selected_ids()
        window.refresh()  # keeps the record the detail pane shows selected
        model, view = window.model, window.results_view
        rows = [model.row_of(i) for i in selected]
        for row in (r for r in rows if r is not None):
            view.selectionModel().select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                         | QItemSelectionModel.SelectionFlag.Rows)
        self.external_change.emit()

    def _undo_text(self, text: str) -> None:
        action = self.window.actions_by_name["actionUndo"]
        if shiboken6.isValid(action):  # not while the window is being destroyed
            action.setText(tr("&Undo {0}", "Forms").format(text) if text else tr("&Undo", "MainWindow"))

    def _redo_text(self, text: str) -> None:
        action = self.window.actions_by_name["actionRedo"]
        if shiboken6.isValid(action):
            action.setText(tr("&Redo {0}", "Forms").format(text) if text else tr("&Redo", "MainWindow"))

    def _update_actions(self, *_args) -> None:
        has = self.window.current_record() is not None or bool(self.window.selected_ids())
        a = self.window.actions_by_name
        a["actionEdit"].setEnabled(has)
        a["actionDelete"].setEnabled(has)


def install_editing(window) -> EditController:
    """Wire adding, editing, deleting and undo to the main window."""
    window.edit_controller = EditController(window)
    return window.edit_controller
