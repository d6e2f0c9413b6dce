"""Opening a catalog file: checks that refuse wrong files, pragmas, migrations.

A file is inspected read-only before anything is written to it, so a file
that is not SQLite, an SQLite database of another program or a catalog of a
newer belcat is refused untouched.
"""

import contextlib
import os
import sqlite3
from pathlib import Path

from . import schema
from .errors import (
    CatalogBusyError,
    CatalogFileError,
    CatalogReadOnlyError,
    DanglingReferenceError,
    ForeignDatabaseError,
    NewerCatalogError,
    NotSQLiteError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
BULK_CACHE_KIB = -262144  # PRAGMA cache_size: negative is KiB


class Catalog:
    """An open catalog: one SQLite connection, used by one thread at a time."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self._db = None
        # While set (search_index.collecting), records to reindex are noted here instead.
        self.index_pending: dict[str, set[int]] | None = None

    @property
    def db(self):
        """The sqlite-utils Database over the connection (imported on first use)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextlib.contextmanager
    def write(self, *, bulk: bool = False):
        """One write transaction: BEGIN IMMEDIATE so that a concurrent writer
        waits for the lock up front instead of failing half-way; nested calls
        become savepoints.

        ``bulk`` is for writing a great many rows: a larger page cache while
        it lasts, and foreign keys checked in one pass over the whole file
        before the commit instead of at every row written (the pass costs a
        row a fraction of what checking it as it is written does).
        A violation then raises DanglingReferenceError and nothing is
        committed. A nested call has the settings of the outer one."""
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        with self._bulk_settings() if bulk else contextlib.nullcontext():
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                _raise_if_busy(exc)
                raise
            try:
                yield self.db
                if bulk:
                    _check_foreign_keys(self.conn)
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
                    raise CatalogReadOnlyError(
                        "The catalog is read-only: belcat can show it but not change it. "
                        "Nothing was changed.") from exc
                raise
            else:
                self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def _bulk_settings(self):
        """No foreign key checks at each row, and a 256 MiB page cache (the
        indexes of a large write outgrow the default 2 MiB at once). Both set
        outside a transaction (SQLite ignores foreign_keys inside one)."""
        conn = self.conn
        cache_size, foreign_keys = (conn.execute(f"PRAGMA {name}").fetchone()[0]
                                    for name in ("cache_size", "foreign_keys"))
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
            conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")

    @contextlib.contextmanager
    def bulk_journal(self):
        """For filling a new catalog with a great many rows: a rollback
        journal instead of the WAL while it lasts, so that each page is
        written once (to the file) rather than twice (to the WAL, then by the
        checkpoint). Only when no other connection has the file open (else
        nothing changes); WAL again afterwards. Use outside a transaction."""
        conn = self.conn
        conn.execute("PRAGMA busy_timeout = 0")  # another connection: keep the WAL, do not wait
        try:
            switched = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
        except sqlite3.OperationalError:
            switched = False
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            yield
        finally:
            if switched:
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError:
                    pass  # someone opened the file meanwhile: the next open_catalog sets WAL

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def query(self, sql: str, params=()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params=()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None


def _check_foreign_keys(conn: sqlite3.Connection) -> None:
    """Raise DanglingReferenceError when a row refers to a row that does not exist."""
    bad = conn.execute("PRAGMA foreign_key_check").fetchone()
    if bad is not None:
        table, _rowid, parent, _ = bad
        raise DanglingReferenceError(
            f"the catalog holds a row of {table} that refers to a missing row of {parent}")


def _inspect(path: Path) -> None:
    """Raise a CatalogFileError subclass unless ``path`` is usable. Reads only."""
    if Path(path).is_dir():
        raise NotSQLiteError(path, "this is a folder, not a catalog file")
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotSQLiteError(path, "this file is not a belcat catalog (it is not an SQLite database)")
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise NotSQLiteError(path, f"the file cannot be read as a database ({exc})") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = set()
        if "_sqlite_migrations" in tables:
            applied = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                    [schema.MIGRATION_SET],
                )
            }
    except sqlite3.DatabaseError as exc:
        _raise_if_busy(exc)
        if "readonly" in str(exc):
            raise CatalogFileError(path, "belcat cannot open this catalog: it needs to write in the "
                                         "catalog's folder, which is read-only") from exc
        raise NotSQLiteError(path, f"the file is damaged or not a database ({exc})") from exc
    finally:
        conn.close()
    if app_id == 0 and not tables:
        return  # an empty SQLite file: safe to turn into a catalog
    if app_id != schema.APPLICATION_ID:
        raise ForeignDatabaseError(
            path, "this SQLite database belongs to another program, not to belcat"
        )
    unknown = applied - set(schema.MIGRATION_NAMES)
    if user_version > schema.SCHEMA_VERSION or unknown:
        raise NewerCatalogError(
            path,
            "this catalog was written by a newer version of belcat; "
            "update belcat to open it",
        )


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,  # transactions are explicit: Catalog.write()
        check_same_thread=False,
    )
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Fails while another program fills the catalog through a rollback
        # journal (Catalog.bulk_journal) and holds it locked.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError as exc:
        conn.close()
        _raise_if_busy(exc)
        raise
    return conn


def _raise_if_busy(exc: sqlite3.OperationalError) -> None:
    """CatalogBusyError for SQLite's "database is locked" (or busy)."""
    if "locked" in str(exc) or "busy" in str(exc):
        raise CatalogBusyError("The catalog is busy: another program is writing to it. Try again.") from exc


def open_reader(path: str | os.PathLike) -> Catalog:
    """A read-only connection to a catalog already opened with ``open_catalog``,
    for a thread of its own (connections are never shared between threads)."""
    path = Path(path)
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return Catalog(path, conn)


def open_catalog(path: str | os.PathLike) -> Catalog:
    """Open (or create) the catalog at ``path`` and bring its schema up to date."""
    path = Path(path)
    is_new = not path.exists() or path.stat().st_size == 0
    if not is_new:
        _inspect(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    catalog = Catalog(path, conn)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] == 0:
            conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        if schema.pending_names(conn):
            # Under one write lock, so two windows starting at once do not race.
            with catalog.write():
                schema.migrations.apply(catalog.db)
                conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        _refresh_search_index(catalog)
    except BaseException:
        conn.close()
        raise
    return catalog


def _refresh_search_index(catalog: Catalog) -> None:
    """An index built by an older normalisation is built afresh once, so search
    never answers from words folded another way."""
    from . import search_index  # it imports this module

    if search_index.is_current(catalog):
        return
    with catalog.write():
        if not search_index.is_current(catalog):  # another window may have done it
            search_index.rebuild(catalog)


def is_empty(catalog: Catalog) -> bool:
    return not catalog.scalar("SELECT 1 FROM organizations LIMIT 1") and not catalog.scalar(
        "SELECT 1 FROM projects LIMIT 1"
    )
