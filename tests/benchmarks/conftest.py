import os
from pathlib import Path

import pytest

CACHE = Path(os.environ.get("BELCAT_BENCH_CACHE", "/tmp/belcat-bench"))


def demo_catalog(organizations: int, projects: int) -> Path:
    """A demo catalog of the given size, built once and kept between runs."""
    from belcat.core.catalog import open_catalog
    from belcat.core.schema import SCHEMA_VERSION
    from belcat.services.demo import generate_demo

    CACHE.mkdir(parents=True, exist_ok=True)
    # One file per schema version: opening a cached file with a newer schema
    # would migrate it, and an older belcat would then refuse it.
    path = CACHE / f"demo-{organizations}-{projects}-s{SCHEMA_VERSION}.sqlite"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        with open_catalog(partial) as cat:
            generate_demo(cat, organizations=organizations, projects=projects, seed=1)
            cat.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        partial.rename(path)
    return path


@pytest.fixture(scope="session")
def demo_100k():
    return demo_catalog(100_000, 50_000)


@pytest.fixture(scope="session")
def demo_1m():
    return demo_catalog(1_000_000, 0)
