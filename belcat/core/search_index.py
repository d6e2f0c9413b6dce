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
text is kept alongside, Zstandard-packed, in ``<table>_text`` (about a third of
the size FTS5's own content table would take). Prefix indexes for 1 to 3
letters keep the typed prefixes (and their transliterated and layout-swapped
forms, often one or two letters) to one doclist read each.

A large rebuild folds the text in a second process (``_fold_chunk``, a
chunk's records a column at a time) while this one reads the next records
and writes the folded ones, folding some chunks itself whenever it would
otherwise wait (``offload.in_order``). Should that process die, the rest is
folded here.
"""

import contextlib
import json
import zlib
from collections.abc import Iterable

from .catalog import Catalog
from .index_texts import NAMES_SEP, TEXTS, marks
from .offload import in_order, second_process
from .textnorm import fold, fold_column, fold_translit_column, name_keys, translit_numbers

# Field groups, in column order. Groups that hold names (of the record, its
# places, its links, its programme) also get a "_t" column with the Latin
# skeleton, so that a name typed in another script finds them; terms carry
# their Russian, Belarusian and English names already, and descriptions are
# searched as written (folded).
GROUPS = ("name", "place", "sector", "technology", "country", "body", "link", "programme")
SKELETON_GROUPS = frozenset({"name", "place", "link", "programme"})
COLUMNS = tuple(c for g in GROUPS for c in ((g, g + "_t") if g in SKELETON_GROUPS else (g,))) + ("keys",)
TABLES = {"organization": "search_org", "project": "search_project"}
SOURCES = {"organization": "organizations", "project": "projects"}  # the tables indexed
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
_TERM_GROUPS = GROUPS[2:5]  # sector, technology, country: from the term list, folded once


def term_folds(conn) -> dict[int, tuple[int, str]]:
    """term id -> (its group's position in GROUPS, its names folded): a
    record's sectors, technologies and countries come from a few hundred
    terms, folded once per rebuild instead of once per record. A name that
    folds like one before it (a code spelled as the Russian name, say) is
    left out: it would only repeat the same words in every record."""
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        "SELECT id, kind, name_ru, name_be, name_en, code FROM terms "
        f"WHERE kind IN ({marks(_TERM_GROUPS)})", _TERM_GROUPS)
    return {tid: term_fold(kind, names) for tid, kind, *names in rows}


def term_fold(kind: str, names) -> tuple[int, str]:
    """A term's entry in ``term_folds`` from its kind and (name_ru, name_be,
    name_en, code)."""
    return GROUPS.index(kind), " ".join(filter(None, dict.fromkeys(map(fold, names))))


def _rows(terms: dict[int, tuple[int, str]], texts: list[tuple]) -> list[tuple]:
    """The index rows of a chunk of records from their gathered texts (see
    ``index_texts``)."""
    return list(zip(*index_columns(texts, terms)))


def index_columns(texts: list[tuple], terms: dict[int, tuple[int, str]]) -> list[list]:
    """The index rows of records from their texts as ``index_texts``
    gathers them (``terms`` from ``term_folds``), a column at a time: the
    ids, then one list per index column. Pure Python, reads nothing: it may
    run in another process."""
    if not texts:
        return []
    ids, name_extras, unps, places, term_ids, *groups, names = zip(*texts)
    forms = [[n for n in (ns or "").split(NAMES_SEP) if n] for ns in names]
    # A UNP of digits is its own fold and is set after the name's other words
    # rather than passed through the word caches: each record has one never
    # seen before, and they cost twice as much as all the names' other words.
    numbers = [unp if unp and unp.isascii() and unp.isdigit() else "" for unp in unps]
    name_texts = [" ".join(f) + " " + (extra or "") + " " + ("" if number else unp or "")
                  for f, extra, unp, number in zip(forms, name_extras, unps, numbers)]
    # In GROUPS order; the term groups (sector, technology, country) come from ``terms``.
    term_texts = [[[] for _ in ids] for _ in _TERM_GROUPS]
    first_term_group = GROUPS.index(_TERM_GROUPS[0])
    for record, ids_text in enumerate(term_ids):
        for tid in (ids_text or "").split():
            position, text = terms.get(int(tid), (None, ""))
            if position is not None:
                term_texts[position - first_term_group][record].append(text)
    columns: list = [ids]
    texts_by_group = iter([name_texts, places, *groups])
    for group, with_skeleton in zip(GROUPS, _SKELETON):
        if group in _TERM_GROUPS:
            columns.append([" ".join(t) for t in term_texts[GROUPS.index(group) - first_term_group]])
            continue
        group_texts = next(texts_by_group)
        if group == "name":
            folded, skeletons = fold_translit_column(group_texts)
            columns += (_then(folded, numbers), _then(skeletons, translit_numbers(numbers)))
        elif with_skeleton:
            columns += fold_translit_column(group_texts)
        else:
            columns.append(fold_column(group_texts))
    all_keys = iter(name_keys([form for record_forms in forms for form in record_forms]))
    keys = []
    for record_forms in forms:
        unique = []
        for _ in record_forms:
            k = next(all_keys).replace(" ", "")
            if k and k not in unique:
                unique.append(k)
        keys.append(" ".join(unique))
    columns.append(keys)
    return columns


def _then(texts: list[str], more: list[str]) -> list[str]:
    """Each text followed by its ``more`` (either may be empty)."""
    return [f"{text} {extra}" if text and extra else text or extra for text, extra in zip(texts, more)]


_INSERT_SQL = {
    kind: f"INSERT INTO {table} (rowid, {', '.join(COLUMNS)}) "
          f"VALUES ({', '.join('?' for _ in range(len(COLUMNS) + 1))})"
    for kind, table in TABLES.items()
}


# Zstandard packs a record's text several times faster than zlib; its fast
# level -1 takes half the time of level 1 for about a fifth more bytes
# (the text is read back only to take a record out of the index). Texts
# that earlier versions packed with zlib still unpack.
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def _packer():
    import zstandard  # imported when the index is first written, not at start-up

    compress = zstandard.ZstdCompressor(level=-1).compress
    return lambda row: compress(SEP.join(row[1:]).encode())


def _unpacker():
    import zstandard

    decompress = zstandard.ZstdDecompressor().decompress

    def unpack(packed: bytes) -> list[str]:
        raw = decompress(packed) if packed[:4] == _ZSTD_MAGIC else zlib.decompress(packed)
        return raw.decode().split(SEP)
    return unpack


def _fold_chunk(texts: list[tuple], terms: dict) -> tuple[list[tuple], list[tuple]]:
    """Index rows and packed texts of one chunk of records (pure Python: it
    may run in a process of its own); ``terms`` from ``term_folds``."""
    rows = _rows(terms, texts)
    pack = _packer()
    return rows, [(r[0], pack(r)) for r in rows]


AHEAD = 6  # chunks handed to the folding process before the first is written


def write_rows(conn, kind: str, rows: list[tuple], packed: list[tuple] | None = None) -> None:
    """Add records to the index (none of them in it yet): their rows (the
    id, then ``index_columns``'s columns) and packed texts (packed here
    when not given)."""
    if packed is None:
        pack = _packer()
        packed = [(row[0], pack(row)) for row in rows]
    conn.executemany(_INSERT_SQL[kind], rows)
    conn.executemany(f"INSERT INTO {TABLES[kind]}_text (id, packed) VALUES (?, ?)", packed)


def _insert(conn, jobs: list[tuple[str, list[int]]], pool=None, advance=None, finished=None) -> None:
    """Index the records of each ``(kind, ids)`` job in turn. ``advance(n)``
    is called as each n of them are written, ``finished(kind)`` once a
    job's last chunk is."""
    chunks = [(kind, ids[start:start + CHUNK], start + CHUNK >= len(ids))
              for kind, ids in jobs for start in range(0, len(ids), CHUNK)]
    terms = term_folds(conn) if chunks else {}

    def write(kind, folded, last):
        rows, packed = folded
        write_rows(conn, kind, rows, packed)
        if advance:
            advance(len(rows))
        if last and finished:
            finished(kind)

    # With a pool the other process folds while this one reads the next
    # chunks and writes the folded ones. Several chunks ahead keep it busy
    # while this one finishes a table (its 'optimize'); memory stays bounded.
    calls = ((TEXTS[kind](conn, ids), terms) for kind, ids, _last in chunks)
    for (kind, _ids, last), folded in zip(chunks, in_order(pool, _fold_chunk, calls, AHEAD)):
        write(kind, folded, last)


def _delete(conn, table: str, ids: list[int]) -> None:
    """Take the records' tokens out of the contentless index (FTS5's 'delete'
    command with the text they were indexed with)."""
    values = ", ".join("?" for _ in range(len(COLUMNS) + 1))
    sql = f"INSERT INTO {table} ({table}, rowid, {', '.join(COLUMNS)}) VALUES ('delete', {values})"
    unpack = _unpacker()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        old = conn.execute(f"SELECT id, packed FROM {table}_text WHERE id IN ({marks(chunk)})",
                           chunk).fetchall()
        conn.executemany(sql, [(rid, *unpack(packed)) for rid, packed in old])
        conn.execute(f"DELETE FROM {table}_text WHERE id IN ({marks(chunk)})", chunk)


def reindex(catalog: Catalog, kind: str, ids: Iterable[int], progress=None) -> None:
    """Bring the index entries of the given records up to date (deleted records
    are dropped). Call inside ``catalog.write()``. ``progress(done, total)``
    is called now and then; it may raise to stop (the caller rolls back)."""
    if not is_current(catalog):  # an index of an older layout: build it afresh
        rebuild(catalog, progress)
        return
    ids = sorted({int(i) for i in ids if i is not None})
    bulk = len(ids) >= BULK_REINDEX_MIN
    if bulk:
        begin_bulk(catalog.conn, kind)
    _delete(catalog.conn, TABLES[kind], ids)
    pool = second_process() if len(ids) >= PARALLEL_MIN else None
    with pool or contextlib.nullcontext():
        _insert(catalog.conn, [(kind, ids)], pool, advance=_counter(len(ids), progress))
    if bulk:
        end_bulk(catalog.conn, kind, optimize=False)


# A rebuild keeps up to 64 MiB of new tokens in memory before writing them
# out as a segment: fewer segments for 'optimize' to merge (100,000
# organizations: 0.5 s less than with 16 MiB; 256 MiB gains nothing more).
BULK_CONFIG = {"automerge": 0, "hashsize": 64 * 1024 * 1024}
DEFAULT_CONFIG = {"automerge": 4, "hashsize": 1024 * 1024}  # FTS5's own defaults


def _configure(conn, table: str, config: dict) -> None:
    for key, value in config.items():
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES (?, ?)", [key, value])


def begin_bulk(conn, kind: str) -> None:
    """Before adding a great many records of a kind with ``write_rows``:
    bigger in-memory segments and no merging until ``end_bulk`` (about a
    third less FTS5 work)."""
    _configure(conn, TABLES[kind], BULK_CONFIG)


def end_bulk(conn, kind: str, optimize: bool) -> None:
    """After ``begin_bulk``: merge the index into one segment when asked
    (worth it when most of it was just written), then FTS5's defaults."""
    if optimize:
        merge_segments(conn, kind)
    _configure(conn, TABLES[kind], DEFAULT_CONFIG)


def merge_segments(conn, kind: str) -> None:
    """Write out the tokens held in memory and merge the index into one
    segment (nothing to do when it is one already)."""
    table = TABLES[kind]
    conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


PARALLEL_MIN = 20_000  # records; fewer are folded sooner than a second process starts
# Records; reindexing more keeps the tokens in memory as a rebuild does, but
# leaves the merging to later writes (50,000 of 100,000 organizations: 4.5 s
# against 7.1 s; merging them into one segment would cost 2.4 s more).
BULK_REINDEX_MIN = 10_000


def _counter(total: int, progress):
    """An ``advance(n)`` that reports ``progress(done, total)``, or None."""
    if progress is None:
        return None
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        progress(done[0], total)
    return advance


def rebuild(catalog: Catalog, progress=None, kinds: Iterable[str] | None = None) -> None:
    """Index every record (of ``kinds``; all by default) afresh. Call inside
    ``catalog.write()``; ``progress`` as for ``reindex``."""
    if kinds is not None and not is_current(catalog):
        kinds = None  # an index of an older layout: all of it afresh
    rebuild_connection(catalog.conn, progress, kinds)


def rebuild_connection(conn, progress=None, kinds: Iterable[str] | None = None) -> None:
    """``rebuild`` on a bare connection (the migration has no Catalog)."""
    kinds = list(TABLES if kinds is None else kinds)
    for kind in kinds:
        conn.execute(f"DROP TABLE IF EXISTS {TABLES[kind]}")  # much faster than deleting every row
        conn.execute(f"DROP TABLE IF EXISTS {TABLES[kind]}_text")
    create_tables(conn)
    cursor = conn.cursor()
    cursor.row_factory = None
    ids = {kind: [r[0] for r in cursor.execute(f"SELECT id FROM {SOURCES[kind]} ORDER BY id")]
           for kind in kinds}
    total = sum(map(len, ids.values()))
    advance = _counter(total, progress)
    # A bulk load, with one 'optimize' at the end of each table.
    finished = set()

    def finish(kind: str) -> None:
        end_bulk(conn, kind, optimize=True)
        finished.add(kind)
    for kind in kinds:
        begin_bulk(conn, kind)
    # A second process folds text while this one writes, for a large rebuild.
    pool = second_process() if total >= PARALLEL_MIN else None
    with pool or contextlib.nullcontext():
        _insert(conn, list(ids.items()), pool, advance, finish)
    for kind in set(kinds) - finished:  # no records of that kind
        finish(kind)
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [VERSION_KEY, INDEX_VERSION]
    )


def dependents(catalog: Catalog, kind: str, record_id: int) -> dict[str, set[int]]:
    """The record and the records whose indexed text includes its name."""
    return dependents_of(catalog, kind, [record_id])


def dependents_of(catalog: Catalog, kind: str, ids: Iterable[int]) -> dict[str, set[int]]:
    """``dependents`` of many records of a kind, in one query a link table."""
    out: dict[str, set[int]] = {"organization": set(), "project": set()}
    out[kind].update(ids)
    if not out[kind]:
        return out
    given = json.dumps(list(out[kind]))
    if kind == "organization":
        out["project"].update(r[0] for r in catalog.conn.execute(
            "SELECT project_id FROM project_participants WHERE org_id IN (SELECT value FROM json_each(?))",
            [given]))
        out["organization"].update(r[0] for r in catalog.conn.execute(
            "SELECT to_org_id FROM org_relations WHERE from_org_id IN (SELECT value FROM json_each(?1)) "
            "UNION SELECT from_org_id FROM org_relations WHERE to_org_id IN (SELECT value FROM json_each(?1))",
            [given]))
    else:
        out["organization"].update(r[0] for r in catalog.conn.execute(
            "SELECT org_id FROM project_participants WHERE project_id IN (SELECT value FROM json_each(?))",
            [given]))
    return out


def merge(*groups: dict[str, set[int]]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {"organization": set(), "project": set()}
    for g in groups:
        for kind, ids in g.items():
            out[kind].update(ids)
    return out


def reindex_all(catalog: Catalog, groups: dict[str, set[int]]) -> None:
    """What the core calls after a write: reindex the records of ``groups``
    (kind: ids), or only note them while ``collecting``."""
    pending = catalog.index_pending
    for kind, ids in groups.items():
        if pending is not None:
            pending[kind].update(ids)
        elif ids:
            reindex(catalog, kind, ids)


@contextlib.contextmanager
def collecting(catalog: Catalog):
    """Within it the core's writes only note the records to reindex (in the
    dict it gives, kind: ids); the caller indexes them afterwards in one
    pass. Folding terms and replacing entries record by record cost an
    import about 2 ms per updated organization."""
    catalog.index_pending = {kind: set() for kind in TABLES}
    try:
        yield catalog.index_pending
    finally:
        catalog.index_pending = None


def stale(catalog: Catalog) -> dict[str, list[int]]:
    """The records of each kind whose index entry is not the one their
    current text gives (missing, extra or different): empty when the index
    is up to date. Reads and folds every record."""
    conn, terms, unpack = catalog.conn, term_folds(catalog.conn), _unpacker()
    out = {}
    for kind, table in TABLES.items():
        ids = [r[0] for r in conn.execute(f"SELECT id FROM {SOURCES[kind]} ORDER BY id")]
        expected = {}
        for start in range(0, len(ids), CHUNK):
            rows = _rows(terms, TEXTS[kind](conn, ids[start:start + CHUNK]))
            expected.update((row[0], list(row[1:])) for row in rows)
        kept = {rid: unpack(packed) for rid, packed in conn.execute(f"SELECT id, packed FROM {table}_text")}
        out[kind] = sorted(rid for rid in expected.keys() | kept.keys() if expected.get(rid) != kept.get(rid))
    return {kind: ids for kind, ids in out.items() if ids}


def is_current(catalog: Catalog) -> bool:
    return catalog.scalar("SELECT value FROM settings WHERE key = ?", [VERSION_KEY]) == INDEX_VERSION
