"""Shared by the CSV tests: a dump of a catalog's records by natural keys."""

from belcat.core.catalog import Catalog

TABLES = ("sources", "terms", "programmes", "organizations", "organization_aliases",
          "organization_roles", "organization_terms", "projects", "project_terms",
          "project_participants", "org_relations", "indicators", "settings")


def raw_dump(catalog: Catalog) -> dict:
    """Every row of every table, for 'nothing changed' checks."""
    return {t: sorted(tuple(r) for r in catalog.query(f"SELECT * FROM {t}")) for t in TABLES}


def records(catalog: Catalog) -> dict:
    """Organizations and projects with their links, without ids or timestamps."""
    skip = {"id", "region_id", "programme_id", "source_id", "created_at", "updated_at", "version"}
    orgs = {}
    for r in catalog.query("SELECT * FROM organizations"):
        d = {k: r[k] for k in r.keys() if k not in skip}
        d["region"] = catalog.scalar("SELECT code FROM terms WHERE id = ?", [r["region_id"]])
        d["roles"] = sorted(x[0] for x in catalog.query("SELECT role FROM organization_roles WHERE org_id = ?", [r["id"]]))
        d["aliases"] = sorted(set(x[0] for x in catalog.query("SELECT alias FROM organization_aliases WHERE org_id = ?", [r["id"]])))
        d["terms"] = sorted(tuple(x) for x in catalog.query(
            "SELECT t.kind, t.name_ru FROM organization_terms x JOIN terms t ON t.id = x.term_id WHERE x.org_id = ?", [r["id"]]))
        d["relations"] = sorted((tuple(x) for x in catalog.query(
            "SELECT o.name, x.kind, x.product, x.note FROM org_relations x JOIN organizations o ON o.id = x.to_org_id "
            "WHERE x.from_org_id = ?", [r["id"]])), key=repr)  # repr: details may be NULL
        orgs[(r["name"], r["unp"])] = d
    projects = {}
    for r in catalog.query("SELECT * FROM projects"):
        d = {k: r[k] for k in r.keys() if k not in skip}
        d["programme"] = catalog.scalar("SELECT name || '/' || kind FROM programmes WHERE id = ?", [r["programme_id"]])
        d["terms"] = sorted(tuple(x) for x in catalog.query(
            "SELECT t.kind, t.name_ru FROM project_terms x JOIN terms t ON t.id = x.term_id WHERE x.project_id = ?", [r["id"]]))
        d["participants"] = sorted((tuple(x) for x in catalog.query(
            "SELECT o.name, o.unp, pp.role, pp.note FROM project_participants pp JOIN organizations o ON o.id = pp.org_id "
            "WHERE pp.project_id = ?", [r["id"]])), key=repr)
        projects[r["title"]] = d
    return {"organizations": orgs, "projects": projects}
