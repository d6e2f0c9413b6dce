"""Where the catalog lives: --db, then $BELCAT_DB, then the user data directory."""

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
