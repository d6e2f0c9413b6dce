"""Reading records from a CSV file into the catalog.

The file's encoding (UTF-8 with or without BOM, Windows-1251) and separator
(``,`` ``;`` or tab) are detected; its columns are mapped to fields (a file
written by belcat maps itself); every row is checked and the problems listed
as (row, field, message). The whole import is one transaction: when any row
has an error, when it is a dry run, or when it is cancelled, the catalog is
left exactly as it was.
"""

import contextlib
import dataclasses
import gc
import os
from dataclasses import dataclass, field
from typing import Callable

from ..core import organizations, projects, search_index, vocab
from ..core.catalog import Catalog
from ..core.deferred_indexes import DeferredIndexes
from . import csv_columns as cc
from .csv_cells import CellReader, fold, is_plain
from .csv_index import ReadIndexer
from .csv_inserter import BatchInserter
from .csv_links import write_links
from .csv_preview import map_columns
from .csv_reindex import index_written
from .csv_rows import Problem, RowReader, read_file
from .csv_unchanged import CurrentValues
from .csv_updater import BatchUpdater
from .csv_format import (
    MULTI_SEPARATORS,
    DEFAULT_MULTI,
    DUPLICATE_CHOICES,
    CsvFormatError,
    read_rows,
    sniff,
)


@dataclass
class ImportOptions:
    view: str
    mapping: list[str | None] | None = None  # None: from the header
    duplicates: str = "skip"
    separator: str = MULTI_SEPARATORS[DEFAULT_MULTI]
    dry_run: bool = False

    def __post_init__(self):
        cc.record_kind(self.view)
        if self.duplicates not in DUPLICATE_CHOICES:
            raise ValueError(f"duplicates: choose {', '.join(DUPLICATE_CHOICES)}")


@dataclass
class ImportResult:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # duplicates to update that already held the row's values
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False  # committed to the catalog
    cancelled: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def summary(self) -> str:
        unchanged = f", {self.unchanged} unchanged" if self.unchanged else ""
        counts = f"{self.added} added, {self.updated} updated{unchanged}, {self.skipped} skipped"
        if self.cancelled:
            return "import cancelled; nothing was changed"
        rows = f"{self.rows} row{'' if self.rows == 1 else 's'}"
        if self.errors:
            errors = len(self.errors)
            return f"{rows} checked: {errors} error{'' if errors == 1 else 's'}, nothing was changed"
        if self.applied:
            return f"{rows} imported: {counts}"
        return f"{rows} checked, no errors; importing gives: {counts}"


class _Rollback(Exception):
    pass


# --- the import ---------------------------------------------------------------

# The tables an import of each kind writes by the batch.
_BATCH_TABLES = {"organization": ("organizations", "organization_terms", "organization_aliases",
                                  "organization_roles"),
                 "project": ("projects", "project_terms", "project_participants")}


