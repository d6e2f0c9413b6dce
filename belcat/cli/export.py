"""`belcat export`: write a list (or what a search finds in it) to CSV."""

import argparse
import sys

from ..services.csv_format import DEFAULT_PRESET, MULTI_SEPARATORS, PRESETS
from .options import add_db, add_kind, catalog_path


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="write records to a CSV file",
        description="Write the records of a list to CSV. --search and --facet select "
                    "exactly what the window shows for the same search.")
    add_db(parser)
    add_kind(parser)
    parser.add_argument("--search", metavar="TEXT", default="", help="search text")
    parser.add_argument("--facet", metavar="FIELD=VALUE", action="append", default=[],
                        help="keep records with this value (FIELD=-VALUE leaves them out); repeatable")
    parser.add_argument("--columns", metavar="a,b,...",
                        help="columns in this order (default: those of the window's table "
                             "and the contacts; 'all': every column an import reads back); "
                             "--list-columns shows them")
    parser.add_argument("--list-columns", action="store_true",
                        help="print the columns of the list and exit")
    parser.add_argument("--preset", choices=list(PRESETS), default=DEFAULT_PRESET,
                        help="excel: UTF-8 with BOM, ';', dd.mm.yyyy (default); "
                             "rfc4180: UTF-8, ',', ISO dates")
    parser.add_argument("--separator", choices=list(MULTI_SEPARATORS), default="semicolon",
                        help="between several values of one field (default: semicolon)")
    parser.add_argument("--no-neutralise", dest="neutralise", action="store_false", default=None,
                        help="write cells starting with = + - @ as they are "
                             "(by default they get a leading apostrophe)")
    parser.add_argument("--output", "-o", metavar="FILE", help="file to write, - for standard output")
    parser.set_defaults(func=run)


def _query(catalog, view: str, text: str, facet_args: list[str]):
    """The same query the window and `belcat search` run for this text and facets."""
    if not text and not facet_args:
        return None
    from ..core import search

    return search.plan(catalog, search.build_query(view, text, search.facets_from_args(facet_args)))


def run(args: argparse.Namespace) -> int:
    from ..core.catalog import open_catalog  # loaded only when the command runs
    from ..services import csv_columns
    from ..services.csv_export import ExportOptions, export_csv

    if args.list_columns:
        for column in csv_columns.columns_for(args.kind):
            flags = [] if column.importable else ["export only"]
            if column.key in csv_columns.default_keys(args.kind):
                flags.append("default")
            print(f"{column.key:28} {column.label}" + (f"  ({', '.join(flags)})" if flags else ""))
        return 0
    if not args.output:
        print("belcat export: say where to write with --output FILE (- for standard output)",
              file=sys.stderr)
        return 2
    path = catalog_path(args, "belcat export")
    if path is None:
        return 2
    if args.output != "-":
        from ..services import csv_parallel

        csv_parallel.get_ready()  # while the catalog opens
    try:
        columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else []
        if columns == ["all"]:
            columns = csv_columns.all_keys(args.kind)
        options = ExportOptions(args.kind, columns=columns, preset=args.preset,
                                separator=MULTI_SEPARATORS[args.separator],
                                neutralise=args.neutralise)
    except ValueError as exc:
        print(f"belcat export: {exc}", file=sys.stderr)
        return 2
    with open_catalog(path) as catalog:
        try:
            query = _query(catalog, args.kind, args.search, args.facet)
        except ValueError as exc:
            print(f"belcat export: {exc}", file=sys.stderr)
            return 2
        try:
            count = export_csv(catalog, args.output, options, query=query)
        except BrokenPipeError:
            raise  # the reader of standard output stopped early: main() ends quietly
        except OSError as exc:
            print(f"belcat export: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    if args.output != "-":
        print(f"{count} records written to {args.output}", file=sys.stderr)
    return 0
