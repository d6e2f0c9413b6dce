"""Start-up and scrolling: process start to the first paint of the loaded
window, next to a bare PySide6 window started the same way (the floor), and
scrolling to the last row of a large and a small catalog.

Run: .venv/bin/python -m pytest -m benchmark tests/benchmarks/test_startup.py -s
"""

import os
import statistics
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from .conftest import demo_catalog

pytestmark = pytest.mark.benchmark

# Both children print when their window has painted the first time with its
# content, then exit. Time is taken by the parent from spawn to that line.
BELCAT_CHILD = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    from belcat.ui.app import build_main_window

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and win.model.rowCount():
                print("painted", win.model.rowCount(), flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    app = QApplication(sys.argv[:1])
    win = build_main_window(sys.argv[1], load=False)
    watcher = FirstPaint()
    win.results_view.viewport().installEventFilter(watcher)
    win.show()
    QTimer.singleShot(0, lambda: win.load(sys.argv[2]))
    app.exec()
""")

BARE_CHILD = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    app = QApplication(sys.argv[:1])
    win = QMainWindow()
    table = QTableView()
    win.setCentralWidget(table)
    watcher = FirstPaint()  # kept: Qt does not own an event filter
    table.viewport().installEventFilter(watcher)
    win.resize(1400, 820)
    win.show()
    app.exec()
""")


def _time_to_paint(args, env) -> tuple[float, float]:
    """Seconds from spawn to the first paint, and the CPU seconds the child used."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env)
    watchdog = threading.Timer(60, proc.kill)  # a child that never paints fails, not hangs
    watchdog.start()
    try:
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
    finally:
        watchdog.cancel()
    assert line.startswith("painted"), line
    return elapsed, usage.ru_utime + usage.ru_stime


def _env(tmp_path):
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}


def _summary(runs):
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    return wall, cpu, max(r[0] for r in runs)


def test_startup_to_first_paint(demo_100k, tmp_path):
    env = _env(tmp_path)
    runs = 7
    belcat = {}
    for view in ("residents", "organizations", "projects"):
        belcat[view] = _summary([
            _time_to_paint([sys.executable, "-c", BELCAT_CHILD, str(demo_100k), view], env)
            for _ in range(runs)])
    bare = _summary([_time_to_paint([sys.executable, "-c", BARE_CHILD], env) for _ in range(runs)])
    load = os.getloadavg()[0]
    print(f"\nload average {load:.1f} on {os.cpu_count()} cores")
    print(f"bare PySide6 window: median {bare[0]:.3f} s (cpu {bare[1]:.3f} s), max {bare[2]:.3f} s")
    for view, (wall, cpu, worst) in belcat.items():
        print(f"belcat 100k demo, {view}: median {wall:.3f} s (cpu {cpu:.3f} s), max {worst:.3f} s")
    for wall, cpu, _ in belcat.values():
        # The CPU a start needs is what an idle machine waits; a busy one
        # (other test runs) stretches the wall time, so that is held to the
        # target only when the cores are free.
        assert cpu < 1.0
        if load < (os.cpu_count() or 1):
            assert wall < 1.0


def test_scrolling_to_last_row_large_vs_small(demo_1m, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from belcat.ui.app import build_main_window

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    small = demo_catalog(1_000, 0)
    result = {}
    for label, path in (("1,000,000", demo_1m), ("1,000", small)):
        win = build_main_window(path, load=False)
        qtbot.addWidget(win)
        win.show()
        win.load("organizations")
        times = []
        for _ in range(5):
            win.results_view.scrollToTop()
            win.results_view.viewport().grab()
            start = time.perf_counter()
            win.results_view.scrollToBottom()
            win.results_view.viewport().grab()  # paints the last rows, reading them
            times.append(time.perf_counter() - start)
        last = win.model.index(win.model.rowCount() - 1, 0).data()
        assert last
        result[label] = statistics.median(times)
        win.close()
    for label, seconds in result.items():
        print(f"\nscroll to last row, {label} organizations: median {seconds * 1000:.1f} ms")
    assert result["1,000,000"] < max(3 * result["1,000"], 0.05)
