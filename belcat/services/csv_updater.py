"""Organizations an import updates, written by the batch.

``organizations.update`` writes one record in about 0.6 ms: a dozen
statements, with the checks against the stored row and the records that
name it looked up before and after. An import writes a chunk's records
with one statement per part instead, for the same result: the given
columns, region, roles, other names and terms, a new version and
"updated" time, and the records whose index names them noted for
reindexing. The core's checks are not repeated: the rows were checked by
the same rules as they were read, and a row cannot give its record a UNP
another one has (a row with a UNP finds its record by it).
"""

from ..core import organizations, search_index
from ..core.catalog import Catalog
from ..core.index_texts import ORG_FIELDS_IN_LINKED_TEXTS, ORG_INDEXED_FIELDS
from ..core.records import clean, now_iso, unlink_terms_sql
from .csv_inserter import look_up_term, region_ids

SPEC = organizations.SPEC


class BatchUpdater:
    """Updates held until ``flush``; each gives only the fields to change,
    the others keep their stored values."""

    def __init__(self, catalog: Catalog, keys: list[str]):
        self.catalog = catalog
        self.plain = [k for k in keys if k in SPEC.columns]
        self.term_fields = [(f, k, {}) for f, k in SPEC.term_fields if f in keys]
        self.region_ids = region_ids(catalog)
        self.pending: dict[int, dict] = {}  # record id -> the values to write
        self.statements: dict[tuple[str, ...], str] = {}  # columns set: the UPDATE
        self.fields = {*SPEC.columns, *(f for f, _ in SPEC.term_fields), "region", "roles", "aliases"}

    def handles(self, values: dict) -> bool:
        """Whether every field given is one this writes (the others: the core's update)."""
        return values.keys() <= self.fields

    def __contains__(self, record_id: int) -> bool:
        return record_id in self.pending

    def add(self, record_id: int, values: dict) -> None:
        """An update to write; a record already waiting is written first."""
        if record_id in self.pending:
            self.flush()
        self.pending[record_id] = values

    def flush(self) -> None:
        if not self.pending:
            return
        conn, pending = self.catalog.conn, self.pending
        self.pending = {}
        stamp = now_iso()
        by_columns: dict[tuple[str, ...], list[tuple]] = {}  # one UPDATE for the records setting the same columns
        for record_id, values in pending.items():
            columns = tuple(c for c in self.plain if c in values)
            row = [clean(values[c]) for c in columns]
            if "region" in values:
                columns += ("region_id",)
                row.append(self.region_ids.get(values["region"]))
            by_columns.setdefault(columns, []).append((*row, stamp, record_id))
        for columns, rows in by_columns.items():
            conn.executemany(self._statement(columns), rows)
        self._write_terms(pending)
        for part, table in (("roles", "organization_roles"), ("aliases", "organization_aliases")):
            given = [(record_id, values[part]) for record_id, values in pending.items() if part in values]
            conn.executemany(f"DELETE FROM {table} WHERE org_id = ?", [(r,) for r, _ in given])
            if part == "roles":
                conn.executemany("INSERT OR IGNORE INTO organization_roles (org_id, role) VALUES (?, ?)",
                                 [(r, role) for r, roles in given for role in roles])
            else:
                conn.executemany("INSERT INTO organization_aliases (org_id, alias) VALUES (?, ?)",
                                 [(r, a) for r, aliases in given for a in organizations.stored_aliases(aliases)])
        self._note_for_index(pending)

    def _note_for_index(self, pending: dict[int, dict]) -> None:
        """The records whose index entries hold a changed value."""
        own = {r for r, values in pending.items() if not values.keys().isdisjoint(ORG_INDEXED_FIELDS)}
        named = [r for r, values in pending.items() if not values.keys().isdisjoint(ORG_FIELDS_IN_LINKED_TEXTS)]
        groups = search_index.dependents_of(self.catalog, "organization", named)
        groups["organization"] |= own
        search_index.reindex_all(self.catalog, groups)

    def _statement(self, columns: tuple[str, ...]) -> str:
        if columns not in self.statements:
            sets = ", ".join([*(f"{c} = ?" for c in columns), "updated_at = ?", "version = version + 1"])
            self.statements[columns] = f"UPDATE {SPEC.table} SET {sets} WHERE id = ?"
        return self.statements[columns]

    def _write_terms(self, pending: dict[int, dict]) -> None:
        conn, deleted, added = self.catalog.conn, [], []
        for record_id, values in pending.items():
            for field, kind, ids in self.term_fields:
                if field in values:
                    deleted.append((record_id, kind))
                    added += [(record_id, look_up_term(self.catalog, kind, ids, name)) for name in values[field]]
        conn.executemany(unlink_terms_sql(SPEC), deleted)
        conn.executemany(f"INSERT OR IGNORE INTO {SPEC.terms_table} (org_id, term_id) VALUES (?, ?)", added)
