"""Searching off the window's thread, newest request wins.

The worker owns its own read-only connection to the catalog file (Python's
sqlite3, as everywhere; connections are never shared between threads). Each
request carries a generation number; a request older than the newest one is
dropped before it starts, and a running one is interrupted
(``sqlite3.Connection.interrupt`` is safe to call from another thread), so
fast typing never queues work behind stale queries.
"""

import atexit
import sqlite3

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core import listing, search
from ..core.catalog import Catalog, open_reader
from ..core.facets import facet_counts


FIRST_PAGE = 200


class _Worker(QObject):
    page = Signal(int, object, object)  # generation, query, first page of ids
    done = Signal(int, object, object, object)  # generation, query, ids, facet results
    failed = Signal(int, str)

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.latest = 0
        self.catalog: Catalog | None = None

    def _catalog(self) -> Catalog:
        if self.catalog is None:
            self.catalog = open_reader(self.path)
        return self.catalog

    def stale(self, generation: int) -> bool:
        return generation != self.latest

    @Slot(int, object, object)
    def run(self, generation: int, query, facet_args) -> None:
        for _attempt in range(3):
            if self.stale(generation) or not self._run(generation, query, facet_args):
                return

    def _run(self, generation: int, query, facet_args) -> bool:
        """One try; True when it was interrupted and is still the newest request."""
        try:
            cat = self._catalog()
            if query is None:  # facet counts only (the list is already shown)
                facets = [r for args in facet_args for r in facet_counts(cat, **args)]
                if not self.stale(generation):
                    self.done.emit(generation, None, None, facets)
                return False
            planned, ids, complete = search.first_page(cat, query, FIRST_PAGE)
            if self.stale(generation):
                return False
            if not complete:
                self.page.emit(generation, planned, ids)
                ids = listing.ids(cat, planned)
            if self.stale(generation):
                return False
            facets = None
            if facet_args is not None:
                facets = [r for args in facet_args for r in facet_counts(cat, **args)]
            if not self.stale(generation):
                self.done.emit(generation, planned, ids, facets)
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                return True
            self.failed.emit(generation, str(exc))
        except Exception as exc:  # reported to the window, never lost in the thread
            self.failed.emit(generation, str(exc))
        return False

    def close(self) -> None:
        if self.catalog is not None:
            self.catalog.close()
            self.catalog = None


class SearchRunner(QObject):
    """Sends searches to the worker thread; emits ``finished`` for the newest only."""

    finished = Signal(object, object, object)  # query, ids, facet results
    first_page = Signal(object, object)  # query, ids of the first page (more follow)
    failed = Signal(str)  # why the newest search could not run
    _request = Signal(int, object, object)

    def __init__(self, path, parent=None):
        super().__init__(parent)
        self.generation = 0
        # No Qt parent: the window deletes its children before it says it is
        # destroyed, and a running QThread must never be deleted. Started on
        # the first search, stopped on close, quit, window destruction or exit.
        self.thread = QThread()
        self.thread.setObjectName("searchThread")
        self.worker = _Worker(path)
        self.worker.moveToThread(self.thread)
        self._request.connect(self.worker.run)
        self.worker.done.connect(self._on_done)
        self.worker.page.connect(self._on_page)
        self.worker.failed.connect(self._on_failed)
        thread, worker = self.thread, self.worker
        atexit.register(_stop_thread, thread, worker)
        if parent is not None:
            parent.destroyed.connect(lambda *_: _stop_thread(thread, worker))

    @property
    def busy(self) -> bool:
        return self.worker.latest != self._delivered

    _delivered = 0

    def submit(self, query, facet_args) -> None:
        if not self.thread.isRunning():
            self.thread.start()
        self.generation += 1
        self.worker.latest = self.generation
        catalog = self.worker.catalog
        if catalog is not None:
            catalog.conn.interrupt()  # a stale query still running stops now
        self._request.emit(self.generation, query, facet_args)

    def _on_done(self, generation, query, ids, facets) -> None:
        if generation == self.generation:
            self._delivered = generation
            self.finished.emit(query, ids, facets)

    def _on_page(self, generation, query, ids) -> None:
        if generation == self.generation:
            self.first_page.emit(query, ids)

    def _on_failed(self, generation, message) -> None:
        if generation == self.generation:
            self._delivered = generation
            self.failed.emit(message)

    def stop(self) -> None:
        _stop_thread(self.thread, self.worker)


def _stop_thread(thread: QThread, worker: _Worker) -> None:
    try:
        if not thread.isRunning():
            worker.close()
            return
    except RuntimeError:  # already deleted
        return
    worker.latest = -1
    if worker.catalog is not None:
        worker.catalog.conn.interrupt()
    thread.quit()
    thread.wait(5000)
    worker.close()
