"""The lists the window shows: which records a view holds, its columns, and
the SQL that fetches ids in order and rows by id.

Sorting and filtering run in SQL; a caller keeps the ordered ids and asks for
rows one page at a time (see ``rows``).
"""

from dataclasses import dataclass, field

from .catalog import Catalog

Clause = tuple[str, list]  # (sql condition on alias "r", parameters)


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # source text; the UI translates it
    sql: str  # expression over the record aliased "r"
    sortable: bool = True
    kind: str = "text"  # text | int | codes (comma-joined vocabulary codes)
    width: int = 140
    required: bool = False  # never NULL: lets SQLite sort by the column's index


@dataclass(frozen=True)
class View:
    key: str
    label: str
    table: str
    kind: str  # "organization" or "project": what a row opens
    where: str  # condition that defines the view
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


def _terms(owner_table: str, owner_col: str, kind: str) -> str:
    return (
        f"(SELECT group_concat(t.name_ru, ', ') FROM {owner_table} x JOIN terms t ON t.id = x.term_id "
        f"WHERE x.{owner_col} = r.id AND t.kind = '{kind}')"
    )


_ORG_COLUMNS = (
    Column("name", "Name", "r.name", width=300, required=True),
    Column("legal_form", "Legal form", "r.legal_form", width=80),
    Column("roles", "Roles", "(SELECT group_concat(role, ',') FROM organization_roles WHERE org_id = r.id)",
           sortable=False, kind="codes", width=160),
    Column("region", "Region", "(SELECT name_ru FROM terms WHERE id = r.region_id)", width=170),
    Column("city", "City", "r.city", width=120),
    Column("sectors", "Sectors", _terms("organization_terms", "org_id", "sector"), sortable=False, width=220),
    Column("unp", "UNP", "r.unp", width=90),
    Column("projects", "Projects",
           "(SELECT count(*) FROM project_participants WHERE org_id = r.id)", kind="int", width=70),
    Column("updated_at", "Updated", "r.updated_at", width=150),
)

_PROJECT_COLUMNS = (
    Column("title", "Title", "r.title", width=340, required=True),
    Column("programme", "Programme", "(SELECT name FROM programmes WHERE id = r.programme_id)", width=220),
    Column("status", "Status", "r.status", kind="status", width=165),
    Column("start_year", "From", "r.start_year", kind="int", width=60),
    Column("end_year", "To", "r.end_year", kind="int", width=60),
    Column("participants", "Participants",
           "(SELECT group_concat(o.name, ', ') FROM project_participants pp "
           "JOIN organizations o ON o.id = pp.org_id WHERE pp.project_id = r.id)",
           sortable=False, width=260),
    Column("countries", "Partner countries", _terms("project_terms", "project_id", "country"),
           sortable=False, width=160),
    Column("jobs_created", "Jobs", "r.jobs_created", kind="int", width=60),
    Column("updated_at", "Updated", "r.updated_at", width=150),
)


def _role_view(key: str, label: str, role: str) -> View:
    return View(
        key, label, "organizations", "organization",
        # "+r.id": test membership while walking the name index, instead of
        # looking up each member and sorting them all (a third quicker).
        f"+r.id IN (SELECT org_id FROM organization_roles WHERE role = '{role}')",
        _ORG_COLUMNS,
    )


VIEWS: dict[str, View] = {
    v.key: v
    for v in (
        _role_view("residents", "Residents", "resident"),
        _role_view("enterprises", "Enterprises", "enterprise"),
        View("projects", "Projects", "projects", "project", "1", _PROJECT_COLUMNS),
        View("organizations", "All organizations", "organizations", "organization", "1", _ORG_COLUMNS),
    )
}
DEFAULT_VIEW = "residents"


@dataclass
class ListQuery:
    view: str = DEFAULT_VIEW
    sort_key: str | None = None  # None: the view's first column
    descending: bool = False
    clauses: list[Clause] = field(default_factory=list)
    # An ordering that wins when the user has not chosen a column, e.g. relevance.
    rank_sql: Clause | None = None
    # A full-text search sets these: (index table, MATCH expression) and its
    # clause among ``clauses``, so that a plan can size the result first.
    match: tuple[str, str] | None = field(default=None, compare=False)
    match_clause: Clause | None = field(default=None, compare=False)
    # Set by search.plan when the text matches so many records that walking
    # the name index finds a page sooner than sorting the matches.
    name_walk: bool = field(default=False, compare=False)

    @property
    def spec(self) -> View:
        return VIEWS[self.view]


def where_sql(query: ListQuery) -> tuple[str, list]:
    parts, params = [query.spec.where], []
    for sql, p in query.clauses:
        parts.append(f"({sql})")
        params.extend(p)
    return " AND ".join(parts), params


def order_sql(query: ListQuery) -> tuple[str, list]:
    direction = "DESC" if query.descending else "ASC"
    if query.sort_key is None and query.rank_sql is not None:
        sql, params = query.rank_sql
        return f"{sql}, r.id", list(params)
    column = query.spec.column(query.sort_key) if query.sort_key else query.spec.columns[0]
    if not column.sortable:
        column = query.spec.columns[0]
    order = f"{column.sql} COLLATE NOCASE {direction}, r.id {direction}"
    if not column.required:
        # Empty values go last whatever the direction, as in a spreadsheet.
        order = f"{column.sql} IS NULL, {order}"
    return order, []


def ids(catalog: Catalog, query: ListQuery) -> list[int]:
    """Every id of the result, in display order."""
    where, params = where_sql(query)
    order, order_params = order_sql(query)
    sql = f"SELECT r.id FROM {query.spec.table} r WHERE {where} ORDER BY {order}"
    cursor = catalog.conn.cursor()
    cursor.row_factory = None  # plain tuples: a million ids in a fraction of a second
    return [row[0] for row in cursor.execute(sql, params + order_params)]


def count(catalog: Catalog, query: ListQuery) -> int:
    where, params = where_sql(query)
    return catalog.scalar(f"SELECT count(*) FROM {query.spec.table} r WHERE {where}", params)


def rows(catalog: Catalog, view: View, record_ids: list[int]) -> dict[int, tuple]:
    """Display values of the given records, keyed by id (column order of the view)."""
    if not record_ids:
        return {}
    select = ", ".join(c.sql for c in view.columns)
    marks = ", ".join("?" for _ in record_ids)
    sql = f"SELECT r.id, {select} FROM {view.table} r WHERE r.id IN ({marks})"
    return {row[0]: tuple(row[1:]) for row in catalog.conn.execute(sql, record_ids)}
