"""The links an import's rows name (a project's participants, an
organization's relations), written once every row is in: they name
organizations by UNP or name, and a later row may add the one named."""

# Links of new records go in by the batch, in the order of the file; a
# record that existed has its old links replaced first.
_INSERT = {
    "participants": "INSERT OR IGNORE INTO project_participants (project_id, org_id, role, note) "
                    "VALUES (?, ?, ?, ?)",
    "relations": "INSERT INTO org_relations (from_org_id, to_org_id, kind, product, note) "
                 "VALUES (?, ?, ?, ?, ?)"}
_DELETE = {"participants": "DELETE FROM project_participants WHERE project_id = ?",
           "relations": "DELETE FROM org_relations WHERE from_org_id = ?"}
# The organizations at the other end of the links replaced (their texts name this record).
_REPLACED = {"participants": "SELECT org_id FROM project_participants WHERE project_id = ?",
             "relations": "SELECT to_org_id FROM org_relations WHERE from_org_id = ?"}
BATCH = 2000  # link rows per executemany


def write_links(conn, links, org_of, problem) -> set[int]:
    """Write ``links`` ((row, record id, key, [(code, name, UNP, details)],
    whether the record is new) each) and return the organizations at either
    end of a link that changed. ``org_of(row, key, name, unp)`` finds an
    organization (or reports why not and gives None); ``problem(row, key,
    message)`` reports a link that cannot be."""
    linked: set[int] = set()
    batch: dict[str, list] = {"participants": [], "relations": []}

    def flush():
        for k, rows in batch.items():
            if rows:
                conn.executemany(_INSERT[k], rows)
                rows.clear()
    for number, record_id, key, named, new in links:
        if new and not named:
            continue
        resolved = []
        for code, name, unp, details in named:
            org_id = org_of(number, key, name, unp)
            if org_id is not None:
                resolved.append((code, org_id, details))
        linked.update(org_id for _, org_id, _ in resolved)
        if key == "relations" and any(org_id == record_id for _, org_id, _ in resolved):
            problem(number, key, "an organization cannot be linked to itself")
            continue
        if not new:
            flush()
            linked.update(r[0] for r in conn.execute(_REPLACED[key], [record_id]))
            conn.execute(_DELETE[key], [record_id])
        batch[key] += [(record_id, org_id, code, *details) for code, org_id, details in resolved]
        if len(batch[key]) >= BATCH:
            flush()
    flush()
    return linked
