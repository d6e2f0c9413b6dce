from PySide6.QtWidgets import QLabel

from belcat.core.catalog import open_catalog
from belcat.services.demo import generate_demo
from belcat.ui.app import build_main_window


def test_demo_catalog_is_marked_in_title_and_status_bar(qtbot, tmp_path):
    path = tmp_path / "demo.sqlite"
    with open_catalog(path) as cat:
        generate_demo(cat, organizations=40, projects=10, seed=4)
    window = build_main_window(path)
    qtbot.addWidget(window)
    window.show()
    badge = window.findChild(QLabel, "demoBadge")
    assert badge is not None and badge.isVisible()
    assert "seed 4" in badge.text() and badge.toolTip()
    assert "[demo data]" in window.windowTitle()
    assert window.model.rowCount() > 0


def test_other_catalogs_carry_no_demo_mark(qtbot, small_catalog_path):
    path, _ = small_catalog_path
    window = build_main_window(path)
    qtbot.addWidget(window)
    assert window.findChild(QLabel, "demoBadge") is None
    assert "demo" not in window.windowTitle()
