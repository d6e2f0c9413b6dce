"""Facet counts and filters: multi-valued fields, OR within, AND across, exclusions."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from belcat.core import listing, saved_searches, search
from belcat.core.errors import NotFoundError, ValidationError
from belcat.core.facets import FACETS, facet_counts, facets_for


def counts(cat, view, text="", facets=None, **kw):
    return {r.field: {code: n for code, _label, n in r.values}
            for r in facet_counts(cat, view, text, facets, **kw)}


def inc(*codes):
    return {"include": set(codes), "exclude": set()}


def exc(*codes):
    return {"include": set(), "exclude": set(codes)}


def sector_code(cat, name):
    return cat.scalar("SELECT code FROM terms WHERE kind = 'sector' AND name_ru = ?", [name])


def test_counts_follow_the_view_and_search(shared_search_catalog):
    cat, _ids = shared_search_catalog
    robo = sector_code(cat, "Робототехника")
    mach = sector_code(cat, "Машиностроение")
    all_orgs = counts(cat, "organizations")
    assert all_orgs["sector"][robo] == 2 and all_orgs["sector"][mach] == 2
    assert all_orgs["role"] == {"enterprise": 3, "resident": 3, "research": 1}
    assert counts(cat, "residents")["role"] == {"resident": 3, "research": 1}
    assert counts(cat, "organizations", "Минск")["region"] == {"minsk_city": 3, "minsk": 1}
    assert set(counts(cat, "projects")) == {f.field for f in facets_for("projects")}


def test_multi_valued_fields_count_each_value(shared_search_catalog):
    cat, ids = shared_search_catalog
    c = counts(cat, "organizations")
    russia = cat.scalar("SELECT code FROM terms WHERE kind = 'country' AND name_ru = 'Россия'")
    assert c["country"][russia] == 2  # МТЗ and Технософт
    assert c["role"]["resident"] == 3 and c["role"]["research"] == 1  # the institute in both
    # partner regions of projects: one per project even with two participants there
    p = counts(cat, "projects")
    assert p["region"]["gomel"] == 1 and p["region"]["minsk_city"] == 1


def test_or_within_and_across(shared_search_catalog):
    cat, ids = shared_search_catalog
    robo, mach = sector_code(cat, "Робототехника"), sector_code(cat, "Машиностроение")
    either = set(search.search_ids(cat, "organizations", "", {"sector": inc(robo, mach)}))
    assert either == {ids["robo"], ids["lab"], ids["gomselmash"], ids["mtz"]}
    both = set(search.search_ids(cat, "organizations", "",
                                 {"sector": inc(robo, mach), "region": inc("minsk_city")}))
    assert both == {ids["robo"], ids["lab"], ids["mtz"]}
    without = set(search.search_ids(cat, "organizations", "", {"sector": exc(robo)}))
    assert ids["robo"] not in without and ids["kali"] in without
    mixed = set(search.search_ids(cat, "organizations", "", {"role": {"include": {"resident"},
                                                                      "exclude": {"research"}}}))
    assert mixed == {ids["robo"], ids["it"]}


def test_a_facet_counts_without_its_own_filter(shared_search_catalog):
    cat, _ids = shared_search_catalog
    c = counts(cat, "organizations", "", {"region": inc("gomel")})
    assert c["region"]["minsk_city"] == 3  # still offered, to add with OR
    assert c["role"] == {"enterprise": 1}  # other facets follow the filter


def test_limit_plus_one_tells_a_cut_list(shared_search_catalog):
    cat, _ids = shared_search_catalog
    res = {r.field: r for r in facet_counts(cat, "organizations", limit=2)}
    assert len(res["sector"].values) == 2 and res["sector"].truncated
    assert not res["role"].truncated or len(res["role"].values) == 2
    full = {r.field: r for r in facet_counts(cat, "organizations", limit=50)}
    assert not full["sector"].truncated
    counts_sorted = [n for _c, _l, n in full["sector"].values]
    assert counts_sorted == sorted(counts_sorted, reverse=True)


def test_chosen_values_always_listed(shared_search_catalog):
    cat, _ids = shared_search_catalog
    res = {r.field: r for r in facet_counts(cat, "organizations", "Гомсельмаш",
                                            {"region": exc("vitebsk")}, limit=1)}
    assert "vitebsk" in [c for c, _l, _n in res["region"].values]


def test_value_filter_searches_long_lists(shared_search_catalog):
    cat, _ids = shared_search_catalog
    res = {r.field: r for r in facet_counts(cat, "organizations", value_filter={"sector": "робот"})}
    assert [lab for _c, lab, _n in res["sector"].values] == ["Робототехника"]


def test_facets_of_other_views_are_ignored(shared_search_catalog):
    cat, _ids = shared_search_catalog
    q = search.build_query("organizations", "", {"status": inc("completed")})
    assert q.clauses == []
    assert "status" in FACETS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30), st.dictionaries(st.sampled_from(sorted(FACETS)),
                                             st.fixed_dictionaries({"include": st.sets(st.text(max_size=8), max_size=3),
                                                                    "exclude": st.sets(st.text(max_size=8), max_size=3)}),
                                             max_size=3))
def test_no_text_or_value_breaks_facets(shared_search_catalog, text, facets):
    cat, _ids = shared_search_catalog
    for view in ("residents", "projects"):
        facet_counts(cat, view, text, facets, value_filter={"sector": text})
        listing.count(cat, search.build_query(view, text, facets))


def test_saved_searches_round_trip(catalog):
    robo = {"sector": {"include": {"робототехника"}, "exclude": {"x"}}}
    sid = saved_searches.save(catalog, "  Роботы  в  Минске ", "residents", "робот", robo)
    item = saved_searches.get(catalog, sid)
    assert item["name"] == "Роботы в Минске" and item["facets"] == robo and item["text"] == "робот"
    assert saved_searches.list_all(catalog)[0]["count"] == 0
    with pytest.raises(ValidationError):
        saved_searches.save(catalog, "Роботы в Минске", "projects")
    saved_searches.save(catalog, "Роботы в Минске", "projects", "", None, replace=True)
    assert saved_searches.get(catalog, sid)["view"] == "projects"
    other = saved_searches.save(catalog, "Другое", "projects")
    with pytest.raises(ValidationError):
        saved_searches.rename(catalog, other, "Роботы в Минске")
    with pytest.raises(ValidationError):
        saved_searches.save(catalog, "   ", "projects")
    with pytest.raises(ValidationError):
        saved_searches.save(catalog, "x", "nosuchview")
    saved_searches.rename(catalog, other, "Третье")
    assert [i["name"] for i in saved_searches.list_all(catalog)] == ["Роботы в Минске", "Третье"]
    saved_searches.delete(catalog, other)
    with pytest.raises(NotFoundError):
        saved_searches.get(catalog, other)
    with pytest.raises(NotFoundError):
        saved_searches.rename(catalog, other, "Снова")


def test_saved_searches_survive_reopening(tmp_path):
    from belcat.core.catalog import open_catalog

    with open_catalog(tmp_path / "c.sqlite") as cat:
        saved_searches.save(cat, "Мой поиск", "projects", "сварка")
    with open_catalog(tmp_path / "c.sqlite") as cat:
        assert [i["name"] for i in saved_searches.list_all(cat)] == ["Мой поиск"]


def test_counts_follow_writes_and_other_catalogs(search_catalog, tmp_path):
    from belcat.core import organizations
    from belcat.core.catalog import open_catalog

    cat, ids = search_catalog
    before = counts(cat, "organizations")
    assert before["role"]["resident"] == 3
    organizations.delete(cat, ids["robo"])
    after = counts(cat, "organizations")  # the cached value lists were read again
    assert sum(after["role"].values()) < sum(before["role"].values())
    with open_catalog(tmp_path / "empty.sqlite") as other:
        assert all(not values for values in counts(other, "organizations").values())
    assert counts(cat, "organizations") == after
