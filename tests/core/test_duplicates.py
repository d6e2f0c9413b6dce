import pytest

from belcat.core import duplicates, organizations, search_index


@pytest.fixture
def orgs(catalog):
    return {
        "gomselmash": organizations.create(catalog, {
            "name": "Гомсельмаш", "legal_form": "ОАО", "full_name": "ОАО «Гомсельмаш»",
            "aliases": ["Gomselmash"], "unp": "400051234"}),
        "mtz": organizations.create(catalog, {"name": "Минский тракторный завод", "aliases": ["МТЗ"]}),
    }


@pytest.mark.parametrize("typed", ["ОАО «Гомсельмаш»", "Гомсельмаш", "гомсельмаш", "Gomselmash",
                                   "\"Гомсельмаш\" ОАО", "Гомсельм"])
def test_same_organization_under_other_spellings(catalog, orgs, typed):
    found = duplicates.find(catalog, {"name": typed})
    assert [f["id"] for f in found] == [orgs["gomselmash"]]


def test_same_unp_comes_first(catalog, orgs):
    found = duplicates.find(catalog, {"name": "Минский тракторный завод", "unp": "400051234"})
    assert [(f["id"], f["reason"]) for f in found] == [(orgs["gomselmash"], "unp"), (orgs["mtz"], "name")]


def test_the_record_itself_and_other_names_are_not_duplicates(catalog, orgs):
    assert duplicates.find(catalog, {"name": "Гомсельмаш"}, exclude_id=orgs["gomselmash"]) == []
    assert duplicates.find(catalog, {"name": "Белшина"}) == []
    assert duplicates.find(catalog, {"name": "Г"}) == []


def test_keys_follow_edits_and_deletes(catalog, orgs):
    organizations.update(catalog, orgs["mtz"], {"aliases": ["MTZ Holding"]})
    assert duplicates.find(catalog, {"name": "MTZ Holding"})[0]["id"] == orgs["mtz"]
    organizations.delete(catalog, orgs["mtz"])
    assert duplicates.find(catalog, {"name": "MTZ Holding"}) == []


def test_bulk_inserted_rows_found_once_indexed(catalog, orgs):
    with catalog.write():
        cur = catalog.conn.execute("INSERT INTO organizations (name) VALUES ('Белшина')")
        search_index.reindex(catalog, "organization", [cur.lastrowid])  # as bulk loaders do
    assert duplicates.find(catalog, {"name": "ОАО «Белшина»"})[0]["name"] == "Белшина"


def test_quotes_and_operators_typed_are_harmless(catalog, orgs):
    for typed in ('"', 'AND', 'ОАО "Гомсельмаш" OR *', "(-.)", "NEAR(a b)"):
        duplicates.find(catalog, {"name": typed})  # never raises


def test_transliterated_name_without_alias(catalog):
    org_id = organizations.create(catalog, {"name": "Беларуськалий", "legal_form": "ОАО"})
    for typed in ("Belaruskali", "ОАО \"Беларуськалій\"", "belaruskali JSC"):
        found = duplicates.find(catalog, {"name": typed})
        assert [f["id"] for f in found] == [org_id], typed
