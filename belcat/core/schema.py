"""The catalog's schema as versioned migrations.

Each migration is applied once, in order, inside a transaction. The number of
migrations a catalog has seen is also kept in ``PRAGMA user_version`` so that
an older belcat can tell it is looking at a newer catalog before reading it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from .vocab import REGIONS

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x42454C43  # "BELC"
MIGRATION_SET = "belcat"

MIGRATION_NAMES: list[str] = []
_FUNCTIONS: list = []  # (name, function) in order
_migrations: Migrations | None = None


def migration(name: str):
    """Register a migration; names are applied in the order they appear here."""
    MIGRATION_NAMES.append(name)

    def register(function):
        _FUNCTIONS.append((name, function))
        return function

    return register


def __getattr__(attribute: str):
    # ``schema.migrations``: the sqlite-utils Migrations, built on first use so
    # that opening an up-to-date catalog does not import sqlite-utils (a fifth
    # of a second of start-up).
    global _migrations
    if attribute != "migrations":
        raise AttributeError(attribute)
    if _migrations is None:
        from sqlite_utils.migrations import Migrations

        built = Migrations(MIGRATION_SET)
        for name, function in _FUNCTIONS:
            built(name=name)(function)
        _migrations = built
    return _migrations


def pending_names(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this catalog has not seen yet (reads only)."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone():
        return list(MIGRATION_NAMES)
    applied = {r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
    return [n for n in MIGRATION_NAMES if n not in applied]

_STAMPS = """
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    source_note TEXT,
    verified_on TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    version INTEGER NOT NULL DEFAULT 1
"""


@migration("0001_initial")
def _initial(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        url TEXT,
        publisher TEXT,
        published_on TEXT,
        note TEXT
    );
    CREATE TABLE terms (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('sector', 'technology', 'country', 'region')),
        code TEXT NOT NULL,
        name_ru TEXT NOT NULL,
        name_be TEXT,
        name_en TEXT,
        UNIQUE (kind, code)
    );
    CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_be TEXT,
        name_en TEXT,
        full_name TEXT,
        legal_form TEXT,
        unp TEXT UNIQUE,
        region_id INTEGER REFERENCES terms(id),
        city TEXT,
        address TEXT,
        website TEXT,
        email TEXT,
        phone TEXT,
        products TEXT,
        htp_since TEXT,
        htp_status TEXT,
        size_band TEXT,
        description TEXT,
        {_STAMPS}
    );
    CREATE INDEX organizations_name ON organizations(name COLLATE NOCASE);
    CREATE INDEX organizations_region ON organizations(region_id);
    CREATE INDEX organizations_updated ON organizations(updated_at);
    CREATE TABLE organization_roles (
        org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (org_id, role)
    ) WITHOUT ROWID;
    CREATE INDEX organization_roles_by_role ON organization_roles(role, org_id);
    CREATE TABLE organization_aliases (
        id INTEGER PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        lang TEXT
    );
    CREATE INDEX organization_aliases_org ON organization_aliases(org_id);
    CREATE TABLE organization_terms (
        org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        term_id INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,
        PRIMARY KEY (org_id, term_id)
    ) WITHOUT ROWID;
    CREATE INDEX organization_terms_by_term ON organization_terms(term_id, org_id);
    CREATE TABLE programmes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_en TEXT,
        kind TEXT NOT NULL,
        start_year INTEGER,
        end_year INTEGER,
        description TEXT,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL
    );
    CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        title_en TEXT,
        programme_id INTEGER REFERENCES programmes(id) ON DELETE SET NULL,
        status TEXT,
        start_year INTEGER,
        end_year INTEGER,
        results TEXT,
        jobs_created INTEGER,
        budget REAL,
        budget_currency TEXT,
        description TEXT,
        pilot_stage TEXT,
        pilot_started_on TEXT,
        pilot_evaluated_on TEXT,
        single_source_listed_on TEXT,
        single_source_expires_on TEXT,
        {_STAMPS}
    );
    CREATE INDEX projects_title ON projects(title COLLATE NOCASE);
    CREATE INDEX projects_programme ON projects(programme_id);
    CREATE INDEX projects_status ON projects(status);
    CREATE TABLE project_terms (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        term_id INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,
        PRIMARY KEY (project_id, term_id)
    ) WITHOUT ROWID;
    CREATE INDEX project_terms_by_term ON project_terms(term_id, project_id);
    CREATE TABLE project_participants (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (project_id, org_id, role)
    ) WITHOUT ROWID;
    CREATE INDEX project_participants_by_org ON project_participants(org_id, project_id);
    CREATE TABLE org_relations (
        id INTEGER PRIMARY KEY,
        from_org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        to_org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        product TEXT,
        note TEXT,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        CHECK (from_org_id <> to_org_id)
    );
    CREATE INDEX org_relations_from ON org_relations(from_org_id);
    CREATE INDEX org_relations_to ON org_relations(to_org_id);
    CREATE TABLE indicators (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        value REAL,
        unit TEXT,
        period TEXT,
        programme_id INTEGER REFERENCES programmes(id) ON DELETE SET NULL,
        note TEXT,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT
    );
    """)
    db["terms"].insert_all(
        {"kind": "region", "code": code, "name_ru": ru, "name_be": be, "name_en": en}
        for code, ru, be, en in REGIONS
    )


@migration("0002_search_index")
def _search_index(db: Database) -> None:
    from .search_index import rebuild_connection

    db.execute("""
    CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        view TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        facets TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    )""")
    rebuild_connection(db.conn)


SCHEMA_VERSION = len(MIGRATION_NAMES)
