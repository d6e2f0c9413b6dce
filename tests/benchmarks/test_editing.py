"""Editing at scale: the duplicate lookup and the organization picker run on
every keystroke, a save and its undo on every click.

Run: .venv/bin/python -m pytest -m benchmark tests/benchmarks/test_editing.py -s
"""

import shutil
import statistics
import time

import pytest

from belcat.core import duplicates, editing, organizations
from belcat.core.catalog import open_catalog

pytestmark = pytest.mark.benchmark

TYPED = ["Г", "Гом", "ОАО «Гомсельмаш»", "Gomselmash", "Минский тракторный", "Янтарс", "Belaruskali",
         "ООО \"Алгосистем\"", "Технософт", "сист"]


def _ms(fn, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def test_lookups_per_keystroke(demo_100k):
    with open_catalog(demo_100k) as cat:
        worst_dup = worst_pick = 0.0
        for text in TYPED:
            dup = _ms(lambda: duplicates.find(cat, {"name": text, "unp": "190000001"}))
            pick = _ms(lambda: editing.search_organizations(cat, text))
            print(f"{text!r:24} duplicates {dup:6.1f} ms   picker {pick:6.1f} ms")
            worst_dup, worst_pick = max(worst_dup, dup), max(worst_pick, pick)
    assert worst_dup < 50, worst_dup  # well under a keystroke's interval
    assert worst_pick < 250, worst_pick


def test_save_delete_and_restore(demo_100k, tmp_path):
    path = tmp_path / "copy.sqlite"
    shutil.copyfile(demo_100k, path)  # the shared cache stays untouched
    with open_catalog(path) as cat:
        org_id = cat.scalar("SELECT org_id FROM project_participants GROUP BY org_id ORDER BY count(*) DESC LIMIT 1")
        values = editing.form_values(editing.snapshot(cat, "organization", org_id), "organization")
        values["website"] = values["email"] = None  # demo addresses may break today's rules
        version = cat.scalar("SELECT version FROM organizations WHERE id = ?", [org_id])
        start = time.perf_counter()
        version = editing.update(cat, "organization", org_id, {**values, "city": "Гомель"}, version)
        save = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        snap = editing.delete(cat, "organization", org_id)
        delete = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        editing.restore(cat, "organization", snap)
        restore = (time.perf_counter() - start) * 1000
        links = len(snap["projects"]) + len(snap["relations"])
        print(f"save {save:.1f} ms, delete {delete:.1f} ms, restore {restore:.1f} ms ({links} links)")
        assert organizations.get(cat, org_id)["projects"] == snap["projects"]
    assert max(save, delete, restore) < 1000
