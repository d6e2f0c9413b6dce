"""Cheaper SQL for the export's cells, giving exactly the cells of
``csv_columns.select_sql`` (tests compare the two byte for byte).

The straightforward query looks up every linked term and every region with a
subquery per record (a join to ``terms`` per value, trimming and doubling the
separator per value). Terms are few (tens per kind), so here they are read
once and written into the query as ``CASE id WHEN ... THEN 'name'`` literals,
already trimmed and with the separator doubled: the per-record work is then
one walk over the record's links, without seeks into ``terms``.

Formula protection of plain text columns is done in SQL as well (repeating a
column reference is free), so that the writer in Python only looks at the few
cells SQL cannot protect cheaply.
"""

from dataclasses import dataclass

from ..core.catalog import Catalog
from .csv_columns import CODES, REGION, TERMS, TEXT, CsvColumn, RU_LABELS, is_text, select_sql
from .csv_format import FORMULA_TRIGGERS, Preset

# Beyond this many candidates a CASE (compared one branch after another)
# stops paying off against an indexed lookup: the plain subquery is kept.
MAX_CASE_BRANCHES = 100


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_trim(text: str) -> str:
    """SQLite's one-argument trim(): spaces only."""
    return text.strip(" ")


def _prepared(value: str, separator: str) -> str:
    """A value as ``csv_format.join_sql`` writes it inside a joined cell."""
    char = separator.strip() or separator
    return _sql_trim(value).replace(char, char * 2)


@dataclass(frozen=True)
class Lookups:
    """The catalog's terms, read once per export: (id, kind, name_ru)."""
    terms: tuple[tuple[int, str, str], ...]

    @classmethod
    def read(cls, catalog: Catalog) -> "Lookups":
        cursor = catalog.conn.cursor()
        cursor.row_factory = None
        try:
            return cls(tuple(cursor.execute("SELECT id, kind, name_ru FROM terms ORDER BY id")))
        finally:
            cursor.close()

    def of_kind(self, kind: str) -> list[tuple[int, str]]:
        return [(i, name) for i, k, name in self.terms if k == kind]


# First characters compared by code point (unicode()): cheaper than a
# one-character substring compared as text.
_TRIGGER_CODES = ", ".join(str(ord(c)) for c in FORMULA_TRIGGERS)
_APOSTROPHE_CODE = ord("'")


def protected_sql(expr: str) -> str:
    """``expr`` with a leading apostrophe when a spreadsheet would run it as a
    formula, as ``csv_format.neutralise`` does (apostrophes already there count)."""
    return (f"(CASE WHEN unicode({expr}) IN ({_TRIGGER_CODES}, {_APOSTROPHE_CODE}) "
            f"AND unicode(ltrim({expr}, '''')) IN ({_TRIGGER_CODES}) "
            f"THEN '''' || {expr} ELSE {expr} END)")


def _safe_start(values) -> bool:
    """True when a cell starting with any of ``values`` cannot look like a formula."""
    return all(v and v[0] not in FORMULA_TRIGGERS and v[0] != "'" for v in values)


def cell_sql(column: CsvColumn, kind: str, preset: Preset, separator: str,
             lookups: Lookups, protect: bool) -> tuple[str, bool]:
    """(SQL expression of the cell, whether Python must still check it for
    formulas). Same cells as ``select_sql`` plus protection."""
    char = separator.strip() or separator
    if column.type == TERMS:
        names = lookups.of_kind(column.term_kind)
        if 0 < len(names) <= MAX_CASE_BRANCHES:
            table = "organization_terms" if kind == "organization" else "project_terms"
            owner = "org_id" if kind == "organization" else "project_id"
            prepared = [(i, _prepared(name, separator)) for i, name in names]
            cases = " ".join(f"WHEN {i} THEN {_lit(p)}" for i, p in prepared)
            # Links are keyed (owner, term): the range of the kind's term ids
            # skips most links of other kinds (the CASE gives them NULL anyway).
            ids = [i for i, _ in names]
            expr = (f"(SELECT group_concat(CASE x.term_id {cases} END, {_lit(separator)}) "
                    f"FROM {table} x WHERE x.{owner} = r.id "
                    f"AND x.term_id BETWEEN {min(ids)} AND {max(ids)})")
            # A cell starts with its first value: when no value can start a
            # formula, no cell of this column can.
            return expr, protect and not _safe_start(p for _, p in prepared)
    if column.type == REGION and len(lookups.terms) <= MAX_CASE_BRANCHES:
        # Regions first: the usual match is found after a few comparisons.
        ordered = sorted(lookups.terms, key=lambda t: t[1] != "region")
        if ordered:
            cases = " ".join(f"WHEN {i} THEN {_lit(name)}" for i, _k, name in ordered)
            return f"(CASE r.region_id {cases} END)", False
    if column.type == CODES:
        labels = RU_LABELS.get(column.vocab) if preset.header == "ru" else None
        fallback = f"replace(trim(role), {_lit(char)}, {_lit(char * 2)})"
        value = fallback
        if labels:
            cases = " ".join(f"WHEN {_lit(code)} THEN {_lit(_prepared(label, separator))}"
                             for code, label in labels.items())
            value = f"CASE role {cases} ELSE {fallback} END"
        return (f"(SELECT group_concat({value}, {_lit(separator)}) "
                f"FROM organization_roles WHERE org_id = r.id)"), False
    expr = select_sql(column, kind, preset, separator)
    if column.type == TEXT and not column.multi and expr == f"r.{column.key}":
        return (protected_sql(expr) if protect else expr), False
    return expr, protect and is_text(column)
