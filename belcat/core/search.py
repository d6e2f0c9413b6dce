"""From what a person typed (and the facet filters chosen) to a ListQuery.

User text never reaches FTS5 MATCH as syntax: it is parsed here into words,
"phrases", -exclusions and field:value items; every word is folded and
transliterated in Python (textnorm) and becomes a quoted prefix term
("word"*). Whatever the text, the result is a valid query.

Syntax (documented in the search box's tooltip and the help):

    робот                 words: every word must match, as a word prefix
    "exact phrase"        words next to each other, in that order
    -word  -"a phrase"    leave out records that match
    field:value           sector:, technology:, country:, region: / city:,
                          name:, partner:, programme:, text:, role:, status:, year:

Ranking (when no column is chosen for sorting): exact name (any form, legal
form aside) first, then names that start with the first word, then other name
matches, then matches elsewhere in the text; ties in name order. Ranking
sorts the whole result, so over ``RANK_LIMIT`` matches the caller orders by
name instead (``plan``), which SQLite reads in index order.
"""

import math
import re
from dataclasses import dataclass, field

from . import listing, vocab
from .catalog import Catalog
from .facets import FACETS, facets_for, facet_clause
from .search_index import TABLES, group_columns
from .textnorm import fold, name_key, swap_layout, translit

MAX_TEXT = 500  # characters of user text considered
MAX_ITEMS = 16  # items (words, phrases, fields) considered
RANK_LIMIT = 5000
# Walking the view in name order against the collected matches beats sorting
# them once the matches exceed WALK_FACTOR * sqrt(records): a page takes about
# 200 / density steps of the walk, sorting about 2 steps per match; the factor
# leaves room for matches bunched in one part of the alphabet.
WALK_FACTOR = 25

# Field names a person may type (English and Russian) -> index group or filter.
FIELD_ALIASES = {
    "name": "name", "название": "name", "имя": "name",
    "sector": "sector", "отрасль": "sector", "сектор": "sector",
    "technology": "technology", "tech": "technology", "технология": "technology",
    "country": "country", "страна": "country",
    "region": "place", "регион": "place", "область": "place", "city": "place", "город": "place",
    "place": "place",
    "partner": "link", "партнер": "link", "org": "link", "project": "link", "проект": "link",
    "programme": "programme", "program": "programme", "программа": "programme",
    "text": "body", "product": "body", "продукт": "body", "description": "body",
    "role": "role", "роль": "role",
    "status": "status", "статус": "status",
    "year": "year", "год": "year",
}

_ITEM = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[^\W\d_][\w]*):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))'
)


@dataclass
class Item:
    words: list[str]  # folded words
    phrase: bool = False
    negative: bool = False
    field: str | None = None  # index group, or role/status/year
    raw: str = ""


@dataclass
class Parsed:
    items: list[Item] = field(default_factory=list)

    @property
    def positive_words(self) -> list[str]:
        return [w for i in self.items if not i.negative and i.field is None and not i.phrase
                for w in i.words]


