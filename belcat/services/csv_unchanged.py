"""Whether an imported row would change the record it updates.

Re-importing an edited export is the usual way to update records from a
spreadsheet, and most of its rows say what the catalog already holds. Such
a row is left alone: no version bump, no new "updated" time, nothing to
reindex. A row is judged unchanged only when every value it gives is what
the core would store for it; any doubt (a field this module does not know,
a name that may resolve to another term) counts as a change and the row
goes through the core's update as before.
"""

import json

from ..core.catalog import Catalog
from ..core.records import RecordTable, plain_values
from ..core.validation import normalized_project


class CurrentValues:
    """The stored values of one kind of record, read a record at a time in
    one query: its row, region code, roles, names and linked terms."""

    def __init__(self, catalog: Catalog, spec: RecordTable):
        self.conn = catalog.conn
        self.cursor = catalog.conn.cursor()
        self.cursor.row_factory = None
        self.spec = spec
        owner = spec.owner_column
        extra = ""
        if spec.kind == "organization":
            extra = (", (SELECT code FROM terms WHERE id = r.region_id)"
                     ", (SELECT json_group_array(role) FROM organization_roles WHERE org_id = r.id)"
                     ", (SELECT json_group_array(alias) FROM "
                     "(SELECT alias FROM organization_aliases WHERE org_id = r.id ORDER BY id))")
        select = (f"SELECT {', '.join(spec.columns)}, "
                  f"(SELECT json_group_array(json_array(t.kind, t.code, t.name_ru, t.name_en)) "
                  f"FROM {spec.terms_table} x JOIN terms t ON t.id = x.term_id "
                  f"WHERE x.{owner} = r.id){extra}, r.id FROM {spec.table} r")
        self.sql = f"{select} WHERE r.id = ?"
        self.many_sql = f"{select} WHERE r.id IN (SELECT value FROM json_each(?))"
        self.read: dict[int, tuple] = {}  # stored values read ahead, each used once
        self.position = {c: i for i, c in enumerate(spec.columns)}  # in the query's row
        self.term_kinds = dict(spec.term_fields)
        self.matches: dict[tuple[str, str], int] = {}  # (kind, name): terms the name resolves to
        self.known = {*spec.columns, *self.term_kinds, *(("region", "roles", "aliases")
                                                          if spec.kind == "organization" else ())}

    def same(self, record_id: int, values: dict) -> bool:
        """True when writing ``values`` (the fields a row gives) to the record
        would leave it as it is."""
        if not values.keys() <= self.known:
            return False
        if self.spec.kind == "project":
            values = normalized_project(values)  # as the core's update stores them
        row = self.read.pop(record_id, None) or self.cursor.execute(self.sql, [record_id]).fetchone()
        if row is None:
            return False
        position = self.position
        if any(row[position[c]] != v for c, v in plain_values(self.spec, values).items()):
            return False
        n = len(position)
        if values.keys() & self.term_kinds:
            terms = json.loads(row[n])
            for field, kind in self.term_kinds.items():
                linked = [t for t in terms if t[0] == kind]
                if field in values and not self._same_terms(kind, values[field], linked):
                    return False
        if self.spec.kind != "organization":
            return True
        if "region" in values and values["region"] != row[n + 1]:
            return False
        if "roles" in values and set(values["roles"] or []) != set(json.loads(row[n + 2])):
            return False
        given = list(dict.fromkeys(a.strip() for a in values.get("aliases") or [] if a.strip()))
        return "aliases" not in values or given == json.loads(row[n + 3])

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
