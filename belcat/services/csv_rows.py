"""The rows of an imported CSV file as checked field values.

``RowReader`` turns each row's cells into a record's values and checks them
with the catalog's field rules. It reads nothing from the catalog, so a
large file is read, parsed and checked in a second process (``read_file``)
while this one writes the rows read before; the problems and values are the
same either way.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from ..core import validation
from ..core.offload import streamed
from .csv_cells import fold
from .csv_format import Dialect, read_rows, unneutralise

CHUNK = 2000  # rows read at a time
PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # smaller files are read sooner than a process starts


@dataclass(frozen=True)
class Problem:
    row: int  # row number as a spreadsheet shows it: the header is row 1
    field: str  # column key, or "" for the whole row or file
    message: str
    level: str = "error"  # or "warning"
    column: str = ""  # the field as people know it: its header in the file, else its label

    @property
    def where(self) -> str:
        return self.column or self.field


# Links are checked once every row is in (they name organizations, not ids).
_LINK_FIELDS = ("relations", "participants", "projects")


def _check_record(kind: str, values: dict) -> dict[str, str]:
    """The catalog's own field rules (those the forms apply), for the columns given."""
    if any(k in values for k in _LINK_FIELDS):
        values = {k: v for k, v in values.items() if k not in _LINK_FIELDS}
    rules = validation.organization_problems if kind == "organization" else validation.project_problems
    return rules(values, partial=True)


# What reading a chunk gives: the rows with content, their problems, the
# rows that passed as (row number, values, links or None, the name or title
# folded for finding duplicates, what the indexer expects of it or None),
# and the indexer's rows for the chunk (or None).
ChunkRead = tuple[int, list[Problem], list[tuple[int, dict, object, str, object]], object]


class RowReader:
    def __init__(self, kind: str, width: int, plain_cells: list, other_cells: list,
                 title_key: str, link_key: str, indexer=None, existing=None):
        self.kind = kind
        self.width = width
        self.plain_cells = plain_cells  # (index, key): text read inline
        self.other_cells = other_cells  # (index, key, converter, value of an empty cell; list: a new [])
        self.title_key = title_key
        self.link_key = link_key
        self.indexer = indexer  # csv_index.ReadIndexer, or None
        # existing(values, folded title): whether a row names a record the
        # catalog holds (which it skips or updates: no index rows for it).
        self.existing = existing

    def chunk(self, rows: list[tuple[int, list[str]]]) -> ChunkRead:
        """Read a chunk a column at a time: cells into values, then the field
        rules for the records that ``validation.records_to_check`` cannot clear."""
        problems: list[Problem] = []
        numbers, kept = [], []
        counted = 0  # rows with content, whether their fields fit the header or not
        for number, cells in rows:
            if not "".join(cells).strip():
                continue  # a blank line, or one of empty fields
            counted += 1
            if len(cells) != self.width:
                extra = cells[self.width:]
                if len(cells) < self.width or any(c.strip() for c in extra):
                    fields = f"{len(cells)} field" + ("" if len(cells) == 1 else "s")
                    message = f"this row has {fields}, the header has {self.width}"
                    if len(cells) < self.width and any("\n" in c or "\r" in c for c in cells):
                        # A quote left open runs on over the line ends that follow.
                        message += "; a quote opened in it may lack its closing quote"
                    problems.append(Problem(number, "", message))
                    continue
            numbers.append(number)
            kept.append(cells)
        if not kept:
            return counted, problems, [], None
        cells_by_column = list(zip(*kept))
        keys, columns = [], []
        for index, key in self.plain_cells:
            texts = [t if t[:1] != "'" else unneutralise(t) for t in map(str.strip, cells_by_column[index])]
            keys.append(key)
            columns.append([t or None for t in texts])
        failed: dict[int, list[tuple[str, str]]] = {}  # position -> (key, message) of its cells
        for index, key, convert, empty in self.other_cells:
            values = []
            for position, text in enumerate(cells_by_column[index]):
                if not text:
                    values.append([] if empty is list else empty)
                    continue
                try:
                    values.append(convert(text))
                except ValueError as exc:
                    values.append(None)
                    failed.setdefault(position, []).append((key, str(exc)))
            keys.append(key)
            columns.append(values)
        checked = {k: c for k, c in zip(keys, columns) if k not in _LINK_FIELDS}
        suspects = validation.records_to_check(self.kind, checked) | failed.keys()
        good = []
        for position, (number, row) in enumerate(zip(numbers, zip(*columns))):
            values = dict(zip(keys, row))
            bad = position in failed
            if bad:
                for key, message in failed[position]:
                    problems.append(Problem(number, key, message))
                    del values[key]  # as if the column were not in the file
            if not values.get(self.title_key):
                problems.append(Problem(number, self.title_key, "required; this row leaves it empty"))
                continue
            links = values.pop(self.link_key) if self.link_key in values else None
            if position in suspects:
                for key, message in _check_record(self.kind, values).items():
                    problems.append(Problem(number, key, message))
                    bad = True
            if not bad:
                good.append((number, values, links, fold(values[self.title_key])))
        if not (self.indexer and good):
            return counted, problems, [(*g, None) for g in good], None
        # Records with links are indexed once the links are in, not here.
        existing = self.existing or (lambda _values, _folded: False)
        expected, index_rows = self.indexer([None if links or existing(values, folded) else values
                                             for _, values, links, folded in good])
        return counted, problems, [(*g, e) for g, e in zip(good, expected)], index_rows


# What reading the file gives, chunk by chunk: the chunk, the bytes of the
# file read so far, and the number of the chunk's last row.
FileChunk = tuple[ChunkRead, int, int]


def _chunks(reader: RowReader, path, dialect: Dialect, skip: int = 0) -> Iterator[FileChunk]:
    """Each CHUNK rows after the header, read; the first ``skip`` chunks
    are passed over unread."""
    position = [0]
    rows = read_rows(path, dialect, position)
    try:
        batch, chunks = [], 0
        for number, (_line, cells) in enumerate(rows, start=1):  # row 1: the header
            if number == 1:
                continue
            batch.append((number, cells))
            if len(batch) >= CHUNK:
                if chunks >= skip:
                    yield reader.chunk(batch), position[0], number
                batch, chunks = [], chunks + 1
        if batch and chunks >= skip:
            yield reader.chunk(batch), position[0], batch[-1][0]
    finally:
        rows.close()


def read_file(reader: RowReader, path, dialect: Dialect, size: int) -> Iterator[FileChunk]:
    """The rows of the file after its header, read by ``reader`` a chunk at a
    time, in file order. A file of PARALLEL_MIN_BYTES or more (``size``) is
    parsed and read in a forked second process (the converters are
    closures, which only a fork carries over); should it die, the rest is
    read here. Raises CsvFormatError as ``read_rows`` does."""
    return streamed(lambda skip: _chunks(reader, path, dialect, skip), parallel=size >= PARALLEL_MIN_BYTES)