def parse(text: str | None) -> Parsed:
    """Split user text into items; never raises."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(text or "")[:MAX_TEXT])
    parsed = Parsed()
    for m in _ITEM.finditer(text):
        raw_field = (m.group("field") or "").casefold()
        fld = FIELD_ALIASES.get(raw_field.replace("ё", "е"))
        body = m.group("phrase") if m.group("phrase") is not None else m.group("word") or ""
        if raw_field and fld is None:
            body = f"{raw_field} {body}"  # "http://x" is text, not a field
        words = fold(body).split()
        if not words:
            continue
        item = Item(words, phrase=m.group("phrase") is not None and len(words) > 1,
                    negative=bool(m.group("neg")), field=fld, raw=body)
        if item.field is None and not item.phrase and not item.negative:
            parsed.items.extend(Item([w], raw=w) for w in words)
        else:
            parsed.items.append(item)
        if len(parsed.items) >= MAX_ITEMS:
            break
    return parsed


def _q(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _alternatives(word: str, prefix: bool = True) -> list[str]:
    star = "*" if prefix else ""
    alts = [_q(word) + star]
    sk = _skeleton(word)
    if sk and sk != word:
        alts.append(_q(sk) + star)
    if len(word) >= 3 and not any(ch.isdigit() for ch in word):
        swapped = swap_layout(word)
        if swapped:
            sw = fold(swapped)
            if sw and sw != word and " " not in sw:
                alts.append(_q(sw) + star)
                swt = _skeleton(sw)
                if swt and swt not in (sw, sk):
                    alts.append(_q(swt) + star)
    return alts


def _skeleton(word: str) -> str:
    """The Latin skeleton to look for besides ``word``; none when it is under
    half as long: runs of a letter collapse ("ооо" and "zzzzzz" give "a" and
    "z"), and so short a prefix would match almost every record."""
    sk = translit(word)
    return sk if 2 * len(sk) >= len(word) else ""


def _item_match(item: Item) -> str:
    if item.phrase:
        words = " ".join(item.words)
        sk = translit(words)
        expr = f"({_q(words)} OR {_q(sk)})" if sk and sk != words else _q(words)
    else:
        parts = []
        for w in item.words:
            alts = _alternatives(w)
            parts.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
        expr = " AND ".join(parts)
        if len(parts) > 1:
            expr = f"({expr})"
    if item.field:
        expr = f"{{{group_columns(item.field)}}}: {expr}"
    return expr


def _vocab_codes(choices, words: list[str]) -> list[str]:
    wanted = " ".join(words)
    out = []
    for c in choices:
        if fold(c.code).startswith(wanted) or fold(c.label).startswith(wanted) or \
                fold(c.code.replace("_", " ")).startswith(wanted):
            out.append(c.code)
    return out


def _filter_clause(kind: str, item: Item) -> listing.Clause | None:
    """role:, status:, year: as SQL over the record; None when not for this kind."""
    if item.field == "role" and kind == "organization":
        codes = _vocab_codes(vocab.ORG_ROLES, item.words)
        marks = ", ".join("?" for _ in codes) or "NULL"
        return f"r.id IN (SELECT org_id FROM organization_roles WHERE role IN ({marks}))", codes
    if item.field == "status" and kind == "project":
        codes = _vocab_codes(vocab.PROJECT_STATUSES, item.words)
        marks = ", ".join("?" for _ in codes) or "NULL"
        return f"r.status IN ({marks})", codes
    if item.field == "year":
        years = [int(w) for w in item.words if w.isdigit() and len(w) <= 4]
        if not years:
            return "0", []
        if kind == "project":
            return ("r.start_year <= ? AND coalesce(r.end_year, r.start_year) >= ?",
                    [years[0], years[0]])
        return "substr(r.htp_since, 1, 4) = ?", [str(years[0])]
    return None


def _name_order(view: listing.View) -> str:
    return f"{view.columns[0].sql} COLLATE NOCASE"


def build_query(view: str, text: str = "", facets: dict | None = None, *, sort_key=None,
                descending: bool = False) -> listing.ListQuery:
    """The ListQuery for ``text`` and facet filters in ``view``; never raises on any text."""
    spec = listing.VIEWS[view]
    query = listing.ListQuery(view=view, sort_key=sort_key, descending=descending)
    table = TABLES[spec.kind]
    fts = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
    positive, negative = [], []
    parsed = parse(text)
    for item in parsed.items:
        if item.field in ("role", "status", "year"):
            clause = _filter_clause(spec.kind, item)
            if clause is not None:
                if item.negative:
                    clause = (f"NOT coalesce(({clause[0]}), 0)", clause[1])
                query.clauses.append(clause)
                continue
            item = Item(item.words, negative=item.negative, raw=item.raw)
        (negative if item.negative else positive).append(_item_match(item))
    if positive:
        match = " AND ".join(positive)
        if negative:  # FTS5 leaves them out while it merges, instead of a second id list
            match = f"({match}) NOT ({' OR '.join(negative)})"
        query.match_clause = (f"r.id IN ({fts})", [match])
        query.clauses.append(query.match_clause)
        query.match = (table, match)  # lets plan() and first_page() size the result first
    elif negative:
        query.clauses.append((f"r.id NOT IN ({fts})", [" OR ".join(negative)]))
    for fld, state in (facets or {}).items():
        clause = facet_clause(spec, fld, state)
        if clause is not None:
            query.clauses.append(clause)
    words = parsed.positive_words
    if words:
        key = name_key(" ".join(words)).replace(" ", "")
        names = " AND ".join(
            "(" + " OR ".join(_alternatives(w)) + ")" for w in words)
        first = " OR ".join("^" + a for a in _alternatives(words[0]))
        tiers, params = [], []
        if key:
            tiers.append(f"WHEN r.id IN ({fts}) THEN 0")
            params.append(f"{{keys}}: {_q(key)}")
        tiers.append(f"WHEN r.id IN ({fts}) THEN 1")
        params.append(f"{{name name_t}}: ({first})")
        tiers.append(f"WHEN r.id IN ({fts}) THEN 2")
        params.append(f"{{name name_t}}: ({names})")
        query.rank_sql = (f"CASE {' '.join(tiers)} ELSE 3 END, {_name_order(spec)}", params)
    return query


def _match_count(catalog: Catalog, query: listing.ListQuery, cap: int) -> int | None:
    """How many records the text matches in the whole index, counted up to ``cap``
    (cheap: no view or facet filter); None without search words."""
    match = query.match
    if match is None:
        return None
    table, expr = match
    return catalog.scalar(
        f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?)",
        [expr, cap + 1])


def plan(catalog: Catalog, query: listing.ListQuery) -> listing.ListQuery:
    """The query to run: when the text matches more than RANK_LIMIT records
    of the index, ranking (which sorts the whole result) is set aside for name
    order, which SQLite reads straight from its index; with more than
    WALK_FACTOR * sqrt(records) matches it is marked ``name_walk`` for
    ``first_page``."""
    if query.rank_sql is None or query.sort_key is not None:
        return query
    records = catalog.scalar(f"SELECT max(id) FROM {query.spec.table}") or 0
    walk_min = int(WALK_FACTOR * math.sqrt(records))
    n = _match_count(catalog, query, max(RANK_LIMIT, walk_min))
    if n is None or n <= RANK_LIMIT:
        return query
    planned = listing.ListQuery(query.view, None, False, list(query.clauses), None)
    planned.match = query.match
    planned.match_clause = query.match_clause
    planned.name_walk = n > walk_min
    return planned


# A term of a MATCH expression: "text" or "text"* (quotes doubled inside).
_TERM = re.compile(r'"((?:[^"]|"")*)"(\*?)')
PREFIX_INDEX_MAX = 3  # search_index builds prefix indexes for 1 to 3 letters
SAMPLE = 4000  # records whose matches estimate how dense a result is
PROBE_COST = 200  # one record tested against the index / one match collected


def _cheap_to_probe(expr: str) -> bool:
    """Every term of ``expr`` is one doclist read (a whole word, or a prefix
    with a prefix index), so testing one record against it costs little."""
    return all(not star or len(text.replace('""', '"')) <= PREFIX_INDEX_MAX
               for text, star in _TERM.findall(expr))


def _dense(catalog: Catalog, query: listing.ListQuery, limit: int = 200) -> bool:
    """Whether walking the view in name order and testing each record finds a
    page sooner than collecting every match: testing costs about PROBE_COST
    times collecting one match, a page needs about limit / density tests, and
    collecting takes density × records (density estimated on the first
    SAMPLE records)."""
    table, expr = query.match
    if not _cheap_to_probe(expr):
        return False
    source = query.spec.table
    edge = catalog.scalar(f"SELECT id FROM {source} ORDER BY id LIMIT 1 OFFSET {SAMPLE - 1}")
    if edge is None:
        return False
    hits = catalog.scalar(f"SELECT count(*) FROM {table} WHERE {table} MATCH ? AND rowid <= ?",
                          [expr, edge])
    if not hits:
        return False
    density = hits / SAMPLE
    records = catalog.scalar(f"SELECT max(id) FROM {source}") or 0
    return (limit / density) * PROBE_COST <= density * records


_ROLE_VIEW = re.compile(r"\+r\.id IN \(SELECT org_id FROM organization_roles WHERE role = '(\w+)'\)")


def _per_row_view(where: str) -> str:
    """A role view's member list tested per record (a primary-key read) while
    probing, instead of collected whole first (about 10 ms at 50,000 members)."""
    return _ROLE_VIEW.sub(lambda m: "EXISTS (SELECT 1 FROM organization_roles x WHERE "
                          f"x.org_id = r.id AND x.role = '{m.group(1)}')", where, count=1)


def _probe_order(query: listing.ListQuery) -> bool:
    """The name order that the view's name index gives (what probing walks)."""
    return query.rank_sql is None and query.sort_key in (None, query.spec.columns[0].key)


