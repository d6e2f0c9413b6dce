"""`belcat import`: read records from a CSV file, all or nothing."""

import argparse
import sys
from pathlib import Path

from ..services.csv_format import DEFAULT_MULTI, DUPLICATE_CHOICES, MULTI_SEPARATORS, CsvFormatError
from .options import add_db, add_kind, db_path, removed_unless_kept


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="read records from a CSV file",
        description="Read organizations or projects from CSV (UTF-8 with or without BOM, "
                    "Windows-1251 or Western European Windows-1252; ',' ';' or tab, detected). "
                    "Every row is checked first; when one has an error nothing is imported.")
    add_db(parser)
    add_kind(parser)
    parser.add_argument("--dry-run", action="store_true", help="check the file, change nothing")
    parser.add_argument("--duplicates", choices=DUPLICATE_CHOICES, default="skip",
                        help="a record already in the catalog (same UNP, else same name; for "
                             "projects same title and programme): skip it (default), update it "
                             "with the file's non-empty cells, or add another")
    parser.add_argument("--separator", choices=list(MULTI_SEPARATORS),
                        help="between several values of one field (default: the one the file's "
                             "first rows use, else semicolon)")
    parser.add_argument("--report", metavar="FILE", help="also write the problems to this CSV file")
    parser.add_argument("file", metavar="FILE", help="the CSV file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.paths import default_db_path, refuse_catalog_file  # loaded only when the command runs
    from ..services.catalog_setup import open_or_create
    from ..core.errors import DanglingReferenceError
    from ..services.csv_import import ImportOptions, import_csv
    from ..services.csv_preview import preview, save_report

    path = db_path(args)
    if args.report:
        problem = None
        if not Path(args.report).expanduser().absolute().parent.is_dir():
            problem = "its folder does not exist"
        try:
            refuse_catalog_file(args.report, path)
        except OSError as exc:
            problem = exc.strerror
        if problem:
            print(f"belcat import: cannot write the report to {args.report}: {problem}", file=sys.stderr)
            return 2
    # A new catalog file stays only when the import wrote to it. The default
    # catalog starts with the starter data, as the window would start it.
    fill_new = path == default_db_path()
    with removed_unless_kept(path) as keep, open_or_create(path, fill_new=fill_new)[0] as catalog:
        try:
            separator = args.separator or preview(args.file, args.kind).separator or DEFAULT_MULTI
            options = ImportOptions(args.kind, duplicates=args.duplicates,
                                    separator=MULTI_SEPARATORS[separator], dry_run=args.dry_run)
            result = import_csv(catalog, args.file, options)
        except (CsvFormatError, ValueError, DanglingReferenceError) as exc:
            print(f"belcat import: {args.file}: {exc}; nothing was imported", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"belcat import: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:  # the transaction is rolled back on the way out
            print("belcat import: interrupted; nothing was imported", file=sys.stderr)
            return 130
        if result.applied:
            keep()
    for p in result.problems:
        where = f"row {p.row}" + (f", {p.where}" if p.where else "")
        print(f"{args.file}: {where}: {p.level}: {p.message}", file=sys.stderr)
    if args.report:
        try:
            save_report(result.problems, args.report, path)
        except OSError as exc:
            print(f"belcat import: cannot write the report to {args.report}: {exc.strerror or exc}",
                  file=sys.stderr)
            print(result.summary(), file=sys.stderr)
            return 1
    print(result.summary(), file=sys.stderr)
    return 1 if result.errors else 0
