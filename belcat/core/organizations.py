"""Organizations: read one with its links, create, update, delete."""

from . import search_index
from .catalog import Catalog
from .records import (
    RecordTable,
    fetch_row,
    insert_row,
    plain_values,
    restored_fields,
    source_fields,
    source_of,
    term_names,
    update_row,
    write_terms,
)
from .taxonomy import region_id
from .validation import check_organization

SPEC = RecordTable(
    kind="organization",
    table="organizations",
    columns=(
        "name", "name_be", "name_en", "full_name", "legal_form", "unp", "city", "address",
        "website", "email", "phone", "products", "htp_since", "htp_status", "size_band",
        "description", "source_id", "source_note", "verified_on", "is_demo",
    ),
    terms_table="organization_terms",
    owner_column="org_id",
    term_fields=(("sectors", "sector"), ("technologies", "technology"), ("countries", "country")),
)


def stored_aliases(aliases: list[str] | None) -> list[str]:
    """Other names as they are stored: trimmed, each once, in order."""
    return [a for a in dict.fromkeys(a.strip() for a in aliases or []) if a]


def _row(catalog: Catalog, values: dict) -> dict:
    row = plain_values(SPEC, values)
    if "region" in values:
        row["region_id"] = region_id(catalog, values["region"])
    row.update(source_fields(catalog, values))
    return row


def _write_parts(catalog: Catalog, org_id: int, values: dict) -> None:
    write_terms(catalog, SPEC, org_id, values)
    if "roles" in values:
        catalog.conn.execute("DELETE FROM organization_roles WHERE org_id = ?", [org_id])
        catalog.conn.executemany(
            "INSERT OR IGNORE INTO organization_roles (org_id, role) VALUES (?, ?)",
            [(org_id, r) for r in values["roles"] or []],
        )
    if "aliases" in values:
        catalog.conn.execute("DELETE FROM organization_aliases WHERE org_id = ?", [org_id])
        catalog.conn.executemany(
            "INSERT INTO organization_aliases (org_id, alias) VALUES (?, ?)",
            [(org_id, a) for a in stored_aliases(values["aliases"])],
        )
    if "relations" in values:  # partners, each seen from this organization
        catalog.conn.execute(
            "DELETE FROM org_relations WHERE from_org_id = ? OR to_org_id = ?", [org_id, org_id])
        catalog.conn.executemany(
            "INSERT INTO org_relations (from_org_id, to_org_id, kind, product, note) VALUES (?, ?, ?, ?, ?)",
            [((org_id, r["org_id"]) if r.get("direction", "out") == "out" else (r["org_id"], org_id))
             + (r["kind"], r.get("product"), r.get("note")) for r in values["relations"] or []],
        )
    if "projects" in values:  # participations, as organizations.get() lists them
        catalog.conn.execute("DELETE FROM project_participants WHERE org_id = ?", [org_id])
        catalog.conn.executemany(
            "INSERT OR IGNORE INTO project_participants (project_id, org_id, role, note) VALUES (?, ?, ?, ?)",
            [(p["project_id"], org_id, p["role"], p.get("note")) for p in values["projects"] or []],
        )


def create(catalog: Catalog, values: dict, *, validate: bool = True) -> int:
    """Add an organization; ``validate=False`` only to put back a deleted one as it was."""
    with catalog.write():
        if validate:
            check_organization(catalog, values, org_id=values.get("id"))
        row = _row(catalog, values)
        row.update(restored_fields(values))  # restoring a deleted record under its old id
        org_id = insert_row(catalog, SPEC, row)
        _write_parts(catalog, org_id, values)
        search_index.reindex_all(catalog, search_index.dependents(catalog, "organization", org_id))
        return org_id


def update(catalog: Catalog, org_id: int, values: dict, expected_version: int | None = None,
           *, validate: bool = True) -> None:
    with catalog.write():
        if validate:
            check_organization(catalog, values, org_id=org_id, current=fetch_row(catalog, SPEC, org_id))
        before = search_index.dependents(catalog, "organization", org_id)  # links may go
        update_row(catalog, SPEC, org_id, _row(catalog, values), expected_version)
        _write_parts(catalog, org_id, values)
        search_index.reindex_all(
            catalog, search_index.merge(before, search_index.dependents(catalog, "organization", org_id)))


def delete(catalog: Catalog, org_id: int) -> None:
    with catalog.write():
        linked = search_index.dependents(catalog, "organization", org_id)
        catalog.conn.execute("DELETE FROM organizations WHERE id = ?", [org_id])
        search_index.reindex_all(catalog, linked)


def get(catalog: Catalog, org_id: int) -> dict:
    """Every field of the organization, its names, terms, projects and partners."""
    org = fetch_row(catalog, SPEC, org_id)
    region = catalog.conn.execute(
        "SELECT code, name_ru, name_en FROM terms WHERE id = ?", [org["region_id"]]
    ).fetchone()
    org["region"] = region["code"] if region else None
    org["region_name"] = region["name_ru"] if region else None
    org["roles"] = [
        r[0] for r in catalog.query("SELECT role FROM organization_roles WHERE org_id = ?", [org_id])
    ]
    org["aliases"] = [
        r[0]
        for r in catalog.query(
            "SELECT alias FROM organization_aliases WHERE org_id = ? ORDER BY id", [org_id]
        )
    ]
    org.update(term_names(catalog, SPEC, org_id))
    org["source"] = source_of(catalog, org["source_id"])
    org["projects"] = [
        dict(r)
        for r in catalog.query(
            "SELECT p.id AS project_id, p.title, p.status, pp.role, pp.note FROM project_participants pp "
            "JOIN projects p ON p.id = pp.project_id WHERE pp.org_id = ? ORDER BY p.title",
            [org_id],
        )
    ]
    org["relations"] = related(catalog, org_id)
    return org


def related(catalog: Catalog, org_id: int) -> list[dict]:
    """Relations in both directions, each seen from this organization."""
    rows = catalog.query(
        """
        SELECT r.id, r.kind, r.product, r.note, 'out' AS direction, o.id AS org_id, o.name
        FROM org_relations r JOIN organizations o ON o.id = r.to_org_id
        WHERE r.from_org_id = ?
        UNION ALL
        SELECT r.id, r.kind, r.product, r.note, 'in' AS direction, o.id AS org_id, o.name
        FROM org_relations r JOIN organizations o ON o.id = r.from_org_id
        WHERE r.to_org_id = ?
        ORDER BY name
        """,
        [org_id, org_id],
    )
    return [dict(r) for r in rows]


def add_relation(
    catalog: Catalog,
    from_org_id: int,
    to_org_id: int,
    kind: str,
    *,
    product: str | None = None,
    note: str | None = None,
    source_id: int | None = None,
) -> int:
    with catalog.write():
        cur = catalog.conn.execute(
            "INSERT INTO org_relations (from_org_id, to_org_id, kind, product, note, source_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [from_org_id, to_org_id, kind, product, note, source_id],
        )
        search_index.reindex(catalog, "organization", [from_org_id, to_org_id])
        return cur.lastrowid
