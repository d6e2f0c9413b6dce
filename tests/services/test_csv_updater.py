"""The batch form of an organization's update: what the core's update
stores, for the fields given."""

from belcat.core import organizations, search_index
from belcat.services.csv_updater import BatchUpdater


def test_a_flush_stores_what_the_core_would(filled):
    catalog, ids = filled
    before = organizations.get(catalog, ids["gomselmash"])
    keys = ["name", "city", "region", "roles", "aliases", "sectors", "technologies", "phone"]
    with catalog.write(), search_index.collecting(catalog) as noted:
        updater = BatchUpdater(catalog, keys)
        updater.add(ids["gomselmash"], {"city": " Жлобин ", "region": "minsk", "sectors": ["Металлургия"],
                                        "aliases": [" ГСМ ", "ГСМ", "Gomselmash"]})
        updater.add(ids["mtz"], {"phone": "+375 17 000-00-00", "roles": ["enterprise", "government"]})
        assert ids["mtz"] in updater
        updater.flush()
        assert not updater.pending
    after = organizations.get(catalog, ids["gomselmash"])
    assert (after["city"], after["region"], after["sectors"], after["aliases"]) == (
        "Жлобин", "minsk", ["Металлургия"], ["ГСМ", "Gomselmash"])
    assert after["version"] == before["version"] + 1
    for kept in ("name", "phone", "roles", "technologies", "description"):
        assert after[kept] == before[kept], kept
    mtz = organizations.get(catalog, ids["mtz"])
    assert mtz["phone"] == "+375 17 000-00-00" and sorted(mtz["roles"]) == ["enterprise", "government"]
    # A new city is in the record's entry and in its project's; a phone in none.
    assert noted == {"organization": {ids["gomselmash"], ids["soft"]}, "project": {ids["welding"]}}


def test_it_writes_only_the_fields_it_knows(filled):
    catalog, _ids = filled
    updater = BatchUpdater(catalog, ["name"])
    assert updater.handles({"name": "X", "sectors": [], "region": "minsk", "aliases": [], "roles": []})
    assert not updater.handles({"name": "X", "source_title": "Статья"})
