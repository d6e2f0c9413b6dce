"""New records of an import, written in batches with their roles, aliases,
terms and (for organizations read with ``csv_index``) search index rows;
ids are given up front so rows go in by the batch."""

import operator

from ..core import organizations, projects, search_index
from ..core.catalog import Catalog
from ..core.records import now_iso
from ..core.taxonomy import term_ids_for


def look_up_term(catalog: Catalog, kind: str, ids: dict[str, int], name: str) -> int:
    """The id of the term a value names (added when new), kept in ``ids``
    (name: id) for the next time."""
    term_id = ids.get(name)
    if term_id is None:
        term_id = ids[name] = term_ids_for(catalog, kind, [name])[0]
    return term_id


def region_ids(catalog: Catalog) -> dict[str, int]:
    """Region code: its term's id."""
    return {r[0]: r[1] for r in catalog.conn.execute("SELECT code, id FROM terms WHERE kind = 'region'")}


class BatchInserter:
    """New records with one INSERT each and their multi-valued parts in
    batches; terms are looked up once. (Updates: ``csv_updater``.)"""

    def __init__(self, catalog: Catalog, kind: str, keys: list[str], index: bool = False):
        self.catalog = catalog
        self.kind = kind
        spec = organizations.SPEC if kind == "organization" else projects.SPEC
        self.spec = spec
        self.plain = [k for k in keys if k in spec.columns]
        if kind == "project" and "programme" in keys:
            self.plain.append("programme_id")
        # The values hold every key given (a row with a bad cell stops before).
        self.get_plain = (operator.itemgetter(*self.plain) if len(self.plain) > 1
                          else lambda values: [values[self.plain[0]]])
        self.region = "region" in keys
        names = self.plain + (["region_id"] if self.region else []) + ["created_at", "updated_at", "id"]
        # Ids are given here so that rows go in by the batch; the write
        # transaction (BEGIN IMMEDIATE) keeps anyone else from taking them.
        self.next_id = (catalog.scalar(f"SELECT max(id) FROM {spec.table}") or 0) + 1
        self.sql = (f"INSERT INTO {spec.table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' for _ in names)})")
        # Per term field: its values' term ids, looked up once a name.
        self.term_fields = [(f, k, {}) for f, k in spec.term_fields if f in keys]
        self.records: list[tuple] = []
        self.roles: list[tuple[int, str]] = []
        self.aliases: list[tuple[int, str]] = []
        self.term_rows: list[tuple[int, int]] = []
        self.region_ids = region_ids(catalog)
        # With ``index``: each record's index row, when the one made as it
        # was read fits the terms it is written with; else it is unindexed.
        self.index = index
        self.index_positions: dict[int, int] = {}  # record id -> position in its chunk's IndexRows
        self.index_rows: list[tuple] = []
        self.unindexed: list[int] = []
        self.indexed = 0  # records given their index rows here
        stamp = now_iso()
        self.stamps = (stamp, stamp)

    def add(self, values: dict, extra_roles=(), indexed=None) -> int:
        """Add a record; ``indexed``: what ``csv_index.ReadIndexer`` expects
        of it, its rows to come with ``add_index_rows``."""
        record_id = self.next_id
        self.next_id += 1
        params = self.get_plain(values) if self.plain else ()
        if self.region:
            params = (*params, self.region_ids.get(values.get("region")))
        self.records.append((*params, *self.stamps, record_id))
        roles = values.get("roles")
        if extra_roles:
            roles = [*(roles or ()), *extra_roles]
        if roles:
            self.roles += [(record_id, r) for r in (dict.fromkeys(roles) if len(roles) > 1 else roles)]
        aliases = values.get("aliases")
        if aliases:
            self.aliases += [(record_id, a) for a in dict.fromkeys(aliases)]
        term_rows = self.term_rows
        first_term = len(term_rows)
        for field_name, kind, ids in self.term_fields:
            for name in values.get(field_name) or ():
                term_rows.append((record_id, ids.get(name) or look_up_term(self.catalog, kind, ids, name)))
        if self.index:
            if indexed is not None and indexed[1] == tuple([term_id for _, term_id in term_rows[first_term:]]):
                self.index_positions[record_id] = indexed[0]
            else:
                self.unindexed.append(record_id)
        if len(self.records) >= 2000:
            self.flush()
        return record_id

    def add_index_rows(self, index_rows) -> None:
        """The index rows (``csv_index.IndexRows``) of the chunk whose
        records were just added."""
        if self.index_positions:
            rows = index_rows.take(self.index_positions)
            self.index_rows += rows
            self.indexed += len(rows)
            self.index_positions.clear()

    def forget(self, record_id: int) -> None:
        """A record added with this chunk was changed by a later row: its
        index row no longer holds, and it is indexed from the catalog."""
        if self.index_positions.pop(record_id, None) is not None:
            self.unindexed.append(record_id)

    def flush(self) -> None:
        if not self.records and not self.index_rows:
            return
        conn, spec = self.catalog.conn, self.spec
        conn.executemany(self.sql, self.records)
        conn.executemany("INSERT OR IGNORE INTO organization_roles (org_id, role) VALUES (?, ?)", self.roles)
        conn.executemany("INSERT INTO organization_aliases (org_id, alias) VALUES (?, ?)", self.aliases)
        conn.executemany(f"INSERT OR IGNORE INTO {spec.terms_table} ({spec.owner_column}, term_id) "
                         "VALUES (?, ?)", self.term_rows)
        if self.index_rows:
            search_index.write_rows(conn, self.kind, self.index_rows)
        self.records, self.roles, self.aliases, self.term_rows = [], [], [], []
        self.index_rows = []
