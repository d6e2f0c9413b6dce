"""New records of an import, written in batches with their roles, aliases and
terms; ids are given up front so rows go in by the batch."""

import operator

from ..core import organizations, projects
from ..core.catalog import Catalog
from ..core.records import now_iso
from ..core.taxonomy import term_ids_for


class BatchInserter:
    """New records with one INSERT each and their multi-valued parts in
    batches; terms are looked up once. (Updates go through the core.)"""

    def __init__(self, catalog: Catalog, kind: str, keys: list[str]):
        self.catalog = catalog
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
        self.term_fields = [(f, k) for f, k in spec.term_fields if f in keys]
        self.terms: dict[tuple[str, str], int] = {}
        self.pending = {"records": [], "roles": [], "aliases": [], "terms": []}
        self.region_ids = {r[0]: r[1] for r in catalog.conn.execute(
            "SELECT code, id FROM terms WHERE kind = 'region'")}
        self.stamp = now_iso()

    def _term(self, kind: str, name: str) -> int:
        term_id = self.terms.get((kind, name))
        if term_id is None:
            term_id = self.terms[(kind, name)] = term_ids_for(self.catalog, kind, [name])[0]
        return term_id

    def add(self, values: dict, extra_roles=()) -> int:
        params = [*self.get_plain(values)] if self.plain else []
        if self.region:
            params.append(self.region_ids.get(values.get("region")))
        record_id = self.next_id
        self.next_id += 1
        params += [self.stamp, self.stamp, record_id]
        self.pending["records"].append(params)
        roles = list(dict.fromkeys([*(values.get("roles") or []), *extra_roles]))
        self.pending["roles"] += [(record_id, r) for r in roles]
        self.pending["aliases"] += [(record_id, a) for a in dict.fromkeys(values.get("aliases") or [])]
        terms, pending = self.terms, self.pending["terms"]
        for field_name, kind in self.term_fields:
            for n in values.get(field_name) or ():
                term_id = terms.get((kind, n))
                pending.append((record_id, term_id if term_id is not None else self._term(kind, n)))
        if len(self.pending["records"]) >= 2000:
            self.flush()
        return record_id

    def flush(self) -> None:
        conn, spec = self.catalog.conn, self.spec
        conn.executemany(self.sql, self.pending["records"])
        conn.executemany("INSERT OR IGNORE INTO organization_roles (org_id, role) VALUES (?, ?)",
                         self.pending["roles"])
        conn.executemany("INSERT INTO organization_aliases (org_id, alias) VALUES (?, ?)",
                         self.pending["aliases"])
        conn.executemany(f"INSERT OR IGNORE INTO {spec.terms_table} ({spec.owner_column}, term_id) "
                         "VALUES (?, ?)", self.pending["terms"])
        self.pending = {"records": [], "roles": [], "aliases": [], "terms": []}
