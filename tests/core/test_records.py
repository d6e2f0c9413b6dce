import sqlite3

import pytest

from belcat.core import organizations, projects
from belcat.core.catalog import BULK_CACHE_KIB
from belcat.core.errors import ConflictError, DanglingReferenceError, NotFoundError


def _org(catalog, **extra):
    values = {
        "name": "Гомсельмаш", "legal_form": "ОАО", "full_name": "ОАО «Гомсельмаш»",
        "region": "gomel", "city": "Гомель", "roles": ["enterprise"],
        "sectors": ["Машиностроение", "Сельхозтехника"], "aliases": ["Gomselmash", "Gomselmash"],
        "countries": ["Россия"],
    }
    values.update(extra)
    return organizations.create(catalog, values)


def test_create_and_read_organization_with_parts(catalog):
    org_id = _org(catalog)
    org = organizations.get(catalog, org_id)
    assert org["name"] == "Гомсельмаш"
    assert org["region"] == "gomel" and org["region_name"] == "Гомельская область"
    assert org["roles"] == ["enterprise"]
    assert org["aliases"] == ["Gomselmash"]  # duplicates folded
    assert org["sectors"] == ["Машиностроение", "Сельхозтехника"]
    assert org["countries"] == ["Россия"]
    assert org["version"] == 1 and org["created_at"] == org["updated_at"]


def test_terms_are_shared_between_records(catalog):
    _org(catalog)
    _org(catalog, name="МТЗ", sectors=["машиностроение"])
    assert catalog.scalar("SELECT count(*) FROM terms WHERE kind = 'sector'") == 2


def test_update_bumps_version_and_detects_conflicts(catalog):
    org_id = _org(catalog)
    organizations.update(catalog, org_id, {"city": "Gomel", "roles": ["enterprise", "resident"]},
                         expected_version=1)
    org = organizations.get(catalog, org_id)
    assert org["version"] == 2 and org["city"] == "Gomel"
    assert sorted(org["roles"]) == ["enterprise", "resident"]
    with pytest.raises(ConflictError):
        organizations.update(catalog, org_id, {"city": "Минск"}, expected_version=1)
    assert organizations.get(catalog, org_id)["city"] == "Gomel"


def test_failed_write_leaves_nothing(catalog):
    with pytest.raises(KeyError):
        _org(catalog, region="atlantis")
    assert catalog.scalar("SELECT count(*) FROM organizations") == 0
    assert catalog.scalar("SELECT count(*) FROM terms WHERE kind = 'sector'") == 0


def _pragmas(catalog):
    return [catalog.scalar(f"PRAGMA {name}") for name in ("foreign_keys", "cache_size")]


def test_bulk_write_checks_foreign_keys_once_before_commit(catalog):
    before = _pragmas(catalog)
    org_id = _org(catalog)
    with pytest.raises(DanglingReferenceError, match="organization_aliases that refers to a missing row of organizations"):
        with catalog.write(bulk=True):
            assert _pragmas(catalog) == [0, BULK_CACHE_KIB]
            catalog.conn.execute("INSERT INTO organization_aliases (org_id, alias) VALUES (?, ?)",
                                 [org_id, "kept out"])
            # No check at the row itself: a dangling row goes in...
            catalog.conn.execute("INSERT INTO organization_aliases (org_id, alias) VALUES (?, ?)",
                                 [org_id + 100, "dangling"])
    # ...and the check before the commit rolls back the whole write.
    assert catalog.scalar("SELECT count(*) FROM organization_aliases WHERE alias <> 'Gomselmash'") == 0
    assert _pragmas(catalog) == before
    with catalog.write(bulk=True):
        catalog.conn.execute("INSERT INTO organization_aliases (org_id, alias) VALUES (?, ?)",
                             [org_id, "kept"])
    assert catalog.scalar("SELECT count(*) FROM organization_aliases WHERE alias = 'kept'") == 1
    assert _pragmas(catalog) == before
    with pytest.raises(sqlite3.IntegrityError):  # checked at the row again
        with catalog.write():
            catalog.conn.execute("INSERT INTO organization_aliases (org_id, alias) VALUES (?, ?)",
                                 [org_id + 100, "dangling"])


def test_project_with_participants_and_cascading_delete(catalog):
    a = _org(catalog)
    b = _org(catalog, name="Технософт", roles=["resident"])
    pid = projects.create(catalog, {
        "title": "Роботизированная сварка", "status": "in_progress", "start_year": 2025,
        "participants": [{"org_id": a, "role": "customer"}, {"org_id": b, "role": "developer"}],
        "countries": ["Китай"],
    })
    project = projects.get(catalog, pid)
    assert {(p["name"], p["role"]) for p in project["participants"]} == {
        ("Гомсельмаш", "customer"), ("Технософт", "developer")}
    assert [p["title"] for p in organizations.get(catalog, b)["projects"]] == ["Роботизированная сварка"]
    organizations.delete(catalog, b)
    assert [p["name"] for p in projects.get(catalog, pid)["participants"]] == ["Гомсельмаш"]
    projects.delete(catalog, pid)
    with pytest.raises(NotFoundError):
        projects.get(catalog, pid)


def test_relations_seen_from_both_sides(catalog):
    a = _org(catalog)
    b = _org(catalog, name="Технософт", roles=["resident"])
    organizations.add_relation(catalog, a, b, "adopted", product="Сварочный робот")
    out = organizations.get(catalog, a)["relations"]
    back = organizations.get(catalog, b)["relations"]
    assert out[0]["direction"] == "out" and out[0]["org_id"] == b
    assert back[0]["direction"] == "in" and back[0]["org_id"] == a


def test_an_update_reindexes_the_records_that_name_it_before_and_after(catalog):
    from belcat.core import search_index

    a = _org(catalog)
    b = _org(catalog, name="Технософт", roles=["resident"])
    c = _org(catalog, name="Белсофт", roles=["resident"])
    pid = projects.create(catalog, {"title": "Сварка", "participants": [{"org_id": b, "role": "developer"}]})
    organizations.update(catalog, a, {"relations": [{"org_id": b, "kind": "adopted"}]})
    assert search_index.stale(catalog) == {}
    # New partners and projects name it now; the ones it left no longer do.
    organizations.update(catalog, a, {"relations": [{"org_id": c, "kind": "adopted"}],
                                      "projects": [{"project_id": pid, "role": "customer"}]})
    assert search_index.stale(catalog) == {}
    organizations.update(catalog, a, {"name": "Гомсельмаш Холдинг"})  # no links given: the same ones
    assert search_index.stale(catalog) == {}
    projects.update(catalog, pid, {"participants": [{"org_id": c, "role": "developer"}]})
    assert search_index.stale(catalog) == {}
