"""Saved searches: a name for a view, its search text and facet filters, kept
in the catalog (table ``saved_searches``, migration 0002)."""

import json
import sqlite3

from . import listing, search
from .catalog import Catalog
from .errors import NotFoundError, ValidationError

MAX_NAME = 120


def _facets_to_json(facets: dict | None) -> str:
    clean = {}
    for fld, state in (facets or {}).items():
        inc = sorted(str(v) for v in (state or {}).get("include") or ())
        exc = sorted(str(v) for v in (state or {}).get("exclude") or ())
        if inc or exc:
            clean[str(fld)] = {"include": inc, "exclude": exc}
    return json.dumps(clean, ensure_ascii=False, sort_keys=True)


def _facets_from_json(text: str) -> dict:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): {"include": set(map(str, v.get("include") or [])), "exclude": set(map(str, v.get("exclude") or []))}
        for k, v in data.items() if isinstance(v, dict)
    }


def _check_name(name: str) -> str:
    name = " ".join(str(name or "").split())
    if not name:
        raise ValidationError({"name": "A saved search needs a name."})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": f"A name of at most {MAX_NAME} characters, please."})
    return name


def save(catalog: Catalog, name: str, view: str, text: str = "", facets: dict | None = None,
         *, replace: bool = False) -> int:
    """Store the search under ``name``; an existing name is refused unless ``replace``."""
    name = _check_name(name)
    if view not in listing.VIEWS:
        raise ValidationError({"view": f"unknown list {view!r}"})
    with catalog.write():
        row = catalog.conn.execute("SELECT id FROM saved_searches WHERE name = ?", [name]).fetchone()
        if row and not replace:
            raise ValidationError({"name": f"A saved search named “{name}” already exists."})
        if row:
            catalog.conn.execute("UPDATE saved_searches SET view = ?, text = ?, facets = ? WHERE id = ?",
                                 [view, text or "", _facets_to_json(facets), row[0]])
            return row[0]
        cur = catalog.conn.execute(
            "INSERT INTO saved_searches (name, view, text, facets) VALUES (?, ?, ?, ?)",
            [name, view, text or "", _facets_to_json(facets)])
        return cur.lastrowid


def get(catalog: Catalog, saved_id: int) -> dict:
    row = catalog.conn.execute("SELECT * FROM saved_searches WHERE id = ?", [saved_id]).fetchone()
    if row is None:
        raise NotFoundError(f"saved search {saved_id} does not exist")
    out = dict(row)
    out["facets"] = _facets_from_json(out["facets"])
    return out


def list_all(catalog: Catalog, *, with_counts: bool = True) -> list[dict]:
    """Every saved search by name, each with the number of records it finds now."""
    out = []
    for row in catalog.query("SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE, id"):
        item = dict(row)
        item["facets"] = _facets_from_json(item["facets"])
        if with_counts:
            try:
                item["count"] = listing.count(
                    catalog, search.build_query(item["view"], item["text"], item["facets"]))
            except (KeyError, sqlite3.Error):
                item["count"] = None  # a list this belcat does not know
        out.append(item)
    return out


def rename(catalog: Catalog, saved_id: int, name: str) -> None:
    name = _check_name(name)
    with catalog.write():
        clash = catalog.scalar("SELECT id FROM saved_searches WHERE name = ? AND id <> ?", [name, saved_id])
        if clash:
            raise ValidationError({"name": f"A saved search named “{name}” already exists."})
        if catalog.conn.execute("UPDATE saved_searches SET name = ? WHERE id = ?", [name, saved_id]).rowcount == 0:
            raise NotFoundError(f"saved search {saved_id} does not exist")


def delete(catalog: Catalog, saved_id: int) -> None:
    with catalog.write():
        catalog.conn.execute("DELETE FROM saved_searches WHERE id = ?", [saved_id])
