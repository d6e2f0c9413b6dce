import pytest

from belcat.core import organizations, projects


@pytest.fixture
def search_catalog(catalog):
    """A catalog with names in three scripts, aliases, terms, regions and links;
    returns (catalog, ids by short key). One per test: tests may change it."""
    return fill_search_catalog(catalog)


@pytest.fixture(scope="module")
def shared_search_catalog(tmp_path_factory):
    """The same records, shared by the read-only tests of a module."""
    from belcat.core.catalog import open_catalog

    cat = open_catalog(tmp_path_factory.mktemp("search") / "catalog.sqlite")
    yield fill_search_catalog(cat)
    cat.close()


def fill_search_catalog(c):
    ids = {}
    ids["gomselmash"] = organizations.create(c, {
        "name": "Гомсельмаш", "legal_form": "ОАО", "full_name": "ОАО «Гомсельмаш»",
        "name_en": "Gomselmash", "region": "gomel", "city": "Гомель", "roles": ["enterprise"],
        "sectors": ["Машиностроение"], "technologies": ["Сварка"],
        "description": "Производитель зерноуборочных комбайнов"})
    ids["mtz"] = organizations.create(c, {
        "name": "Минский тракторный завод", "legal_form": "ОАО", "region": "minsk_city",
        "city": "Минск", "roles": ["enterprise"], "aliases": ["МТЗ", "MTZ"],
        "sectors": ["Машиностроение"], "countries": ["Россия"]})
    ids["kali"] = organizations.create(c, {
        "name": "Беларуськалий", "name_be": "Беларуськалій", "name_en": "Belaruskali",
        "legal_form": "ОАО", "region": "minsk", "city": "Солигорск", "roles": ["enterprise"],
        "sectors": ["Горнодобывающая промышленность"]})
    ids["robo"] = organizations.create(c, {
        "name": "Технософт", "roles": ["resident"], "region": "minsk_city", "city": "Минск",
        "sectors": ["Робототехника"], "technologies": ["Машинное зрение"],
        "products": "Сварочные роботы", "countries": ["Россия", "Казахстан"],
        "description": "Поставляет роботов для Гомсельмаш и других заводов; ёмкость рынка растёт"})
    ids["it"] = organizations.create(c, {
        "name": "Айти Решения", "name_en": "IT Solutions", "roles": ["resident"],
        "region": "vitebsk", "city": "Витебск", "sectors": ["Программное обеспечение"],
        "description": "Разработка ПО. Упоминает робототехника глубоко в описании текста."})
    ids["lab"] = organizations.create(c, {
        "name": "Институт робототехники", "roles": ["research", "resident"], "region": "minsk_city",
        "city": "Минск", "sectors": ["Робототехника", "Образование"]})
    ids["programme"] = projects.create_programme(c, {
        "name": "ГПИР 2021–2025", "name_en": "State Programme 2021-2025", "kind": "state_innovation",
        "start_year": 2021, "end_year": 2025})
    ids["pilot"] = projects.create_programme(c, {"name": "Пилотные проекты", "kind": "pilot"})
    ids["welding"] = projects.create(c, {
        "title": "Роботизированная сварка рам", "status": "in_progress", "start_year": 2023,
        "end_year": 2025, "programme_id": ids["programme"], "sectors": ["Робототехника"],
        "countries": ["Россия"],
        "participants": [{"org_id": ids["gomselmash"], "role": "customer"},
                         {"org_id": ids["robo"], "role": "developer"}]})
    ids["potash"] = projects.create(c, {
        "title": "Цифровой рудник", "status": "completed", "start_year": 2019, "end_year": 2021,
        "programme_id": ids["pilot"], "sectors": ["Горнодобывающая промышленность"],
        "description": "Диспетчеризация подземного транспорта",
        "participants": [{"org_id": ids["kali"], "role": "customer"},
                         {"org_id": ids["it"], "role": "developer"}]})
    organizations.add_relation(c, ids["mtz"], ids["robo"], "adopted", product="Сварочный робот")
    return c, ids
