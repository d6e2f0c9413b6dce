"""A long export written by two threads, each over its own connection.

Python's sqlite3 lets go of the interpreter while SQLite works out a row, and
most of an export's time is SQLite's: with two cores, two connections each
reading half of the ordered ids roughly halve the wait. The calling thread
writes the header and the first half into the export's file; a second thread
writes the second half into a file of its own next to it, which is appended
at the end and removed. The rows, their order and every byte are those of
the export on one thread (a test compares them).

Both halves must see the same state of the catalog. The rows are counted in
one read transaction; the second thread's connection then starts its own,
and the calling thread starts a new one and checks with ``PRAGMA
data_version`` that nobody committed since the count. If somebody did,
nothing has been written yet and the export runs on one thread instead.
Each connection reads its own half of the ordered ids (``LIMIT`` and
``OFFSET`` of the same query) a page at a time, so no list of ids is held.

Only the calling thread reports progress and asks whether to stop, so a
window can pass its own callbacks.
"""

import json
import os
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

from ..core import listing
from ..core.catalog import Catalog, open_reader
from .csv_export import (
    MMAP_BYTES,
    PAGE,
    ExportCancelled,
    ExportOptions,
    PageWriter,
    _query_sql,
    prepared,
)
from .csv_format import PRESETS

# Below this many rows a second connection and thread cost more than they save.
PARALLEL_MIN_ROWS = 20_000
POLL_S = 0.05  # how often the calling thread looks at the second half's progress


