"""Writing one record with its multi-valued parts, shared by organizations and
projects. Every public write runs inside ``Catalog.write()``: all or nothing."""

from dataclasses import dataclass
from datetime import datetime, timezone

from .catalog import Catalog
from .errors import ConflictError, NotFoundError
from .taxonomy import term_ids_for


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class RecordTable:
    kind: str  # "organization" or "project"
    table: str
    columns: tuple[str, ...]  # plain columns a caller may set
    terms_table: str
    owner_column: str
    term_fields: tuple[tuple[str, str], ...]  # (field name, term kind)


def clean(value):
    """A value as stored: text trimmed, and None for blank text."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def plain_values(spec: RecordTable, values: dict) -> dict:
    return {c: clean(values[c]) for c in spec.columns if c in values}


def restored_fields(values: dict) -> dict:
    """The id and creation time of a deleted record being put back."""
    if values.get("id") is None:
        return {}
    return {k: values[k] for k in ("id", "created_at", "version") if values.get(k)}


def source_fields(catalog: Catalog, values: dict) -> dict:
    """{"source_id": ...} for a source given by title and URL (found or added),
    when the values name one; {} when they leave the source alone."""
    if "source_title" not in values and "source_url" not in values:
        return {}
    title, url = clean(values.get("source_title")), clean(values.get("source_url"))
    if not title and not url:
        return {"source_id": None}
    row = catalog.conn.execute(
        "SELECT id FROM sources WHERE title IS ? AND url IS ? ORDER BY id LIMIT 1",
        [title or url, url]).fetchone()
    if row:
        return {"source_id": row[0]}
    cur = catalog.conn.execute("INSERT INTO sources (title, url) VALUES (?, ?)", [title or url, url])
    return {"source_id": cur.lastrowid}


def unlink_terms_sql(spec: RecordTable) -> str:
    """The statement taking a record's links to the terms of a kind away
    (parameters: the record's id, the kind). It looks up the kind of each of
    the record's few links: three times quicker than the kind's terms
    listed for each record."""
    return (f"DELETE FROM {spec.terms_table} WHERE {spec.owner_column} = ? "
            f"AND (SELECT kind FROM terms WHERE id = term_id) = ?")


def write_terms(catalog: Catalog, spec: RecordTable, record_id: int, values: dict) -> None:
    for field, kind in spec.term_fields:
        if field not in values:
            continue
        catalog.conn.execute(unlink_terms_sql(spec), [record_id, kind])
        ids = term_ids_for(catalog, kind, list(values[field] or []))
        catalog.conn.executemany(
            f"INSERT OR IGNORE INTO {spec.terms_table} ({spec.owner_column}, term_id) VALUES (?, ?)",
            [(record_id, t) for t in ids],
        )


def insert_row(catalog: Catalog, spec: RecordTable, row: dict) -> int:
    stamp = now_iso()
    row = {"created_at": stamp, "updated_at": stamp, **row}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = catalog.conn.execute(
        f"INSERT INTO {spec.table} ({names}) VALUES ({marks})", list(row.values())
    )
    return cur.lastrowid


def update_row(
    catalog: Catalog, spec: RecordTable, record_id: int, row: dict, expected_version: int | None
) -> None:
    """Update columns and bump the version; refuse if someone else got there first."""
    sets = ", ".join(f"{c} = ?" for c in row)
    sets = (sets + ", " if sets else "") + "updated_at = ?, version = version + 1"
    params = [*row.values(), now_iso(), record_id]
    where = "id = ?"
    if expected_version is not None:
        where += " AND version = ?"
        params.append(expected_version)
    cur = catalog.conn.execute(f"UPDATE {spec.table} SET {sets} WHERE {where}", params)
    if cur.rowcount == 0:
        exists = catalog.scalar(f"SELECT version FROM {spec.table} WHERE id = ?", [record_id])
        if exists is None:
            raise NotFoundError(f"{spec.kind} {record_id} no longer exists")
        raise ConflictError(spec.kind, record_id, None)


def term_names(catalog: Catalog, spec: RecordTable, record_id: int) -> dict[str, list[str]]:
    rows = catalog.query(
        f"SELECT t.kind, t.name_ru FROM {spec.terms_table} x JOIN terms t ON t.id = x.term_id "
        f"WHERE x.{spec.owner_column} = ? ORDER BY t.name_ru",
        [record_id],
    )
    by_kind = {kind: [] for _, kind in spec.term_fields}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r["name_ru"])
    return {field: by_kind[kind] for field, kind in spec.term_fields}


def fetch_row(catalog: Catalog, spec: RecordTable, record_id: int) -> dict:
    row = catalog.conn.execute(f"SELECT * FROM {spec.table} WHERE id = ?", [record_id]).fetchone()
    if row is None:
        raise NotFoundError(f"{spec.kind} {record_id} does not exist")
    return dict(row)


def source_of(catalog: Catalog, source_id: int | None) -> dict | None:
    if source_id is None:
        return None
    row = catalog.conn.execute("SELECT * FROM sources WHERE id = ?", [source_id]).fetchone()
    return dict(row) if row else None
