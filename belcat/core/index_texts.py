"""What of a record goes into the search index: its texts, one string per
field group, gathered by SQLite for a chunk of records at a time
(``TEXTS[kind](conn, ids)``); ``search_index`` folds and writes them.

A record's own columns come back concatenated per group; the parts kept in
other tables (aliases, terms, links) are read a table at a time for the whole
chunk, grouped by record, rather than by a subquery per record.
"""


def marks(ids: list[int]) -> str:
    """SQL placeholders for ``ids``."""
    return ", ".join("?" for _ in ids)


NAMES_SEP = "\x1e"  # between a record's name forms (fold removes it)


def _joined(*columns: str) -> str:
    return " || ' ' || ".join(f"ifnull({c}, '')" for c in columns)


def _aliases(org: str) -> str:
    return f"(SELECT group_concat(alias, ' ') FROM organization_aliases a WHERE a.org_id = {org}.id)"


def _where(column: str, ids: list[int]) -> tuple[str, list[int]]:
    """``column`` among the sorted ``ids``: a range when they run without a gap."""
    if ids[-1] - ids[0] + 1 == len(ids):
        return f"{column} BETWEEN ? AND ?", [ids[0], ids[-1]]
    return f"{column} IN ({marks(ids)})", ids


def _by_record(cursor, sql: str, column: str, ids: list[int]) -> dict:
    """record id -> text, from ``sql`` (``{where}`` for its records)."""
    where, params = _where(column, ids)
    return dict(cursor.execute(sql.format(where=where), params).fetchall())


_ORG_NAMES = " || char(30) || ".join(f"ifnull(r.{c}, '')" for c in ("name", "name_be", "name_en", "full_name"))
_ORG_SQL = f"""
SELECT r.id, r.legal_form, r.unp,
  {_joined('r.city', 'g.name_ru', 'g.name_be', 'g.name_en', 'r.address')},
  {_joined('r.products', 'r.description', 'r.website', 'r.email')}, {_ORG_NAMES}
FROM organizations r LEFT JOIN terms g ON g.id = r.region_id WHERE {{where}} ORDER BY r.id
"""
_ORG_ALIASES = ("SELECT org_id, group_concat(alias, char(30)) FROM organization_aliases "
                "WHERE {where} GROUP BY org_id")
_ORG_TERMS = "SELECT org_id, group_concat(term_id, ' ') FROM organization_terms WHERE {where} GROUP BY org_id"
_ORG_PROJECTS = f"""
SELECT pp.org_id, group_concat({_joined('p.title', 'p.title_en')}, ' ')
FROM project_participants pp JOIN projects p ON p.id = pp.project_id WHERE {{where}} GROUP BY pp.org_id
"""


def _relations_seen_from(own: str, other: str) -> str:
    """The relations of the organizations in ``{own}``: the organization,
    the relation, its product and the other organization's names."""
    return f"""
SELECT x.{own}, x.id, {_joined('x.product', 'x.note')}, {_joined('o.name', 'o.name_en', _aliases('o'))}
FROM org_relations x JOIN organizations o ON o.id = x.{other} WHERE {{{own}}}"""


# A relation belongs to the texts of both its organizations.
_ORG_RELATIONS = (_relations_seen_from("from_org_id", "to_org_id") + " UNION ALL "
                  + _relations_seen_from("to_org_id", "from_org_id") + " ORDER BY 1, 2")


# The fields of an organization that its own index entry holds (its links
# aside), and those that the entries of the records linked to it hold (see
# _PROJECT_PLACES, _PROJECT_PARTICIPANTS and _relations_seen_from): a change
# to any other field leaves the index as it is.
ORG_INDEXED_FIELDS = frozenset({
    "name", "name_be", "name_en", "full_name", "aliases", "legal_form", "unp", "city", "region",
    "address", "products", "description", "website", "email", "sectors", "technologies", "countries"})
ORG_FIELDS_IN_LINKED_TEXTS = frozenset({"name", "name_en", "full_name", "aliases", "city", "region"})


