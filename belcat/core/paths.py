"""Where the catalog lives: --db, then $BELCAT_DB, then the user data directory."""

import errno
import os
from pathlib import Path

import platformdirs

APP_NAME = "belcat"
DB_ENV = "BELCAT_DB"
DEFAULT_FILE = "catalog.sqlite"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


def resolve_db_path(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return default_db_path()


# The catalog file and the files SQLite keeps beside it while it is open.
_CATALOG_SUFFIXES = ("", "-wal", "-shm", "-journal")


def refuse_catalog_file(target, catalog_path) -> None:
    """Raise OSError when ``target`` names the catalog file (or one SQLite
    keeps beside it): a CSV written there would destroy the catalog."""
    target = Path(target).expanduser().resolve()
    base = Path(catalog_path).expanduser().resolve()
    if any(target == Path(f"{base}{suffix}") for suffix in _CATALOG_SUFFIXES):
        raise OSError(errno.EEXIST, "that is the catalog itself; choose another file")
