"""Before and after an import: the file's dialect, header and first rows,
the field each column maps to (a file written by belcat maps itself) and
the separator of several values its cells use; the mapping checked for the
import; and the problems saved as a report."""

import csv
from dataclasses import dataclass

from ..core.paths import refuse_catalog_file
from . import csv_columns as cc
from .csv_cells import fold
from .csv_format import (
    DEFAULT_MULTI,
    MULTI_SEPARATORS,
    PRESETS,
    CsvFormatError,
    Dialect,
    read_rows,
    sniff,
)
from .csv_rows import Problem


@dataclass
class Preview:
    dialect: Dialect
    header: list[str]
    rows: list[list[str]]
    mapping: list[str | None]  # guessed field key of each column
    separator: str | None  # key of MULTI_SEPARATORS the cells of several values use, if they tell


def _header_key(label: str) -> str:
    return fold(label.lstrip("\ufeff")).replace("_", " ")


def _header_keys(view: str, importable: bool) -> dict[str, str]:
    """Field key by each way a header may name it (key, English or Russian label)."""
    known = {}
    for column in cc.columns_for(view):
        if column.importable == importable:
            for name in (column.key, column.label, column.label_ru):
                known.setdefault(_header_key(name), column.key)
    return known


def guess_mapping(view: str, header: list[str]) -> list[str | None]:
    """The field of each header label: a key or a label of either preset."""
    known = _header_keys(view, importable=True)
    mapping, used = [], set()
    for label in header:
        key = known.get(_header_key(label))
        mapping.append(key if key not in used else None)
        used.add(key)
    return mapping


@dataclass
class Mapped:
    """The columns of a file that an import reads, checked."""
    columns: list[tuple[int, cc.CsvColumn]]  # (index in the row, its field), in the file's order
    names: dict[str, str]  # field key: the file's header of it, else the field's label
    left_out: list[Problem]  # warnings for named columns a guessed mapping leaves out


def map_columns(view: str, header: list[str], mapping: list[str | None] | None = None) -> Mapped:
    """The fields of the file's columns: ``mapping`` (a key or None for each
    column) as a person chose it, else guessed from the header. Raises
    ValueError for a mapping an import cannot follow."""
    by_key = {c.key: c for c in cc.columns_for(view)}
    guessed = mapping is None
    if guessed:
        mapping = guess_mapping(view, header)
    if len(mapping) != len(header):
        raise ValueError("the mapping must name a field (or nothing) for each column")
    columns, seen, left_out = [], {}, []
    importable = _header_keys(view, importable=True)
    read_only = _header_keys(view, importable=False)  # columns an export writes for people only
    for index, key in enumerate(mapping):
        if not key:
            if guessed and header[index].strip() and _header_key(header[index]) not in read_only:
                taken = _header_key(header[index]) in importable
                why = "an earlier column gives the same field" if taken else "its name matches no field"
                left_out.append(Problem(1, "", f"column {index + 1} ({header[index].strip()!r}) "
                                               f"is not imported: {why}", "warning"))
            continue
        column = by_key.get(key)
        if column is None or not column.importable:
            raise ValueError(f"column {header[index]!r}: {key!r} is not a field that can be imported")
        if key in seen:
            raise ValueError(f"columns {header[seen[key]]!r} and {header[index]!r} "
                             f"are both mapped to {column.label}")
        seen[key] = index
        columns.append((index, column))
    names = {key: column.label for key, column in by_key.items()}
    names.update((key, header[index].strip() or names[key]) for key, index in seen.items())
    return Mapped(columns, names, left_out)


def guess_separator(view: str, mapping: list[str | None], rows: list[list[str]]) -> str | None:
    """The separator (a key of MULTI_SEPARATORS) found in the most cells of
    the columns mapped to fields of several values; None when no such cell
    has any (one value each, or no such column). A value may hold a comma or
    a line break of its own, so another separator wins over the default only
    in more than twice as many cells."""
    by_key = {c.key: c for c in cc.columns_for(view)}
    multi = [i for i, key in enumerate(mapping) if key and by_key[key].multi]
    found = dict.fromkeys(MULTI_SEPARATORS, 0)
    for row in rows:
        for i in multi:
            cell = row[i] if i < len(row) else ""
            for key, separator in MULTI_SEPARATORS.items():
                found[key] += separator in cell
    best = max(found, key=found.get)
    if found[DEFAULT_MULTI] * 2 >= found[best]:
        best = DEFAULT_MULTI
    return best if found[best] else None


def preview(path, view: str, limit: int = 20) -> Preview:
    """The detected dialect, the header and the first rows of the file."""
    dialect = sniff(path)
    rows = []
    reader = read_rows(path, dialect)
    try:
        for _line, row in reader:
            rows.append(row)
            if len(rows) > limit:
                break
    finally:
        reader.close()
    if not rows or not any(c.strip() for c in rows[0]):
        raise CsvFormatError("the file has no header row")
    header = rows[0]
    mapping = guess_mapping(view, header)
    return Preview(dialect, header, rows[1:], mapping, guess_separator(view, mapping, rows[1:]))


def save_report(problems: list[Problem], path, catalog_path) -> None:
    """The problems as a CSV file that opens in Excel (row, field, level,
    message); never over the catalog at ``catalog_path``."""
    refuse_catalog_file(path, catalog_path)
    preset = PRESETS["excel"]
    with open(path, "w", encoding=preset.encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=preset.delimiter, lineterminator="\r\n")
        writer.writerow(["Row", "Field", "Level", "Message"])
        writer.writerows((p.row, p.where, p.level, p.message) for p in problems)
