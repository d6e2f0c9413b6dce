"""Sources (where facts come from) and indicators (figures a source states)."""

from .catalog import Catalog

SOURCE_COLUMNS = ("title", "url", "publisher", "published_on", "note")
INDICATOR_COLUMNS = ("name", "value", "unit", "period", "programme_id", "note", "source_id")


def _insert(catalog: Catalog, table: str, columns: tuple[str, ...], values: dict) -> int:
    row = {c: values.get(c) for c in columns}
    with catalog.write():
        cur = catalog.conn.execute(
            f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        return cur.lastrowid


def create_source(catalog: Catalog, values: dict) -> int:
    """Add a source: title (required), url, publisher, published_on (ISO date), note."""
    return _insert(catalog, "sources", SOURCE_COLUMNS, values)


def sources(catalog: Catalog) -> list[dict]:
    return [dict(r) for r in catalog.query("SELECT * FROM sources ORDER BY published_on, id")]


def create_indicator(catalog: Catalog, values: dict) -> int:
    """Add a figure: name (required), value, unit, period, programme_id, note, source_id."""
    return _insert(catalog, "indicators", INDICATOR_COLUMNS, values)


def indicators(catalog: Catalog, programme_id: int | None = None) -> list[dict]:
    """Every indicator with its programme name and source title, in insertion order."""
    sql = (
        "SELECT i.*, p.name AS programme, s.title AS source_title, "
        "s.published_on AS source_published_on FROM indicators i "
        "LEFT JOIN programmes p ON p.id = i.programme_id "
        "LEFT JOIN sources s ON s.id = i.source_id"
    )
    params: list = []
    if programme_id is not None:
        sql += " WHERE i.programme_id = ?"
        params.append(programme_id)
    return [dict(r) for r in catalog.query(sql + " ORDER BY i.id", params)]
