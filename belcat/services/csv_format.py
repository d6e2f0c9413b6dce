"""CSV dialects of belcat: export presets, reading a file of unknown encoding
and separator, and protection against cells a spreadsheet runs as formulas.

Excel opens a UTF-8 file as the ANSI code page (cp1251 in Russian and
Belarusian locales) unless it starts with a byte order mark, and there it
expects ``;`` between fields and a decimal comma. A cell that starts with
``= + - @``, a tab or a carriage return runs as a formula ("CSV injection");
such a cell gets a leading apostrophe, and an import takes it away again.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass

FIELD_LIMIT = 1_000_000  # characters in one field: more means this is no CSV
SNIFF_BYTES = 64 * 1024
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = (";", ",", "\t")


class CsvFormatError(ValueError):
    """A file that cannot be read as CSV; the message says why, for a person."""


@dataclass(frozen=True)
class Preset:
    key: str
    label: str  # source text; the UI translates it
    delimiter: str
    bom: bool
    date_style: str  # "dmy": dd.mm.yyyy, "iso": yyyy-mm-dd
    decimal: str  # decimal separator of fractional numbers
    header: str  # "ru": Russian labels, "en": English labels, "key": field keys
    neutralise: bool = True
    line_terminator: str = "\r\n"

    @property
    def encoding(self) -> str:
        return "utf-8-sig" if self.bom else "utf-8"


PRESETS: dict[str, Preset] = {
    "excel": Preset("excel", "Excel (Russian/Belarusian locale)", ";", True, "dmy", ",", "ru"),
    "rfc4180": Preset("rfc4180", "RFC 4180 (UTF-8, comma)", ",", False, "iso", ".", "key"),
}
DEFAULT_PRESET = "excel"

# Separators offered for fields with several values. Each is one character
# plus padding; the character inside a value is written twice (see join_values).
MULTI_SEPARATORS = {"semicolon": "; ", "comma": ", ", "bar": " | ", "newline": "\n"}
DEFAULT_MULTI = "semicolon"
# What an import does with a record the catalog already has.
DUPLICATE_CHOICES = ("skip", "update", "add")


def needs_neutralising(value: str) -> bool:
    """True when a spreadsheet would run ``value`` as a formula, counting
    values already protected by apostrophes (so that protection reverses)."""
    return value.lstrip("'")[:1] in FORMULA_TRIGGERS if value else False


def neutralise(value: str) -> str:
    return "'" + value if needs_neutralising(value) else value


def unneutralise(value: str) -> str:
    if value[:1] == "'" and needs_neutralising(value[1:]):
        return value[1:]
    return value


# --- several values in one cell -------------------------------------------

def join_values(values, separator: str) -> str:
    """Join values; the separator's character inside a value is doubled."""
    char = separator.strip() or separator
    return separator.join(
        v.strip().replace(char, char * 2) for v in values if v is not None and v.strip()
    )


def split_values(cell: str, separator: str) -> list[str]:
    """Reverse of ``join_values``; also reads values that were not doubled
    when they do not contain the character."""
    char = separator.strip() or separator
    values, current, i = [], [], 0
    while i < len(cell):
        c = cell[i]
        if c == char:
            if cell[i + 1:i + 2] == char:
                current.append(char)
                i += 2
                continue
            values.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def join_sql(expr: str, separator: str) -> str:
    """SQL aggregate joining ``expr`` like ``join_values`` (values trimmed,
    the separator's character doubled inside a value)."""
    char = separator.strip() or separator
    return (f"group_concat(replace(trim({expr}), {_literal(char)}, {_literal(char * 2)}), "
            f"{_literal(separator)})")


# --- dates and numbers ------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DMY_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_PARTIAL = re.compile(r"^\d{4}(-\d{2})?$")


_ISO_DATE_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


def _dmy_sql(e: str) -> str:
    """dd.mm.yyyy of the ISO date that ``e`` starts with."""
    return f"substr({e}, 9, 2) || '.' || substr({e}, 6, 2) || '.' || substr({e}, 1, 4)"


