import subprocess
import sys
import textwrap

from belcat.core import listing, organizations
from belcat.core.catalog import open_catalog
from belcat.ui.results_model import ResultsModel


def test_model_passes_qt_model_tester(qtmodeltester, small_catalog_path):
    path, _ = small_catalog_path
    with open_catalog(path) as cat:
        for view in listing.VIEWS:
            model = ResultsModel(cat)
            model.set_query(listing.ListQuery(view))
            qtmodeltester.check(model)


def test_rows_are_read_lazily_a_page_at_a_time(catalog):
    with catalog.write():
        catalog.conn.executemany(
            "INSERT INTO organizations (name) VALUES (?)", [(f"Организация {i:05d}",) for i in range(5000)]
        )
    model = ResultsModel(catalog)
    model.set_query(listing.ListQuery("organizations"))
    assert model.rowCount() == 5000
    assert model._cache == {}
    assert model.index(4999, 0).data() == "Организация 04999"
    assert 0 < len(model._cache) <= 300


def test_deleted_record_shows_empty_until_refresh(catalog):
    org_id = organizations.create(catalog, {"name": "Ручайка"})
    model = ResultsModel(catalog)
    model.set_query(listing.ListQuery("organizations"))
    organizations.delete(catalog, org_id)
    assert model.index(0, 0).data() == ""
    model.refresh()
    assert model.rowCount() == 0


# PySide6 6.12.0 on Python 3.11 drops a reference to None each time a Python
# data() override returns None to C++, and aborts after a few thousand calls.
# Run many thousands of real data() calls through a painted view in a child
# process, so an abort fails this test instead of killing the test run.
SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication
    from belcat.ui.app import build_main_window

    app = QApplication([])
    win = build_main_window(sys.argv[1])
    win.view_selector.setCurrentIndex(3)
    win.resize(1200, 800)
    win.show()
    model, view = win.model, win.results_view
    none_refs = sys.getrefcount(None)
    for round_ in range(6):
        for row in range(0, model.rowCount(), 40):
            view.scrollTo(model.index(row, 0))
            view.viewport().grab()
    # Also through QModelIndex.data(), which goes C++ -> Python override and
    # is where 6.12.0 loses a reference to None on every call.
    for row in range(0, model.rowCount(), 3):
        for role in (1, 6, 7, 8, 9):  # decoration, font, alignment, background, foreground
            model.index(row, 1).data(role)
    print(none_refs, sys.getrefcount(None))
""")


def test_many_data_calls_through_a_real_view(tmp_path):
    path = tmp_path / "many.sqlite"
    with open_catalog(path) as cat, cat.write():
        cat.conn.executemany(
            "INSERT INTO organizations (name, city) VALUES (?, NULL)",
            [(f"Предприятие {i}",) for i in range(3000)],
        )
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)], capture_output=True, text=True, timeout=300,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    before, after = map(int, out.stdout.strip().splitlines()[-1].split())
    assert after >= before - 100, f"references to None fell from {before} to {after}"
