from belcat.core import listing, organizations


def _make(catalog):
    ids = {}
    for name, roles, city in [("Бета", ["resident"], "Минск"), ("Альфа", ["resident", "enterprise"], None),
                              ("Гамма", ["enterprise"], "Гомель")]:
        ids[name] = organizations.create(catalog, {"name": name, "roles": roles, "city": city})
    return ids


def test_views_select_by_role(catalog):
    ids = _make(catalog)
    assert set(listing.ids(catalog, listing.ListQuery("residents"))) == {ids["Бета"], ids["Альфа"]}
    assert set(listing.ids(catalog, listing.ListQuery("enterprises"))) == {ids["Альфа"], ids["Гамма"]}
    assert len(listing.ids(catalog, listing.ListQuery("organizations"))) == 3
    assert listing.count(catalog, listing.ListQuery("residents")) == 2


def test_sort_by_column_both_ways_empty_last(catalog):
    ids = _make(catalog)
    q = listing.ListQuery("organizations", sort_key="city")
    assert listing.ids(catalog, q) == [ids["Гамма"], ids["Бета"], ids["Альфа"]]
    q.descending = True
    assert listing.ids(catalog, q) == [ids["Бета"], ids["Гамма"], ids["Альфа"]]
    q = listing.ListQuery("organizations")  # default: by name
    assert listing.ids(catalog, q) == [ids["Альфа"], ids["Бета"], ids["Гамма"]]


def test_rows_follow_view_columns(catalog):
    ids = _make(catalog)
    view = listing.VIEWS["organizations"]
    rows = listing.rows(catalog, view, [ids["Альфа"]])
    row = dict(zip([c.key for c in view.columns], rows[ids["Альфа"]]))
    assert row["name"] == "Альфа"
    assert sorted(row["roles"].split(",")) == ["enterprise", "resident"]


def test_extra_clauses_filter(catalog):
    ids = _make(catalog)
    q = listing.ListQuery("organizations", clauses=[("r.city = ?", ["Минск"])])
    assert listing.ids(catalog, q) == [ids["Бета"]]
