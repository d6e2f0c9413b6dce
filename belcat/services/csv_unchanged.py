"""Whether an imported row would change the record it updates.

Re-importing an edited export is the usual way to update records from a
spreadsheet, and most of its rows say what the catalog already holds. Such
a row is left alone: no version bump, no new "updated" time, nothing to
reindex. A row is judged unchanged only when every value it gives is what
the core would store for it; any doubt (a field this module does not know,
a name that may resolve to another term) counts as a change, and the
fields that change are the ones written (``csv_updater``).
"""

import json

from ..core.catalog import Catalog
from ..core.organizations import stored_aliases
from ..core.records import RecordTable, clean
from ..core.validation import normalized_project


# The parts of an organization kept outside its row, as the query reads them.
_ORG_PARTS = {
    "region": "(SELECT code FROM terms WHERE id = r.region_id)",
    "roles": "(SELECT json_group_array(role) FROM organization_roles WHERE org_id = r.id)",
    "aliases": ("(SELECT json_group_array(alias) FROM "
                "(SELECT alias FROM organization_aliases WHERE org_id = r.id ORDER BY id))"),
}


class CurrentValues:
    """The stored values of one kind of record, read a record at a time in
    one query: its row, region code, roles, names and linked terms; only
    the fields of ``keys`` (a file's columns) when given."""

    def __init__(self, catalog: Catalog, spec: RecordTable, keys=None):
        self.conn = catalog.conn
        self.cursor = catalog.conn.cursor()
        self.cursor.row_factory = None
        self.spec = spec
        wanted = set(spec.columns) | {f for f, _ in spec.term_fields} | set(_ORG_PARTS) if keys is None else set(keys)
        if spec.kind == "project":  # a programme is given by its id; derived fields are stored too
            wanted |= normalized_project(dict.fromkeys(wanted)).keys() | {"programme_id"}
        columns = [c for c in spec.columns if c in wanted]
        self.position = {c: i for i, c in enumerate(columns)}  # a column's place in the query's row
        self.term_kinds = {f: k for f, k in spec.term_fields if f in wanted}
        parts = {}
        if self.term_kinds:
            parts["terms"] = (f"(SELECT json_group_array(json_array(t.kind, t.code, t.name_ru, t.name_en)) "
                              f"FROM {spec.terms_table} x JOIN terms t ON t.id = x.term_id "
                              f"WHERE x.{spec.owner_column} = r.id)")
        if spec.kind == "organization":
            parts.update((p, sql) for p, sql in _ORG_PARTS.items() if p in wanted)
        self.part = {p: len(columns) + i for i, p in enumerate(parts)}  # a part's place in the row
        select = f"SELECT {', '.join([*columns, *parts.values(), 'r.id'])} FROM {spec.table} r"
        self.sql = f"{select} WHERE r.id = ?"
        self.many_sql = f"{select} WHERE r.id IN (SELECT value FROM json_each(?))"
        self.read: dict[int, tuple] = {}  # stored values read ahead, each used once
        self.matches: dict[tuple[str, str], int] = {}  # (kind, name): terms the name resolves to
        self.known = {*columns, *self.term_kinds, *(p for p in _ORG_PARTS if p in self.part)}

    def changes(self, record_id: int, values: dict) -> dict:
        """The values that writing ``values`` to the record would change:
        {} when none would; all of them when the record cannot be read. A
        field this module does not compare always counts as changed."""
        row = self.read.pop(record_id, None) or self.cursor.execute(self.sql, [record_id]).fetchone()
        if row is None:
            return dict(values)
        known = self.known
        changed = {k: v for k, v in values.items() if k not in known}
        # A project's derived fields as the core's update stores them.
        stored = normalized_project(values) if self.spec.kind == "project" else values
        position = self.position
        for column, value in stored.items():
            i = position.get(column)
            if i is not None and row[i] != clean(value):  # as the core stores it
                changed[column] = value
        part = self.part
        if not values.keys().isdisjoint(self.term_kinds):
            terms = json.loads(row[part["terms"]])
            for field, kind in self.term_kinds.items():
                if field in values and not self._same_terms(kind, values[field], [t for t in terms if t[0] == kind]):
                    changed[field] = values[field]
        if "region" in values and "region" in part and values["region"] != row[part["region"]]:
            changed["region"] = values["region"]
        if "roles" in values and "roles" in part and set(values["roles"] or []) != set(json.loads(row[part["roles"]])):
            changed["roles"] = values["roles"]
        if ("aliases" in values and "aliases" in part
                and stored_aliases(values["aliases"]) != json.loads(row[part["aliases"]])):
            changed["aliases"] = values["aliases"]
        return changed

    def read_ahead(self, ids) -> None:
        """Read the stored values of these records in one query (a chunk's
        worth: a query per record costs more than the comparison)."""
        self.read = {row[-1]: row for row in self.cursor.execute(self.many_sql, [json.dumps(sorted(ids))])}

    def forget(self, record_id: int) -> None:
        """The record is about to change: what was read ahead no longer holds."""
        self.read.pop(record_id, None)

    def _same_terms(self, kind: str, names, linked: list) -> bool:
        """Whether the names resolve to exactly the linked terms ((kind, code,
        name_ru, name_en) each), as ``taxonomy.term_ids_for`` resolves a name."""
        matched = set()
        for name in names or []:
            name = name.strip()
            if not name:
                continue
            found = [i for i, (_kind, *spellings) in enumerate(linked) if name in spellings]
            if len(found) != 1 or self._resolves_to(kind, name) != 1:  # new, or shared with another term
                return False
            matched.add(found[0])
        return len(matched) == len(linked)

    def _resolves_to(self, kind: str, name: str) -> int:
        key = (kind, name)
        if key not in self.matches:
            self.matches[key] = self.conn.execute(
                "SELECT count(*) FROM terms WHERE kind = ? AND (code = ? OR name_ru = ? OR name_en = ?)",
                [kind, name, name, name]).fetchone()[0]
        return self.matches[key]
