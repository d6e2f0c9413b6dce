import pytest

from belcat.core import editing, organizations, projects
from belcat.core.errors import ConflictError, NotFoundError


@pytest.fixture
def linked(catalog):
    a = organizations.create(catalog, {"name": "Гомсельмаш", "roles": ["enterprise"], "sectors": ["Машиностроение"],
                                       "source_title": "Статья", "source_url": "https://park.by/a",
                                       "verified_on": "2025-01-10"})
    b = organizations.create(catalog, {"name": "Технософт", "roles": ["resident"]})
    organizations.add_relation(catalog, a, b, "adopted", product="Робот")
    p = projects.create(catalog, {"title": "Сварка", "participants": [
        {"org_id": a, "role": "customer"}, {"org_id": b, "role": "developer"}]})
    return a, b, p


def test_delete_and_restore_organization_with_its_links(catalog, linked):
    a, b, p = linked
    before = organizations.get(catalog, a)
    assert editing.links_of(catalog, "organization", a) == {
        "participations": ["Сварка (Customer / adopter)"], "relations": ["Технософт (Adopted products of)"]}
    snap = editing.delete(catalog, "organization", a)
    with pytest.raises(NotFoundError):
        organizations.get(catalog, a)
    assert len(projects.get(catalog, p)["participants"]) == 1
    assert editing.restore(catalog, "organization", snap) == a
    after = organizations.get(catalog, a)
    for field in ("name", "roles", "sectors", "projects", "relations", "source_id", "created_at", "verified_on"):
        assert after[field] == before[field], field


def test_restore_skips_links_to_records_gone_meanwhile(catalog, linked):
    a, b, p = linked
    snap = editing.delete(catalog, "project", p)
    organizations.delete(catalog, b)
    editing.restore(catalog, "project", snap)
    assert [x["org_id"] for x in projects.get(catalog, p)["participants"]] == [a]


def test_form_values_and_update_with_version(catalog, linked):
    a, b, _ = linked
    values = editing.form_values(editing.snapshot(catalog, "organization", a), "organization")
    assert values["source_url"] == "https://park.by/a"
    assert values["relations"][0]["org_id"] == b
    values["city"] = "Гомель"
    assert editing.update(catalog, "organization", a, values, expected_version=1) == 2
    with pytest.raises(ConflictError):
        editing.update(catalog, "organization", a, {"city": "Минск"}, expected_version=1)
    theirs = editing.form_values(editing.snapshot(catalog, "organization", a), "organization")
    assert editing.changed_fields("organization", {**theirs, "city": "Минск"}, theirs) == ["city"]


def test_source_fields_find_or_add_a_source(catalog, linked):
    a, b, _ = linked
    organizations.update(catalog, b, {"source_title": "Статья", "source_url": "https://park.by/a"})
    assert organizations.get(catalog, b)["source_id"] == organizations.get(catalog, a)["source_id"]
    organizations.update(catalog, b, {"source_title": "", "source_url": ""})
    assert organizations.get(catalog, b)["source_id"] is None


def test_picker_search(catalog, linked):
    a, b, _ = linked
    assert [r["id"] for r in editing.search_organizations(catalog, "техно")] == [b]
    assert [r["id"] for r in editing.search_organizations(catalog, "", exclude_id=a)] == [b]


def test_undo_puts_back_values_todays_rules_refuse(catalog):
    with catalog.write():
        org_id = catalog.conn.execute(
            "INSERT INTO organizations (name, website, phone) VALUES ('Старая', 'not a url', '12')").lastrowid
    snap = editing.delete(catalog, "organization", org_id)
    assert editing.restore(catalog, "organization", snap) == org_id
    assert organizations.get(catalog, org_id)["website"] == "not a url"
    before = editing.form_values(editing.snapshot(catalog, "organization", org_id), "organization")
    version = editing.update(catalog, "organization", org_id, {**before, "website": "https://old.by", "phone": None}, 1)
    editing.update(catalog, "organization", org_id, before, version, validate=False)
    assert organizations.get(catalog, org_id)["phone"] == "12"
