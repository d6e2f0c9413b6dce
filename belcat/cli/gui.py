"""The default command: open the window (or render it to a PNG and exit)."""

import argparse

from ..core.listing import VIEWS
from .options import add_db, db_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db(parser, command=False)
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="render the main window to a PNG file and exit")
    parser.add_argument("--view", choices=list(VIEWS), help="list to show first")
    parser.add_argument("--search", metavar="TEXT", help="search text to start with")


def run(args: argparse.Namespace) -> int:
    from ..ui.app import run_gui  # Qt is loaded only when a window is wanted

    return run_gui(
        db_path(args), screenshot=args.screenshot, view=args.view, search=args.search
    )