def first_page(catalog: Catalog, query: listing.ListQuery, limit: int = 200
               ) -> tuple[listing.ListQuery, list[int], bool]:
    """``(planned query, ids of its first page, whether that is every id)`` —
    what the window shows while the full list is read in the background.

    For a result too large to rank whose words match many records (one to
    three letters, "ооо"; the larger the catalog, the lower the share), the page is read by walking the view in name order
    and testing each record against the full-text index, instead of first
    collecting tens of thousands of matching ids: the same rows, in the same
    order, as ``search_ids`` gives."""
    planned = plan(catalog, query)
    if planned.rank_sql is not None:
        return planned, ranked_ids(catalog, planned), True  # at most RANK_LIMIT matches
    run = planned
    clause = planned.match_clause
    if clause is not None and _probe_order(planned) and _dense(catalog, planned, limit):
        table, expr = planned.match
        run = listing.ListQuery(planned.view, planned.sort_key, planned.descending,
                                [c for c in planned.clauses if c is not clause], None)
        run.clauses.append((f"EXISTS (SELECT 1 FROM {table} WHERE {table} MATCH ? AND rowid = r.id)",
                            [expr]))
    elif clause is not None and _probe_order(planned) and planned.name_walk:
        # SQLite collects the matches into a lookup and walks the name index
        # until a page is full ("+" keeps it from fetching each match by id and
        # sorting them all, about 5x slower at 100,000 matches).
        run = listing.ListQuery(planned.view, planned.sort_key, planned.descending,
                                [("+" + c[0], c[1]) if c is clause else c for c in planned.clauses], None)
    where, params = listing.where_sql(run)
    if _probe_order(planned):  # SQLite walks the name index: test the role per record
        where = _per_row_view(where)
    order, order_params = listing.order_sql(run)
    sql = (f"SELECT r.id FROM {run.spec.table} r WHERE {where} ORDER BY {order} "
           f"LIMIT {int(limit) + 1}")
    cursor = catalog.conn.cursor()
    cursor.row_factory = None
    ids = [r[0] for r in cursor.execute(sql, params + order_params)]
    return planned, ids[:limit], len(ids) <= limit


