import pytest

from belcat.core import organizations, projects


@pytest.fixture
def filled(catalog):
    """A catalog with linked organizations and a project, with awkward text."""
    ids = {}
    ids["gomselmash"] = organizations.create(catalog, {
        "name": "Гомсельмаш", "legal_form": "ОАО", "full_name": "ОАО «Гомсельмаш»",
        "unp": "400069905", "region": "gomel", "city": "Гомель", "roles": ["enterprise"],
        "aliases": ["Gomselmash", "ГСМ; завод"], "sectors": ["Машиностроение"],
        "phone": "+375 232 59-12-12", "htp_since": "2019-05-01",
        "description": '=HYPERLINK("http://x")\nвторая строка; "кавычки", запятая'})
    ids["soft"] = organizations.create(catalog, {
        "name": "Тэхнасофт ўі 😀", "roles": ["resident"], "region": "minsk_city",
        "sectors": ["Робототехника"], "email": "info@example.by"})
    ids["mtz"] = organizations.create(catalog, {
        "name": "Минский тракторный завод", "roles": ["enterprise"], "aliases": ["МТЗ"]})
    ids["programme"] = projects.create_programme(catalog, {"name": "ГПИР 2021–2025", "kind": "state_innovation"})
    ids["welding"] = projects.create(catalog, {
        "title": "Роботизированная сварка", "status": "in_progress", "start_year": 2021,
        "end_year": 2025, "budget": 1234.5, "jobs_created": 40, "programme_id": ids["programme"],
        "countries": ["Россия"], "pilot_started_on": "2022-03-15",
        "participants": [{"org_id": ids["gomselmash"], "role": "customer"},
                         {"org_id": ids["soft"], "role": "developer",
                          "note": "сварочный робот — в цехе №2; \"прототип\""}]})
    organizations.add_relation(catalog, ids["gomselmash"], ids["soft"], "adopted",
                               product="Система — «Зрение», v2; сварка")
    return catalog, ids
