"""A long export written by two processes, each over its own connection.

Most of an export's time is SQLite's work on each row and Python's turning
rows into CSV. Two threads of one process take turns at the interpreter for
the second part; two processes do not (100,000 organizations, in turns:
1.26 s in two processes against 1.65 s on two threads). The calling thread
writes the header and the first half into the export's file; a second
process writes the second half into a file of its own next to it, which is
appended at the end and removed. The rows, their order and every byte are
those of the export in one process (a test compares them).

Both halves must see the same state of the catalog. The rows are counted in
one read transaction; the second process then opens the catalog and starts
its own, and the calling thread starts a new one and checks with ``PRAGMA
data_version`` that nobody committed since the count. If somebody did,
nothing has been written yet and the export runs in one process instead.
Each connection reads its own half of the ordered ids (``LIMIT`` and
``OFFSET`` of the same query) a page at a time, so no list of ids is held.

The second process comes from multiprocessing's fork server, a clean
process started once that has never opened a catalog: SQLite's state (its
locks, its shared memory) must not cross a ``fork`` of a process with open
connections, such as the window with its search thread. The window and
``belcat export`` start the server before they need it (``get_ready``).

Only the calling thread reports progress and asks whether to stop, so a
window can pass its own callbacks. Where there is no fork server (or one
core) the export runs in one process.
"""

import json
import os
import shutil
import signal
import sqlite3
import tempfile
import time
from dataclasses import dataclass
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

# Below this many rows a second process and connection cost more than they save.
PARALLEL_MIN_ROWS = 20_000
POLL_S = 0.05  # how often the calling thread looks at the second half's progress


def _page() -> int:
    """Rows per page of each half: half a page of the export in one process,
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


def _listed(ids, start: int, stop: int, page: int):
    """Pages of the given ids from ``start`` to ``stop``."""
    for n in range(start, stop, page):
        yield [int(i) for i in ids[n:min(n + page, stop)]]


def _queried(conn: sqlite3.Connection, sql: str, params: list, page: int):
    """Pages of the ids that ``sql`` gives, read as they are needed (the
    list is never held whole: memory stays the same for any length)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    try:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(page)
            if not rows:
                return
            yield [row[0] for row in rows]
    finally:
        cursor.close()


def _pages(conn: sqlite3.Connection, sql: str, id_pages):
    """The rows of each page of ids, in the ids' order."""
    cursor = conn.cursor()
    cursor.row_factory = None
    try:
        for ids in id_pages:
            yield cursor.execute(sql, [json.dumps(ids)]).fetchall()
    finally:
        cursor.close()


@dataclass(frozen=True)
class _Job:
    """What the second process writes: the rows from ``middle`` to
    ``total`` of the export (of ``ids``, or of the query ``id_sql``)."""
    path: str  # the catalog
    options: ExportOptions
    id_sql: str | None
    id_params: list
    ids: list | None
    middle: int
    total: int
    part: str  # its file
    encoding: str
    page: int  # rows per page