class _Importer:
    def __init__(self, catalog: Catalog, options: ImportOptions, header: list[str], result,
                 bulk: bool = False):
        self.catalog = catalog
        self.options = options
        self.kind = cc.record_kind(options.view)
        self.result = result
        self.reader = CellReader(catalog, options.separator)
        mapped = map_columns(options.view, header, options.mapping)
        result.problems += mapped.left_out
        self.column_names = mapped.names
        self.columns = [(index, column, self.reader.converter(column)) for index, column in mapped.columns]
        seen = [column.key for _, column in mapped.columns]
        # Plain text is read inline; other cells go through their converter
        # (an empty cell of several values reads as an empty list).
        plain_cells = [(index, column.key) for index, column, _ in self.columns if is_plain(column)]
        other_cells = [(index, column.key, convert, list if column.multi else column.empty)
                       for index, column, convert in self.columns if not is_plain(column)]
        title_key = "name" if self.kind == "organization" else "title"
        if title_key not in seen:
            raise ValueError(f"no column is mapped to {mapped.names[title_key]}; it is required")
        # New organizations are indexed as they are written, from index rows
        # made where the file is read. Linked records take the names at the
        # other end into their texts, known only once every row is in: a file
        # with links (projects' participants, organizations' relations) is
        # indexed then, in one pass. (100,000 organizations with 25,000
        # relations: 30 s so, 39 s when the linked ones were taken out of the
        # index again and put back.)
        self.index_while_reading = (self.kind == "organization" and "relations" not in seen
                                    and not options.dry_run and search_index.is_current(catalog))
        self.row_reader = RowReader(self.kind, len(header), plain_cells, other_cells, title_key,
                                    "relations" if self.kind == "organization" else "participants",
                                    ReadIndexer(catalog.conn) if self.index_while_reading else None,
                                    self._existing_org if options.duplicates != "add" else None)
        self.role = {"residents": "resident", "enterprises": "enterprise"}.get(options.view)
        self.inserter = BatchInserter(catalog, self.kind, seen, index=self.index_while_reading)
        self.updater = BatchUpdater(catalog, seen) if self.kind == "organization" else None
        self.bulk = bulk
        if bulk and self.index_while_reading:
            search_index.begin_bulk(catalog.conn, self.kind)
        # A bulk import makes the secondary indexes of its tables after the rows.
        self.indexes = DeferredIndexes(catalog.conn, _BATCH_TABLES[self.kind]) if bulk else None
        self.links: list[tuple[int, int, str, list]] = []  # (row, record id, key, links)
        self.touched: list[int] = []
        self.linked: set[int] = set()  # organizations whose links changed
        self.row_of: dict[int, int] = {}  # record id: the first row of the file that wrote it
        self.current = CurrentValues(catalog, organizations.SPEC if self.kind == "organization" else projects.SPEC,
                                     seen)
        self._load_index()

    def _load_index(self) -> None:
        self.by_unp, self.by_name, self.by_title = {}, {}, {}
        for r in self.catalog.conn.execute("SELECT id, name, unp FROM organizations"):
            self._remember_org(r[0], r[1], r[2])
        self.programmes = {fold(r[1]): r[0] for r in self.catalog.conn.execute("SELECT id, name FROM programmes")}
        if self.kind == "project":
            for r in self.catalog.conn.execute("SELECT id, title, programme_id FROM projects"):
                self.by_title.setdefault((fold(r[1]), r[2]), r[0])

    def _remember_org(self, org_id, name, unp, folded=None) -> None:
        if unp:
            self.by_unp[unp] = org_id
        self.by_name.setdefault(folded if folded is not None else fold(name), []).append(org_id)

    def named(self, problems: list[Problem]) -> list[Problem]:
        """The problems with their fields named as the file names them."""
        return [dataclasses.replace(p, column=self.column_names.get(p.field, p.field)) for p in problems]

    def problem(self, row, key, message, level="error"):
        self.result.problems.append(Problem(row, key, message, level))

    def take(self, read) -> None:
        """Write the rows of a chunk read by ``RowReader.chunk``."""
        counted, problems, good, index_rows = read
        self.result.rows += counted
        self.result.problems += problems
        if self.kind == "organization" and self.options.duplicates == "update":
            ids = {self._existing_org(values, folded) for _, values, _, folded, _ in good} - {None}
            if ids:
                self._settle_new_records()
                self._write_updates()  # what is read ahead is what earlier rows wrote
                self.current.read_ahead(ids)
        for number, values, links, folded, indexed in good:
            if self.kind == "organization":
                self._organization(number, values, links, folded, indexed)
            else:
                self._project(number, values, links, folded)
        if index_rows is not None:
            self.inserter.add_index_rows(index_rows)

    # organizations
    def _existing_org(self, values: dict, folded: str) -> int | None:
        """The organization a row names: by its UNP, else by its name."""
        unp = values.get("unp")
        return self.by_unp.get(unp) if unp else (self.by_name.get(folded) or [None])[0]

    def _organization(self, number: int, values: dict, links, folded: str, indexed) -> None:
        unp = values.get("unp")
        existing = self._existing_org(values, folded)
        if existing is not None and self.options.duplicates != "add":
            self._repeated(number, existing, "organization")
            if self.options.duplicates == "skip":
                self.result.skipped += 1
                return
            links = links or None
            if self._update(existing, _given(values), links):
                self.inserter.forget(existing)
            org_id = existing
        else:
            if unp and unp in self.by_unp:
                self.problem(number, "unp", f"UNP {unp} already belongs to another organization; "
                                            "choose to skip or update duplicates")
                return
            # Rows without roles of their own take the role of the list imported into.
            org_id = self.inserter.add(values, [self.role] if self.role and not values.get("roles") else [],
                                       indexed)
            self.result.added += 1
        if org_id != existing or existing not in self.by_name.get(folded, ()):  # a new name to find it by
            self._remember_org(org_id, values["name"], unp, folded)
        self.row_of.setdefault(org_id, number)
        self.touched.append(org_id)
        if links is not None:
            self.links.append((number, org_id, "relations", links, org_id != existing))

    # projects
    def _programme_id(self, number: int, values: dict):
        name = values.pop("programme", None)
        kind = values.pop("programme_kind", None)
        if not name:
            return None
        programme_id = self.programmes.get(fold(name))
        if programme_id is None:
            if kind is None:
                kind = "state_innovation"
                self.problem(number, "programme", f"new programme {name!r} added as "
                             f"{vocab.label(vocab.PROGRAMME_KINDS, kind)!r}", "warning")
            programme_id = projects.create_programme(self.catalog, {"name": name, "kind": kind})
            self.programmes[fold(name)] = programme_id
        return programme_id

    def _project(self, number: int, values: dict, links, folded: str) -> None:
        if "programme" in values:
            values["programme_id"] = self._programme_id(number, values)
        values.pop("programme_kind", None)
        key = (folded, values.get("programme_id"))
        existing = self.by_title.get(key)
        if existing is not None and self.options.duplicates != "add":
            self._repeated(number, existing, "project")
            if self.options.duplicates == "skip":
                self.result.skipped += 1
                return
            links = links or None
            self._update(existing, _given(values), links)
            project_id = existing
        else:
            project_id = self.inserter.add(values)
            self.result.added += 1
            self.by_title.setdefault(key, project_id)
        self.row_of.setdefault(project_id, number)
        self.touched.append(project_id)
        if links is not None:
            self.links.append((number, project_id, "participants", links, project_id != existing))

    def _repeated(self, number: int, record_id: int, what: str) -> None:
        """A warning when an earlier row of the file wrote the same record."""
        earlier = self.row_of.get(record_id)
        if earlier is not None:
            outcome = "skipped" if self.options.duplicates == "skip" else "its values replace that row's"
            self.problem(number, "", f"the same {what} as row {earlier}: {outcome}", "warning")

    def _update(self, record_id: int, given: dict, links) -> bool:
        """Write the values a row gives to the record, unless it holds them
        already and the row replaces no links; True when it was written.
        Organizations go to the batch updater, projects (and fields the
        updater does not write) through the core."""
        self._settle_new_records()
        if self.updater and record_id in self.updater:
            self.updater.flush()  # an earlier row's update: compared with what it writes
        changes = self.current.changes(record_id, given)
        if links is None and not changes:
            self.result.unchanged += 1
            return False
        self.current.forget(record_id)
        if self.updater and self.updater.handles(changes):
            self.updater.add(record_id, changes)
        else:
            self._write_updates()
            (organizations if self.kind == "organization" else projects).update(self.catalog, record_id, given)
        self.result.updated += 1
        return True

    def _settle_new_records(self) -> None:
        """The new records waiting go in and the tables' indexes are made:
        what follows reads the tables (by the indexes), or updates records
        the file added."""
        self.inserter.flush()
        if self.indexes:
            self.indexes.restore()

    def _write_updates(self) -> None:
        """The updates waiting, after the new records they may update."""
        if self.updater and self.updater.pending:
            self._settle_new_records()
            self.updater.flush()

    # links, once every row is in
    def _org_of(self, number: int, key: str, name: str, unp: str | None):
        if unp:
            org_id = self.by_unp.get(unp)
            if org_id is None:
                self.problem(number, key, f"no organization has UNP {unp} ({name})")
            return org_id
        found = list(dict.fromkeys(self.by_name.get(fold(name), [])))
        if not found:
            self.problem(number, key, f"no organization is named {name!r}")
            return None
        if len(found) > 1:
            self.problem(number, key, f"{len(found)} organizations are named {name!r}; "
                                      "add the UNP: 'role: name (УНП 123456789)'")
            return None
        return found[0]

    def finish_links(self) -> None:
        self.inserter.flush()
        self._write_updates()
        conn = self.catalog.conn
        if self.bulk and self.index_while_reading and not self.result.errors:
            # The index's tokens held in memory (64 MiB) make building the
            # table indexes below three times slower: written out first.
            search_index.merge_segments(conn, self.kind)
        self.linked |= write_links(conn, self.links, self._org_of, self.problem)
        if self.indexes:
            self.indexes.restore()


