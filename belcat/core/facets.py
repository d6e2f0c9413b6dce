"""Facets: the values of a field over the current result, with counts, and the
filters a click on a value adds (datasette's facets.py and filters.py: small
classes that give SQL and parameters, ``limit + 1`` to know a list was cut).

A facet is defined by the (record id, value code, label) pairs it reads, so
multi-valued fields (sectors, roles, partner countries) count each record once
per value and filters combine as: OR within a facet, AND across facets.
Exclusions remove every record that has the value.
"""

from dataclasses import dataclass

from . import listing
from .catalog import Catalog
from .facet_tally import tally, view_ids

DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class Facet:
    field: str
    label: str  # source text; the UI translates it
    kinds: tuple[str, ...]  # "organization" and/or "project"
    pairs: str  # SELECT owner, code, label ... (owner = record id); {owner} not used
    vocabulary: str | None = None  # labels from belcat.ui.labels for these codes


def _terms(kind: str, owner_table: str, owner_col: str) -> str:
    return (
        f"SELECT x.{owner_col} AS owner, t.code AS code, t.name_ru AS label FROM {owner_table} x "
        f"JOIN terms t ON t.id = x.term_id WHERE t.kind = '{kind}'"
    )


_ORG = ("organization",)
_PRJ = ("project",)

_FACET_LIST = (
    Facet("role", "Role", _ORG,
          "SELECT org_id AS owner, role AS code, role AS label FROM organization_roles", "role"),
    Facet("sector", "Sector", _ORG + _PRJ, ""),  # pairs depend on the kind: see _pairs
    Facet("technology", "Technology", _ORG + _PRJ, ""),
    Facet("region", "Region", _ORG + _PRJ, ""),
    Facet("country", "Partner country", _ORG + _PRJ, ""),
    Facet("size_band", "Size", _ORG,
          "SELECT id AS owner, size_band AS code, size_band AS label FROM organizations "
          "WHERE size_band IS NOT NULL", "size_band"),
    Facet("status", "Status", _PRJ,
          "SELECT id AS owner, status AS code, status AS label FROM projects "
          "WHERE status IS NOT NULL", "status"),
    Facet("programme", "Programme", _PRJ,
          "SELECT p.id AS owner, CAST(g.id AS TEXT) AS code, g.name AS label FROM projects p "
          "JOIN programmes g ON g.id = p.programme_id"),
    Facet("programme_kind", "Programme type", _PRJ,
          "SELECT p.id AS owner, g.kind AS code, g.kind AS label FROM projects p "
          "JOIN programmes g ON g.id = p.programme_id", "programme_kind"),
    Facet("year", "Start year", _PRJ,
          "SELECT id AS owner, CAST(start_year AS TEXT) AS code, CAST(start_year AS TEXT) AS label "
          "FROM projects WHERE start_year IS NOT NULL"),
    Facet("pilot_stage", "Pilot stage", _PRJ,
          "SELECT id AS owner, pilot_stage AS code, pilot_stage AS label FROM projects "
          "WHERE pilot_stage IS NOT NULL", "pilot_stage"),
)
FACETS: dict[str, Facet] = {f.field: f for f in _FACET_LIST}


def _pairs(facet: Facet, kind: str) -> str:
    if facet.field in ("sector", "technology", "country"):
        if kind == "organization":
            return _terms(facet.field, "organization_terms", "org_id")
        return _terms(facet.field, "project_terms", "project_id")
    if facet.field == "region":
        if kind == "organization":
            return ("SELECT o.id AS owner, t.code AS code, t.name_ru AS label FROM organizations o "
                    "JOIN terms t ON t.id = o.region_id")
        return ("SELECT DISTINCT pp.project_id AS owner, t.code AS code, t.name_ru AS label "
                "FROM project_participants pp JOIN organizations o ON o.id = pp.org_id "
                "JOIN terms t ON t.id = o.region_id")
    return facet.pairs


def facets_for(view: str) -> list[Facet]:
    kind = listing.VIEWS[view].kind
    return [f for f in _FACET_LIST if kind in f.kinds]


def facet_clause(spec: listing.View, fld: str, state: dict | None) -> listing.Clause | None:
    """The filter for one facet's chosen values, or None (no choice, or a facet
    that does not apply to this view)."""
    facet = FACETS.get(fld)
    if facet is None or spec.kind not in facet.kinds or not state:
        return None
    include = sorted({str(v) for v in state.get("include") or ()})
    exclude = sorted({str(v) for v in state.get("exclude") or ()} - set(include))
    pairs = _pairs(facet, spec.kind)
    parts, params = [], []
    if include:
        parts.append(f"r.id IN (SELECT owner FROM ({pairs}) WHERE code IN ({', '.join('?' * len(include))}))")
        params += include
    if exclude:
        parts.append(f"r.id NOT IN (SELECT owner FROM ({pairs}) WHERE code IN ({', '.join('?' * len(exclude))}))")
        params += exclude
    return (" AND ".join(parts), params) if parts else None


