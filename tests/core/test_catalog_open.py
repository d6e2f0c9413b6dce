import hashlib
import sqlite3

import pytest

from belcat.core import schema
from belcat.core.catalog import open_catalog
from belcat.core.errors import ForeignDatabaseError, NewerCatalogError, NotSQLiteError


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_catalog_has_schema_pragmas_and_regions(tmp_path):
    path = tmp_path / "sub" / "new.sqlite"
    with open_catalog(path) as cat:
        assert cat.scalar("PRAGMA journal_mode") == "wal"
        assert cat.scalar("PRAGMA foreign_keys") == 1
        assert cat.scalar("PRAGMA busy_timeout") >= 1000
        assert cat.scalar("PRAGMA application_id") == schema.APPLICATION_ID
        assert cat.scalar("PRAGMA user_version") == schema.SCHEMA_VERSION
        assert cat.scalar("SELECT count(*) FROM terms WHERE kind = 'region'") == 7
    with open_catalog(path) as cat:  # reopening applies nothing twice
        assert cat.scalar("SELECT count(*) FROM terms WHERE kind = 'region'") == 7


def test_empty_file_becomes_a_catalog(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with open_catalog(path) as cat:
        assert cat.scalar("SELECT count(*) FROM organizations") == 0


@pytest.mark.parametrize("content", [
    b"name;unp\nMTZ;100000000\n",
    b"\x00\x01\x02binary junk" * 100,
    "Привет, это не база".encode(),
])
def test_not_sqlite_is_refused_untouched(tmp_path, content):
    path = tmp_path / "file.sqlite"
    path.write_bytes(content)
    with pytest.raises(NotSQLiteError, match="not an SQLite database"):
        open_catalog(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.sqlite"]


def test_damaged_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "damaged.sqlite"
    with open_catalog(path):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(NotSQLiteError, match="damaged"):
        open_catalog(path)
    assert _digest(path) == before


def test_foreign_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(ForeignDatabaseError, match="another program"):
        open_catalog(path)
    assert _digest(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_newer_catalog_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    with open_catalog(path) as cat:
        cat.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cat.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
        cat.conn.execute("PRAGMA journal_mode = DELETE")
    before = _digest(path)
    with pytest.raises(NewerCatalogError, match="newer version of belcat"):
        open_catalog(path)
    assert _digest(path) == before


def test_unknown_migration_means_newer(tmp_path):
    path = tmp_path / "newer.sqlite"
    with open_catalog(path) as cat:
        cat.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [schema.MIGRATION_SET, "9999_future", "2030-01-01"],
        )
    with pytest.raises(NewerCatalogError):
        open_catalog(path)


def test_a_folder_is_refused_as_a_catalog_and_left_alone(tmp_path):
    folder = tmp_path / "catalogs"
    folder.mkdir()
    with pytest.raises(NotSQLiteError, match="folder"):
        open_catalog(folder)
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_catalog_another_program_holds_locked_is_reported_busy(tmp_path, monkeypatch):
    from belcat.core import catalog as catalog_module
    from belcat.core.errors import CatalogBusyError

    path = tmp_path / "c.sqlite"
    open_catalog(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")  # as a large import filling a new catalog does
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(catalog_module, "BUSY_TIMEOUT_MS", 200)
    try:
        with pytest.raises(CatalogBusyError, match="busy"):
            open_catalog(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    open_catalog(path).close()


def test_a_catalog_in_a_folder_belcat_cannot_write_is_not_called_damaged(tmp_path, monkeypatch):
    from belcat.core import catalog as catalog_module
    from belcat.core.errors import CatalogFileError

    path = tmp_path / "c.sqlite"
    open_catalog(path).close()

    class ReadOnlyFolder:  # what SQLite says when it cannot make the WAL's files beside the catalog
        def execute(self, *_):
            raise sqlite3.OperationalError("attempt to write a readonly database")

        def close(self):
            pass
    monkeypatch.setattr(catalog_module.sqlite3, "connect", lambda *a, **k: ReadOnlyFolder())
    with pytest.raises(CatalogFileError, match="folder, which is read-only") as info:
        open_catalog(path)
    assert "damaged" not in str(info.value)


def test_a_write_to_a_catalog_that_cannot_be_written_says_so_and_changes_nothing(tmp_path):
    from belcat.core.catalog import open_reader
    from belcat.core.errors import CatalogReadOnlyError

    path = tmp_path / "c.sqlite"
    open_catalog(path).close()
    reader = open_reader(path)  # a read-only connection, as SQLite gives for a file it cannot write
    try:
        with pytest.raises(CatalogReadOnlyError, match="read-only"):
            with reader.write():
                reader.conn.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        assert not reader.conn.in_transaction
    finally:
        reader.close()
    with open_catalog(path) as cat:
        assert cat.scalar("SELECT count(*) FROM settings WHERE key = 'x'") == 0
