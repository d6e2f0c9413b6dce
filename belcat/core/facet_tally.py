"""Facet counts in few passes (used by ``facets.facet_counts``).

Instead of joining every record of the result with each facet's
(record, code, label) pairs, the result's ids are materialised once and each
table is read once, grouped by its raw value: ``organization_terms`` by term
id serves the sector, technology and country facets together; one grouped read
of ``organizations`` (or ``projects``) serves region and size (or status,
programme, programme type, start year and pilot stage). Term and programme ids
become codes and labels through small lookups afterwards.

Counts of a result are kept (a few of them) until the catalog changes, so that
a view without text or filters, or a text typed again, costs nothing.
"""

from collections import Counter, OrderedDict

from .catalog import Catalog

_TERM_FACETS = ("sector", "technology", "country")
_ORG_ROW_FACETS = ("region", "size_band")
_PROJECT_ROW_FACETS = ("status", "programme", "programme_kind", "year", "pilot_stage")

_CACHE: "OrderedDict[tuple, dict]" = OrderedDict()
_CACHE_SIZE = 16


def _passes(kind: str, fields: set[str]) -> list[tuple[str, str]]:
    """(pass name, SELECT over base b) for the passes the fields need."""
    owner, terms = ("org_id", "organization_terms") if kind == "organization" else \
        ("project_id", "project_terms")
    out = []
    if fields & set(_TERM_FACETS):
        out.append(("terms", f"SELECT x.term_id, NULL, NULL, NULL, count(*) FROM base b "
                             f"JOIN {terms} x ON x.{owner} = b.id GROUP BY x.term_id"))
    if kind == "organization":
        if "role" in fields:
            out.append(("role", "SELECT x.role, NULL, NULL, NULL, count(*) FROM base b "
                                "JOIN organization_roles x ON x.org_id = b.id GROUP BY x.role"))
        if fields & set(_ORG_ROW_FACETS):
            out.append(("org", "SELECT o.region_id, o.size_band, NULL, NULL, count(*) FROM base b "
                               "JOIN organizations o ON o.id = b.id GROUP BY 1, 2"))
    else:
        if "region" in fields:
            out.append(("region", "SELECT region_id, NULL, NULL, NULL, count(*) FROM ("
                                  "SELECT DISTINCT b.id, o.region_id FROM base b "
                                  "JOIN project_participants pp ON pp.project_id = b.id "
                                  "JOIN organizations o ON o.id = pp.org_id "
                                  "WHERE o.region_id IS NOT NULL) GROUP BY region_id"))
        if fields & set(_PROJECT_ROW_FACETS):
            out.append(("project", "SELECT p.status, p.programme_id, CAST(p.start_year AS TEXT), "
                                   "p.pilot_stage, count(*) FROM base b "
                                   "JOIN projects p ON p.id = b.id GROUP BY 1, 2, 3, 4"))
    return out


def _add(counts: dict, field: str, code, label, n: int) -> None:
    if code is None:
        return
    code = str(code)
    entry = counts.setdefault(field, {}).get(code)
    if entry is None:
        counts[field][code] = [label, n]
    else:
        entry[0] = label if entry[0] is None or (label is not None and label < entry[0]) else entry[0]
        entry[1] += n


def tally(catalog: Catalog, kind: str, base_sql: str, base_params: list,
          fields: list[str]) -> dict[str, list[tuple[str, str | None, int]]]:
    """For each field, ``(code, label, count)`` over the records ``base_sql``
    selects, most frequent first, ties by label (as ``ORDER BY n DESC, label``)."""
    conn = catalog.conn
    key = (id(conn), catalog.data_version(), conn.total_changes, kind, base_sql,
           tuple(base_params), tuple(sorted(fields)))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    wanted = set(fields)
    passes = _passes(kind, wanted)
    counts: dict[str, dict[str, list]] = {}
    if passes:
        sql = f"WITH base(id) AS MATERIALIZED ({base_sql}) " + " UNION ALL ".join(
            f"SELECT '{name}', * FROM ({select})" for name, select in passes)
        cursor = conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(sql, list(base_params)).fetchall()
        terms = {tid: (tkind, code, label) for tid, tkind, code, label in
                 conn.execute("SELECT id, kind, code, name_ru FROM terms")} if rows else {}
        programmes = {pid: (name, pkind) for pid, name, pkind in
                      conn.execute("SELECT id, name, kind FROM programmes")} \
            if kind == "project" and rows else {}
        for name, a, b, c, d, n in rows:
            if name == "terms":
                term = terms.get(a)
                if term and term[0] in wanted and term[0] in _TERM_FACETS:
                    _add(counts, term[0], term[1], term[2], n)
            elif name == "role":
                _add(counts, "role", a, a, n)
            elif name == "org":
                term = terms.get(a)
                if term:
                    _add(counts, "region", term[1], term[2], n)
                _add(counts, "size_band", b, b, n)
            elif name == "region":
                term = terms.get(a)
                if term:
                    _add(counts, "region", term[1], term[2], n)
            else:  # project row: status, programme_id, start year, pilot stage
                _add(counts, "status", a, a, n)
                programme = programmes.get(b)
                if programme:
                    _add(counts, "programme", b, programme[0], n)
                    _add(counts, "programme_kind", programme[1], programme[1], n)
                _add(counts, "year", c, c, n)
                _add(counts, "pilot_stage", d, d, n)
    out = {}
    for field in fields:
        values = [(code, label, n) for code, (label, n) in counts.get(field, {}).items()]
        values.sort(key=lambda v: (-v[2], v[1] is not None, v[1] or ""))
        out[field] = values
    _CACHE[key] = out
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out
