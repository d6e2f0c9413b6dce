import pytest
from PySide6.QtCore import QSettings

from belcat.core import organizations, projects
from belcat.core.catalog import open_catalog
from belcat.ui.app import build_main_window


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory):
    """Each test remembers window state in a folder of its own."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def small_catalog_path(tmp_path):
    """A real catalog file with a few linked records; returns its path and ids."""
    path = tmp_path / "catalog.sqlite"
    with open_catalog(path) as cat:
        ids = {
            "gomselmash": organizations.create(cat, {
                "name": "Гомсельмаш", "legal_form": "ОАО", "full_name": "ОАО «Гомсельмаш»",
                "region": "gomel", "city": "Гомель", "roles": ["enterprise"],
                "aliases": ["Gomselmash"], "sectors": ["Машиностроение"]}),
            "mtz": organizations.create(cat, {
                "name": "Минский тракторный завод", "legal_form": "ОАО", "region": "minsk_city",
                "city": "Минск", "roles": ["enterprise"], "aliases": ["МТЗ", "MTZ"]}),
            "soft": organizations.create(cat, {
                "name": "Технософт", "roles": ["resident"], "region": "minsk_city",
                "sectors": ["Робототехника"]}),
        }
        ids["programme"] = projects.create_programme(cat, {
            "name": "ГПИР 2021–2025", "kind": "state_innovation", "start_year": 2021, "end_year": 2025})
        with cat.write():
            cat.conn.execute(
                "INSERT INTO indicators (name, value, unit, period, programme_id) VALUES (?, ?, ?, ?, ?)",
                ["Новые рабочие места", 700, "мест", "2022", ids["programme"]])
        ids["welding"] = projects.create(cat, {
            "title": "Роботизированная сварка", "status": "in_progress", "start_year": 2025,
            "programme_id": ids["programme"],
            "participants": [{"org_id": ids["gomselmash"], "role": "customer"},
                             {"org_id": ids["soft"], "role": "developer"}]})
        organizations.add_relation(cat, ids["gomselmash"], ids["soft"], "adopted",
                                   product="Сварочный робот")
    return path, ids


@pytest.fixture
def shown_window(qtbot, small_catalog_path):
    """The main window, shown, on the small catalog; returns it, the ids and the path."""
    path, ids = small_catalog_path
    win = build_main_window(path)
    qtbot.addWidget(win)
    win.show()
    return win, ids, path
