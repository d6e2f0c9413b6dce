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
from dataclasses import dataclass

from ..core.catalog import Catalog
from ..core.organizations import stored_aliases
from ..core.records import RecordTable, clean
from ..core.taxonomy import SHARED_NAME, remember_names
from ..core.validation import normalized_project


# The parts of an organization kept outside its row, as the query reads them.
# Roles are codes (no spaces); other names may hold any text, so JSON.
_ORG_PARTS = {
    "region": "(SELECT code FROM terms WHERE id = r.region_id)",
    "roles": "(SELECT group_concat(role, ' ') FROM organization_roles WHERE org_id = r.id)",
    "aliases": ("(SELECT json_group_array(alias) FROM "
                "(SELECT alias FROM organization_aliases WHERE org_id = r.id ORDER BY id))"),
}

@dataclass(frozen=True)
class _Plan:
    unknown: list[str]  # fields not compared: changed whatever they hold
    columns: list[tuple[str, int]]  # (field, its place in the stored row)
    terms: list[tuple[str, str]]  # (field, term kind)


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
            parts["terms"] = (f"(SELECT group_concat(term_id, ' ') FROM {spec.terms_table} "
                              f"WHERE {spec.owner_column} = r.id)")
        if spec.kind == "organization":
            parts.update((p, sql) for p, sql in _ORG_PARTS.items() if p in wanted)
        self.part = {p: len(columns) + i for i, p in enumerate(parts)}  # a part's place in the row
        select = f"SELECT {', '.join([*columns, *parts.values(), 'r.id'])} FROM {spec.table} r"
        self.sql = f"{select} WHERE r.id = ?"
        self.many_sql = f"{select} WHERE r.id IN (SELECT value FROM json_each(?))"
        self.read: dict[int, tuple] = {}  # stored values read ahead, each used once
        self.term_kinds_by_id: dict[int, str] = {}
        self.names: dict[str, dict[str, int]] = {kind: {} for kind in self.term_kinds.values()}
        for term_id, kind, *spellings in self.conn.execute(
                "SELECT id, kind, code, name_ru, name_en FROM terms"):
            self.term_kinds_by_id[term_id] = kind
            if kind in self.names:
                remember_names(self.names[kind], term_id, spellings)
        self.known = {*columns, *self.term_kinds, *(p for p in _ORG_PARTS if p in self.part)}
        self.plans: dict[tuple, _Plan] = {}

    def changes(self, record_id: int, values: dict) -> dict:
        """The values that writing ``values`` to the record would change:
        {} when none would; all of them when the record cannot be read. A
        field this module does not compare always counts as changed."""
        row = self.read.pop(record_id, None) or self.cursor.execute(self.sql, [record_id]).fetchone()
        if row is None:
            return dict(values)
        keys = tuple(values)
        plan = self.plans.get(keys) or self._plan(keys)
        changed = {k: values[k] for k in plan.unknown}
        # A project's derived fields as the core's update stores them.
        stored, columns = (values, plan.columns) if self.spec.kind != "project" else self._project_columns(values)
        for column, i in columns:
            value = stored[column]
            # Most values are stored as given; the others as the core stores them.
            if row[i] != value and row[i] != clean(value):
                changed[column] = value
        part = self.part
        if plan.terms:
            linked: dict[str, set[int]] = {kind: set() for kind in self.names}
            for term_id in map(int, (row[part["terms"]] or "").split()):
                kind = self.term_kinds_by_id.get(term_id) or self._kind_of(term_id)
                linked.setdefault(kind, set()).add(term_id)
            for field, kind in plan.terms:
                if self._term_ids(kind, values[field]) != linked[kind]:
                    changed[field] = values[field]
        if "region" in values and "region" in part and values["region"] != row[part["region"]]:
            changed["region"] = values["region"]
        if "roles" in values and "roles" in part and set(values["roles"] or []) != set((row[part["roles"]] or "").split()):
            changed["roles"] = values["roles"]
        if ("aliases" in values and "aliases" in part
                and stored_aliases(values["aliases"]) != json.loads(row[part["aliases"]])):
            changed["aliases"] = values["aliases"]
        return changed

    def _plan(self, keys: tuple) -> "_Plan":
        """What to compare for values with these keys (a file's rows mostly share theirs)."""
        plan = self.plans[keys] = _Plan(
            unknown=[k for k in keys if k not in self.known],
            columns=[(k, self.position[k]) for k in keys if k in self.position],
            terms=[(f, kind) for f, kind in self.term_kinds.items() if f in keys])
        return plan

    def _project_columns(self, values: dict) -> tuple[dict, list]:
        stored = normalized_project(values)
        return stored, [(k, self.position[k]) for k in stored if k in self.position]

    def read_ahead(self, ids) -> None:
        """Read the stored values of these records in one query (a chunk's
        worth: a query per record costs more than the comparison)."""
        self.read = {row[-1]: row for row in self.cursor.execute(self.many_sql, [json.dumps(sorted(ids))])}

    def forget(self, record_id: int) -> None:
        """The record is about to change: what was read ahead no longer holds."""
        self.read.pop(record_id, None)

    def _term_ids(self, kind: str, names) -> set[int] | None:
        """The terms the names resolve to, as ``taxonomy.term_ids_for``
        resolves a name; None when one of them is new or answered to by
        more than one term."""
        ids = set()
        for name in names or []:
            name = name.strip()
            if not name:
                continue
            term_id = self.names[kind].get(name) or self._look_up(kind, name)
            if term_id is None or term_id == SHARED_NAME:
                return None
            ids.add(term_id)
        return ids

    def _look_up(self, kind: str, name: str) -> int | None:
        """A name not among the terms read at the start: one the import has added since?"""
        found = [r[0] for r in self.conn.execute(
            "SELECT id FROM terms WHERE kind = ? AND (code = ? OR name_ru = ? OR name_en = ?)",
            [kind, name, name, name])]
        if not found:
            return None  # not remembered: a later row may find it added
        term_id = self.names[kind][name] = found[0] if len(found) == 1 else SHARED_NAME
        return term_id

    def _kind_of(self, term_id: int) -> str:
        """The kind of a term the import has added since the start."""
        kind = self.term_kinds_by_id[term_id] = self.conn.execute(
            "SELECT kind FROM terms WHERE id = ?", [term_id]).fetchone()[0]
        return kind
