"""`belcat search`: the records a search finds, as text or JSON.

It goes through ``belcat.core.search`` exactly as the window does, so both
show the same records in the same order for the same text and filters.
"""

import argparse
import json
import sys

from .options import KINDS, add_db, catalog_path

DEFAULT_LIMIT = 50


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "search", help="print the records a search finds",
        description="Search the catalog as the window's search box does. "
                    "Syntax: words (prefixes), \"exact phrase\", -exclusion, field:value "
                    "(sector:, technology:, country:, region:, city:, name:, partner:, "
                    "programme:, role:, status:, year:). Put -- before text that starts with -.",
    )
    add_db(p)
    p.add_argument("--kind", choices=KINDS, default="organizations", help="which list (default: organizations)")
    p.add_argument("--json", action="store_true", help="print JSON: count and records")
    p.add_argument("--facet", action="append", default=[], metavar="FIELD=VALUE",
                   help="keep records with this facet value (FIELD=-VALUE leaves them out); repeatable")
    p.add_argument("--limit", type=_count, default=DEFAULT_LIMIT,
                   help=f"print at most this many records (default {DEFAULT_LIMIT}; 0: all)")
    p.add_argument("text", nargs="*", help="search text")
    p.set_defaults(func=run)


def _display(column, value):
    from ..core import vocab

    if value is None:
        return ""
    if column.kind == "codes":
        return ", ".join(vocab.label(vocab.ORG_ROLES, c) for c in str(value).split(","))
    if column.kind == "status":
        return vocab.label(vocab.PROJECT_STATUSES, value)
    return value


def run(args: argparse.Namespace) -> int:
    from ..core import listing, search
    from ..core.catalog import open_catalog

    path = catalog_path(args, "belcat search")
    if path is None:
        return 2
    try:
        facets = search.facets_from_args(args.facet)
    except ValueError as exc:
        print(f"belcat: {exc}", file=sys.stderr)
        return 2
    text = " ".join(args.text)
    with open_catalog(path) as cat:
        ids = search.search_ids(cat, args.kind, text, facets)
        shown = ids if args.limit <= 0 else ids[: args.limit]
        view = listing.VIEWS[args.kind]
        rows = listing.rows(cat, view, shown)
    records = [
        {"id": i, **{c.key: _display(c, v) for c, v in zip(view.columns, rows.get(i, ()))}}
        for i in shown
    ]
    if args.json:
        json.dump({"kind": args.kind, "text": text, "count": len(ids), "records": records},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not ids:
        print("Nothing found.")
        return 0
    keys = [c.key for c in view.columns[:4]]
    for r in records:
        print("\t".join([str(r["id"])] + [str(r[k]) for k in keys]))
    more = f" (first {len(shown)} shown; --limit 0 for all)" if len(shown) < len(ids) else ""
    print(f"{len(ids)} found{more}.", file=sys.stderr)
    return 0


def _count(text: str) -> int:
    """A --limit: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of records (0 or more)")
    return value
