"""Options shared by several sub-commands."""

import argparse
import contextlib
import sys
from pathlib import Path

from ..core.paths import default_db_path, resolve_db_path

KINDS = ("residents", "enterprises", "projects", "organizations")


def add_db(parser: argparse.ArgumentParser, *, command: bool = True) -> None:
    """``command``: the option of a sub-command, which leaves a --db given
    before the command's name (``belcat --db PATH search …``) in place."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if command else None,
        help="catalog file (default: $BELCAT_DB, else the user data directory)",
    )


def add_kind(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--kind", choices=KINDS, required=required, default=None if required else "organizations",
        help="which list",
    )


def db_path(args: argparse.Namespace):
    return resolve_db_path(getattr(args, "db", None))


def catalog_path(args: argparse.Namespace, command: str) -> Path | None:
    """The catalog file a command reads, or None after saying why it can't.

    The default catalog (no --db, no $BELCAT_DB) is made with the starter
    data by whichever command uses it first, as the window makes it; a file
    named by the user must exist (a mistyped path makes nothing)."""
    path = db_path(args)
    if path.exists():
        return path
    if path == default_db_path():
        from ..services.catalog_setup import open_or_create

        catalog, _created = open_or_create(path)
        catalog.close()
        print(f"{command}: made the catalog {path} with the starter data", file=sys.stderr)
        return path
    print(f"{command}: no catalog at {path}; check the path (running `belcat --db {path}` "
          "makes a new catalog there)", file=sys.stderr)
    return None


@contextlib.contextmanager
def removed_unless_kept(path: Path):
    """For a command that may create the catalog file: a file that did not
    exist before the block (and its WAL files) is removed after it, unless the
    block called the ``keep()`` it is given. Open the catalog inside."""
    kept = [path.exists()]
    try:
        yield lambda: kept.__setitem__(0, True)
    finally:
        if not kept[0]:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