def _second_half(job: _Job, pipe, written) -> None:
    """In the second process: open the catalog and start a read transaction,
    send the cells' SQL it gives, and write the second half once told to,
    counting the rows in ``written``. Ends with ("done", (rows, its CPU
    seconds)) or ("error", the exception)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the calling process, which stops this one
    try:
        reader = open_reader(job.path)
        try:
            reader.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            reader.conn.execute("BEGIN")
            select, protect = prepared(reader, job.options)  # starts the snapshot
            pipe.send(("ready", select))
            if pipe.recv() != "go":
                return
            sql, _params = _query_sql(job.options, select, None, [])
            id_pages = (_queried(reader.conn, f"{job.id_sql} LIMIT -1 OFFSET ?", job.id_params + [job.middle],
                                 job.page)
                        if job.ids is None else _listed(job.ids, job.middle, job.total, job.page))
            with open(job.part, "w", encoding=job.encoding, newline="") as fh:
                out = PageWriter(fh, job.options, protect)
                try:
                    for rows in _pages(reader.conn, sql, id_pages):
                        out.rows(rows)
                        written.value += len(rows)
                finally:
                    id_pages.close()  # its cursor, before the connection closes
            pipe.send(("done", (written.value, time.process_time())))
        finally:
            reader.close()
    except Exception as exc:  # noqa: BLE001 - raised again in the calling process
        try:
            pipe.send(("error", exc))
        except OSError:  # the calling process is gone
            pass


class _SecondHalf:
    """The process writing the second half, seen from the calling thread."""

    def __init__(self, context, job: _Job):
        self.job = job
        self.pipe, there = context.Pipe()
        self.written = context.Value("q", 0, lock=False)
        self.cpu_s = 0.0  # the process's CPU time, once it is done (for the figures)
        self.process = context.Process(target=_second_half, args=(job, there, self.written),
                                       name="belcat-export-second-half", daemon=True)
        self.process.start()
        there.close()

    def ready(self, cancelled) -> str | None:
        """The cells' SQL of the process's snapshot, or None when it could
        not start one. A cancel is heard while the process starts."""
        while not self.pipe.poll(POLL_S):
            if cancelled and cancelled():
                raise ExportCancelled("export cancelled")
        try:
            tag, value = self.pipe.recv()
        except EOFError:
            return None
        return value if tag == "ready" else None

    def go(self) -> None:
        try:
            self.pipe.send("go")
        except OSError:
            raise _stopped() from None

    def wait(self, done: int, progress, cancelled) -> int:
        """The rows the process wrote once it is done, reporting its progress
        (after the calling thread's ``done``); raise what it raised."""
        reported = None
        while True:
            if cancelled and cancelled():
                raise ExportCancelled("export cancelled")
            finished = self.pipe.poll(POLL_S)
            if progress and done + self.written.value != reported:
                reported = done + self.written.value
                progress(reported, self.job.total)
            if finished:
                try:
                    tag, value = self.pipe.recv()
                except EOFError:
                    raise _stopped() from None
                if tag == "error":
                    raise value
                rows, self.cpu_s = value
                return rows

    def close(self) -> None:
        """Stop the process if it still runs (a cancel, a failure here)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.pipe.close()


def _stopped() -> OSError:
    return OSError("the export's second process stopped before it finished")


def _context():
    """multiprocessing's fork server context, or None where there is none."""
    import multiprocessing

    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return None
    # Loaded once in the server, not again in each second process.
    context.set_forkserver_preload(["__main__", __name__])
    return context


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


def get_ready() -> None:
    """Start the fork server now (it takes about 0.2 s, meanwhile this
    process goes on), so that a long export soon after does not wait for it."""
    if _cores() >= 2 and _context() is not None:
        from multiprocessing import forkserver

        try:
            forkserver.ensure_running()
        except OSError:  # the export will try again, and else run in one process
            pass


def write_split(catalog: Catalog, stream, target: Path, options: ExportOptions, query, ids,
                progress, cancelled) -> int | None:
    """Write the export to ``stream`` (a text file in ``target``'s folder) in
    two processes and return the number of rows, or None, having written
    nothing, when one process is the better way (a short list, one core, no
    fork server, an open transaction, a catalog changed meanwhile)."""
    context = _context()
    if context is None or not _worth_it(catalog):
        return None
    conn = catalog.conn
    # The query of the ids refuses another list's query.
    id_sql, id_params = _query_sql(options, "r.id", query, None) if ids is None else (None, [])
    total, version = _snapshot_start(catalog, options, query, ids)
    if total < PARALLEL_MIN_ROWS:
        return None
    fd, part = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    encoding = PRESETS[options.preset].encoding
    middle = total // 2
    try:
        second = _SecondHalf(context, _Job(str(catalog.path), options, id_sql, id_params, ids, middle, total, part,
                                           "utf-8" if encoding == "utf-8-sig" else encoding, _page()))
    except Exception:  # noqa: BLE001 - no second process to be had (no socket for the server, say): one process
        os.unlink(part)
        return None
    mmap_before = catalog.scalar("PRAGMA mmap_size")
    try:
        select_there = second.ready(cancelled)
        if select_there is None:
            return None
        conn.execute("BEGIN")
        try:
            select, protect = prepared(catalog, options)
            if _version(conn) != version or select != select_there:
                return None  # somebody committed in between: the snapshots may differ
            second.go()
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            sql, _params = _query_sql(options, select, None, [])
            # Each connection reads its own half of the ordered ids.
            first_ids = (_queried(conn, f"{id_sql} LIMIT ?", id_params + [middle], _page()) if ids is None
                         else _listed(ids, 0, middle, _page()))
            out = PageWriter(stream, options, protect)
            out.header(options)
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
                        progress(done + second.written.value, total)
            finally:
                pages.close()
                first_ids.close()
            written_there = second.wait(done, progress, cancelled)
            stream.flush()
            with open(part, "rb") as fh:
                shutil.copyfileobj(fh, stream.buffer, 1 << 20)
            return done + written_there
        finally:
            conn.execute("COMMIT")
    finally:
        second.close()
        conn.execute(f"PRAGMA mmap_size = {int(mmap_before or 0)}")
        os.unlink(part)
