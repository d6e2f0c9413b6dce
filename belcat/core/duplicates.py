"""Finding organizations that may already be in the catalog.

Names are compared by ``textnorm.name_key``: legal form, quotes, case and
script set aside, so ОАО «Гомсельмаш», Гомсельмаш and Gomselmash share one key.
The keys of every name form (name, Belarusian and English names, full name,
aliases) are already kept by the search index (``search_org.keys``, one
token per form, maintained in the same transaction as every write and by the
bulk loaders), so a lookup while someone types is a few index probes.
"""

from .catalog import Catalog
from .textnorm import name_key

NAME_FIELDS = ("name", "name_be", "name_en", "full_name")
MIN_PREFIX = 4  # shorter keys match only exactly
_ORDER = {"unp": 0, "name": 1, "prefix": 2}


def keys_of(values: dict) -> list[str]:
    """The name keys of the values, as the index stores them (no spaces)."""
    names = [values.get(f) for f in NAME_FIELDS] + list(values.get("aliases") or [])
    keys = (name_key(str(n)).replace(" ", "") for n in names if n and str(n).strip())
    return list(dict.fromkeys(k for k in keys if k))


def _token(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'


def _match(catalog: Catalog, query: str, exclude_id, limit: int) -> list[int]:
    return [r[0] for r in catalog.conn.execute(
        "SELECT rowid FROM search_org WHERE search_org MATCH ? AND rowid IS NOT ? LIMIT ?",
        [query, exclude_id, limit])]


def find(catalog: Catalog, values: dict, *, exclude_id: int | None = None, limit: int = 10) -> list[dict]:
    """Organizations that may be the one described by ``values``.

    Each: {"id", "name", "legal_form", "unp", "city", "reason"}, reason "unp"
    (same UNP), "name" (same name key) or "prefix" (one name key starts the
    other). Same UNP first, then same name, then similar.
    """
    found: dict[int, str] = {}
    unp = str(values.get("unp") or "").strip()
    if unp:
        for r in catalog.conn.execute(
            "SELECT id FROM organizations WHERE unp = ? AND id IS NOT ?", [unp, exclude_id]
        ):
            found.setdefault(r[0], "unp")
    keys = keys_of(values)
    if keys:
        exact = "keys : (" + " OR ".join(_token(k) for k in keys) + ")"
        for i in _match(catalog, exact, exclude_id, limit + 1):
            found.setdefault(i, "name")
        long_keys = [k for k in keys if len(k) >= MIN_PREFIX]
        if long_keys and len(found) <= limit:
            # Stored keys that start with a typed one, and stored keys a typed one starts with.
            tokens = [_token(k) + " *" for k in long_keys]
            tokens += [_token(k[:n]) for k in long_keys for n in range(MIN_PREFIX, len(k))]
            for i in _match(catalog, "keys : (" + " OR ".join(tokens) + ")", exclude_id, limit + 1):
                found.setdefault(i, "prefix")
    ids = sorted(found, key=lambda i: _ORDER[found[i]])[:limit]
    if not ids:
        return []
    rows = {
        r["id"]: dict(r) for r in catalog.query(
            f"SELECT id, name, legal_form, unp, city FROM organizations WHERE id IN "
            f"({', '.join('?' for _ in ids)})", ids)
    }
    return [{**rows[i], "reason": found[i]} for i in ids if i in rows]
