"""Options shared by several sub-commands."""

import argparse

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
