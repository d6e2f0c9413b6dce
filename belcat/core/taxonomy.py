"""Sectors, technologies, countries and regions: shared terms with names in
Russian, Belarusian and English."""

import re
import unicodedata

from .catalog import Catalog

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def term_code(name: str) -> str:
    """A stable code for a term typed by a person: case and punctuation folded."""
    folded = unicodedata.normalize("NFKC", name).casefold().replace("ё", "е")
    return _NON_WORD.sub("-", folded).strip("-")


def ensure_term(
    catalog: Catalog,
    kind: str,
    name_ru: str,
    *,
    code: str | None = None,
    name_be: str | None = None,
    name_en: str | None = None,
) -> int:
    """The id of the term, created when it is new. Call inside a write."""
    code = code or term_code(name_ru)
    row = catalog.conn.execute(
        "SELECT id FROM terms WHERE kind = ? AND code = ?", [kind, code]
    ).fetchone()
    if row:
        return row[0]
    cur = catalog.conn.execute(
        "INSERT INTO terms (kind, code, name_ru, name_be, name_en) VALUES (?, ?, ?, ?, ?)",
        [kind, code, name_ru.strip(), name_be, name_en],
    )
    return cur.lastrowid


def region_id(catalog: Catalog, code: str | None) -> int | None:
    if not code:
        return None
    row = catalog.conn.execute(
        "SELECT id FROM terms WHERE kind = 'region' AND code = ?", [code]
    ).fetchone()
    if row is None:
        raise KeyError(code)
    return row[0]


def terms_of_kind(catalog: Catalog, kind: str) -> list[dict]:
    return [
        dict(r)
        for r in catalog.query(
            "SELECT id, code, name_ru, name_be, name_en FROM terms WHERE kind = ? "
            "ORDER BY name_ru",
            [kind],
        )
    ]


def term_ids_for(catalog: Catalog, kind: str, names: list[str]) -> list[int]:
    """Ids of the terms named (existing by code or Russian name, else created)."""
    ids = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        row = catalog.conn.execute(
            "SELECT id FROM terms WHERE kind = ? AND (code = ? OR name_ru = ? OR name_en = ?)",
            [kind, name, name, name],
        ).fetchone()
        ids.append(row[0] if row else ensure_term(catalog, kind, name))
    return list(dict.fromkeys(ids))


SHARED_NAME = -1  # in a ``remember_names`` lookup: a name more than one term answers to


def remember_names(lookup: dict[str, int], term_id: int, names) -> None:
    """Note in ``lookup`` (name -> term id, for one kind of term) the names a
    term answers to in ``term_ids_for``: its code, Russian and English
    names. A name that two terms answer to maps to SHARED_NAME."""
    for name in filter(None, names):
        lookup[name] = term_id if lookup.get(name, term_id) == term_id else SHARED_NAME

