"""Generating the demo catalog of 100,000 organizations and 50,000 projects.

Run: .venv/bin/python -m pytest -m benchmark tests/benchmarks/test_demo_generation.py -s
"""

import os
import time

import pytest

pytestmark = pytest.mark.benchmark

TARGET_SECONDS = 60


def test_demo_generation_100k_organizations_50k_projects(tmp_path):
    from belcat.core.catalog import open_catalog
    from belcat.services.demo import generate_demo

    stages = {}
    cpu_started = time.process_time()
    started = time.perf_counter()

    def progress(stage, done, total):
        stages[stage] = time.perf_counter() - started

    with open_catalog(tmp_path / "demo.sqlite") as cat:
        counts = generate_demo(cat, organizations=100_000, projects=50_000, seed=1, progress=progress)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        assert cat.scalar("SELECT count(*) FROM organizations") == 100_000
        assert cat.scalar("SELECT count(*) FROM projects") == 50_000
    size_mb = (tmp_path / "demo.sqlite").stat().st_size / 2**20
    print(f"\ndemo 100k organizations + 50k projects: {elapsed:.1f} s, cpu {cpu:.1f} s, "
          f"load average {os.getloadavg()[0]:.1f} "
          f"(organizations done at {stages['organizations']:.1f} s, "
          f"projects at {stages['projects']:.1f} s); {counts['participants']:,} participants, "
          f"{counts['relations']:,} relations; file {size_mb:.0f} MiB before checkpoint")
    assert elapsed < TARGET_SECONDS