def import_csv(catalog: Catalog, path, options: ImportOptions, *,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None,
               stage: Callable[[str], None] | None = None) -> ImportResult:
    """Check and import the file in one transaction; see ImportResult.

    ``progress(done, total)`` follows the file, then (after ``stage("index")``)
    the search index; a ``cancelled()`` that turns true in either part rolls
    the whole import back.

    Raises CsvFormatError when the file cannot be read as CSV at all and
    ValueError when the mapping is unusable; the catalog is unchanged then too.
    """
    result = ImportResult()
    dialect = sniff(path)
    total = os.path.getsize(path)
    rows = read_rows(path, dialect)
    try:
        first = next(rows, None)
    finally:
        rows.close()
    if first is None or not any(c.strip() for c in first[1]):
        raise CsvFormatError("the file has no header row")
    header = first[1]

    def report(done: int, of: int) -> None:
        """Progress, and a cancel turned into a rollback of everything."""
        if progress:
            progress(done, of)
        if cancelled and cancelled():
            result.cancelled = True
            raise _Rollback()
    # The cycle collector rests while the import runs (in the forked second
    # processes too): the import makes no reference cycles, and its hundreds
    # of thousands of new objects set it off again and again (0.3 s of 9).
    # The objects made before are set aside from it, so that the second
    # processes share them untouched.
    collecting = gc.isenabled()
    gc.disable()
    gc.freeze()
    importer = None
    try:
        records = _records(catalog)
        bulk = total >= BULK_BYTES_PER_RECORD * max(records, 1000)
        # A rollback journal writes each page once, but keeps other programs
        # out of the catalog until the commit: only for filling a new one.
        journal = bulk and records < NEW_CATALOG_RECORDS
        with catalog.bulk_journal() if journal else contextlib.nullcontext(), catalog.write(bulk=bulk), \
                search_index.collecting(catalog) as updated:  # records the core updates: indexed at the end
            importer = _Importer(catalog, options, header, result, bulk)
            last_row = 1
            with contextlib.closing(read_file(importer.row_reader, path, dialect, total)) as chunks:
                for read, done, last_row in chunks:  # closing: a failure stops the second process at once
                    importer.take(read)
                    report(done, total)
            # A chunk's reading problems come before its writing problems: row order again.
            result.problems.sort(key=lambda p: p.row)
            if last_row == 1:
                result.problems.append(Problem(1, "", "the file has a header but no records", "warning"))
            importer.finish_links()
            if progress:
                progress(total, total)
            if result.errors or options.dry_run:
                raise _Rollback()
            if stage:
                stage("index")
            index_written(catalog, importer, updated, report)
    except _Rollback:
        return result
    finally:
        if importer is not None:
            result.problems = importer.named(result.problems)
        gc.unfreeze()
        if collecting:
            gc.enable()
    result.applied = True
    return result


def _given(values: dict) -> dict:
    """The values of the cells that are not empty: an update leaves a field
    the file leaves empty as it was."""
    return {k: v for k, v in values.items() if v is not None and v != "" and v != []}


# A large import checks foreign keys in one pass over the whole catalog before
# it commits (Catalog.write's bulk) instead of at every row: that pass costs
# up to 5 µs per record already there, the checks at each row 10 to 25 ns per
# byte of the file (measured on 100,000 organizations, 96 MB).
BULK_BYTES_PER_RECORD = 500


NEW_CATALOG_RECORDS = 1000  # fewer records: a new (or starter) catalog being filled


def _records(catalog: Catalog) -> int:
    """About how many records the catalog holds (cheap: the largest ids)."""
    return catalog.scalar("SELECT (SELECT ifnull(max(id), 0) FROM organizations) "
                          "+ (SELECT ifnull(max(id), 0) FROM projects)")
