"""The search index rows of an import's new organizations, made where the
file is read (a second process, for a large file) so that the first process
only packs and writes them next to the records.

``ReadIndexer`` is made from the catalog before the file is read and reads
nothing from it afterwards: it keeps the terms, their folds and the regions
as they were, and foresees the terms the import will add (in the order the
inserter adds them). For each checked record it gives the ids of the terms
it expects the record to be written with and its index row, as
``search_index`` would make it from the written rows. The inserter uses
the row only when it writes the record with those same term ids
(a row skipped as a duplicate, say, can put the later new terms out of
step); the other records, and those whose links the import changes, are
indexed from the catalog once every row is in.
"""

from ..core import organizations, search_index
from ..core.index_texts import new_organization_texts, region_text, terms_text
from ..core.taxonomy import SHARED_NAME, remember_names, term_code



class ReadIndexer:
    def __init__(self, conn):
        # As taxonomy.term_ids_for finds a term: by code, Russian or English
        # name, then (ensure_term) by the code a new one would get.
        self.lookups: dict[str, dict[str, int]] = {}
        self.codes: dict[str, dict[str, int]] = {}
        for _field, kind in organizations.SPEC.term_fields:
            self.lookups[kind], self.codes[kind] = {}, {}
            for term_id, code, *names in conn.execute(
                    "SELECT id, code, name_ru, name_en FROM terms WHERE kind = ?", [kind]):
                self._remember(kind, term_id, code, names)
        self.term_fields = [(field, kind, self.lookups[kind]) for field, kind in organizations.SPEC.term_fields]
        self.next_term_id = (conn.execute("SELECT max(id) FROM terms").fetchone()[0] or 0) + 1
        self.term_folds = search_index.term_folds(conn)
        self.regions = {code: region_text(names) for code, *names in conn.execute(
            "SELECT code, name_ru, name_be, name_en FROM terms WHERE kind = 'region'")}
        self.no_region = region_text(None)
        self.terms_texts: dict[tuple, str | None] = {}  # term ids -> as gathered; few combinations

    def _remember(self, kind: str, term_id: int, code: str, names) -> None:
        remember_names(self.lookups[kind], term_id, (code, *names))
        self.codes[kind][code] = term_id

    def _term_id(self, kind: str, lookup: dict[str, int], name: str) -> int:
        name = name.strip()
        term_id = lookup.get(name)
        if term_id is not None:
            return term_id
        code = term_code(name)
        term_id = self.codes[kind].get(code)
        if term_id is None:  # the inserter will add it, with the next id
            term_id, self.next_term_id = self.next_term_id, self.next_term_id + 1
            self._remember(kind, term_id, code, (name, None))
            self.term_folds[term_id] = search_index.term_fold(kind, (name, None, None, code))
        return term_id

    def _term_ids(self, values: dict) -> tuple | None:
        ids = []
        for field, kind, lookup in self.term_fields:
            names = values.get(field)
            if names:
                for name in names:
                    term_id = lookup.get(name) or self._term_id(kind, lookup, name)
                    if term_id == SHARED_NAME:
                        return None
                    ids.append(term_id)
        return tuple(ids)

    def _terms_text(self, term_ids: tuple) -> str | None:
        text = self.terms_texts.get(term_ids, False)
        if text is False:
            text = self.terms_texts[term_ids] = terms_text(term_ids)
        return text

    def __call__(self, records: list[dict | None]) -> tuple[list[tuple | None], "IndexRows | None"]:
        """For the values of a chunk's records (None: not to be indexed
        here): each record's (position, term ids) or None, and the index
        rows of those positions in order, as ``IndexRows``."""
        expected, texts = [], []
        for values in records:
            term_ids = self._term_ids(values) if values is not None else None
            if term_ids is None:
                expected.append(None)
                continue
            aliases = values.get("aliases")
            texts.append(new_organization_texts(
                len(texts), values, self.regions.get(values.get("region"), self.no_region),
                self._terms_text(term_ids), list(dict.fromkeys(aliases)) if aliases else ()))
            expected.append((len(texts) - 1, term_ids))
        if not texts:
            return expected, None
        return expected, IndexRows.of(search_index.index_columns(texts, self.term_folds))


_JOIN = search_index.SEP  # never in index text (as for packing it)


class IndexRows:
    """A chunk's index rows without their record ids, a column at a time:
    each column one string, which crosses between processes many times
    faster than the many short strings it holds."""
    __slots__ = ("columns", "count")

    def __init__(self, columns: list[str], count: int):
        self.columns, self.count = columns, count

    @classmethod
    def of(cls, columns: list[list]) -> "IndexRows":
        """From ``search_index.index_columns``."""
        return cls([_JOIN.join(column) for column in columns[1:]], len(columns[0]))

    def __getstate__(self):
        return self.columns, self.count

    def __setstate__(self, state):
        self.columns, self.count = state

    def take(self, record_ids: dict[int, int]) -> list[tuple]:
        """The rows (``search_index.write_rows``) of the records given as
        record id -> position."""
        columns = [column.split(_JOIN) for column in self.columns]
        if len(record_ids) == self.count:  # every one, in order
            return list(zip(record_ids, *columns))
        return [(record_id, *[column[position] for column in columns])
                for record_id, position in record_ids.items()]
