"""Projects: read one with its participants, create, update, delete."""

from . import search_index
from .catalog import Catalog
from .records import (
    RecordTable,
    fetch_row,
    insert_row,
    plain_values,
    source_of,
    term_names,
    update_row,
    write_terms,
)

SPEC = RecordTable(
    kind="project",
    table="projects",
    columns=(
        "title", "title_en", "programme_id", "status", "start_year", "end_year", "results",
        "jobs_created", "budget", "budget_currency", "description", "pilot_stage",
        "pilot_started_on", "pilot_evaluated_on", "single_source_listed_on",
        "single_source_expires_on", "source_id", "source_note", "verified_on", "is_demo",
    ),
    terms_table="project_terms",
    owner_column="project_id",
    term_fields=(("sectors", "sector"), ("technologies", "technology"), ("countries", "country")),
)


def _write_participants(catalog: Catalog, project_id: int, values: dict) -> None:
    if "participants" not in values:
        return
    catalog.conn.execute("DELETE FROM project_participants WHERE project_id = ?", [project_id])
    catalog.conn.executemany(
        "INSERT OR IGNORE INTO project_participants (project_id, org_id, role, note) "
        "VALUES (?, ?, ?, ?)",
        [(project_id, p["org_id"], p["role"], p.get("note")) for p in values["participants"]],
    )


def create(catalog: Catalog, values: dict) -> int:
    with catalog.write():
        row = plain_values(SPEC, values)
        if values.get("id") is not None:
            row["id"] = values["id"]
        project_id = insert_row(catalog, SPEC, row)
        write_terms(catalog, SPEC, project_id, values)
        _write_participants(catalog, project_id, values)
        search_index.reindex_all(catalog, search_index.dependents(catalog, "project", project_id))
        return project_id


def update(
    catalog: Catalog, project_id: int, values: dict, expected_version: int | None = None
) -> None:
    with catalog.write():
        before = search_index.dependents(catalog, "project", project_id)
        update_row(catalog, SPEC, project_id, plain_values(SPEC, values), expected_version)
        write_terms(catalog, SPEC, project_id, values)
        _write_participants(catalog, project_id, values)
        search_index.reindex_all(
            catalog, search_index.merge(before, search_index.dependents(catalog, "project", project_id)))


def delete(catalog: Catalog, project_id: int) -> None:
    with catalog.write():
        linked = search_index.dependents(catalog, "project", project_id)
        catalog.conn.execute("DELETE FROM projects WHERE id = ?", [project_id])
        search_index.reindex_all(catalog, linked)


def get(catalog: Catalog, project_id: int) -> dict:
    project = fetch_row(catalog, SPEC, project_id)
    programme = None
    if project["programme_id"] is not None:
        row = catalog.conn.execute(
            "SELECT * FROM programmes WHERE id = ?", [project["programme_id"]]
        ).fetchone()
        programme = dict(row) if row else None
    project["programme"] = programme
    project.update(term_names(catalog, SPEC, project_id))
    project["source"] = source_of(catalog, project["source_id"])
    project["participants"] = [
        dict(r)
        for r in catalog.query(
            "SELECT o.id AS org_id, o.name, pp.role, pp.note FROM project_participants pp "
            "JOIN organizations o ON o.id = pp.org_id WHERE pp.project_id = ? "
            "ORDER BY pp.role, o.name",
            [project_id],
        )
    ]
    return project


def create_programme(catalog: Catalog, values: dict) -> int:
    with catalog.write():
        cols = ("name", "name_en", "kind", "start_year", "end_year", "description", "source_id")
        row = {c: values.get(c) for c in cols}
        cur = catalog.conn.execute(
            f"INSERT INTO programmes ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        return cur.lastrowid


def programmes(catalog: Catalog) -> list[dict]:
    return [dict(r) for r in catalog.query("SELECT * FROM programmes ORDER BY start_year, name")]


def get_programme(catalog: Catalog, programme_id: int) -> dict:
    """A programme with its projects and the figures reported for it."""
    from .errors import NotFoundError

    row = catalog.conn.execute("SELECT * FROM programmes WHERE id = ?", [programme_id]).fetchone()
    if row is None:
        raise NotFoundError(f"programme {programme_id} does not exist")
    programme = dict(row)
    programme["source"] = source_of(catalog, programme["source_id"])
    programme["projects"] = [
        dict(r)
        for r in catalog.query(
            "SELECT id, title, status, start_year, end_year FROM projects WHERE programme_id = ? "
            "ORDER BY title",
            [programme_id],
        )
    ]
    programme["indicators"] = [
        dict(r)
        for r in catalog.query(
            "SELECT i.name, i.value, i.unit, i.period, i.note, s.title AS source_title "
            "FROM indicators i LEFT JOIN sources s ON s.id = i.source_id "
            "WHERE i.programme_id = ? ORDER BY i.period, i.id",
            [programme_id],
        )
    ]
    return programme