@dataclass
class FacetResult:
    field: str
    label: str
    vocabulary: str | None
    values: list[tuple[str, str, int]]  # (code, label, count), most frequent first
    truncated: bool  # more values exist than ``limit``


def facet_counts(catalog: Catalog, view: str, text: str = "", facets: dict | None = None,
                 limit: int = DEFAULT_LIMIT, fields: list[str] | None = None,
                 value_filter: dict[str, str] | None = None,
                 limits: dict[str, int] | None = None) -> list[FacetResult]:
    """Values with counts of every facet of ``view`` over the current search.

    Each facet counts over the result filtered by every *other* facet, so the
    values of a facet one has chosen from stay visible to be added (OR).
    ``value_filter`` maps a field to text its value labels must contain
    (searching a long list); chosen values are always listed. ``limits``
    overrides ``limit`` for some fields (a list the user asked to see more of).
    """
    from .search import build_query  # search imports this module
    from .textnorm import fold

    facets = facets or {}
    spec = listing.VIEWS[view]
    value_filter = value_filter or {}
    limits = limits or {}
    # Facets without a filter of their own share one base result: one statement
    # with the base materialised once; a facet with its own filter gets its own.
    groups: dict[tuple, list[Facet]] = {}
    for facet in facets_for(view):
        if fields is not None and facet.field not in fields:
            continue
        others = {k: v for k, v in facets.items() if k != facet.field}
        key = tuple(sorted((k, tuple(sorted(map(str, v.get("include") or ()))),
                            tuple(sorted(map(str, v.get("exclude") or ())))) for k, v in others.items()))
        groups.setdefault(key, []).append(facet)
    rows_by_field: dict[str, list] = {}
    for group in groups.values():
        others = {k: v for k, v in facets.items() if k != group[0].field}
        ids = _result_ids(catalog, build_query(view, text, others))
        counted = tally(catalog, spec.kind, ids, [f.field for f in group])
        for facet in group:
            rows = [(code, lab or code, n) for code, lab, n in counted[facet.field]]
            if not (_chosen(facets, facet.field) or value_filter.get(facet.field)):
                rows = rows[:int(limits.get(facet.field, limit)) + 1]
            rows_by_field[facet.field] = rows
    results = []
    for facet in facets_for(view):
        if fields is not None and facet.field not in fields:
            continue
        rows = rows_by_field.get(facet.field, [])
        lim = limits.get(facet.field, limit)
        chosen = _chosen(facets, facet.field)
        needle = fold(value_filter.get(facet.field, ""))
        if needle:
            rows = [r for r in rows if needle in fold(r[1]) or needle in fold(r[0]) or r[0] in chosen]
        shown = rows[:lim]
        shown += [r for r in rows[lim:] if r[0] in chosen]
        missing = chosen - {r[0] for r in rows}
        shown += [(c, c, 0) for c in sorted(missing)]
        results.append(FacetResult(facet.field, facet.label, facet.vocabulary, shown, len(rows) > lim))
    return results


def _chosen(facets: dict, fld: str) -> set[str]:
    state = facets.get(fld) or {}
    return {str(v) for v in (state.get("include") or ())} | {str(v) for v in (state.get("exclude") or ())}


def _result_ids(catalog: Catalog, query: listing.ListQuery) -> list[int]:
    """The ids of the result, in no particular order. Search words alone are
    read as the full-text matches kept to the view's records."""
    match = query.match
    cursor = catalog.conn.cursor()
    cursor.row_factory = None
    if match is not None and query.clauses == [query.match_clause]:
        table, expr = match
        members = view_ids(catalog, query.spec)
        rows = cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [expr])
        return [i for (i,) in rows if i in members]
    if not query.clauses:
        return list(view_ids(catalog, query.spec))
    sql, params = _base_sql(query)
    return [i for (i,) in cursor.execute(sql, params)]


def _base_sql(query: listing.ListQuery) -> tuple[str, list]:
    """The ids of the result, read from the full-text matches when there are any."""
    where, params = listing.where_sql(query)
    match = query.match
    if match is None:
        return f"SELECT r.id FROM {query.spec.table} r WHERE {where}", params
    table, expr = match
    return (f"SELECT r.id FROM (SELECT rowid AS id FROM {table} WHERE {table} MATCH ?) f "
            f"CROSS JOIN {query.spec.table} r ON r.id = f.id WHERE {where}", [expr] + params)
