"""Command line: the window by default, sub-commands for headless work.

Each sub-command lives in its own module with ``add_parser(subparsers)`` that
registers it and sets ``func`` to a function taking the parsed arguments and
returning the exit code.
"""

import argparse
import os
import sys

from .. import __version__
from ..core.errors import BelcatError
from . import demo, export, gui, import_, search

# Modules with add_parser(); the GUI options live on the top-level parser.
SUBCOMMANDS: tuple = (demo, search, export, import_)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="belcat",
        description="Catalog of the Belarus Hi-Tech Park: residents, enterprises, projects.",
    )
    parser.add_argument("--version", action="version", version=f"belcat {__version__}")
    gui.add_arguments(parser)
    parser.set_defaults(func=gui.run)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except BelcatError as exc:
        print(f"belcat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The program reading the output stopped early (belcat search ... | head):
        # stop quietly, and keep Python from reporting the pipe again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
