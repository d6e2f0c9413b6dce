"""Before and after an import: the file's dialect, header and first rows
with the field each column maps to (a file written by belcat maps itself),
and the problems saved as a report."""

import csv
from dataclasses import dataclass

from ..core.paths import refuse_catalog_file
from . import csv_columns as cc
from .csv_cells import fold
from .csv_format import MULTI_SEPARATORS, PRESETS, CsvFormatError, Dialect, read_rows, sniff
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


def guess_mapping(view: str, header: list[str]) -> list[str | None]:
    """The field of each header label: a key or a label of either preset."""
    known = {}
    for column in cc.columns_for(view):
        if column.importable:
            for name in (column.key, column.label, column.label_ru):
                known.setdefault(_header_key(name), column.key)
    mapping, used = [], set()
    for label in header:
        key = known.get(_header_key(label))
        mapping.append(key if key not in used else None)
        used.add(key)
    return mapping


def guess_separator(view: str, mapping: list[str | None], rows: list[list[str]]) -> str | None:
    """The separator (a key of MULTI_SEPARATORS) found in the most cells of
    the columns mapped to fields of several values; None when no such cell
    has any (one value each, or no such column)."""
    by_key = {c.key: c for c in cc.columns_for(view)}
    multi = [i for i, key in enumerate(mapping) if key and by_key[key].multi]
    found = dict.fromkeys(MULTI_SEPARATORS, 0)
    for row in rows:
        for i in multi:
            cell = row[i] if i < len(row) else ""
            for key, separator in MULTI_SEPARATORS.items():
                found[key] += separator in cell
    best = max(found, key=found.get)  # ties: the first, the default
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