def _org_texts(conn, ids: list[int]) -> list[tuple]:
    """(id, legal form, UNP, one text per group but the names, the name
    forms) of each organization; ``ids`` sorted."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: they go to the folding process
    aliases = _by_record(cursor, _ORG_ALIASES, "org_id", ids)
    term_ids = _by_record(cursor, _ORG_TERMS, "org_id", ids)
    projects = _by_record(cursor, _ORG_PROJECTS, "pp.org_id", ids)
    products: dict[int, list[str]] = {}
    partners: dict[int, list[str]] = {}
    (from_where, from_params), (to_where, to_params) = (_where(f"x.{c}", ids) for c in ("from_org_id", "to_org_id"))
    sql = _ORG_RELATIONS.format(from_org_id=from_where, to_org_id=to_where)
    for org_id, _, product, names in cursor.execute(sql, from_params + to_params):
        products.setdefault(org_id, []).append(product)
        partners.setdefault(org_id, []).append(names)
    where, params = _where("r.id", ids)
    return [(rid, legal_form, unp, places, term_ids.get(rid), body + " " + " ".join(products.get(rid, ())),
             projects.get(rid, "") + " " + " ".join(partners.get(rid, ())), "",
             names + NAMES_SEP + aliases.get(rid, ""))
            for rid, legal_form, unp, places, body, names in cursor.execute(_ORG_SQL.format(where=where), params)]


def new_organization_texts(record_id: int, values: dict, region: str, terms: str | None,
                           aliases: list[str]) -> tuple:
    """What ``_org_texts`` gathers for an organization just added from
    ``values``, with its region's names (``region_text``), term ids
    (``terms_text``) and aliases as written, while it has no links yet: a
    large import hands these to the index instead of reading its rows back."""
    get = values.get
    places = f"{get('city') or ''} {region} {get('address') or ''}"
    body = (f"{get('products') or ''} {get('description') or ''} "
            f"{get('website') or ''} {get('email') or ''} ")
    names = (f"{get('name') or ''}{NAMES_SEP}{get('name_be') or ''}{NAMES_SEP}"
             f"{get('name_en') or ''}{NAMES_SEP}{get('full_name') or ''}{NAMES_SEP}{NAMES_SEP.join(aliases)}")
    return record_id, get("legal_form"), get("unp"), places, terms, body, " ", "", names


def terms_text(term_ids) -> str | None:
    """A record's term ids as gathered: group_concat over the key (org_id, term_id)."""
    return " ".join(map(str, sorted(set(term_ids)))) if term_ids else None


def region_text(names: tuple | None) -> str:
    """A region's names (ru, be, en; None: no region) as places hold them."""
    return " ".join(name or "" for name in (names or ("", "", "")))


_PROJECT_SQL = f"""
SELECT r.id, {_joined('r.results', 'r.description')}, {_joined('g.name', 'g.name_en')},
  ifnull(r.title, '') || char(30) || ifnull(r.title_en, '')
FROM projects r LEFT JOIN programmes g ON g.id = r.programme_id WHERE {{where}} ORDER BY r.id
"""
_PROJECT_PLACES = f"""
SELECT pp.project_id, group_concat(DISTINCT {_joined('o.city', 't.name_ru', 't.name_be', 't.name_en')})
FROM project_participants pp JOIN organizations o ON o.id = pp.org_id
LEFT JOIN terms t ON t.id = o.region_id WHERE {{where}} GROUP BY pp.project_id
"""
_PROJECT_TERMS = ("SELECT project_id, group_concat(term_id, ' ') FROM project_terms "
                  "WHERE {where} GROUP BY project_id")
_PROJECT_PARTICIPANTS = f"""
SELECT pp.project_id, group_concat({_joined('o.name', 'o.name_en', 'o.full_name', _aliases('o'))}, ' ')
FROM project_participants pp JOIN organizations o ON o.id = pp.org_id WHERE {{where}} GROUP BY pp.project_id
"""


def _project_texts(conn, ids: list[int]) -> list[tuple]:
    """As ``_org_texts``, for projects."""
    cursor = conn.cursor()
    cursor.row_factory = None
    places = _by_record(cursor, _PROJECT_PLACES, "pp.project_id", ids)
    term_ids = _by_record(cursor, _PROJECT_TERMS, "project_id", ids)
    participants = _by_record(cursor, _PROJECT_PARTICIPANTS, "pp.project_id", ids)
    where, params = _where("r.id", ids)
    return [(rid, "", "", places.get(rid), term_ids.get(rid), body, participants.get(rid), programme, names)
            for rid, body, programme, names in cursor.execute(_PROJECT_SQL.format(where=where), params)]


TEXTS = {"organization": _org_texts, "project": _project_texts}
