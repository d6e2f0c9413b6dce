"""The full-text index behind search (FTS5, created by migration 0002).

One FTS5 table per kind of record, its rowid the record's id. Each field group
is stored twice: folded (``textnorm.fold``: case, ё/е, і/и, punctuation) and as
the cross-script Latin skeleton (``textnorm.translit``), so that a name typed
in Russian, Belarusian or Latin finds the record whatever form it was stored
in. ``keys`` holds each name form's ``name_key`` without spaces, one token per
form, for the "exact name" tier of the ranking.

The text is normalised in Python (SQLite's own case folding is ASCII-only),
so the index is kept up to date by the core's writes calling ``reindex``
inside their transaction, not by triggers.

The FTS5 tables are contentless (``content=''``): the index holds only the
tokens. Removing a record's tokens needs the text it was indexed with, so that
text is kept alongside, zlib-packed, in ``<table>_text`` (about a third of
the size FTS5's own content table would take). Prefix indexes for 1 to 3
letters keep the typed prefixes (and their transliterated and layout-swapped
forms, often one or two letters) to one doclist read each.

A large rebuild folds the text in a second process (``_fold_chunk``) while
this one reads the next records and writes the folded ones: about a quarter
faster on two cores. Should that process die, the rest is folded here.
"""

import contextlib
import os
import zlib
from collections import defaultdict, deque
from collections.abc import Iterable

from .catalog import Catalog
from .textnorm import fold_record

# Field groups, in column order. Groups that hold names (of the record, its
# places, its links, its programme) also get a "_t" column with the Latin
# skeleton, so that a name typed in another script finds them; terms carry
# their Russian, Belarusian and English names already, and descriptions are
# searched as written (folded).
GROUPS = ("name", "place", "sector", "technology", "country", "body", "link", "programme")
SKELETON_GROUPS = frozenset({"name", "place", "link", "programme"})
COLUMNS = tuple(c for g in GROUPS for c in ((g, g + "_t") if g in SKELETON_GROUPS else (g,))) + ("keys",)
TABLES = {"organization": "search_org", "project": "search_project"}
INDEX_VERSION = "4"  # bump when normalisation changes: open_catalog rebuilds older indexes
VERSION_KEY = "search_index_version"
CHUNK = 2000


SEP = "\x1f"  # between the packed column values (fold removes it from any text)


def create_tables(conn) -> None:
    cols = ", ".join(COLUMNS)
    for table in TABLES.values():
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({cols}, content='', "
            "prefix='1 2 3', tokenize='ascii', columnsize=0)"
        )
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table}_text (id INTEGER PRIMARY KEY, packed BLOB)")


def group_columns(group: str) -> str:
    """The index columns of a field group, for an FTS5 column filter."""
    return f"{group} {group}_t" if group in SKELETON_GROUPS else group


_SKELETON = [g in SKELETON_GROUPS for g in GROUPS]


def _row(record_id: int, groups: dict[str, list], names: list) -> tuple:
    texts = [[p if isinstance(p, str) else str(p) for p in groups.get(g, ()) if p] for g in GROUPS]
    folded, skeletons, keys = fold_record(texts, [str(n) for n in names if n], _SKELETON)
    values = [record_id]
    for f, sk, with_skeleton in zip(folded, skeletons, _SKELETON):
        values.append(f)
        if with_skeleton:
            values.append(sk)
    unique = []
    for k in keys:
        k = k.replace(" ", "")
        if k and k not in unique:
            unique.append(k)
    values.append(" ".join(unique))
    return tuple(values)


def _marks(ids: list[int]) -> str:
    return ", ".join("?" for _ in ids)


def _grouped(conn, sql: str, ids: list[int], repeat: int = 1) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for owner, *texts in conn.execute(sql.format(marks=_marks(ids)), ids * repeat):
        out[owner].extend(t for t in texts if t)
    return out


