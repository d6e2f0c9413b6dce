"""A process killed (SIGKILL) while it saves leaves the catalog whole: the
record as it was before that save or after it, never a mix."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from belcat.core import organizations
from belcat.core.catalog import open_catalog

WRITER = textwrap.dedent("""
    import sys
    from belcat.core import organizations
    from belcat.core.catalog import open_catalog

    cat = open_catalog(sys.argv[1])
    org_id = int(sys.argv[2])
    n = 0
    while True:
        n += 1
        g = f"gen{n}"
        organizations.update(cat, org_id, {
            "city": g, "address": g, "description": (g + " ") * 20000,
            "aliases": [f"{g}-{i}" for i in range(60)],
            "sectors": [f"{g}-sector-{i}" for i in range(5)],
        })
        if n == 3:
            print("ready", flush=True)
""")


def _generation(org: dict) -> set[str]:
    """Every generation tag the record's parts carry (one when consistent)."""
    tags = {org["city"], org["address"], org["description"].split(" ")[0]}
    tags |= {a.split("-")[0] for a in org["aliases"]}
    tags |= {s.split("-")[0] for s in org["sectors"]}
    return tags


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("delay", [0.0, 0.013, 0.037, 0.071])
def test_killed_writer_leaves_old_or_new_record(tmp_path, delay):
    path = tmp_path / "catalog.sqlite"
    with open_catalog(path) as cat:
        org_id = organizations.create(cat, {
            "name": "Гомсельмаш", "city": "gen0", "address": "gen0", "description": "gen0",
            "aliases": ["gen0-a"], "sectors": ["gen0-sector"]})
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(org_id)],
                            stdout=subprocess.PIPE, cwd=root)
    try:
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with open_catalog(path) as cat:
        assert cat.scalar("PRAGMA integrity_check") == "ok"
        assert cat.scalar("PRAGMA foreign_key_check") is None
        org = organizations.get(cat, org_id)
        tags = _generation(org)
        assert len(tags) == 1, tags  # one save's values, whole
        assert org["version"] == int(tags.pop()[3:]) + 1
        assert len(org["aliases"]) == 60


IMPORTER = textwrap.dedent("""
    import os, sys
    from belcat.core.catalog import open_catalog
    from belcat.services import csv_import

    csv_import.BULK_BYTES_PER_RECORD = 0  # a large import, whatever the file's size
    cat = open_catalog(sys.argv[1])
    stage = sys.argv[3]
    seen = {"stage": "read"}

    def progress(done, total):  # killed at the stage's first report
        if seen["stage"] == stage:
            print(cat.scalar("PRAGMA journal_mode"), flush=True)
            os.kill(os.getpid(), 9)
    csv_import.import_csv(cat, sys.argv[2], csv_import.ImportOptions("organizations"),
                          progress=progress, stage=lambda s: seen.update(stage=s))
    print("finished", flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("stage", ["read", "index"])
def test_a_large_import_killed_half_way_leaves_the_catalog_as_it_was(tmp_path, stage):
    """A large import with no other connection writes through a rollback
    journal: killed, it leaves a hot journal that the next open plays back."""
    path = tmp_path / "catalog.sqlite"
    with open_catalog(path) as cat:
        org_id = organizations.create(cat, {"name": "Гомсельмаш", "sectors": ["Машиностроение"]})
        before = organizations.get(cat, org_id)
    rows = tmp_path / "rows.csv"
    rows.write_text("name;sectors\n" + "".join(f"Организация {i};Сектор {i % 7}\n" for i in range(30_000)),
                    encoding="utf-8")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    proc = subprocess.run([sys.executable, "-c", IMPORTER, str(path), str(rows), stage],
                          capture_output=True, text=True, cwd=root, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.split() == ["delete"]  # it ran on the rollback journal
    assert os.path.exists(f"{path}-journal")
    with open_catalog(path) as cat:
        assert cat.scalar("PRAGMA integrity_check") == "ok"
        assert cat.scalar("PRAGMA journal_mode") == "wal"
        assert cat.scalar("SELECT count(*) FROM organizations") == 1
        assert organizations.get(cat, org_id) == before
        assert cat.scalar("SELECT count(*) FROM search_org WHERE search_org MATCH 'организация'") == 0
    assert not os.path.exists(f"{path}-journal")
