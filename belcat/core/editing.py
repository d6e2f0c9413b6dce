"""Editing operations on whole records, the way the forms and undo use them.

Each function is one transaction of the core (organizations/projects
create/update/delete) and returns what is needed to take it back: a delete
returns the snapshot that ``restore`` puts back under the same id with its
links (participations, relations).
"""

from . import organizations, projects, vocab
from .catalog import Catalog

MODULES = {"organization": organizations, "project": projects}

# Fields a form edits, per kind (multi-valued ones are lists).
FORM_FIELDS = {
    "organization": (
        "name", "name_be", "name_en", "full_name", "legal_form", "aliases", "roles", "unp",
        "region", "city", "address", "website", "email", "phone", "sectors", "technologies",
        "products", "countries", "description", "size_band", "htp_since", "htp_status",
        "relations", "source_title", "source_url", "source_note", "verified_on",
    ),
    "project": (
        "title", "title_en", "programme_id", "status", "start_year", "end_year", "budget",
        "budget_currency", "jobs_created", "results", "description", "sectors", "technologies",
        "countries", "participants", "pilot_stage", "pilot_started_on", "pilot_evaluated_on",
        "single_source_listed_on", "single_source_expires_on", "source_title", "source_url",
        "source_note", "verified_on",
    ),
}


def snapshot(catalog: Catalog, kind: str, record_id: int) -> dict:
    """Everything about the record, in the form create() takes back."""
    return MODULES[kind].get(catalog, record_id)


def form_values(record: dict, kind: str) -> dict:
    """The values a form shows for a record read with snapshot()."""
    source = record.get("source") or {}
    values = {**record, "source_title": source.get("title"), "source_url": source.get("url")}
    if kind == "organization":
        values["relations"] = [
            {k: r.get(k) for k in ("org_id", "name", "kind", "direction", "product", "note")}
            for r in record.get("relations") or []
        ]
    return {f: values.get(f) for f in FORM_FIELDS[kind]}


def create(catalog: Catalog, kind: str, values: dict) -> int:
    return MODULES[kind].create(catalog, values)


def update(catalog: Catalog, kind: str, record_id: int, values: dict,
           expected_version: int | None, *, validate: bool = True) -> int:
    """Write the values; returns the record's new version. ``validate=False``
    to put back values the record had (undo), whatever today's rules say."""
    MODULES[kind].update(catalog, record_id, values, expected_version=expected_version, validate=validate)
    return version_of(catalog, kind, record_id)


def delete(catalog: Catalog, kind: str, record_id: int) -> dict:
    """Delete the record and its links; returns the snapshot to restore it."""
    with catalog.write():
        record = snapshot(catalog, kind, record_id)
        MODULES[kind].delete(catalog, record_id)
    return record


def delete_many(catalog: Catalog, kind: str, record_ids: list[int]) -> list[dict]:
    """Delete the records and their links in one transaction: all of them or,
    should one fail, none. Returns their snapshots in the order given."""
    with catalog.write():
        return [delete(catalog, kind, record_id) for record_id in record_ids]


def restore_many(catalog: Catalog, kind: str, records: list[dict]) -> None:
    """Put back records deleted by ``delete_many`` in one transaction, the
    last first, so that each finds the links of the ones deleted after it."""
    with catalog.write():
        for record in reversed(records):
            restore(catalog, kind, record)


def restore(catalog: Catalog, kind: str, record: dict) -> int:
    """Put a deleted record back under its old id, with its links to records
    that still exist."""
    values = dict(record)
    with catalog.write():
        if kind == "organization":
            values["projects"] = [p for p in values.get("projects") or []
                                  if _exists(catalog, "project", p["project_id"])]
            values["relations"] = [r for r in values.get("relations") or []
                                   if _exists(catalog, "organization", r["org_id"])]
        else:
            values["participants"] = [p for p in values.get("participants") or []
                                      if _exists(catalog, "organization", p["org_id"])]
        return MODULES[kind].create(catalog, values, validate=False)


def version_of(catalog: Catalog, kind: str, record_id: int) -> int | None:
    return catalog.scalar(f"SELECT version FROM {MODULES[kind].SPEC.table} WHERE id = ?", [record_id])


def _exists(catalog: Catalog, kind: str, record_id: int) -> bool:
    return version_of(catalog, kind, record_id) is not None


def links_of(catalog: Catalog, kind: str, record_id: int) -> dict[str, list[str]]:
    """What goes with the record when it is deleted, as lines fit for a person:
    {"participations": [...], "relations": [...]}."""
    record = snapshot(catalog, kind, record_id)
    if kind == "organization":
        return {
            "participations": [f"{p['title']} ({_role(p['role'])})" for p in record["projects"]],
            "relations": [f"{r['name']} ({vocab.label(vocab.RELATION_KINDS, r['kind'])})"
                          for r in record["relations"]],
        }
    return {
        "participations": [f"{p['name']} ({_role(p['role'])})" for p in record["participants"]],
        "relations": [],
    }


def _role(code: str) -> str:
    return vocab.label(vocab.PARTICIPANT_ROLES, code)


def changed_fields(kind: str, mine: dict, theirs: dict) -> list[str]:
    """Form fields whose values differ between two form_values() dicts."""
    def item(v):
        if isinstance(v, dict):  # a link: what is set in it, names aside
            return repr(sorted((k, str(x)) for k, x in v.items() if x not in (None, "") and k != "name"))
        return str(v)

    def norm(v):
        if v in ("", None, []):
            return None
        return sorted(map(item, v)) if isinstance(v, list) else str(v)
    return [f for f in FORM_FIELDS[kind] if norm(mine.get(f)) != norm(theirs.get(f))]


def search_organizations(catalog: Catalog, text: str, *, exclude_id: int | None = None,
                         limit: int = 50) -> list[dict]:
    """Organizations for a picker: names containing the text (any case, also
    aliases and the comparison key), best first. [{"id", "name", "city"}]"""
    from .duplicates import keys_of

    text = (text or "").strip()
    if not text:
        rows = catalog.query(
            "SELECT id, name, legal_form, city FROM organizations WHERE id IS NOT ? ORDER BY name LIMIT ?",
            [exclude_id, limit])
        return [dict(r) for r in rows]
    from .textnorm import words

    # Words of any name form typed so far (prefixes), or the name key as it
    # starts, or the UNP: all through the search index, never a table scan.
    tokens = ['"' + w.replace('"', '""') + '" *' for w in words(text)]
    keys = keys_of({"name": text})
    parts = []
    if tokens:
        parts.append("(name : (" + " AND ".join(tokens) + "))")
    if keys:
        parts.append('(keys : "' + keys[0] + '" *)')
    if not parts:
        return []
    rows = catalog.query(
        """
        SELECT o.id, o.name, o.legal_form, o.city FROM organizations o
        WHERE o.id IS NOT ? AND (o.unp = ? OR o.id IN (
            SELECT rowid FROM search_org WHERE search_org MATCH ? LIMIT ?))
        ORDER BY instr(o.name, ?) = 0, o.name LIMIT ?
        """,
        [exclude_id, text, " OR ".join(parts), limit * 4, text, limit])
    return [dict(r) for r in rows]