def _term_sql(table: str, owner: str) -> str:
    return (
        f"SELECT x.{owner}, t.kind, t.name_ru, t.name_be, t.name_en, t.code FROM {table} x "
        f"JOIN terms t ON t.id = x.term_id WHERE x.{owner} IN ({{marks}})"
    )


def _terms(conn, table: str, owner: str, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rid, kind, *names in conn.execute(_term_sql(table, owner).format(marks=_marks(ids)), ids):
        out[rid][kind].extend(n for n in names if n)
    return out


_ALIASES = "(SELECT group_concat(alias, ' ') FROM organization_aliases a WHERE a.org_id = o.id)"


def _org_texts(conn, ids: list[int]) -> list[tuple]:
    m = _marks(ids)
    base = conn.execute(
        f"SELECT o.id, o.name, o.name_be, o.name_en, o.full_name, o.legal_form, o.unp, o.city, "
        f"o.address, o.website, o.email, o.products, o.description, "
        f"t.name_ru, t.name_be, t.name_en "
        f"FROM organizations o LEFT JOIN terms t ON t.id = o.region_id WHERE o.id IN ({m})",
        ids,
    ).fetchall()
    aliases = _grouped(conn, "SELECT org_id, alias FROM organization_aliases WHERE org_id IN ({marks})", ids)
    terms = _terms(conn, "organization_terms", "org_id", ids)
    links = _grouped(
        conn,
        "SELECT pp.org_id, p.title, p.title_en, NULL FROM project_participants pp "
        "JOIN projects p ON p.id = pp.project_id WHERE pp.org_id IN ({marks}) "
        f"UNION ALL SELECT r.from_org_id, o.name, o.name_en, {_ALIASES} FROM org_relations r "
        "JOIN organizations o ON o.id = r.to_org_id WHERE r.from_org_id IN ({marks}) "
        f"UNION ALL SELECT r.to_org_id, o.name, o.name_en, {_ALIASES} FROM org_relations r "
        "JOIN organizations o ON o.id = r.from_org_id WHERE r.to_org_id IN ({marks})",
        ids, 3,
    )
    relation_text = _grouped(
        conn,
        "SELECT from_org_id, product, note FROM org_relations WHERE from_org_id IN ({marks}) "
        "UNION ALL SELECT to_org_id, product, note FROM org_relations WHERE to_org_id IN ({marks})",
        ids, 2,
    )
    rows = []
    for (oid, name, name_be, name_en, full_name, legal_form, unp, city, address, website, email,
         products, description, reg_ru, reg_be, reg_en) in base:
        names = [name, name_be, name_en, full_name, *aliases.get(oid, [])]
        t = terms.get(oid, {})
        groups = {
            "name": [*names, legal_form, unp],
            "place": [city, reg_ru, reg_be, reg_en, address],
            "sector": t.get("sector", []),
            "technology": t.get("technology", []),
            "country": t.get("country", []),
            "body": [products, description, website, email, *relation_text.get(oid, [])],
            "link": links.get(oid, []),
        }
        rows.append((oid, groups, names))
    return rows


def _project_texts(conn, ids: list[int]) -> list[tuple]:
    m = _marks(ids)
    base = conn.execute(
        f"SELECT p.id, p.title, p.title_en, p.results, p.description, g.name, g.name_en "
        f"FROM projects p LEFT JOIN programmes g ON g.id = p.programme_id WHERE p.id IN ({m})",
        ids,
    ).fetchall()
    terms = _terms(conn, "project_terms", "project_id", ids)
    participants = _grouped(
        conn,
        f"SELECT pp.project_id, o.name, o.name_en, o.full_name, {_ALIASES} "
        "FROM project_participants pp JOIN organizations o ON o.id = pp.org_id "
        "WHERE pp.project_id IN ({marks})",
        ids,
    )
    places = _grouped(
        conn,
        "SELECT pp.project_id, o.city, t.name_ru, t.name_be, t.name_en "
        "FROM project_participants pp JOIN organizations o ON o.id = pp.org_id "
        "LEFT JOIN terms t ON t.id = o.region_id WHERE pp.project_id IN ({marks})",
        ids,
    )
    rows = []
    for pid, title, title_en, results, description, prog, prog_en in base:
        t = terms.get(pid, {})
        groups = {
            "name": [title, title_en],
            "place": list(dict.fromkeys(places.get(pid, []))),
            "sector": t.get("sector", []),
            "technology": t.get("technology", []),
            "country": t.get("country", []),
            "body": [results, description],
            "link": participants.get(pid, []),
            "programme": [prog, prog_en],
        }
        rows.append((pid, groups, [title, title_en]))
    return rows


_TEXTS = {"organization": _org_texts, "project": _project_texts}


def _pack(row: tuple) -> bytes:
    return zlib.compress(SEP.join(row[1:]).encode(), 1)


def _unpack(packed: bytes) -> list[str]:
    return zlib.decompress(packed).decode().split(SEP)


def _fold_chunk(texts: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Index rows and packed texts of one chunk of records (pure Python: it
    may run in a process of its own)."""
    rows = [_row(*t) for t in texts]
    return rows, [(r[0], _pack(r)) for r in rows]


def _insert(conn, kind: str, ids: list[int], pool=None, advance=None) -> None:
    """Index the records; ``advance(n)`` is called as each n of them are written."""
    table = TABLES[kind]
    marks = ", ".join("?" for _ in range(len(COLUMNS) + 1))
    sql = f"INSERT INTO {table} (rowid, {', '.join(COLUMNS)}) VALUES ({marks})"

    def write(folded):
        rows, packed = folded
        conn.executemany(sql, rows)
        conn.executemany(f"INSERT INTO {table}_text (id, packed) VALUES (?, ?)", packed)
        if advance:
            advance(len(rows))

    chunks = [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]
    if pool is None:
        for chunk in chunks:
            write(_fold_chunk(_TEXTS[kind](conn, chunk)))
        return
    from concurrent.futures.process import BrokenProcessPool

    # The other process folds while this one reads the next chunk and writes
    # the previous one; two chunks ahead at most, so memory stays bounded.
    pending: deque = deque()
    written = 0
    try:
        for chunk in chunks:
            pending.append(pool.submit(_fold_chunk, _TEXTS[kind](conn, chunk)))
            if len(pending) > 2:
                write(pending.popleft().result())
                written += 1
        while pending:
            write(pending.popleft().result())
            written += 1
    except BrokenProcessPool:  # the second process died: fold the rest here
        for chunk in chunks[written:]:
            write(_fold_chunk(_TEXTS[kind](conn, chunk)))


def _delete(conn, table: str, ids: list[int]) -> None:
    """Take the records' tokens out of the contentless index (FTS5's 'delete'
    command with the text they were indexed with)."""
    marks = ", ".join("?" for _ in range(len(COLUMNS) + 1))
    sql = f"INSERT INTO {table} ({table}, rowid, {', '.join(COLUMNS)}) VALUES ('delete', {marks})"
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        old = conn.execute(f"SELECT id, packed FROM {table}_text WHERE id IN ({_marks(chunk)})",
                           chunk).fetchall()
        conn.executemany(sql, [(rid, *_unpack(packed)) for rid, packed in old])
        conn.execute(f"DELETE FROM {table}_text WHERE id IN ({_marks(chunk)})", chunk)


def reindex(catalog: Catalog, kind: str, ids: Iterable[int], progress=None) -> None:
    """Bring the index entries of the given records up to date (deleted records
    are dropped). Call inside ``catalog.write()``. ``progress(done, total)``
    is called now and then; it may raise to stop (the caller rolls back)."""
    if not is_current(catalog):  # an index of an older layout: build it afresh
        rebuild(catalog, progress)
        return
    ids = sorted({int(i) for i in ids if i is not None})
    _delete(catalog.conn, TABLES[kind], ids)
    _insert(catalog.conn, kind, ids, advance=_counter(len(ids), progress))


BULK_CONFIG = {"automerge": 0, "hashsize": 16 * 1024 * 1024}
DEFAULT_CONFIG = {"automerge": 4, "hashsize": 1024 * 1024}  # FTS5's own defaults


def _configure(conn, table: str, config: dict) -> None:
    for key, value in config.items():
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES (?, ?)", [key, value])


PARALLEL_MIN = 20_000  # records; fewer are folded sooner than a second process starts


def _folding_pool(records: int):
    """A second process to fold text in while this one writes, for a large
    rebuild on a machine with more than one core (else no pool)."""
    if records < PARALLEL_MIN or (os.cpu_count() or 1) < 2:
        return contextlib.nullcontext()
    from concurrent.futures import ProcessPoolExecutor  # about 35 ms to import: not at start-up

    return ProcessPoolExecutor(1)


def _counter(total: int, progress):
    """An ``advance(n)`` that reports ``progress(done, total)``, or None."""
    if progress is None:
        return None
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        progress(done[0], total)
    return advance


def rebuild(catalog: Catalog, progress=None) -> None:
    """Index every record afresh. Call inside ``catalog.write()``;
    ``progress`` as for ``reindex``."""
    rebuild_connection(catalog.conn, progress)


def rebuild_connection(conn, progress=None) -> None:
    """``rebuild`` on a bare connection (the migration has no Catalog)."""
    for table in TABLES.values():
        conn.execute(f"DROP TABLE IF EXISTS {table}")  # much faster than deleting every row
        conn.execute(f"DROP TABLE IF EXISTS {table}_text")
    create_tables(conn)
    cursor = conn.cursor()
    cursor.row_factory = None
    ids = {kind: [r[0] for r in cursor.execute(f"SELECT id FROM {source} ORDER BY id")]
           for kind, source in (("organization", "organizations"), ("project", "projects"))}
    total = sum(map(len, ids.values()))
    advance = _counter(total, progress)
    with _folding_pool(total) as pool:
        for kind, table in TABLES.items():
            # Bulk load: bigger in-memory segments and no merging until the one
            # 'optimize' at the end (about a third less FTS5 work), then the defaults.
            _configure(conn, table, BULK_CONFIG)
            _insert(conn, kind, ids[kind], pool, advance)
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
            _configure(conn, table, DEFAULT_CONFIG)
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [VERSION_KEY, INDEX_VERSION]
    )


def dependents(catalog: Catalog, kind: str, record_id: int) -> dict[str, set[int]]:
    """The record and the records whose indexed text includes its name."""
    out: dict[str, set[int]] = {"organization": set(), "project": set()}
    out[kind].add(record_id)
    if kind == "organization":
        out["project"].update(r[0] for r in catalog.conn.execute(
            "SELECT project_id FROM project_participants WHERE org_id = ?", [record_id]))
        out["organization"].update(r[0] for r in catalog.conn.execute(
            "SELECT to_org_id FROM org_relations WHERE from_org_id = ? "
            "UNION SELECT from_org_id FROM org_relations WHERE to_org_id = ?",
            [record_id, record_id]))
    else:
        out["organization"].update(r[0] for r in catalog.conn.execute(
            "SELECT org_id FROM project_participants WHERE project_id = ?", [record_id]))
    return out


def merge(*groups: dict[str, set[int]]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {"organization": set(), "project": set()}
    for g in groups:
        for kind, ids in g.items():
            out[kind].update(ids)
    return out


def reindex_all(catalog: Catalog, groups: dict[str, set[int]]) -> None:
    for kind, ids in groups.items():
        if ids:
            reindex(catalog, kind, ids)


def is_current(catalog: Catalog) -> bool:
    return catalog.scalar("SELECT value FROM settings WHERE key = ?", [VERSION_KEY]) == INDEX_VERSION