def parse_facet_arg(arg: str) -> tuple[str, str, bool]:
    """"sector=robotics" -> ("sector", "robotics", False); "sector=-robotics" excludes.

    Raises ValueError with a message fit for a person."""
    fld, sep, value = str(arg).partition("=")
    fld, value = fld.strip(), value.strip()
    if not sep or not fld or not value or value == "-":
        raise ValueError(f"--facet wants FIELD=VALUE or FIELD=-VALUE, not {arg!r}")
    if fld not in FACETS:
        raise ValueError(f"unknown facet {fld!r}; facets: {', '.join(sorted(FACETS))}")
    exclude = value.startswith("-")
    return fld, value[1:] if exclude else value, exclude


def facets_from_args(args: list[str]) -> dict:
    out: dict = {}
    for a in args or []:
        fld, value, exclude = parse_facet_arg(a)
        state = out.setdefault(fld, {"include": set(), "exclude": set()})
        state["exclude" if exclude else "include"].add(value)
    return out


def _without_match(query: listing.ListQuery) -> listing.ListQuery:
    """``query`` without its full-text clause (for SQL that starts from the matches)."""
    clause = query.match_clause
    if clause is None:
        return query
    out = listing.ListQuery(query.view, query.sort_key, query.descending,
                            [c for c in query.clauses if c is not clause], query.rank_sql)
    return out


def ranked_ids(catalog: Catalog, query: listing.ListQuery) -> list[int]:
    """``listing.ids`` for a query with search words, read starting from the
    full-text matches (SQLite would otherwise often start from the view's
    whole role list). Same rows, same order."""
    match = query.match
    if match is None:
        return listing.ids(catalog, query)
    table, expr = match
    where, params = listing.where_sql(_without_match(query))  # f already is the match
    where = _per_row_view(where)  # at most RANK_LIMIT records to test
    order, order_params = listing.order_sql(query)
    sql = (f"SELECT r.id FROM (SELECT rowid AS id FROM {table} WHERE {table} MATCH ?) f "
           f"CROSS JOIN {query.spec.table} r ON r.id = f.id WHERE {where} ORDER BY {order}")
    cursor = catalog.conn.cursor()
    cursor.row_factory = None
    return [r[0] for r in cursor.execute(sql, [expr] + params + order_params)]


def search_ids(catalog: Catalog, view: str, text: str = "", facets: dict | None = None, **kw) -> list[int]:
    """Every id of the result in display order (the CLI and export use this)."""
    planned = plan(catalog, build_query(view, text, facets, **kw))
    if planned.rank_sql is not None:
        return ranked_ids(catalog, planned)
    return listing.ids(catalog, planned)


__all__ = ["build_query", "parse", "parse_facet_arg", "facets_from_args", "plan", "search_ids",
           "facets_for", "first_page", "RANK_LIMIT"]
