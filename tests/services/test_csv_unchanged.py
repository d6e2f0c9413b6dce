"""When an imported row counts as holding what the record holds already:
only when every value it gives is stored as it is; any doubt is a change."""

from belcat.core import organizations
from belcat.services.csv_unchanged import CurrentValues


def test_the_values_a_record_holds_are_unchanged_and_others_are_not(filled):
    catalog, ids = filled
    current = CurrentValues(catalog, organizations.SPEC)
    gomselmash = ids["gomselmash"]
    assert not current.changes(gomselmash, {"name": "Гомсельмаш", "unp": "400069905", "region": "gomel",
                                     "roles": ["enterprise"], "sectors": ["Машиностроение"],
                                     "aliases": ["Gomselmash", "ГСМ; завод"], "city": " Гомель "})
    assert current.changes(gomselmash, {"city": "Жлобин"})
    assert current.changes(gomselmash, {"sectors": ["Машиностроение", "Металлургия"]})
    assert current.changes(gomselmash, {"sectors": []})  # an empty list empties the field
    assert current.changes(gomselmash, {"roles": ["enterprise", "resident"]})
    assert current.changes(gomselmash, {"aliases": ["ГСМ; завод", "Gomselmash"]})  # their order is kept
    assert current.changes(ids["mtz"] + 1000, {"name": "Нет такой"})


def test_the_changes_are_the_values_that_differ(filled):
    catalog, ids = filled
    current = CurrentValues(catalog, organizations.SPEC)
    row = {"name": "Гомсельмаш", "city": "Жлобин", "region": "minsk", "roles": ["enterprise"],
           "sectors": ["Машиностроение", "Металлургия"], "aliases": ["Gomselmash", "ГСМ; завод"],
           "phone": "+375 232 59-12-12"}
    assert current.changes(ids["gomselmash"], row) == {
        "city": "Жлобин", "region": "minsk", "sectors": ["Машиностроение", "Металлургия"]}
    # A record it cannot read: every value.
    assert current.changes(ids["mtz"] + 1000, row) == row


def test_with_a_file_s_columns_it_reads_those_alone(filled):
    catalog, ids = filled
    current = CurrentValues(catalog, organizations.SPEC, ["name", "city", "sectors"])
    assert current.part.keys() == {"terms"} and current.position.keys() == {"name", "city"}
    assert current.changes(ids["gomselmash"], {"name": "Гомсельмаш", "city": "Гомель", "sectors": ["Машиностроение"],
                                               "phone": "+375 17 000-00-00"}) == {"phone": "+375 17 000-00-00"}


def test_fields_it_does_not_compare_count_as_changes(filled):
    catalog, ids = filled
    current = CurrentValues(catalog, organizations.SPEC)
    assert current.changes(ids["gomselmash"], {"name": "Гомсельмаш", "source_title": "Статья"})
    assert current.changes(ids["gomselmash"], {"name": "Гомсельмаш", "source_title": "Статья"}) == {
        "source_title": "Статья"}


def test_a_name_two_terms_answer_to_counts_as_a_change(filled):
    catalog, ids = filled
    current = CurrentValues(catalog, organizations.SPEC)
    assert not current.changes(ids["gomselmash"], {"sectors": ["Машиностроение"]})
    with catalog.write():  # another sector whose code is that name: the import may pick either
        catalog.conn.execute("INSERT INTO terms (kind, code, name_ru) VALUES ('sector', 'Машиностроение', 'Другая')")
    assert CurrentValues(catalog, organizations.SPEC).changes(ids["gomselmash"], {"sectors": ["Машиностроение"]})


def test_a_project_is_judged_by_what_the_core_would_store(filled):
    from belcat.core import projects

    catalog, ids = filled
    with catalog.write():  # an expiry that does not follow from the listing date
        catalog.conn.execute("UPDATE projects SET single_source_listed_on = '2023-01-10', "
                             "single_source_expires_on = '2023-06-30' WHERE id = ?", [ids["welding"]])
    current = CurrentValues(catalog, projects.SPEC)
    # The core's update would set the expiry two years after the listing.
    assert current.changes(ids["welding"], {"single_source_listed_on": "2023-01-10",
                                             "single_source_expires_on": "2023-06-30"})
    assert not current.changes(ids["welding"], {"title": "Роботизированная сварка", "start_year": 2021})


def test_a_term_added_after_the_start_is_found(filled):
    catalog, ids = filled
    current = CurrentValues(catalog, organizations.SPEC, ["name", "sectors"])
    gomselmash = ids["gomselmash"]
    with catalog.write():  # as an earlier row of the import would: a new sector, linked
        term_id = catalog.conn.execute(
            "INSERT INTO terms (kind, code, name_ru) VALUES ('sector', 'quantum', 'Квантовые вычисления')").lastrowid
        catalog.conn.execute("INSERT INTO organization_terms (org_id, term_id) VALUES (?, ?)", [gomselmash, term_id])
    given = {"sectors": ["Машиностроение", "Квантовые вычисления"]}
    assert not current.changes(gomselmash, given)
    assert current.changes(gomselmash, {"sectors": ["Машиностроение"]}) == {"sectors": ["Машиностроение"]}
    assert current.changes(ids["mtz"], given) == given
