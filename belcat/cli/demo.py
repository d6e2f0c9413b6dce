"""`belcat demo`: fill a new catalog file with reproducible demo data."""

import argparse
import sys
import time
from pathlib import Path

from .options import removed_unless_kept

PROGRESS_FROM = 20_000  # smaller runs finish before a progress line would help


def _count(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; give 0 or more")
    return value


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="generate a demo catalog (invented records, clearly marked) for trying belcat at scale",
        description="Fill a new or empty catalog file with invented organizations and projects. "
                    "Every record is marked as demo data; the same seed gives the same catalog. "
                    "A catalog that already holds records is refused and left untouched.",
    )
    parser.add_argument("--db", metavar="PATH", required=True,
                        help="catalog file to create (or an empty catalog)")
    parser.add_argument("--organizations", metavar="N", type=_count, required=True,
                        help="how many organizations")
    parser.add_argument("--projects", metavar="M", type=_count, required=True,
                        help="how many projects")
    parser.add_argument("--seed", metavar="S", type=int, default=1,
                        help="random seed (default 1); the same seed gives the same catalog")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=run)


def _progress(quiet: bool, big: bool):
    if quiet or not big:
        return None
    started = time.perf_counter()

    def report(stage: str, done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"belcat demo: {stage} {done:,}/{total:,} ({elapsed:.1f} s)", file=sys.stderr, flush=True)

    return report


def run(args: argparse.Namespace) -> int:
    from ..core.catalog import open_catalog
    from ..core.errors import CatalogFileError
    from ..services.demo import check_counts, generate_demo

    path = Path(args.db)
    if path.is_dir():
        raise CatalogFileError(path, "this is a directory, not a catalog file")
    if not path.parent.is_dir():
        raise CatalogFileError(path, "the folder for this file does not exist")
    check_counts(args.organizations, args.projects)  # before a new file is created
    started = time.perf_counter()
    with removed_unless_kept(path) as keep:
        with open_catalog(path) as catalog:
            big = args.organizations + args.projects >= PROGRESS_FROM
            counts = generate_demo(catalog, organizations=args.organizations,
                                   projects=args.projects, seed=args.seed,
                                   progress=_progress(args.quiet, big))
        keep()
    elapsed = time.perf_counter() - started
    print(f"{path}: {counts['organizations']:,} organizations, {counts['projects']:,} projects, "
          f"{counts['programmes']} programmes, {counts['relations']:,} relations "
          f"(demo data, seed {args.seed}) in {elapsed:.1f} s")
    return 0
