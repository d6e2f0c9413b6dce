"""Undo and redo of the changes made since the window opened: small commands
that call the core's editing operations. A command is pushed after its first
run succeeded (``done``), so pushing does not run it twice."""

import sqlite3

from PySide6.QtGui import QUndoCommand

from ...core import editing
from ...core.errors import BelcatError


class _Command(QUndoCommand):
    def __init__(self, controller, text: str, kind: str, record_id: int):
        super().__init__(text)
        self.controller = controller
        self.kind = kind
        self.record_id = record_id
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._redo, deleted=self._redo_deletes)

    def undo(self) -> None:
        self._run(self._undo, deleted=not self._redo_deletes)

    def _run(self, step, deleted: bool) -> None:
        try:
            step(self.controller.catalog)
        except (BelcatError, sqlite3.Error) as exc:
            self.setObsolete(True)  # the catalog moved on; this step cannot be taken
            self.controller.report_error(self.text(), str(exc))
            return
        self.controller.announce(self.kind, self.record_id, deleted=deleted)

    _redo_deletes = False


class CreateCommand(_Command):
    def __init__(self, controller, kind, record_id, text):
        super().__init__(controller, text, kind, record_id)
        self.record = None

    def _undo(self, catalog):
        self.record = editing.delete(catalog, self.kind, self.record_id)

    def _redo(self, catalog):
        editing.restore(catalog, self.kind, self.record)


class DeleteCommand(_Command):
    """Deletes one or several records of a kind, each way in one transaction."""
    _redo_deletes = True

    def __init__(self, controller, kind, record_ids: list[int], records: list[dict], text):
        super().__init__(controller, text, kind, record_ids[0])
        self.record_ids = record_ids
        self.records = records

    def _undo(self, catalog):
        editing.restore_many(catalog, self.kind, self.records)

    def _redo(self, catalog):
        self.records = editing.delete_many(catalog, self.kind, self.record_ids)


class UpdateCommand(_Command):
    """Holds the form values before and after; each step refuses to run over a
    change someone else made meanwhile (the version must be the one it left)."""

    def __init__(self, controller, kind, record_id, before: dict, after: dict, version: int, text):
        super().__init__(controller, text, kind, record_id)
        self.before, self.after, self.version = before, after, version

    def _undo(self, catalog):
        self.version = editing.update(catalog, self.kind, self.record_id, self.before, self.version, validate=False)

    def _redo(self, catalog):
        self.version = editing.update(catalog, self.kind, self.record_id, self.after, self.version, validate=False)
