"""Reading the cells of an imported CSV file into field values: one converter
per column, made once (codes, labels, regions, numbers, dates, links)."""

from typing import Callable

from ..core.catalog import Catalog
from ..core.validation import UNP_RE
from . import csv_columns as cc
from .csv_format import parse_date, parse_int, parse_number, split_values, unneutralise

_QUOTES = "«»\"'“”„"


def fold(text: str | None) -> str:
    """A comparison key for names: case, ё/е, quotes and spacing set aside.
    Stricter than textnorm.fold, which drops all punctuation: an import must
    not take "А;Б" and "А,Б" for one organization."""
    if not text:
        return ""
    low = text.casefold().replace("ё", "е")
    for quote in _QUOTES:  # str.replace runs at C speed; translate() with a table does not
        if quote in low:
            low = low.replace(quote, "")
    return " ".join(low.split())


def code_map(column: cc.CsvColumn) -> dict[str, str]:
    codes = {}
    russian = cc.RU_LABELS.get(column.vocab, {})
    for choice in column.vocab:
        codes[choice.code] = codes[fold(choice.code)] = codes[fold(choice.label)] = choice.code
        if choice.code in russian:
            codes[fold(russian[choice.code])] = choice.code
    # The labels exactly as an export writes them: found without folding.
    for choice in column.vocab:
        codes.setdefault(choice.label, choice.code)
        if choice.code in russian:
            codes.setdefault(russian[choice.code], choice.code)
    return codes


def _code(column: cc.CsvColumn, text: str, codes: dict[str, str] | None = None) -> str:
    codes = codes or code_map(column)
    code = codes.get(text) or codes.get(fold(text))
    if code is None:
        raise ValueError(f"{text!r} is not one of: {', '.join(c.code for c in column.vocab)}")
    return code


class CellReader:
    """Turns cells into field values: one converter per column, made once."""

    def __init__(self, catalog: Catalog, separator: str):
        self.separator = separator
        self.char = separator.strip() or separator
        self.regions = {}
        for r in catalog.query("SELECT code, name_ru, name_be, name_en FROM terms WHERE kind = 'region'"):
            for name in r:
                if name:
                    self.regions[name] = self.regions[fold(name)] = r["code"]

    def split(self, text: str) -> list[str]:
        if not text:
            return []
        if text[0] == "'":
            text = unneutralise(text)
        if self.char * 2 in text:
            return split_values(text, self.separator)
        return [v for v in map(str.strip, text.split(self.char)) if v]

    def converter(self, column: cc.CsvColumn) -> Callable[[str], object]:
        convert = self._converter(column)
        if column.type in _FEW_VALUES:
            return _remembering(convert, list if column.multi else None)
        return convert

    def _converter(self, column: cc.CsvColumn) -> Callable[[str], object]:
        codes = code_map(column)
        if column.multi:
            if column.type == cc.CODES:
                return lambda text: list(dict.fromkeys(_code(column, v, codes) for v in self.split(text)))
            if column.type in (cc.PARTICIPANTS, cc.RELATIONS):
                details = len(cc.LINK_DETAILS[column.type])

                def links(text):
                    out = []
                    for v in self.split(text):
                        code, name, unp, extra = cc.parse_link(v, details)
                        out.append((_code(column, code, codes), name, unp, extra))
                    return out
                return links
            return self.split
        parse = {
            cc.INT: parse_int, cc.FLOAT: parse_number, cc.DATE: parse_date,
            cc.CODE: lambda text: _code(column, text, codes), cc.REGION: self._region,
        }.get(column.type)
        if column.key == "unp":
            parse = _unp
        elif column.key == "email":
            parse = _email

        def convert(text):
            if not text:
                return None
            text = text.strip()
            if text[:1] == "'":
                text = unneutralise(text)
            if not text:
                return None
            return parse(text) if parse else text
        return convert

    def _region(self, text: str) -> str:
        code = self.regions.get(text) or self.regions.get(fold(text))
        if code is None:
            raise ValueError(f"{text!r} is not a region of Belarus")
        return code


# Columns whose cells repeat a few values (a role, a region, a sector list):
# each distinct cell is converted once. Other columns are mostly unique.
_FEW_VALUES = (cc.CODE, cc.CODES, cc.REGION, cc.TERMS)
REMEMBERED = 10_000  # distinct cells per column, then it starts afresh


def _remembering(convert: Callable[[str], object], copy) -> Callable[[str], object]:
    """``convert`` with its results kept by cell (``copy`` of them given out,
    when they are lists); a cell it refuses is refused each time."""
    seen: dict[str, object] = {}

    def remembered(text: str):
        value = seen.get(text, seen)
        if value is seen:
            if len(seen) >= REMEMBERED:
                seen.clear()
            value = seen[text] = convert(text)
        return copy(value) if copy is not None else value
    return remembered


def is_plain(column: cc.CsvColumn) -> bool:
    """Text kept as written (trimmed, formula protection taken away)."""
    return column.type == cc.TEXT and not column.multi and column.key not in ("unp", "email")


def _unp(text: str) -> str:
    if not UNP_RE.match(text):
        raise ValueError("a UNP has 9 digits")
    return text


def _email(text: str) -> str:
    if "@" not in text:
        raise ValueError("an e-mail address has an @")
    return text