def _page() -> int:
    """Rows per page of each thread: half a page of the export on one thread,
    so that the two pages in memory at once take what one page takes there."""
    return max(1, PAGE // 2)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _version(conn: sqlite3.Connection) -> int:
    """The connection's count of commits by others, as of its read transaction
    (which the read before it has started)."""
    return conn.execute("PRAGMA data_version").fetchone()[0]


def _listed(ids, start: int, stop: int):
    """Pages of the given ids from ``start`` to ``stop``."""
    for n in range(start, stop, _page()):
        yield [int(i) for i in ids[n:min(n + _page(), stop)]]


def _queried(conn: sqlite3.Connection, sql: str, params: list):
    """Pages of the ids that ``sql`` gives, read as they are needed (the
    list is never held whole: memory stays the same for any length)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    try:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(_page())
            if not rows:
                return
            yield [row[0] for row in rows]
    finally:
        cursor.close()


def _pages(conn: sqlite3.Connection, sql: str, id_pages, stop: threading.Event | None = None):
    """The rows of each page of ids, in the ids' order."""
    cursor = conn.cursor()
    cursor.row_factory = None
    try:
        for ids in id_pages:
            if stop is not None and stop.is_set():
                return
            yield cursor.execute(sql, [json.dumps(ids)]).fetchall()
    finally:
        cursor.close()


class _SecondHalf(threading.Thread):
    """Writes the rows of ``id_pages`` (``expected`` of them) to the file
    ``path`` through ``conn``."""

    def __init__(self, conn, sql, id_pages, expected, path, encoding, options, protect):
        super().__init__(name="csv-export-second-half", daemon=True)
        self.conn, self.sql, self.id_pages, self.expected = conn, sql, id_pages, expected
        self.path, self.encoding, self.options, self.protect = path, encoding, options, protect
        self.done = 0
        self.error: BaseException | None = None
        self.stop = threading.Event()

    def run(self):
        try:
            with open(self.path, "w", encoding=self.encoding, newline="") as fh:
                out = PageWriter(fh, self.options, self.protect)
                for rows in _pages(self.conn, self.sql, self.id_pages, self.stop):
                    out.rows(rows)
                    self.done += len(rows)
        except BaseException as exc:  # handed to the calling thread
            self.error = exc
        finally:
            self.id_pages.close()  # its cursor, before the connection closes


def _worth_it(catalog: Catalog) -> bool:
    return (_cores() >= 2 and not catalog.conn.in_transaction
            and Path(catalog.path).is_file())


def _snapshot_start(catalog: Catalog, options: ExportOptions, query, ids) -> tuple[int, int]:
    """(rows to export, the catalog's data version), read in one transaction."""
    conn = catalog.conn
    conn.execute("BEGIN")
    try:
        if ids is None:
            total = listing.count(catalog, query or listing.ListQuery(view=options.view))
        else:
            total = len(ids)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # starts the snapshot
        return total, _version(conn)
    finally:
        conn.execute("COMMIT")


def _wait(second: _SecondHalf, done: int, total: int, progress, cancelled) -> None:
    """Wait for the second half, reporting its progress; raise what it raised."""
    reported = None
    while True:
        if cancelled and cancelled():
            raise ExportCancelled("export cancelled")
        second.join(POLL_S)
        if progress and done + second.done != reported:
            reported = done + second.done
            progress(reported, total)
        if not second.is_alive():
            break
    if second.error is not None:
        raise second.error


def write_split(catalog: Catalog, stream, target: Path, options: ExportOptions, query, ids,
                progress, cancelled) -> int | None:
    """Write the export to ``stream`` (a text file in ``target``'s folder) on
    two threads and return the number of rows, or None, having written
    nothing, when one thread is the better way (a short list, one core, an
    open transaction, a catalog changed meanwhile)."""
    if not _worth_it(catalog):
        return None
    conn = catalog.conn
    if ids is None:
        id_sql, id_params = _query_sql(options, "r.id", query, None)  # refuses another list's query
    total, version = _snapshot_start(catalog, options, query, ids)
    if total < PARALLEL_MIN_ROWS:
        return None
    try:
        reader = open_reader(catalog.path)
    except sqlite3.Error:
        return None
    second = None
    fd, part = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    mmap_before = catalog.scalar("PRAGMA mmap_size")
    try:
        reader.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        reader.conn.execute("BEGIN")
        reader_select, _ = prepared(reader, options)  # starts the reader's snapshot
        conn.execute("BEGIN")
        try:
            select, protect = prepared(catalog, options)
            if _version(conn) != version or select != reader_select:
                return None  # somebody committed in between: the snapshots may differ
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            sql, _params = _query_sql(options, select, None, [])
            middle = total // 2
            if ids is None:
                # Each connection reads its own half of the ordered ids.
                first_ids = _queried(conn, f"{id_sql} LIMIT ?", id_params + [middle])
                second_ids = _queried(reader.conn, f"{id_sql} LIMIT -1 OFFSET ?", id_params + [middle])
            else:
                first_ids, second_ids = _listed(ids, 0, middle), _listed(ids, middle, total)
            encoding = PRESETS[options.preset].encoding
            out = PageWriter(stream, options, protect)
            out.header(options)
            half = _SecondHalf(reader.conn, sql, second_ids, total - middle, part,
                               "utf-8" if encoding == "utf-8-sig" else encoding, options, protect)
            half.start()
            second = half
            done = 0
            if progress:
                progress(0, total)
            pages = _pages(conn, sql, first_ids)
            try:
                while True:
                    if cancelled and cancelled():
                        raise ExportCancelled("export cancelled")
                    rows = next(pages, None)
                    if rows is None:
                        break
                    out.rows(rows)
                    done += len(rows)
                    if progress:
                        progress(done + second.done, total)
            finally:
                pages.close()
                first_ids.close()
            _wait(second, done, total, progress, cancelled)
            stream.flush()
            with open(part, "rb") as fh:
                shutil.copyfileobj(fh, stream.buffer, 1 << 20)
            return done + second.done
        finally:
            conn.execute("COMMIT")
    finally:
        if second is not None:
            second.stop.set()
            second.join()
        reader.close()
        conn.execute(f"PRAGMA mmap_size = {int(mmap_before or 0)}")
        os.unlink(part)
