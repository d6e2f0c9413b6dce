"""Finding organizations that may already be in the catalog.

Every name of an organization (name, Belarusian and English names, full name,
aliases) is kept as a comparison key in ``org_name_keys`` (migration 0003), so
a lookup while someone types is an index search, not a scan. Keys come from
``textnorm.name_key``: legal form, quotes, case and script set aside, so
ОАО «Гомсельмаш», Гомсельмаш and Gomselmash share one key.
"""

from .catalog import Catalog
from .textnorm import name_key

NAME_FIELDS = ("name", "name_be", "name_en", "full_name")
MIN_PREFIX = 4  # shorter keys match only exactly
# Stored with the keys; a belcat whose key function changed rebuilds them.
KEY_VERSION = "name_key-1:" + name_key("ОАО «Гомсельмаш»") + "|" + name_key("Беларуськалий")


def keys_of(values: dict) -> set[str]:
    names = [values.get(f) for f in NAME_FIELDS] + list(values.get("aliases") or [])
    return {k for k in (name_key(n) for n in names if n and str(n).strip()) if k}


def index_names(catalog: Catalog, org_ids) -> None:
    """Recompute the keys of these organizations. Call inside a write."""
    for org_id in org_ids:
        row = catalog.conn.execute(
            f"SELECT {', '.join(NAME_FIELDS)} FROM organizations WHERE id = ?", [org_id]
        ).fetchone()
        catalog.conn.execute("DELETE FROM org_name_keys WHERE org_id = ?", [org_id])
        if row is None:
            continue
        values = dict(row)
        values["aliases"] = [
            r[0] for r in catalog.conn.execute(
                "SELECT alias FROM organization_aliases WHERE org_id = ?", [org_id])
        ]
        catalog.conn.executemany(
            "INSERT OR IGNORE INTO org_name_keys (org_id, key) VALUES (?, ?)",
            [(org_id, k) for k in keys_of(values)],
        )


def sync_keys(catalog: Catalog) -> int:
    """Add keys for organizations written without them (bulk loaders) and
    rebuild all keys when the key function changed. Returns how many were done."""
    stamp = catalog.scalar("SELECT value FROM settings WHERE key = 'name_keys'")
    if stamp == KEY_VERSION:
        missing = [r[0] for r in catalog.conn.execute(
            "SELECT id FROM organizations o WHERE NOT EXISTS "
            "(SELECT 1 FROM org_name_keys k WHERE k.org_id = o.id)")]
        if not missing:
            return 0
    else:
        missing = None
    with catalog.write():
        if missing is None:
            catalog.conn.execute("DELETE FROM org_name_keys")
            missing = [r[0] for r in catalog.conn.execute("SELECT id FROM organizations")]
            catalog.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES ('name_keys', ?)", [KEY_VERSION])
        index_names(catalog, missing)
    return len(missing)


def find(catalog: Catalog, values: dict, *, exclude_id: int | None = None, limit: int = 10) -> list[dict]:
    """Organizations that may be the one described by ``values``.

    Each: {"id", "name", "unp", "city", "reason"}, reason "unp" (same UNP),
    "name" (same name key) or "prefix" (one name starts the other).
    Same UNP first, then same name, then similar.
    """
    found: dict[int, str] = {}
    unp = str(values.get("unp") or "").strip()
    if unp:
        for r in catalog.conn.execute(
            "SELECT id FROM organizations WHERE unp = ? AND id IS NOT ?", [unp, exclude_id]
        ):
            found.setdefault(r[0], "unp")
    for key in sorted(keys_of(values)):
        for r in catalog.conn.execute(
            "SELECT org_id FROM org_name_keys WHERE key = ? AND org_id IS NOT ? LIMIT ?",
            [key, exclude_id, limit + 1],
        ):
            found.setdefault(r[0], "name")
        if len(key) >= MIN_PREFIX:
            # Stored keys that start with the typed one (an index range), and
            # stored keys the typed one starts with.
            prefixes = [key[:i] for i in range(MIN_PREFIX, len(key))]
            marks = ", ".join("?" for _ in prefixes) or "NULL"
            for r in catalog.conn.execute(
                f"SELECT org_id FROM org_name_keys WHERE ((key > ? AND key < ?) OR key IN ({marks})) "
                f"AND org_id IS NOT ? LIMIT ?",
                [key, key + "\uffff", *prefixes, exclude_id, limit + 1],
            ):
                found.setdefault(r[0], "prefix")
        if len(found) > limit:
            break
    order = {"unp": 0, "name": 1, "prefix": 2}
    ids = sorted(found, key=lambda i: order[found[i]])[:limit]
    if not ids:
        return []
    rows = {
        r["id"]: dict(r) for r in catalog.query(
            f"SELECT id, name, legal_form, unp, city FROM organizations WHERE id IN "
            f"({', '.join('?' for _ in ids)})", ids)
    }
    return [{**rows[i], "reason": found[i]} for i in ids if i in rows]
