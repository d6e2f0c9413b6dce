"""Writing records to a CSV file.

One SQL query builds every cell (joins of several values, dates in the
preset's style, formula protection) and the rows are streamed to the file a
page at a time, so memory stays the same for ten rows or a million. The file
is written under a temporary name in the same folder and renamed at the end:
a cancelled or failed export leaves no half-written file under the chosen name.
"""

import io
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..core import listing
from ..core.catalog import Catalog
from ..core.paths import refuse_catalog_file
from .csv_columns import default_keys, is_text, record_kind, resolve, select_sql
from .csv_fastsql import Lookups, cell_sql
from .csv_format import (
    DEFAULT_MULTI,
    DEFAULT_PRESET,
    FORMULA_TRIGGERS,
    MULTI_SEPARATORS,
    PRESETS,
    format_rows,
    needs_neutralising,
)

PAGE = 2000
MMAP_BYTES = 256 * 1024 * 1024


class ExportCancelled(Exception):
    """The user stopped the export; nothing was left under the chosen name."""


@dataclass
class ExportOptions:
    view: str
    columns: list[str] = field(default_factory=list)  # empty: the default columns
    preset: str = DEFAULT_PRESET
    separator: str = MULTI_SEPARATORS[DEFAULT_MULTI]  # between values of one field
    neutralise: bool | None = None  # None: as the preset says
    header: str | None = None  # "ru", "en", "key"; None: as the preset says

    def __post_init__(self):
        if self.preset not in PRESETS:
            raise ValueError(f"unknown preset {self.preset!r}; choose {' or '.join(PRESETS)}")
        record_kind(self.view)  # refuses an unknown list
        self.columns = [c.key for c in resolve(self.view, self.columns or default_keys(self.view))]
        if not self.separator or not self.separator.strip(" ") and self.separator != "\n":
            raise ValueError("the separator of several values must not be empty")


def _neutralises(options: ExportOptions) -> bool:
    preset = PRESETS[options.preset]
    return preset.neutralise if options.neutralise is None else options.neutralise


def _cells(options: ExportOptions, lookups: Lookups | None) -> tuple[list[str], list[int]]:
    """(SQL expression of each cell, positions of the cells that Python must
    check for formulas). Without ``lookups`` the straightforward form: a
    subquery per linked value, every text cell checked in Python."""
    preset = PRESETS[options.preset]
    kind = record_kind(options.view)
    columns = resolve(options.view, options.columns)
    protect = _neutralises(options)
    if lookups is None:
        return ([select_sql(c, kind, preset, options.separator) for c in columns],
                [i for i, c in enumerate(columns) if is_text(c)] if protect else [])
    pairs = [cell_sql(c, kind, preset, options.separator, lookups, protect) for c in columns]
    return [e for e, _ in pairs], [i for i, (_, check) in enumerate(pairs) if check]


def _query_sql(options: ExportOptions, select: str, query, ids) -> tuple[str, list]:
    table = listing.VIEWS[options.view].table
    if ids is not None:
        sql = (f"SELECT {select} FROM json_each(?) j JOIN {table} r ON r.id = j.value "
               f"ORDER BY j.key")
        return sql, [json.dumps([int(i) for i in ids])]
    query = query or listing.ListQuery(view=options.view)
    if listing.VIEWS[query.view].table != table:
        raise ValueError(f"the query is over {query.view}, not {options.view}")
    where, where_params = listing.where_sql(query)
    order, order_params = listing.order_sql(query)
    sql = f"SELECT {select} FROM {table} r WHERE {where} ORDER BY {order}"
    return sql, where_params + order_params


def build_sql(options: ExportOptions, *, query: listing.ListQuery | None = None,
              ids: list[int] | None = None, catalog: Catalog | None = None) -> tuple[str, list]:
    """The query giving the exported rows of ``options`` over ``query`` (or
    the given ``ids`` in their order, or the whole list).

    With ``catalog`` the query the export runs: terms written in as literals
    and plain text cells protected against formulas in SQL. Without it the
    straightforward query (a subquery per linked value; formula protection
    left to the writer), which gives the same cells before protection.
    """
    lookups = Lookups.read(catalog) if catalog is not None else None
    exprs, _check = _cells(options, lookups)
    return _query_sql(options, ", ".join(exprs), query, ids)


def header_row(options: ExportOptions) -> list[str]:
    style = options.header or PRESETS[options.preset].header
    return [c.header(style) for c in resolve(options.view, options.columns)]