def date_sql(expr: str, style: str) -> str:
    if style != "dmy":
        return expr
    e = f"({expr})"
    return f"(CASE WHEN {e} GLOB '{_ISO_DATE_GLOB}' THEN {_dmy_sql(e)} ELSE {e} END)"


def timestamp_sql(expr: str, style: str) -> str:
    if style != "dmy":
        return expr
    e = f"({expr})"
    return (f"(CASE WHEN {e} GLOB '{_ISO_DATE_GLOB}T*' "
            f"THEN {_dmy_sql(e)} || ' ' || substr({e}, 12, 8) ELSE {e} END)")


def decimal_sql(expr: str, decimal: str) -> str:
    if decimal == ".":
        return expr
    return f"replace(CAST(({expr}) AS TEXT), '.', '{decimal}')"


def parse_date(text: str) -> str:
    """An ISO date (or year, or year-month) from dd.mm.yyyy or ISO text."""
    import datetime

    text = text.strip()
    m = _DMY_DATE.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        m = _ISO_DATE.match(text)
        if not m:
            if _PARTIAL.match(text):
                return text
            raise ValueError("not a date: write dd.mm.yyyy or yyyy-mm-dd")
        year, month, day = (int(g) for g in m.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        raise ValueError("no such date") from None


def parse_number(text: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError("not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a number")
    return value


def parse_int(text: str) -> int:
    value = parse_number(text)
    if value != int(value):
        raise ValueError("not a whole number")
    return int(value)


# --- writing ------------------------------------------------------------------

def _cell_text(value) -> str:
    """A cell as the csv module writes it: nothing for NULL, str() otherwise
    (which is repr() for floats)."""
    return "" if value is None else value if type(value) is str else str(value)


def _format_rows_slowly(rows, special, delimiter, terminator) -> str:
    needs_quotes = re.compile("[" + re.escape("".join(special)) + "]").search
    lines = []
    for row in rows:
        cells = [_cell_text(v) for v in row]
        lines.append(delimiter.join('"' + v.replace('"', '""') + '"' if needs_quotes(v) else v
                                    for v in cells))
    return terminator.join(lines) + terminator


def format_rows(rows, delimiter: str, terminator: str) -> str:
    """The CSV text that ``csv.writer(delimiter=..., lineterminator=...)``
    with minimal quoting writes for ``rows`` (a test compares the two).

    The csv module looks at every character of every cell; here a column of
    the page is joined once and searched for the characters that need quotes
    (the separator, the quote, those of the line end), and only the cells of
    columns that have some are looked at one by one.
    """
    rows = list(rows)
    if not rows:
        return ""
    if len(rows[0]) < 2:
        # A row of one empty cell is written as "" by the csv module.
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
        return out.getvalue()
    special = tuple(dict.fromkeys(delimiter + '"' + terminator))
    if len(special) > 4:
        return _format_rows_slowly(rows, special, delimiter, terminator)
    # Four characters to look for (the last repeated when there are fewer):
    # "in" on each is much quicker than a regular expression per cell.
    a, b, c, d = (special + special[-1:] * 3)[:4]
    columns = []
    for column in zip(*rows):
        try:
            text = "\0".join(column)
        except TypeError:  # NULLs and numbers
            column = [_cell_text(v) for v in column]
            text = "\0".join(column)
        if a in text or b in text or c in text or d in text:
            column = ['"' + v.replace('"', '""') + '"' if a in v or b in v or c in v or d in v else v
                      for v in column]
        columns.append(column)
    return terminator.join(map(delimiter.join, zip(*columns))) + terminator


# --- reading ------------------------------------------------------------------

@dataclass(frozen=True)
class Dialect:
    encoding: str  # codec name for open()
    delimiter: str

    @property
    def label(self) -> str:
        names = {"utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "cp1251": "Windows-1251",
                 "utf-16": "UTF-16", "cp1252": "Windows-1252 (Western European)",
                 "latin-1": "ISO 8859-1 (Western European)"}
        seps = {";": "semicolon", ",": "comma", "\t": "tab"}
        return f"{names.get(self.encoding, self.encoding)}, {seps[self.delimiter]}"


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise CsvFormatError("this is a binary file, not CSV text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = sample.decode("cp1251")
    except UnicodeDecodeError:
        raise CsvFormatError("the file is neither UTF-8 nor Windows-1251 text") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > len(text) // 100:
        raise CsvFormatError("this is a binary file, not CSV text")
    if _reads_as_western(text):
        try:
            sample.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            return "latin-1"
    return "cp1251"


_WORD = re.compile(r"[^\W\d_]+")


def _reads_as_western(text: str) -> bool:
    """True when text read as Windows-1251 is Western European text instead
    ("Mьller GmbH" for "Müller GmbH"): more words with Cyrillic letters are
    mostly Latin than mostly Cyrillic. (A Belarusian word typed with a Latin
    i, "Мiнск", is mostly Cyrillic.)"""
    western = cyrillic = 0
    for word in _WORD.findall(text):
        cyr = sum(1 for c in word if "\u0400" <= c <= "\u04ff")
        if cyr:
            latin = sum(1 for c in word if c < "\u0080")
            if latin > cyr:
                western += 1
            else:
                cyrillic += 1
    return western > cyrillic


def detect_delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number of
    fields (more than one), by csv's own parsing so quoted text does not count."""
    lines = text.splitlines(keepends=True)
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end in the middle of a line
    sample = "".join(lines[:50])
    best, best_score = ",", (-1, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))[:20]
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        same = sum(1 for r in rows if len(r) == width)
        score = (same if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def sniff(path) -> Dialect:
    with open(path, "rb") as fh:
        sample = fh.read(SNIFF_BYTES)
    if not sample.strip():
        raise CsvFormatError("the file is empty")
    encoding = detect_encoding(sample)
    if encoding == "utf-16":
        text = sample.decode("utf-16", errors="ignore")
    else:
        text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    return Dialect(encoding, detect_delimiter(text))


class _CountingReader(io.BufferedReader):
    """A binary file that counts the bytes read so far (for progress)."""

    consumed = 0

    def read(self, size=-1):
        data = super().read(size)
        self.consumed += len(data)
        return data

    def read1(self, size=-1):
        data = super().read1(size)
        self.consumed += len(data)
        return data


def _line_at(path, offset: int) -> int:
    """The number of the line that holds byte ``offset`` of the file."""
    lines = 1
    with open(path, "rb") as fh:
        while offset > 0:
            block = fh.read(min(offset, 1 << 20))
            if not block:
                break
            lines += block.count(b"\n")
            offset -= len(block)
    return lines


def read_rows(path, dialect: Dialect, position=None):
    """Rows of the file as (line where the row starts, list of strings).

    ``position`` (a list) receives the bytes read so far as its only item.
    Raises CsvFormatError with the line number when the file stops being
    readable text (wrong encoding further down, NUL bytes, a giant field).
    """
    csv.field_size_limit(FIELD_LIMIT)
    line = 1
    raw = _CountingReader(io.FileIO(path, "rb"))
    with io.TextIOWrapper(raw, encoding=dialect.encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=dialect.delimiter, strict=False)
        try:
            for row in reader:
                if position is not None:
                    position[:] = [raw.consumed]
                yield line, row
                line = reader.line_num + 1
        except UnicodeDecodeError as exc:
            # The text is decoded a block ahead of the rows: find the line of the bad byte.
            if isinstance(exc.object, (bytes, bytearray)):
                line = _line_at(path, raw.consumed - len(exc.object) + exc.start)
            raise CsvFormatError(
                f"line {line}: the text is not valid {dialect.label.split(',')[0]}; "
                "save the file as UTF-8 or Windows-1251") from None
        except csv.Error as exc:
            message = str(exc)
            if "field larger" in message:
                message = f"a field is longer than {FIELD_LIMIT:,} characters"
            elif "NUL" in message:
                message = "the file holds binary data (NUL bytes)"
            raise CsvFormatError(f"line {line}: {message}") from None
