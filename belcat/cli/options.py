"""Options shared by several sub-commands."""

import argparse
import contextlib
from pathlib import Path

from ..core.paths import resolve_db_path

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
    return resolve_db_path(args.db)


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