def _protector(options: ExportOptions, check: list[int]):
    """A function giving the rows with formula-like cells among ``check``
    protected, or None when there is nothing to check. Most rows pass through
    untouched."""
    if not check or not _neutralises(options):
        return None
    first = frozenset(FORMULA_TRIGGERS) | {"'"}

    def protect(rows):
        for n, row in enumerate(rows):
            fixed = None
            for i in check:
                v = row[i]
                if v and v[0] in first and needs_neutralising(v):
                    if fixed is None:
                        fixed = list(row)
                    fixed[i] = "'" + v
            if fixed is not None:
                rows[n] = fixed
        return rows
    return protect


class PageWriter:
    """Formats rows as CSV a page at a time: one encoding and one write per
    page instead of per row."""

    def __init__(self, stream, options: ExportOptions, protect):
        preset = PRESETS[options.preset]
        self.stream = stream
        self.protect = protect
        self.delimiter = preset.delimiter
        self.terminator = preset.line_terminator

    def header(self, options: ExportOptions):
        self.stream.write(format_rows([header_row(options)], self.delimiter, self.terminator))

    def rows(self, rows):
        if self.protect:
            rows = self.protect(rows)
        self.stream.write(format_rows(rows, self.delimiter, self.terminator))


def prepared(catalog: Catalog, options: ExportOptions):
    """(the cells' SQL, the protector of the cells SQL leaves to Python), with
    the catalog's terms as they are in the current read transaction."""
    exprs, check = _cells(options, Lookups.read(catalog))
    return ", ".join(exprs), _protector(options, check)


def _write(catalog: Catalog, stream, options, query, ids, progress, cancelled) -> int:
    select, protect = prepared(catalog, options)
    sql, params = _query_sql(options, select, query, ids)
    if ids is not None:
        total = len(ids)
    else:
        total = listing.count(catalog, query or listing.ListQuery(view=options.view))
    out = PageWriter(stream, options, protect)
    out.header(options)
    cursor = catalog.conn.cursor()
    cursor.row_factory = None
    # Rows are read in display order, i.e. all over the file: mapping the file
    # into memory saves a system call per page read (about a fifth of the time).
    mmap_before = catalog.scalar("PRAGMA mmap_size")
    catalog.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    cursor.execute(sql, params)
    done = 0
    if progress:
        progress(0, total)
    try:
        while True:
            if cancelled and cancelled():
                raise ExportCancelled("export cancelled")
            rows = cursor.fetchmany(PAGE)
            if not rows:
                break
            out.rows(rows)
            done += len(rows)
            if progress:
                progress(done, total)
    finally:
        cursor.close()
        catalog.conn.execute(f"PRAGMA mmap_size = {int(mmap_before or 0)}")
    return done


def _write_consistent(catalog: Catalog, *args) -> int:
    """``_write`` in one read transaction: the terms written into the query,
    the count and the rows all come from the same state of the catalog."""
    if catalog.conn.in_transaction:
        return _write(catalog, *args)
    catalog.conn.execute("BEGIN")
    try:
        return _write(catalog, *args)
    finally:
        catalog.conn.execute("COMMIT")


def _file_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def export_csv(catalog: Catalog, output, options: ExportOptions, *,
               query: listing.ListQuery | None = None, ids: list[int] | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> int:
    """Write the records to ``output`` (a path, or "-" for standard output, or
    a binary stream) and return how many rows were written.

    ``progress(done, total)`` is called after each page; when ``cancelled()``
    turns true the export stops with ExportCancelled and the target is untouched.
    """
    encoding = PRESETS[options.preset].encoding
    if output == "-" or hasattr(output, "write"):
        binary = sys.stdout.buffer if output == "-" else output
        stream = io.TextIOWrapper(binary, encoding=encoding, newline="", write_through=False)
        try:
            return _write_consistent(catalog, stream, options, query, ids, progress, cancelled)
        finally:
            stream.flush()
            stream.detach()
    target = Path(output)
    refuse_catalog_file(target, catalog.path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(f"the folder {folder} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as stream:
            from .csv_parallel import write_split

            # A long list is written by two processes; None when it is short or
            # the catalog changed while the halves were being set up.
            count = write_split(catalog, stream, target, options, query, ids, progress, cancelled)
            if count is None:
                count = _write_consistent(catalog, stream, options, query, ids, progress, cancelled)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp_name, _file_mode(target))
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    return count
